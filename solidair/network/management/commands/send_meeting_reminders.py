from django.core.management.base import BaseCommand

from solidair.network.services import meeting_send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to everyone registered for a meeting in the coming week (once)."

    def handle(self, *args, **options):
        sent = meeting_send_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
