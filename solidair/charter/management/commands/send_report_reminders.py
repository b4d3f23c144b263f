from django.core.management.base import BaseCommand

from solidair.charter.services import send_report_reminders


class Command(BaseCommand):
    help = ("Remind members about eleven months after their last progress update (once per "
            "update). Run daily from cron.")

    def handle(self, *args, **options):
        sent = send_report_reminders()
        self.stdout.write(f"reminded {sent} members")
