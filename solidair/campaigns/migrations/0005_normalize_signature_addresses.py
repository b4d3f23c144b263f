"""Normalise the addresses of existing signatures (lower case; dots and +tags removed where the
provider ignores them) and mark, never delete, the duplicates this reveals.

Duplicates keep their status and stay out of the uniqueness rule (`is_duplicate`); the migration
prints them (row numbers only) and `manage.py report_duplicate_signatures` lists them later.
"""

from django.db import migrations


def normalize(apps, schema_editor):
    from solidair.campaigns.addresses import normalize_existing

    normalize_existing(apps.get_model("campaigns", "Signature"))


class Migration(migrations.Migration):

    dependencies = [("campaigns", "0004_integrity_fields")]

    operations = [migrations.RunPython(normalize, migrations.RunPython.noop)]
