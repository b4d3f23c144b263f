"""The network's charter and its ten activities, as the residents' letter lists them."""

from django.db import migrations

ACTIVITIES = [
    {
        "code": "reception", "counts_reception_places": True,
        "title_nl": "Opvangplaatsen voorzien",
        "title_fr": "Prévoir des places d'accueil",
        "title_en": "Provide reception places",
        "description_nl": "De gemeente voorziet in zoveel mogelijk opvangplaatsen voor "
        "minderjarige en/of meerderjarige mensen op de vlucht. Dit kan de vorm aannemen van een "
        "opvangcentrum of van een meer kleinschalig lokaal opvanginitiatief (LOI).",
        "description_fr": "La commune prévoit autant de places d'accueil que possible pour des "
        "personnes exilées mineures et/ou majeures, sous la forme d'un centre d'accueil ou d'une "
        "initiative locale d'accueil (ILA) à plus petite échelle.",
        "description_en": "The municipality provides as many reception places as possible for "
        "minors and/or adults who fled, in a reception centre or a smaller local reception "
        "initiative (LOI).",
    },
    {
        "code": "housing",
        "title_nl": "Erkende vluchtelingen helpen bij het zoeken naar een woning",
        "title_fr": "Aider les réfugiés reconnus à trouver un logement",
        "title_en": "Help recognised refugees find housing",
        "description_nl": "De gemeente ondersteunt erkende vluchtelingen in hun zoektocht naar "
        "geschikte huisvesting als ze de lokale opvang verlaten.",
        "description_fr": "La commune soutient les réfugiés reconnus dans leur recherche d'un "
        "logement adapté lorsqu'ils quittent l'accueil local.",
        "description_en": "The municipality supports recognised refugees in their search for "
        "suitable housing when they leave local reception.",
    },
    {
        "code": "volunteering",
        "title_nl": "Vrijwilligers stimuleren en ondersteunen",
        "title_fr": "Encourager et soutenir les bénévoles",
        "title_en": "Encourage and support volunteers",
        "description_nl": "De gemeente stimuleert en ondersteunt haar inwoners om zich in te "
        "zetten voor de vrijwillige begeleiding van mensen op de vlucht, bijvoorbeeld als "
        "pleegouder of als voogd van niet-begeleide minderjarige vreemdelingen.",
        "description_fr": "La commune encourage et soutient ses habitants qui s'engagent "
        "bénévolement auprès des personnes exilées, par exemple comme famille d'accueil ou comme "
        "tuteur de mineurs étrangers non accompagnés.",
        "description_en": "The municipality encourages and supports residents who volunteer to "
        "accompany people who fled, for instance as a foster parent or as the guardian of "
        "unaccompanied foreign minors.",
    },
    {
        "code": "community-life",
        "title_nl": "Betrekken bij verenigingsleven en vrije tijd",
        "title_fr": "Associer à la vie associative et aux loisirs",
        "title_en": "Involve in associations and leisure",
        "description_nl": "De gemeente zet initiatieven op om mensen op de vlucht te betrekken in "
        "het lokale verenigingsleven, bij vrijetijdsactiviteiten, ... en ondersteunt vrijwilligers "
        "die zich hiervoor inzetten.",
        "description_fr": "La commune lance des initiatives pour associer les personnes exilées à "
        "la vie associative locale et aux loisirs, et soutient les bénévoles qui s'y engagent.",
        "description_en": "The municipality starts initiatives to involve people who fled in "
        "local associations and leisure activities, and supports the volunteers who do this.",
    },
    {
        "code": "international-support",
        "title_nl": "Financiële steun aan opvang en bescherming elders",
        "title_fr": "Soutien financier à l'accueil et à la protection ailleurs",
        "title_en": "Financial support for reception and protection elsewhere",
        "description_nl": "De gemeente draagt financieel bij aan de opvang en bescherming van "
        "mensen op de vlucht aan de buitengrenzen van de EU of in de regio van conflicten via "
        "steun aan ngo's of VN-organisaties.",
        "description_fr": "La commune contribue financièrement à l'accueil et à la protection des "
        "personnes exilées aux frontières extérieures de l'UE ou dans les régions de conflit, en "
        "soutenant des ONG ou des organisations des Nations unies.",
        "description_en": "The municipality contributes financially to the reception and "
        "protection of people who fled at the EU's external borders or in regions of conflict, "
        "through NGOs or UN organisations.",
    },
    {
        "code": "network",
        "title_nl": "Deelnemen aan het netwerk",
        "title_fr": "Participer au réseau",
        "title_en": "Take part in the network",
        "description_nl": "De gemeente schakelt zich in in het netwerk van Solidaire Steden en "
        "Gemeenten om samen met andere gemeenten uit te wisselen over goede praktijken.",
        "description_fr": "La commune s'engage dans le réseau des villes et communes solidaires "
        "pour échanger de bonnes pratiques avec d'autres communes.",
        "description_en": "The municipality takes part in the Network of Solidarity Cities and "
        "Municipalities to exchange good practices with other municipalities.",
    },
    {
        "code": "community-sponsorship",
        "title_nl": "Meebouwen aan community based sponsorship",
        "title_fr": "Contribuer au parrainage communautaire",
        "title_en": "Help build community sponsorship",
        "description_nl": "De gemeente denkt en bouwt mee aan goed doordachte modellen voor "
        "community based sponsorship, waarbij lokale groepen instaan voor het onthaal van mensen "
        "op de vlucht die via hervestiging naar België komen.",
        "description_fr": "La commune contribue à concevoir des modèles réfléchis de parrainage "
        "communautaire, dans lesquels des groupes locaux accueillent des personnes exilées "
        "arrivées en Belgique par la réinstallation.",
        "description_en": "The municipality helps design well-thought-out models of "
        "community-based sponsorship, in which local groups welcome people who come to Belgium "
        "through resettlement.",
    },
    {
        "code": "schools",
        "title_nl": "Scholen ondersteunen",
        "title_fr": "Soutenir les écoles",
        "title_en": "Support schools",
        "description_nl": "De gemeente ondersteunt haar scholen bij het opleiden van mensen op de "
        "vlucht.",
        "description_fr": "La commune soutient ses écoles dans l'enseignement aux personnes "
        "exilées.",
        "description_en": "The municipality supports its schools in teaching people who fled.",
    },
    {
        "code": "access-to-services",
        "title_nl": "Drempels tot dienstverlening wegwerken",
        "title_fr": "Lever les obstacles à l'accès aux services",
        "title_en": "Remove barriers to services",
        "description_nl": "De gemeente werkt drempels weg die de toegang van mensen op de vlucht "
        "tot (gemeentelijke) dienstverlening belemmeren.",
        "description_fr": "La commune lève les obstacles qui empêchent les personnes exilées "
        "d'accéder aux services (communaux).",
        "description_en": "The municipality removes barriers that keep people who fled from "
        "(municipal) services.",
    },
    {
        "code": "other", "is_other": True,
        "title_nl": "Andere activiteit",
        "title_fr": "Autre activité",
        "title_en": "Another activity",
        "description_nl": "Een andere activiteit, die de gemeente zelf omschrijft.",
        "description_fr": "Une autre activité, décrite par la commune elle-même.",
        "description_en": "Another activity, described by the municipality itself.",
    },
]


def seed_charter(apps, schema_editor):
    Charter = apps.get_model("charter", "Charter")
    Activity = apps.get_model("charter", "Activity")
    charter, _ = Charter.objects.get_or_create(
        slug="solidaire-gemeenten",
        defaults={"name": "Netwerk van Solidaire Steden en Gemeenten", "minimum_activities": 3})
    for number, fields in enumerate(ACTIVITIES, start=1):
        Activity.objects.get_or_create(charter=charter, number=number, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("charter", "0001_initial")]

    operations = [migrations.RunPython(seed_charter, migrations.RunPython.noop)]
