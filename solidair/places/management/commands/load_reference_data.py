from django.core.management.base import BaseCommand
from tqdm import tqdm

from solidair.places.reference import load_reference_data, total_steps


class Command(BaseCommand):
    help = ("Load or update Belgium's regions, provinces, 565 municipalities, postal codes, the "
            "581 codes before 2025, the city titles and the founding members (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, no_progress=False, **options):
        with tqdm(total=total_steps(), desc="reference data", unit="row",
                  disable=no_progress, file=self.stderr) as progress:
            report = load_reference_data(progress)
        self.stdout.write(self.style.SUCCESS(
            f"{report.regions} regions, {report.provinces} provinces, "
            f"{report.municipalities} municipalities ({report.cities} cities), "
            f"{report.legacy} codes before 2025, {report.postal_codes} postal codes, "
            f"{report.founding_members_added} founding members added."))
