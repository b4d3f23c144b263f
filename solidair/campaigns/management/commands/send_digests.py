from django.core.management.base import BaseCommand

from solidair.campaigns.selectors import municipalities_waiting_for_address
from solidair.campaigns.services import campaign_thresholds_record, digest_send_due


class Command(BaseCommand):
    help = ("Send each council whose digest period has passed its new confirmed co-signatures, "
            "with the letter as PDF (run hourly or daily from cron).")

    def handle(self, *args, **options):
        # First the date each threshold was reached, from the signatures as they are now.
        reached = campaign_thresholds_record()
        if reached:
            self.stdout.write(f"{reached} municipalities reached their threshold")
        deliveries = digest_send_due()
        for delivery in deliveries:
            self.stdout.write(f"{delivery.municipality_id}: {delivery.signature_count} "
                              f"co-signatures to {delivery.to}")
        self.stdout.write(f"{len(deliveries)} digests queued")
        # Only a confirmed council address receives names: the others wait, and say so.
        waiting = municipalities_waiting_for_address().count()
        if waiting:
            self.stdout.write(f"{waiting} municipalities wait for a confirmed council address "
                              "(see /campaign/waiting/)")
