from datetime import date

from django.core.management.base import BaseCommand, CommandError

from solidair.charter.services import council_term_start


class Command(BaseCommand):
    help = ("Ask every member to reconfirm its membership for a council term, by e-mail to its "
            "officers (or its public contact), within six calendar months of the term's start "
            "(or of today, when later). Running it again only asks new members.")

    def add_arguments(self, parser):
        parser.add_argument("--name", default="2025-2030")
        parser.add_argument("--starts", default="2025-01-01", help="first day (YYYY-MM-DD)")
        parser.add_argument("--ends", default="2030-12-31", help="last day (YYYY-MM-DD)")
        parser.add_argument("--months", type=int, default=6,
                            help="calendar months members have to answer before their "
                                 "membership lapses (default 6)")
        parser.add_argument("--days", type=int, default=None,
                            help="days to answer instead of months")

    def handle(self, *args, name, starts, ends, months, days, **options):
        try:
            starts_on, ends_on = date.fromisoformat(starts), date.fromisoformat(ends)
        except ValueError as error:
            raise CommandError(f"dates must be YYYY-MM-DD: {error}") from None
        if ends_on <= starts_on:
            raise CommandError("the term must end after it starts")
        if months < 1 or (days is not None and days < 1):
            raise CommandError("members need at least a day to answer")
        term, asked = council_term_start(name=name, starts_on=starts_on, ends_on=ends_on,
                                         reconfirm_within_months=months,
                                         reconfirm_within_days=days)
        self.stdout.write(f"council term {term.name}: asked {asked} members to reconfirm")
