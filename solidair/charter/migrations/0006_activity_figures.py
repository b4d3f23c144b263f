from django.db import migrations

# Which figures a yearly report entry asks for, per activity code.
FIGURES = {
    "reception": ["reception_places"],
    "housing": ["people_housed"],
    "volunteering": ["volunteers"],
    "community-sponsorship": ["people_housed", "volunteers"],
}


def seed_figures(apps, schema_editor):
    Activity = apps.get_model("charter", "Activity")
    for code, figures in FIGURES.items():
        Activity.objects.filter(code=code).update(figure_codes=figures)


class Migration(migrations.Migration):
    dependencies = [("charter", "0005_commitments_checkable")]
    operations = [migrations.RunPython(seed_figures, migrations.RunPython.noop)]
