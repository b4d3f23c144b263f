"""Seed the letter in Dutch (the network's original letter), French and English.

The texts are in `solidair/documents/letter_seed.py` (inside the project: nothing is read from
outside it); coordinators edit them in the admin afterwards.
"""

from django.db import migrations
from django.utils import timezone

from solidair.documents.letter_seed import ORIGINAL_TEXTS


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("documents", "LetterTemplate")
    HistoricalLetterTemplate = apps.get_model("documents", "HistoricalLetterTemplate")
    for text in ORIGINAL_TEXTS.values():
        letter, _ = LetterTemplate.objects.update_or_create(language=text["language"],
                                                            defaults=text)
        # The first entry of its history, so coordinators can always compare with the original.
        HistoricalLetterTemplate.objects.create(
            **{field.attname: getattr(letter, field.attname)
               for field in LetterTemplate._meta.fields},
            history_date=timezone.now(), history_type="+",
            history_change_reason="Seeded from the network's letter")


def unseed(apps, schema_editor):
    for model in ("LetterTemplate", "HistoricalLetterTemplate"):
        apps.get_model("documents", model).objects.filter(
            language__in=["nl", "fr", "en"]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
