"""A status change to the same status is not a change: remove the 'member -> member' lines that
recording a membership wrote into the history, and give each municipality whose history lost a
line its status date back (the date of its last real change; none for a founding member, whose
only change is the loader's record). The demo's English notes become the message ids that pages
show in the reader's language."""

from django.db import migrations
from django.db.models import F

# places.models.FOUNDING_REASON, as it was when this migration was written.
FOUNDING_REASON = ("Founding member: named in the founding letter of the network "
                   "(date of joining unknown).")


def drop_same_status_changes(apps, schema_editor):
    StatusChange = apps.get_model("places", "StatusChange")
    Municipality = apps.get_model("places", "Municipality")
    same = StatusChange.objects.filter(from_status=F("to_status"))
    affected = set(same.values_list("municipality_id", flat=True))
    same.delete()
    for municipality in Municipality.objects.filter(pk__in=affected):
        last = (StatusChange.objects.filter(municipality=municipality)
                .order_by("-changed_at", "-id").first())
        founding_only = last is None or last.reason == FOUNDING_REASON
        status_since = None if founding_only else last.changed_at
        Municipality.objects.filter(pk=municipality.pk).update(status_since=status_since)


# The demo's notes as seed_demo stored them, and the message ids of places.demo.REASONS.
DEMO_REASONS = {
    "[demo] residents sent the letter to the council": "Residents sent the letter to the council.",
    "[demo] the alderman for social affairs met the local group":
        "The alderman for social affairs met the local group.",
    "[demo] the council is preparing its application": "",
}


def translate_demo_reasons(apps, schema_editor):
    StatusChange = apps.get_model("places", "StatusChange")
    for old, new in DEMO_REASONS.items():
        StatusChange.objects.filter(reason=old).update(reason=new)


class Migration(migrations.Migration):

    dependencies = [
        ("places", "0002_city_override_and_founding"),
    ]

    operations = [
        migrations.RunPython(drop_same_status_changes, migrations.RunPython.noop),
        migrations.RunPython(translate_demo_reasons, migrations.RunPython.noop),
    ]
