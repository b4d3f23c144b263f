from collections import defaultdict

from django.core.management.base import BaseCommand

from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.services import signature_duplicates_reject


class Command(BaseCommand):
    help = ("List the signatures found to share a normalised e-mail address with another of "
            "the same municipality when addresses were normalised (row numbers and statuses, "
            "never an address). With --reject, those still counted or waiting are rejected "
            "(audited), so each mailbox counts once.")

    def add_arguments(self, parser):
        parser.add_argument("--reject", action="store_true",
                            help="reject the duplicates (the row kept stays as it is)")

    def handle(self, *args, reject=False, **options):
        duplicates = list(Signature.objects.filter(is_duplicate=True)
                          .order_by("municipality_id", "email_normalized", "pk")
                          .values("pk", "municipality_id", "email_normalized", "status"))
        groups = defaultdict(list)
        for row in duplicates:
            groups[(row["municipality_id"], row["email_normalized"])].append(row)
        kept = {(row["municipality_id"], row["email_normalized"]): row["pk"]
                for row in Signature.objects.filter(
                    is_duplicate=False,
                    email_normalized__in={row["email_normalized"] for row in duplicates})
                .values("pk", "municipality_id", "email_normalized")}
        for key, rows in groups.items():
            others = ", ".join(f"#{row['pk']} ({row['status']})" for row in rows)
            kept_pk = kept.get(key)
            self.stdout.write(f"{key[0]}: {f'#{kept_pk}' if kept_pk else 'none'} kept; "
                              f"duplicates {others}")
        counted = sum(1 for row in duplicates if row["status"] == SignatureStatus.CONFIRMED)
        self.stdout.write(f"{len(duplicates)} duplicate signatures ({counted} counted)")
        if reject:
            self.stdout.write(f"{signature_duplicates_reject()} duplicates rejected")
