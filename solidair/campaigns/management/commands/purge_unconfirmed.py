from django.core.management.base import BaseCommand

from solidair.campaigns.services import signature_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete co-signatures that were not confirmed within 7 days (run daily from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{signature_purge_unconfirmed()} unconfirmed signatures deleted")
