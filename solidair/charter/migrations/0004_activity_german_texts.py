"""German titles and descriptions for the charter's activities.

German is a language of the site; until now its pages showed the activities in Dutch. The other
apps read the titles from the charter (solidair.core.activities), so the texts below (for the
network's own charter, by activity code) are what German readers see everywhere. A coordinator
can revise them like the others; only empty German texts are filled in.
"""

from django.db import migrations, models

GERMAN = {
    "reception": (
        "Aufnahmeplätze schaffen",
        "Die Gemeinde schafft so viele Aufnahmeplätze wie möglich für minderjährige und/oder "
        "erwachsene Geflüchtete, in einem Aufnahmezentrum oder einer kleineren lokalen "
        "Aufnahmeinitiative (LAI)."),
    "housing": (
        "Anerkannten Flüchtlingen bei der Wohnungssuche helfen",
        "Die Gemeinde unterstützt anerkannte Flüchtlinge bei der Suche nach einer geeigneten "
        "Wohnung, wenn sie die lokale Aufnahme verlassen."),
    "volunteering": (
        "Ehrenamtliche ermutigen und unterstützen",
        "Die Gemeinde ermutigt und unterstützt ihre Einwohner, die Geflüchtete ehrenamtlich "
        "begleiten, zum Beispiel als Pflegefamilie oder als Vormund unbegleiteter minderjähriger "
        "Ausländer."),
    "community-life": (
        "In Vereinsleben und Freizeit einbeziehen",
        "Die Gemeinde startet Initiativen, um Geflüchtete in das örtliche Vereinsleben und in "
        "Freizeitaktivitäten einzubeziehen, und unterstützt die Ehrenamtlichen, die sich dafür "
        "einsetzen."),
    "international-support": (
        "Finanzielle Unterstützung für Aufnahme und Schutz anderswo",
        "Die Gemeinde trägt finanziell zur Aufnahme und zum Schutz von Geflüchteten an den "
        "Außengrenzen der EU oder in Konfliktregionen bei, über NGOs oder Organisationen der "
        "Vereinten Nationen."),
    "network": (
        "Am Netzwerk teilnehmen",
        "Die Gemeinde beteiligt sich am Netzwerk der solidarischen Städte und Gemeinden, um mit "
        "anderen Gemeinden gute Praktiken auszutauschen."),
    "community-sponsorship": (
        "Community Sponsorship mit aufbauen",
        "Die Gemeinde hilft, durchdachte Modelle des Community Sponsorship zu entwickeln, bei "
        "denen lokale Gruppen Geflüchtete aufnehmen, die über Resettlement nach Belgien kommen."),
    "schools": (
        "Schulen unterstützen",
        "Die Gemeinde unterstützt ihre Schulen beim Unterrichten von Geflüchteten."),
    "access-to-services": (
        "Hürden beim Zugang zu Dienstleistungen abbauen",
        "Die Gemeinde baut Hürden ab, die Geflüchteten den Zugang zu (kommunalen) "
        "Dienstleistungen erschweren."),
    "other": (
        "Andere Aktivität",
        "Eine andere Aktivität, die die Gemeinde selbst beschreibt."),
}


def fill_german(apps, schema_editor):
    Activity = apps.get_model("charter", "Activity")
    for activity in Activity.objects.filter(charter__slug="solidaire-gemeenten",
                                            code__in=GERMAN):
        title, description = GERMAN[activity.code]
        activity.title_de = activity.title_de or title
        activity.description_de = activity.description_de or description
        activity.save(update_fields=["title_de", "description_de"])


class Migration(migrations.Migration):

    dependencies = [
        ('charter', '0003_termconfirmation_token_hash'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='description_de',
            field=models.TextField(blank=True, verbose_name='description (German)'),
        ),
        migrations.AddField(
            model_name='activity',
            name='title_de',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (German)'),
        ),
        migrations.AddField(
            model_name='historicalactivity',
            name='description_de',
            field=models.TextField(blank=True, verbose_name='description (German)'),
        ),
        migrations.AddField(
            model_name='historicalactivity',
            name='title_de',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (German)'),
        ),
        migrations.RunPython(fill_german, migrations.RunPython.noop),
    ]
