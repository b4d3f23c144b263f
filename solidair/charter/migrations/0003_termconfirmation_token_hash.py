"""The reconfirmation link's token is stored hashed, expires with the answer's due date and is
used up by the answer (it was kept in clear, for ever)."""

import hashlib
from datetime import datetime, timedelta

from django.db import migrations, models
from django.utils import timezone


def hash_existing_tokens(apps, schema_editor):
    TermConfirmation = apps.get_model("charter", "TermConfirmation")
    for confirmation in TermConfirmation.objects.all():
        if confirmation.confirmed_at is None:
            confirmation.token_hash = hashlib.sha256(confirmation.token.encode()).hexdigest()
            confirmation.token_expires_at = timezone.make_aware(
                datetime.combine(confirmation.due_on + timedelta(days=1), datetime.min.time()))
            confirmation.save(update_fields=["token_hash", "token_expires_at"])


class Migration(migrations.Migration):
    dependencies = [("charter", "0002_seed_charter")]

    operations = [
        migrations.AddField(
            model_name="termconfirmation", name="token_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True,
                                   unique=True)),
        migrations.AddField(
            model_name="termconfirmation", name="token_expires_at",
            field=models.DateTimeField(blank=True, editable=False, null=True)),
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="termconfirmation", name="token"),
    ]
