"""Demo content for `make run`: a past meeting with practices, a published brochure and
recommendations. Idempotent.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from solidair.network.search import normalise

DEMO_THEME = "Wonen na de opvang"

DEMO_PRACTICES = [
    ("44021", "nl", [2, 3], {
        "title": "Huurbuddy's: vrijwilligers zoeken mee naar een woning",
        "context": "Erkende vluchtelingen moeten het LOI binnen twee maanden verlaten, maar "
                   "vinden zelden op tijd een huurwoning.",
        "actions": "Vijfendertig vrijwillige huurbuddy's gaan mee op bezoek bij verhuurders en "
                   "helpen met het huurcontract en de huurwaarborg.",
        "results": "In één jaar vonden 48 gezinnen een woning; de gemiddelde zoektijd daalde "
                   "van vijf naar twee maanden.",
        "cost": "€ 18.000 per jaar voor een halftijdse coördinator.",
        "partners": "OCMW, sociaal verhuurkantoor, Vluchtelingenwerk Vlaanderen",
        "lessons": "Sneller starten met de zoektocht, al tijdens de asielprocedure.",
    }),
    ("24062", "nl", [1], {
        "title": "Een kleinschalig LOI voor niet-begeleide minderjarigen",
        "context": "Fedasil zocht dringend opvangplaatsen voor jongeren.",
        "actions": "Het OCMW richtte twee woningen in voor acht jongeren, met begeleiding door "
                   "een vast team en voogden.",
        "results": "Acht plaatsen; alle jongeren gaan naar school en sporten in een club.",
        "cost": "Financiering door Fedasil, aangevuld met € 5.000 van de stad.",
        "partners": "Fedasil, Dienst Voogdij, lokale sportclubs",
        "lessons": "De buurt vroeg betrekken met een infoavond.",
    }),
    ("44088", "fr", [4, 9], {
        "title": "Un guichet unique pour les personnes réfugiées",
        "context": "Les démarches auprès des services communaux étaient éparpillées et "
                   "difficiles à comprendre.",
        "actions": "Un guichet unique avec des interprètes sociaux, ouvert deux matinées par "
                   "semaine.",
        "results": "Deux cents visites la première année ; délais d'inscription réduits de "
                   "moitié.",
        "cost": "Temps de travail d'un agent existant ; interprètes via l'Agentschap "
                "Integratie en Inburgering.",
        "partners": "CPAS, bibliothèque, clubs locaux",
        "lessons": "Communiquer l'horaire dans plusieurs langues dès le départ.",
    }),
]

DEMO_ADDRESSEES = [
    ("Demo: minister van Binnenlands Bestuur", "minister", "Binnenlands Bestuur en Wonen",
     "flemish"),
    ("Demo: minister van Asiel en Migratie", "minister", "Asiel en Migratie", "federal"),
    ("Demo: schepen van Welzijn", "other", "Welzijn en Wonen (lokaal)", "local"),
]


def seed_demo(*, stdout) -> None:
    """A past meeting with practices, a published brochure and recommendations. Idempotent."""
    from solidair.network.models import (
        Addressee,
        Brochure,
        GoodPractice,
        Meeting,
        PracticeActivity,
        Recommendation,
        RecommendationEvent,
        RecommendationState,
    )
    from solidair.network.tasks import build_brochure
    from solidair.places.models import Municipality

    if Meeting.objects.filter(is_demo=True, theme=DEMO_THEME).exists():
        stdout.write("network: demo data already present.")
        return
    hosts = {m.nis: m for m in Municipality.objects.filter(nis__in=["44021", "24062", "44088"])}
    if len(hosts) < 3:
        stdout.write("network: load the reference data first; no demo data added.")
        return
    start = timezone.now().replace(hour=9, minute=30, second=0, microsecond=0) - timedelta(
        days=45)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            theme=DEMO_THEME, starts_at=start, ends_at=start + timedelta(hours=4),
            place="Stadhuis, Botermarkt 1, 9000 Gent", host_municipality=hosts["44021"],
            agenda="Onthaal\nGoede praktijken rond wonen\nWerkgroepen\nBeleidsaanbevelingen",
            capacity=40, is_demo=True)
        Meeting.objects.create(
            theme="Scholen en onthaal", starts_at=start + timedelta(days=120),
            ends_at=start + timedelta(days=120, hours=4), online_url="https://example.org/demo",
            host_municipality=hosts["24062"], capacity=60, is_demo=True)
        practices = []
        for nis, language, activities, texts in DEMO_PRACTICES:
            practice = GoodPractice.objects.create(
                municipality=hosts[nis], language=language, contact="welzijn@example.org",
                status=GoodPractice.Status.PUBLISHED, published_at=start + timedelta(days=1),
                year=start.year, meeting=meeting, is_demo=True, **texts)
            for code in activities:
                PracticeActivity.objects.create(practice=practice, activity=code)
            practice.search_text = normalise(" ".join(
                [hosts[nis].name_nl, hosts[nis].name_fr, *texts.values()]))
            practice.save(update_fields=["search_text"])
            practices.append(practice)
        addressees = {level: Addressee.objects.create(name=name, office=office,
                                                      portfolio=portfolio, level=level,
                                                      is_demo=True)
                      for name, office, portfolio, level in DEMO_ADDRESSEES}
        steps = {
            "local": [],
            "flemish": [(RecommendationState.PRESENTED, 10, "Gesprek op het kabinet", "")],
            "federal": [(RecommendationState.PRESENTED, 7, "Brief en gesprek", ""),
                        (RecommendationState.ANSWERED, 30, "De minister bekijkt een premie.",
                         ""),
                        (RecommendationState.CLOSED, 40, "", "partly")],
        }
        texts = {
            "local": ("Start de woonzoektocht al tijdens de opvang",
                      "Lokale besturen koppelen elke bewoner van een LOI aan een huurbuddy."),
            "flemish": ("Een Vlaams huurwaarborgfonds voor erkende vluchtelingen",
                        "Vlaanderen schiet de huurwaarborg voor en int die later terug."),
            "federal": ("Een langere overgangstermijn na erkenning",
                        "De federale overheid verlengt de termijn om de opvang te verlaten."),
        }
        for level, events in steps.items():
            title, text = texts[level]
            recommendation = Recommendation.objects.create(
                meeting=meeting, level=level, title=title, text=text,
                addressee=addressees[level], is_demo=True)
            RecommendationEvent.objects.create(recommendation=recommendation,
                                               state=RecommendationState.DRAFTED,
                                               date=start.date())
            for state, days, note, outcome in events:
                RecommendationEvent.objects.create(
                    recommendation=recommendation, state=state,
                    date=start.date() + timedelta(days=days), note=note, outcome=outcome)
                recommendation.state = state
                recommendation.outcome = outcome or recommendation.outcome
            recommendation.save()
        brochure = Brochure.objects.create(
            meeting=meeting, title=f"Goede praktijken: {DEMO_THEME}", version=1, is_demo=True,
            introduction="Op dit lerend netwerk deelden gemeenten hoe ze mensen helpen een "
                         "woning te vinden na de opvang.",
            practice_ids=[p.pk for p in practices])
    build_brochure.call(brochure.pk)
    Brochure.objects.filter(pk=brochure.pk, state=Brochure.State.READY).update(
        published_at=timezone.now())
    stdout.write(f"network: demo meeting, {len(practices)} practices, a brochure "
                 f"and {len(steps)} recommendations.")
