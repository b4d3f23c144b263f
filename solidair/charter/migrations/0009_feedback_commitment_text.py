"""What a commitment said when a confirmation or contest of it was written.

A new council may change a commitment's action and target; a contest answers the words its
author read. Existing texts get the commitment's words as its history kept them when the text
was written, or, without such a history row, its current words.
"""

from django.db import migrations, models


def _target(row) -> str:
    if row.target_number is None:
        return ""
    return f"{row.target_number} {row.target_unit}".strip()


def fill_commitment_text(apps, schema_editor):
    CommitmentFeedback = apps.get_model("charter", "CommitmentFeedback")
    HistoricalCommitment = apps.get_model("charter", "HistoricalCommitment")
    for feedback in CommitmentFeedback.objects.select_related("commitment").iterator():
        then = (HistoricalCommitment.objects
                .filter(id=feedback.commitment_id, history_date__lte=feedback.created_at)
                .order_by("-history_date", "-history_id").first()) or feedback.commitment
        feedback.commitment_action = then.action
        feedback.commitment_target = _target(then)
        feedback.save(update_fields=["commitment_action", "commitment_target"])


class Migration(migrations.Migration):

    dependencies = [
        ("charter", "0008_commitment_states"),
    ]

    operations = [
        migrations.AddField(
            model_name="commitmentfeedback",
            name="commitment_action",
            field=models.TextField(blank=True,
                                   verbose_name="the commitment's action when written"),
        ),
        migrations.AddField(
            model_name="commitmentfeedback",
            name="commitment_target",
            field=models.CharField(blank=True, max_length=300,
                                   verbose_name="the commitment's target when written"),
        ),
        migrations.RunPython(fill_commitment_text, migrations.RunPython.noop),
    ]
