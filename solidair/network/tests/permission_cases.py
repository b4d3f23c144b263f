"""Who may open each URL of the network app (see the brief's permission matrix)."""

from datetime import date, timedelta

from django.utils import timezone

PUBLIC = [
    "network:index", "network:about", "network:meetings_ics", "network:meeting",
    "network:meeting_ics", "network:practices", "network:practice", "network:practice_photo",
    "network:brochure", "network:brochure_pdf", "network:brochure_pdf_language",
    "network:recommendations", "network:recommendations_feed",
    "network:recommendations_level", "network:recommendation", "network:addressee",
]

ROLES = ("anonymous", "officer_a", "officer_b", "coordinator", "staff")


def everyone(status):
    return dict.fromkeys(ROLES, status)


# What a coordinator's valid form does: saves and leads on.
COORDINATORS_ACT = {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                    "staff": 302}
OWN_MUNICIPALITY_ACTS = {"anonymous": 302, "officer_a": 302, "officer_b": 404,
                         "coordinator": 302, "staff": 302}
MEETING = {"theme": "Onderwijs", "starts_at": "2099-05-01T18:00", "ends_at": "2099-05-01T20:00",
           "place": "Leuven", "capacity": "30"}
PRACTICE = {"language": "nl", "title": "Taalcafé", "activities": ["2"], "context": "c",
            "actions": "a", "results": "r", "contact": "taal@gent.be"}

PRIVATE_FOR_ALL = {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 200,
                   "staff": 200}
SIGNED_IN = {"anonymous": 302, "officer_a": 200, "officer_b": 200, "coordinator": 200,
             "staff": 200}
OWN_MUNICIPALITY = {"anonymous": 302, "officer_a": 200, "officer_b": 404, "coordinator": 200,
                    "staff": 200}


def setup(a, b):
    from django.core.files.base import ContentFile

    from solidair.network.models import (
        Addressee,
        Brochure,
        GoodPractice,
        Meeting,
        Partner,
        PracticeActivity,
        PracticePhoto,
        Recommendation,
    )

    start = timezone.now() + timedelta(days=20)
    meeting = Meeting.objects.create(theme="Wonen", starts_at=start,
                                     ends_at=start + timedelta(hours=2), place="Gent")
    draft = GoodPractice.objects.create(municipality=a, title="Concept", context="c",
                                        actions="a", results="r", contact="x", year=2025)
    PracticeActivity.objects.create(practice=draft, activity=2)
    published = GoodPractice.objects.create(
        municipality=a, title="Gepubliceerd", context="c", actions="a", results="r",
        contact="x", year=2025, status="published", published_at=timezone.now())
    photo = PracticePhoto(practice=published, content_type="image/png", alt_text="Foto")
    photo.image.save("p.png", ContentFile(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), save=True)
    brochure = Brochure.objects.create(meeting=meeting, title="B", version=1, state="ready",
                                       published_at=timezone.now())
    brochure.pdf.save("b.pdf", ContentFile(b"%PDF-1.7"), save=False)
    brochure.pdf_fr.save("b-fr.pdf", ContentFile(b"%PDF-1.7"), save=True)
    addressee = Addressee.objects.create(name="Minister", portfolio="Wonen", level="flemish")
    recommendation = Recommendation.objects.create(meeting=meeting, level="flemish",
                                                   title="R", text="T", addressee=addressee)
    partner = Partner.objects.order_by("pk").first()
    return {"meeting": meeting.pk, "draft": draft.pk, "published": published.pk,
            "photo": photo.pk, "brochure": brochure.pk, "addressee": addressee.pk,
            "recommendation": recommendation.pk, "partner": partner.pk,
            "today": date.today().isoformat()}


CASES = [
    {"name": "network:index", "kwargs": {}, "method": "GET", "expect": everyone(200)},
    {"name": "network:practice", "kwargs": {"pk": "{draft}"}, "method": "GET",
     "expect": {"anonymous": 404, "officer_a": 200, "officer_b": 404, "coordinator": 200,
                "staff": 200}},
    {"name": "network:practice_photo", "kwargs": {"pk": "{published}", "photo_pk": "{photo}"},
     "method": "GET", "expect": everyone(200)},
    {"name": "network:brochure_pdf_language", "kwargs": {"pk": "{brochure}", "language": "fr"},
     "method": "GET", "expect": everyone(200)},
    {"name": "network:meeting_create", "kwargs": {}, "method": "GET", "expect": PRIVATE_FOR_ALL},
    {"name": "network:meeting_create", "kwargs": {}, "method": "POST", "data": MEETING,
     "expect": COORDINATORS_ACT},
    {"name": "network:meeting_edit", "kwargs": {"pk": "{meeting}"}, "method": "GET",
     "expect": PRIVATE_FOR_ALL},
    {"name": "network:meeting_edit", "kwargs": {"pk": "{meeting}"}, "method": "POST",
     "data": MEETING, "expect": COORDINATORS_ACT},
    {"name": "network:meeting_attendance", "kwargs": {"pk": "{meeting}"}, "method": "GET",
     "expect": PRIVATE_FOR_ALL},
    {"name": "network:meeting_attendance", "kwargs": {"pk": "{meeting}"}, "method": "POST",
     "data": {"attended": []}, "expect": COORDINATORS_ACT},
    {"name": "network:meeting_brochure", "kwargs": {"pk": "{meeting}"}, "method": "GET",
     "expect": PRIVATE_FOR_ALL},
    {"name": "network:meeting_brochure", "kwargs": {"pk": "{meeting}"}, "method": "POST",
     "data": {"title": "Onderwijs", "introduction": ""}, "expect": COORDINATORS_ACT},
    {"name": "network:recommendation_create", "kwargs": {"pk": "{meeting}"}, "method": "GET",
     "expect": PRIVATE_FOR_ALL},
    {"name": "network:recommendation_create", "kwargs": {"pk": "{meeting}"}, "method": "POST",
     "data": {"level": "flemish", "title": "Meer plaatsen", "text": "T",
              "addressee": "{addressee}", "drafted_on": "{today}"},
     "expect": COORDINATORS_ACT},
    {"name": "network:meeting_register", "kwargs": {"pk": "{meeting}"}, "method": "POST",
     "expect": {"anonymous": 302, "officer_a": 302, "officer_b": 302, "coordinator": 302,
                "staff": 302}},
    {"name": "network:meeting_cancel", "kwargs": {"pk": "{meeting}"}, "method": "POST",
     "expect": everyone(302)},
    {"name": "network:my_practices", "kwargs": {}, "method": "GET",
     "expect": {"anonymous": 302, "officer_a": 302, "officer_b": 302, "coordinator": 200,
                "staff": 200}},
    {"name": "network:review_queue", "kwargs": {}, "method": "GET", "expect": PRIVATE_FOR_ALL},
    {"name": "network:municipality_practices", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OWN_MUNICIPALITY},
    {"name": "network:practice_create", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OWN_MUNICIPALITY},
    {"name": "network:practice_create", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": PRACTICE, "expect": OWN_MUNICIPALITY_ACTS},
    {"name": "network:practice_edit", "kwargs": {"pk": "{draft}"}, "method": "GET",
     "expect": OWN_MUNICIPALITY},
    {"name": "network:practice_edit", "kwargs": {"pk": "{draft}"}, "method": "POST",
     "data": PRACTICE, "expect": OWN_MUNICIPALITY_ACTS},
    {"name": "network:practice_translation", "kwargs": {"pk": "{draft}", "language": "fr"},
     "method": "GET", "expect": OWN_MUNICIPALITY},
    {"name": "network:practice_translation", "kwargs": {"pk": "{draft}", "language": "fr"},
     "method": "POST", "data": {"title": "Café des langues", "context": "c", "actions": "a",
                                "results": "r"},
     "expect": OWN_MUNICIPALITY_ACTS},
    {"name": "network:practice_photo_add", "kwargs": {"pk": "{draft}"}, "method": "GET",
     "expect": OWN_MUNICIPALITY},
    # Without the photo itself: the form comes back with its error, to whoever may add one.
    {"name": "network:practice_photo_add", "kwargs": {"pk": "{draft}"}, "method": "POST",
     "data": {"alt_text": "Foto"}, "expect": OWN_MUNICIPALITY},
    {"name": "network:practice_submit", "kwargs": {"pk": "{draft}"}, "method": "POST",
     "expect": {"anonymous": 302, "officer_a": 302, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "network:practice_review", "kwargs": {"pk": "{draft}"}, "method": "POST",
     "data": {"decision": "publish"},
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "network:practice_link", "kwargs": {"pk": "{published}"}, "method": "POST",
     "data": {"meeting": "{meeting}"},
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "network:brochure_create", "kwargs": {}, "method": "GET", "expect": PRIVATE_FOR_ALL},
    {"name": "network:brochure_create", "kwargs": {}, "method": "POST",
     "data": {"title": "Selectie", "practices": ["{published}"]}, "expect": COORDINATORS_ACT},
    {"name": "network:brochure_publish", "kwargs": {"pk": "{brochure}"}, "method": "POST",
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "network:recommendation_step", "kwargs": {"pk": "{recommendation}"},
     "method": "GET", "expect": PRIVATE_FOR_ALL},
    {"name": "network:recommendation_step", "kwargs": {"pk": "{recommendation}"},
     "method": "POST", "data": {"state": "presented", "on": "{today}", "note": "Op het kabinet"},
     "expect": COORDINATORS_ACT},
    {"name": "network:addressee_create", "kwargs": {}, "method": "GET",
     "expect": PRIVATE_FOR_ALL},
    {"name": "network:addressee_create", "kwargs": {}, "method": "POST",
     "data": {"name": "Minister van Onderwijs", "office": "minister", "portfolio": "Onderwijs",
              "level": "flemish", "active": "on"},
     "expect": COORDINATORS_ACT},
    {"name": "network:addressee_edit", "kwargs": {"pk": "{addressee}"}, "method": "GET",
     "expect": PRIVATE_FOR_ALL},
    {"name": "network:addressee_edit", "kwargs": {"pk": "{addressee}"}, "method": "POST",
     "data": {"name": "Minister", "office": "minister", "portfolio": "Wonen en Inburgering",
              "level": "flemish", "active": "on"},
     "expect": COORDINATORS_ACT},
    {"name": "network:partner_create", "kwargs": {}, "method": "GET", "expect": PRIVATE_FOR_ALL},
    {"name": "network:partner_create", "kwargs": {}, "method": "POST",
     "data": {"name": "Nieuwe partner", "role": "participant", "order": "9"},
     "expect": COORDINATORS_ACT},
    {"name": "network:partner_edit", "kwargs": {"pk": "{partner}"}, "method": "GET",
     "expect": PRIVATE_FOR_ALL},
    {"name": "network:partner_edit", "kwargs": {"pk": "{partner}"}, "method": "POST",
     "data": {"name": "Hernoemde partner", "role": "carrier", "order": "1"},
     "expect": COORDINATORS_ACT},
]
