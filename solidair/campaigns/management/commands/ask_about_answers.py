from django.core.management.base import BaseCommand

from solidair.campaigns.services import answer_questions_send


class Command(BaseCommand):
    help = ("Ask co-signatories once whether their council replied, 30 days after the first "
            "delivery when no answer is recorded (run daily from cron).")

    def handle(self, *args, **options):
        self.stdout.write(f"{answer_questions_send()} co-signatories asked")
