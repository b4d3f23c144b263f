from django.core.management.base import BaseCommand

from solidair.volunteers.services import offers_purge


class Command(BaseCommand):
    help = ("Retention of volunteer offers (run daily): delete unconfirmed offers after 7 days, "
            "ask offers silent for 24 months to confirm, delete them 30 days later if they do not.")

    def handle(self, *args, **options):
        result = offers_purge()
        self.stdout.write("{expired} unconfirmed offers expired, {asked} volunteers asked to "
                          "confirm, {deleted} inactive offers deleted".format(**result))
