"""Verifiable digests (issue 13, item 6) and the date the threshold was reached (item 8).

Digests already sent are numbered per municipality in the order they were sent; they stay
without fingerprint and receipt values (what they carried can no longer be proven), so each
municipality's chain starts at its first digest sent after this migration.
"""

from django.db import migrations, models


def number_sent_digests(apps, schema_editor):
    Delivery = apps.get_model("campaigns", "Delivery")
    counters = {}
    for delivery in Delivery.objects.order_by("municipality_id", "created_at", "id").only(
            "pk", "municipality_id"):
        counters[delivery.municipality_id] = counters.get(delivery.municipality_id, 0) + 1
        Delivery.objects.filter(pk=delivery.pk).update(number=counters[delivery.municipality_id])


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0006_one_signature_per_normalized_address'),
        ('core', '0002_outgoingmail_claimed_at'),
        ('places', '0003_drop_same_status_changes'),
    ]

    operations = [
        migrations.AddField(
            model_name='campaignsettings',
            name='threshold_reached',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='threshold reached'),
        ),
        migrations.AddField(
            model_name='campaignsettings',
            name='threshold_reached_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='threshold reached at'),
        ),
        migrations.AddField(
            model_name='delivery',
            name='fingerprint',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='fingerprint'),
        ),
        migrations.AddField(
            model_name='delivery',
            name='number',
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name='digest number'),
        ),
        migrations.AddField(
            model_name='delivery',
            name='receipt_values',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='receipt values'),
        ),
        migrations.AddField(
            model_name='historicalcampaignsettings',
            name='threshold_reached',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='threshold reached'),
        ),
        migrations.AddField(
            model_name='historicalcampaignsettings',
            name='threshold_reached_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='threshold reached at'),
        ),
        migrations.RunPython(number_sent_digests, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='delivery',
            name='number',
            field=models.PositiveIntegerField(editable=False, verbose_name='digest number'),
        ),
        migrations.AddConstraint(
            model_name='delivery',
            constraint=models.UniqueConstraint(fields=('municipality', 'number'), name='one_digest_number_per_municipality'),
        ),
    ]
