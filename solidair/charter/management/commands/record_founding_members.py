from datetime import date

from django.core.management.base import BaseCommand, CommandError

from solidair.charter.founding import record_founding_members


class Command(BaseCommand):
    help = ("Record the fifteen founding members named in the residents' letter; members that "
            "merged in 2025 are recorded on their new municipality under their old name.")

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="date they joined (YYYY-MM-DD)")

    def handle(self, *args, since, **options):
        try:
            since_date = date.fromisoformat(since)
        except ValueError:
            raise CommandError("--since must be YYYY-MM-DD") from None
        missing = record_founding_members(since=since_date)
        if missing:
            raise CommandError("unknown municipalities (load the reference data first): "
                               + ", ".join(missing))
        self.stdout.write("founding members recorded")
