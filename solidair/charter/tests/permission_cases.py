"""Who may open each charter URL. An officer of one municipality never reaches another's
application, decision file, progress or reports (404, so nothing leaks)."""

from datetime import timedelta

from django.utils import timezone

from solidair.core.tokens import new_token

PUBLIC = [
    "charter:activities", "charter:members", "charter:members_csv", "charter:figures",
    "charter:badge", "charter:widget", "charter:share_image",
    "charter:commitment", "charter:commitment_feed", "charter:commitment_share_image",
    "charter:evidence_file",  # evidence is public, as the commitment it shows
    # Anyone confirms or contests a commitment; its author follows it by the e-mailed link.
    "charter:commitment_respond", "charter:feedback_sent", "charter:feedback_manage",
    "charter:feedback_delete",
]

_PRIVATE = {"anonymous": 302, "officer_a": 200, "officer_b": 404, "coordinator": 200,
            "staff": 200}
_COORDINATORS = {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 200,
                 "staff": 200}
_EVERYONE = dict.fromkeys(_PRIVATE, 200)
# The municipality's own officers only: coordinators moderate, they do not reply for it.
_OFFICERS = {"anonymous": 302, "officer_a": 200, "officer_b": 404, "coordinator": 404,
             "staff": 404}


def _feedback(commitment, status):
    from solidair.charter.models import CommitmentFeedback

    now = timezone.now()
    return CommitmentFeedback.objects.create(
        commitment=commitment, kind="contest", text="The reception places are not there.",
        email=f"{status}@example.org", token_hash=new_token()[1], token_expires_at=now,
        status=status, confirmed_at=now, published_at=now if status == "published" else None)


def setup(a, b):
    from solidair.charter.models import CouncilTerm, TermConfirmation
    from solidair.charter.tests.factories import member, pdf_upload

    application = member(a)
    application.council_decision_file.save("decision.pdf", pdf_upload())
    token, token_hash = new_token()
    confirmation = TermConfirmation.objects.create(
        term=CouncilTerm.objects.create(name="2025-2030", starts_on="2025-01-01",
                                                 ends_on="2030-12-31"),
        municipality=a, requested_at=timezone.now(), due_on=timezone.localdate(),
        token_hash=token_hash, token_expires_at=timezone.now() + timedelta(days=1))
    commitment = application.commitments.first()
    return {"application": application.pk, "commitment": commitment.pk,
            "activity": commitment.activity_id,
            "year": timezone.localdate().year, "token": token,
            "confirmation": confirmation.pk,
            "submitted": _feedback(commitment, "submitted").pk,
            "published": _feedback(commitment, "published").pk}


CASES = [
    {"name": "charter:application", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": _PRIVATE},
    {"name": "charter:application", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"save": "1"},
     "expect": {**_PRIVATE, "officer_a": 302, "coordinator": 302, "staff": 302}},
    {"name": "charter:application_file", "kwargs": {"nis": "{a}", "pk": "{application}"},
     "method": "GET", "expect": _PRIVATE},
    # Another municipality's code in the path does not unlock a's file.
    {"name": "charter:application_file", "kwargs": {"nis": "{b}", "pk": "{application}"},
     "method": "GET", "expect": {**_PRIVATE, "officer_a": 404, "coordinator": 404,
                                 "staff": 404}},
    {"name": "charter:progress", "kwargs": {"nis": "{a}"}, "method": "GET", "expect": _PRIVATE},
    {"name": "charter:commitment_update", "kwargs": {"nis": "{a}", "pk": "{commitment}"},
     "method": "POST", "data": {"c{commitment}-status": "done"},
     "expect": {**_PRIVATE, "officer_a": 302, "coordinator": 302, "staff": 302}},
    {"name": "charter:commitment_update", "kwargs": {"nis": "{b}", "pk": "{commitment}"},
     "method": "POST", "data": {"c{commitment}-status": "done"},
     "expect": {**_PRIVATE, "officer_a": 404, "coordinator": 404, "staff": 404}},
    {"name": "charter:report", "kwargs": {"nis": "{a}", "year": "{year}"}, "method": "GET",
     "expect": _PRIVATE},
    {"name": "charter:report", "kwargs": {"nis": "{a}", "year": "{year}"}, "method": "POST",
     "data": {"places_adults": "1", "places_minors": "0", "places_in_loi": "0",
              "volunteers_active": "0"},
     "expect": {**_PRIVATE, "officer_a": 302, "coordinator": 302, "staff": 302}},
    {"name": "charter:review_list", "kwargs": {}, "method": "GET", "expect": _COORDINATORS},
    {"name": "charter:manage", "kwargs": {}, "method": "GET", "expect": _COORDINATORS},
    {"name": "charter:manage", "kwargs": {}, "method": "POST",
     "data": {"minimum_activities": "3"},
     "expect": {**_COORDINATORS, "coordinator": 302, "staff": 302}},
    {"name": "charter:activity_edit", "kwargs": {"pk": "{activity}"}, "method": "GET",
     "expect": _COORDINATORS},
    {"name": "charter:activity_edit", "kwargs": {"pk": "{activity}"}, "method": "POST",
     "data": {"title_nl": "Onthaal", "title_fr": "Accueil", "title_en": "Welcome",
              "description_nl": "-", "description_fr": "-", "description_en": "-",
              "is_active": "on"},
     "expect": {**_COORDINATORS, "coordinator": 302, "staff": 302}},
    {"name": "charter:review", "kwargs": {"pk": "{application}"}, "method": "GET",
     "expect": _COORDINATORS},
    {"name": "charter:review", "kwargs": {"pk": "{application}"}, "method": "POST",
     "data": {}, "expect": _COORDINATORS},
    {"name": "charter:withdraw", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": _COORDINATORS},
    {"name": "charter:withdraw", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"reason": "Council decision"},
     "expect": {**_COORDINATORS, "coordinator": 302, "staff": 302}},
    # The e-mailed link leads only the municipality's own officer (or a coordinator) on.
    {"name": "charter:reconfirm", "kwargs": {"token": "{token}"}, "method": "GET",
     "expect": _PRIVATE},
    {"name": "charter:term_confirm", "kwargs": {"nis": "{a}", "pk": "{confirmation}"},
     "method": "GET", "expect": _PRIVATE},
    # The reconfirmation form: an empty answer is refused (400), so the row stays open.
    {"name": "charter:term_confirm", "kwargs": {"nis": "{a}", "pk": "{confirmation}"},
     "method": "POST", "expect": {**_PRIVATE, "officer_a": 400, "coordinator": 400,
                                  "staff": 400}},
    {"name": "charter:feedback_queue", "kwargs": {}, "method": "GET", "expect": _COORDINATORS},
    {"name": "charter:feedback_moderate", "kwargs": {"pk": "{submitted}"}, "method": "GET",
     "expect": _COORDINATORS},
    {"name": "charter:feedback_moderate", "kwargs": {"pk": "{submitted}"}, "method": "POST",
     "data": {"decision": "publish"},
     "expect": {**_COORDINATORS, "coordinator": 302, "staff": 302}},
    {"name": "charter:officer_feedback", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": _OFFICERS},
    {"name": "charter:officer_feedback", "kwargs": {"nis": "{b}"}, "method": "GET",
     "expect": {**_OFFICERS, "officer_a": 404, "officer_b": 200}},
    {"name": "charter:feedback_reply", "kwargs": {"nis": "{a}", "pk": "{published}"},
     "method": "POST", "data": {"f{published}-reply": "The places open in May."},
     "expect": {**_OFFICERS, "officer_a": 302}},
    # Another municipality's code in the path does not reach a's texts.
    {"name": "charter:feedback_reply", "kwargs": {"nis": "{b}", "pk": "{published}"},
     "method": "POST", "data": {"f{published}-reply": "The places open in May."},
     "expect": {**_OFFICERS, "officer_a": 404}},
    {"name": "charter:badge", "kwargs": {"nis": "{a}"}, "method": "GET", "expect": _EVERYONE},
    {"name": "charter:widget", "kwargs": {"nis": "{a}"}, "method": "GET", "expect": _EVERYONE},
    {"name": "charter:share_image", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": _EVERYONE},
    {"name": "charter:members", "kwargs": {}, "method": "GET", "expect": _EVERYONE},
    {"name": "charter:members_csv", "kwargs": {}, "method": "GET", "expect": _EVERYONE},
    {"name": "charter:figures", "kwargs": {}, "method": "GET", "expect": _EVERYONE},
    {"name": "charter:activities", "kwargs": {}, "method": "GET", "expect": _EVERYONE},
]
