from django.core.management.base import BaseCommand

from solidair.core.mail import send_due_mail


class Command(BaseCommand):
    help = "Retry queued e-mails whose next attempt is due (run every few minutes)."

    def handle(self, *args, **options):
        sent, failed = send_due_mail()
        self.stdout.write(f"sent {sent}, still failing {failed}")
