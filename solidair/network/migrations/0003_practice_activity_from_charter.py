"""A practice's activities keep their numbers; their titles now come from the charter.

The titles were fixed choices here (network's own copy of the ten activities). The stored numbers
do not change: they are the charter's numbers (1 reception ... 10 another activity, the order of
the residents' letter and of charter's seeded activities), so no data moves. Pages, forms and the
brochure read the titles through solidair.core.activities.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0002_search_index_and_partners'),
    ]

    operations = [
        migrations.AlterField(
            model_name='practiceactivity',
            name='activity',
            field=models.PositiveSmallIntegerField(db_index=True, verbose_name='charter activity'),
        ),
    ]
