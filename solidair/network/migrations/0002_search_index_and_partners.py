"""The full-text index (PostgreSQL only) and the partner organisations of the network."""

from django.db import migrations

INDEX = "network_goodpractice_search_gin"


def create_search_index(apps, schema_editor):
    # A stored tsvector (PostgreSQL only, unknown to the model) so a query matching most rows
    # does not parse every practice's text again; search.py queries this column.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE network_goodpractice ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple'::regconfig, COALESCE(search_text, ''))) STORED")
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON network_goodpractice USING gin (search_vector)")


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute("ALTER TABLE network_goodpractice DROP COLUMN search_vector")


PARTNERS = [
    ("11.11.11", "carrier", "https://11.be/solidaire-gemeenten",
     "De koepel van de Vlaamse Noord-Zuidbeweging."),
    ("Vluchtelingenwerk Vlaanderen", "carrier", "https://www.vluchtelingenwerk.be",
     "Komt op voor de rechten van mensen op de vlucht."),
    ("Caritas België", "carrier", "https://www.caritas.be",
     "Helpt mensen in nood, hier en elders."),
    ("Amnesty International Vlaanderen", "carrier", "https://www.amnesty-international.be",
     "Verdedigt de mensenrechten."),
    ("Beweging.net", "carrier", "https://www.beweging.net",
     "De beweging van christelijke sociale organisaties."),
    ("VVSG", "participant", "https://www.vvsg.be",
     "Vereniging van Vlaamse Steden en Gemeenten."),
]


def seed_partners(apps, schema_editor):
    Partner = apps.get_model("network", "Partner")
    for order, (name, role, website, description) in enumerate(PARTNERS):
        Partner.objects.get_or_create(name=name, defaults={
            "role": role, "website": website, "description": description, "order": order})


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(seed_partners, migrations.RunPython.noop),
    ]
