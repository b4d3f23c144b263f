from django.core.management.base import BaseCommand

from solidair.charter.services import lapse_memberships


class Command(BaseCommand):
    help = ("Daily: a member that did not reconfirm for the new council term by its due date "
            "shows as lapsed, and the residents who co-signed for it before are invited, once, "
            "to ask the new council. Running it again sends nothing new.")

    def handle(self, *args, **options):
        lapsed, invited = lapse_memberships()
        self.stdout.write(f"{lapsed} memberships lapsed, {invited} past co-signatories invited")
