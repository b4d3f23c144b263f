from django.core.management.base import BaseCommand

from solidair.charter.services import purge_expired_feedback, refresh_contested_states


class Command(BaseCommand):
    help = ("Mark as contested the commitments with two published contests left without a "
            "reply for 30 days, and delete confirmations and contests whose author never "
            "confirmed their e-mail address in time, or rejected 30 days ago. Run daily from "
            "cron.")

    def handle(self, *args, **options):
        marked = refresh_contested_states()
        purged = purge_expired_feedback()
        self.stdout.write(f"{marked} commitments changed state, {purged} unconfirmed or "
                          "rejected texts deleted")
