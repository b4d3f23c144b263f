from django.core.management.base import BaseCommand

from solidair.campaigns.services import digest_send_due


class Command(BaseCommand):
    help = ("Send each council whose digest period has passed its new confirmed co-signatures, "
            "with the letter as PDF (run hourly or daily from cron).")

    def handle(self, *args, **options):
        deliveries = digest_send_due()
        for delivery in deliveries:
            self.stdout.write(f"{delivery.municipality_id}: {delivery.signature_count} "
                              f"co-signatures to {delivery.to}")
        self.stdout.write(f"{len(deliveries)} digests queued")
