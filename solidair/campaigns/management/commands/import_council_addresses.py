import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from solidair.campaigns.services import council_address_import
from solidair.places.models import Municipality


class Command(BaseCommand):
    help = ("Import councils' official e-mail addresses from a CSV file with the columns "
            "nis,email. Lines with errors are reported and skipped; the others are saved. "
            "Imported addresses are reference data: confirmed at once, audited, and told to "
            "the municipality's officers.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8) with a header line: nis,email")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if rows and not {"nis", "email"} <= set(rows[0]):
            raise CommandError("The first line must name the columns: nis,email")
        known = set(Municipality.objects.values_list("nis", flat=True))
        saved, errors = 0, []
        for line, row in enumerate(rows, start=2):
            nis, email = (row.get("nis") or "").strip(), (row.get("email") or "").strip()
            problem = self._problem(nis, email, known)
            if problem:
                errors.append(f"line {line}: {problem}")
                continue
            council_address_import(municipality=Municipality.objects.get(nis=nis), email=email)
            saved += 1
        for error in errors:
            self.stderr.write(error)
        self.stdout.write(f"{saved} addresses saved, {len(errors)} lines with errors")
        if errors:
            raise CommandError(f"{len(errors)} lines were not imported (see above)")

    @staticmethod
    def _problem(nis: str, email: str, known: set) -> str:
        if nis not in known:
            return f"unknown municipality code {nis!r}"
        try:
            validate_email(email)
        except ValidationError:
            return f"invalid e-mail address {email!r}"
        return ""
