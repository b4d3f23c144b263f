"""The public state of the commitments that existed before it did.

The rule is `services.commitment_state_for`, written out here (a migration does not import
the code that runs the site, which changes after it): contested with two published contests
left without a reply or a close for 30 days, documented with a council decision (the
application's own, which decided the commitments it lists) or evidence of a decision or a
report, declared otherwise.

Their history rows get the same state: before this migration the only possible evidence was
the application's council decision, which the commitment had from the start, so the figures
per year (read from the history) tell what was documented then.
"""

from datetime import timedelta

from django.db import migrations
from django.db.models import Count, Q
from django.utils import timezone

CONTEST_REPLY_DAYS = 30
CONTESTS_TO_MARK = 2


def compute_states(apps, schema_editor):
    Commitment = apps.get_model("charter", "Commitment")
    HistoricalCommitment = apps.get_model("charter", "HistoricalCommitment")
    now = timezone.now()
    unanswered = Q(feedback__kind="contest", feedback__status="published",
                   feedback__reply_at__isnull=True, feedback__closed_at__isnull=True,
                   feedback__published_at__lte=now - timedelta(days=CONTEST_REPLY_DAYS))
    documented_by = (~Q(application__council_decision_file="")
                     | ~Q(application__council_decision_url="")
                     | Q(evidence__kind__in=["decision", "report"]))
    contested = set(Commitment.objects.annotate(open_contests=Count(
        "feedback", filter=unanswered, distinct=True)).filter(
        open_contests__gte=CONTESTS_TO_MARK).values_list("pk", flat=True))
    documented_ever = set(Commitment.objects.filter(documented_by).values_list("pk", flat=True))
    documented = documented_ever - contested
    declared = set(Commitment.objects.values_list("pk", flat=True)) - contested - documented
    for state, pks in (("contested", contested), ("documented", documented),
                       ("declared", declared)):
        pks = sorted(pks)
        for start in range(0, len(pks), 500):
            chunk = pks[start:start + 500]
            Commitment.objects.filter(pk__in=chunk).update(
                state=state, contested_since=now if state == "contested" else None)
    # History: no contest is older than this migration's models, so documented or declared.
    never = declared | (contested - documented_ever)
    for state, pks in (("documented", documented_ever), ("declared", never)):
        pks = sorted(pks)
        for start in range(0, len(pks), 500):
            HistoricalCommitment.objects.filter(id__in=pks[start:start + 500]).update(state=state)


class Migration(migrations.Migration):

    dependencies = [
        ("charter", "0007_renewal"),
    ]

    operations = [
        migrations.RunPython(compute_states, migrations.RunPython.noop),
    ]
