from django.core.management.base import BaseCommand

from solidair.campaigns.services import trend_alerts_send


class Command(BaseCommand):
    help = ("Mail coordinators the networks, e-mail domains and municipalities whose "
            "confirmed signatures of the last CAMPAIGNS_TREND_MAIL_HOURS (1) crossed their "
            "usual rate, each at most once per CAMPAIGNS_TREND_ALERT_PERIOD_HOURS (24) "
            "(run hourly from cron).")

    def handle(self, *args, **options):
        alerts = trend_alerts_send()
        self.stdout.write(f"{len(alerts)} new crossings mailed to coordinators")
