from django.core.management.base import BaseCommand

from solidair.campaigns import conf
from solidair.campaigns.services import (
    signature_purge_source,
    signature_purge_unconfirmed,
    trend_alerts_purge,
)


class Command(BaseCommand):
    help = ("Delete co-signatures that were not confirmed within 7 days, and forget where "
            "signatures were confirmed from (keyed hash of the client address, its network) "
            "SIGNATURE_SOURCE_RETENTION_DAYS (90) after confirmation, and the signature trends "
            "mailed to coordinators as long after (run daily from cron).")

    def handle(self, *args, **options):
        self.stdout.write(f"{signature_purge_unconfirmed()} unconfirmed signatures deleted")
        days = conf.get("SIGNATURE_SOURCE_RETENTION_DAYS")
        self.stdout.write(f"{signature_purge_source()} signatures' source data cleared "
                          f"(older than {days} days)")
        self.stdout.write(f"{trend_alerts_purge()} signature trend alerts forgotten")
