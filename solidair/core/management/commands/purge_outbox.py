from django.conf import settings
from django.core.management.base import BaseCommand

from solidair.core.mail import outbox_purge


class Command(BaseCommand):
    help = "Delete sent and abandoned e-mails older than OUTBOX_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = outbox_purge()
        self.stdout.write(f"deleted {deleted} e-mails older than "
                          f"{settings.OUTBOX_RETENTION_DAYS} days")
