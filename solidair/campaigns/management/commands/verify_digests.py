from django.core.management.base import BaseCommand, CommandError

from solidair.campaigns.models import Delivery, Signature
from solidair.campaigns.receipts import chain_problems, receipt_value
from solidair.places.models import Municipality


class Command(BaseCommand):
    help = ("Recompute every municipality's chain of digests from the recorded receipt values "
            "(docs/digests.md) and report each break; exits with status 1 when one is found. "
            "Also checks that each signature still linked to a digest has its value in it "
            "(this needs the same CAMPAIGNS_RECEIPT_SECRET or SECRET_KEY as when it was sent).")

    def add_arguments(self, parser):
        parser.add_argument("nis", nargs="?", help="only this municipality (REFNIS code)")

    def handle(self, *args, nis=None, **options):
        deliveries = Delivery.objects.order_by("municipality_id", "number")
        if nis:
            if not Municipality.objects.filter(nis=nis).exists():
                raise CommandError(f"No municipality has the code {nis}.")
            deliveries = deliveries.filter(municipality_id=nis)
        chains: dict[str, list] = {}
        for delivery in deliveries.only("pk", "municipality_id", "number", "created_at",
                                        "signature_count", "fingerprint", "receipt_values",
                                        "paper_batches"):
            chains.setdefault(delivery.municipality_id, []).append(delivery)
        problems = []
        for code, digests in chains.items():
            problems += chain_problems(code, digests)
            values = {d.pk: set(d.receipt_values or []) for d in digests if d.fingerprint}
            numbers = {d.pk: d.number for d in digests}
            linked = (Signature.objects.filter(delivery_id__in=list(values))
                      .values_list("pk", "delivery_id"))
            for signature_id, delivery_id in linked.iterator():
                if receipt_value(nis=code, signature_id=signature_id) not in values[delivery_id]:
                    problems.append(f"{code} digest {numbers[delivery_id]}: the value of "
                                    f"co-signature #{signature_id}, still linked to it, is "
                                    "not recorded")
        for problem in problems:
            self.stdout.write(problem)
        count = sum(len(digests) for digests in chains.values())
        self.stdout.write(f"{count} digests of {len(chains)} municipalities checked, "
                          f"{len(problems)} problems")
        if problems:
            raise CommandError(f"{len(problems)} problems in the chains of digests")
