"""Demo content for `make run`: founding members, commitments and reports, one open application,
published confirmations and contests.

Idempotent: whatever exists is left alone. Rows that have the field are marked `is_demo`;
confirmations and contests (which have none) are written by made-up `DEMO_FEEDBACK_DOMAIN`
addresses.
"""

from datetime import date, timedelta

from django.utils import timezone

from solidair.charter import selectors, services
from solidair.charter.founding import record_founding_members
from solidair.charter.models import (
    Application,
    ApplicationStatus,
    Commitment,
    CommitmentFeedback,
    EvidenceKind,
    FeedbackKind,
    FeedbackStatus,
)
from solidair.core.tokens import new_token
from solidair.places.models import Municipality

FOUNDED_ON = date(2023, 3, 1)

DEMO_COMMITMENTS = {
    "44021": [  # Gent
        ("reception", "Een LOI met 24 plaatsen voor niet-begeleide minderjarigen in de Dampoort.",
         24, "opvangplaatsen voor niet-begeleide minderjarigen in een LOI", "done"),
        ("housing", "Een woonbegeleider bij het OCMW voor erkende vluchtelingen die de opvang "
         "verlaten.", None, "", "in_progress"),
        ("volunteering", "Een campagne om voogden en pleeggezinnen te vinden, met de "
         "vrijwilligerscentrale.", 30, "nieuwe voogden", "in_progress"),
        ("network", "Deelname aan de drie lerende netwerken per jaar.", None, "", "done"),
    ],
    "24062": [  # Leuven
        ("reception", "Uitbreiding van het LOI met tien plaatsen voor gezinnen.", 10,
         "opvangplaatsen voor gezinnen", "decided"),
        ("community-life", "Sportclubs en jeugdbewegingen krijgen een toelage per nieuw lid "
         "dat de vlucht achter de rug heeft.", None, "", "in_progress"),
        ("access-to-services", "Tolken via videogesprek aan het loket van het Stadskantoor.",
         None, "", "planned"),
    ],
}
IN_REVIEW_NIS = "12025"  # Mechelen
# The commitment whose own page tells a whole story in the demo (and the screenshots).
STORY_NIS, STORY_ACTIVITY = "44021", "reception"
# Members whose commitments show as declared (no council decision attached), and the
# council decisions added as evidence afterwards: the demo shows both states.
DECLARED_ONLY = {"24062"}  # Leuven
DEMO_DECISIONS = {
    "44021": [("reception", "Gemeenteraadsbesluit over het LOI voor minderjarigen",
               date(2023, 1, 30))],
    "24062": [("reception", "Gemeenteraadsbesluit over tien extra LOI-plaatsen",
               date(2024, 4, 22))],
}
DEMO_FEEDBACK_DOMAIN = "demo.example.org"
# (nis, activity code, kind, text, name shown or "", local group, reply of the municipality)
DEMO_FEEDBACK = [
    ("44021", "reception", FeedbackKind.CONFIRM,
     "Demo: wij zijn vrijwilligers in het LOI aan de Dampoort. De 24 plaatsen voor jongeren "
     "zijn er echt en er is elke dag begeleiding.", "Demo Vrijwilliger", "Demo Welkomstgroep", ""),
    ("44021", "housing", FeedbackKind.CONTEST,
     "Demo: wie de opvang verlaat, wacht nog maanden op een gesprek met de woonbegeleider. "
     "Wij zien dat elke week in ons onthaalpunt.", "", "Demo Buurtwerk",
     "Demo: de tweede woonbegeleider begint in september; tot dan helpt het OCMW met "
     "voorrang wie de opvang moet verlaten."),
    ("44021", "reception", FeedbackKind.CONTEST,
     "Demo: de helft van de plaatsen stond maanden leeg, terwijl jongeren in Brussel op straat "
     "sliepen.", "", "Demo Gent Solidair", ""),
]


def _commitment_inputs(items):
    activities = {activity.code: activity for activity in selectors.charter_activities()}
    return [services.CommitmentInput(activity=activities[code], action=action,
                                     target_number=number, target_unit=unit)
            for code, action, number, unit, _status in items]


def _application(municipality, items, *, submit: bool) -> Application:
    application = services.application_start(municipality=municipality, by=None)
    services.application_save(application=application, by=None, data=services.ApplicationInput(
        commitments=_commitment_inputs(items),
        council_decision_url="https://example.org/demo/gemeenteraad/besluit",
        council_decision_date=date(2023, 2, 20), contact_name="Demo Contactpersoon",
        contact_role="Diversiteitsambtenaar", contact_email="solidair@example.org"))
    Application.objects.filter(pk=application.pk).update(is_demo=True)
    if submit:
        services.application_submit(application=application, by=None)
    return application


def seed_demo(*, stdout) -> None:
    if not Municipality.objects.exists():
        stdout.write("charter: no municipalities loaded, demo skipped")
        return
    missing = record_founding_members(since=FOUNDED_ON, is_demo=True)
    if missing:
        stdout.write(f"charter: founding members not found: {', '.join(missing)}")
    for nis, items in DEMO_COMMITMENTS.items():
        municipality = Municipality.objects.filter(nis=nis).first()
        if municipality is None or selectors.approved_application(municipality):
            continue
        application = _application(municipality, items, submit=True)
        services.application_approve(application=application, by=None, member_since=FOUNDED_ON)
        for code, *_rest, status in items:
            Commitment.objects.filter(application=application, activity__code=code).update(
                status=status)
        if nis in DECLARED_ONLY:
            # Recorded without the council decision attached: declared, until evidence comes.
            Application.objects.filter(pk=application.pk).update(council_decision_url="",
                                                                 council_decision_date=None)
            for commitment in application.commitments.all():
                services.commitment_refresh_state(commitment=commitment)
        commitments = {c.activity.code: c for c in selectors.current_commitments(municipality)}
        for code, label, decided_on in DEMO_DECISIONS.get(nis, []):
            commitment = commitments[code]
            services.commitment_update(
                commitment=commitment, by=None, status=commitment.status,
                evidence=services.EvidenceInput(
                    kind=EvidenceKind.DECISION, url=f"https://example.org/demo/besluit/{nis}",
                    label=label, decided_on=decided_on))
        reception = commitments.get("reception")
        services.report_submit(municipality=municipality, by=None, is_demo=True,
                               data=services.ReportInput(
                                   year=timezone.localdate().year - 1, places_adults=12,
                                   places_minors=24 if nis == "44021" else 4,
                                   places_in_loi=12, volunteers_active=35,
                                   narratives={c.pk: "Demo: verslag van het voorbije jaar."
                                               for c in commitments.values()},
                                   entry_figures={reception.pk: {
                                       "reception_places": 24 if nis == "44021" else 8}}
                                   if reception else {}))
    candidate = Municipality.objects.filter(nis=IN_REVIEW_NIS).first()
    if candidate is not None and not Application.objects.filter(
            municipality=candidate).exclude(status=ApplicationStatus.WITHDRAWN).exists():
        _application(candidate, [
            ("reception", "Een LOI met acht plaatsen.", 8, "opvangplaatsen", "planned"),
            ("schools", "Taalondersteuning in de basisscholen.", None, "", "planned"),
            ("network", "Deelname aan de lerende netwerken.", None, "", "planned"),
        ], submit=True)
    _demo_feedback()
    stdout.write("charter: demo members, commitments and an application in review")


def _demo_feedback() -> None:
    """Published demo confirmations and contests, written directly (no mail to anyone)."""
    if CommitmentFeedback.objects.filter(email__endswith=f"@{DEMO_FEEDBACK_DOMAIN}").exists():
        return
    now = timezone.now()
    for number, (nis, code, kind, text, name, group, reply) in enumerate(DEMO_FEEDBACK, 1):
        commitment = (Commitment.objects.filter(
            application__municipality_id=nis, application__status=ApplicationStatus.APPROVED,
            activity__code=code).order_by("-application__decided_at").first())
        if commitment is None:
            continue
        published = now - timedelta(days=10 * number)
        CommitmentFeedback.objects.create(
            commitment=commitment, kind=kind, text=text, name=name, show_name=bool(name),
            group_name=group, email=f"feedback-{number}@{DEMO_FEEDBACK_DOMAIN}",
            token_hash=new_token()[1], token_expires_at=published,
            status=FeedbackStatus.PUBLISHED, confirmed_at=published, published_at=published,
            reply_text=reply, reply_at=published + timedelta(days=3) if reply else None)
