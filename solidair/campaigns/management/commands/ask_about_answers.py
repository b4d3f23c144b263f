from django.core.management.base import BaseCommand

from solidair.campaigns.services import answer_questions_send


class Command(BaseCommand):
    help = ("Ask co-signatories whether their council replied: 3 weeks after the first "
            "delivery when no answer is recorded, and once more at 8 weeks those who did not "
            "answer (run daily from cron).")

    def handle(self, *args, **options):
        self.stdout.write(f"{answer_questions_send()} co-signatories asked")
