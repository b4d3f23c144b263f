from django.core.management.base import BaseCommand

from solidair.core.delivery import send_due_mail


class Command(BaseCommand):
    help = ("Retry queued e-mails whose next attempt is due (run every few minutes); mail that "
            "was just queued or is being sent is left to its sender.")

    def handle(self, *args, **options):
        sent, failed = send_due_mail()
        self.stdout.write(f"sent {sent}, still failing {failed}")
