"""Builders for the charter's tests."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from solidair.charter import selectors, services
from solidair.charter.models import Commitment

# A tiny but well-formed PDF: header, one object, cross-reference table, end marker.
PDF_BYTES = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
             b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
             b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
             b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n")


def pdf_upload(content: bytes = PDF_BYTES, name="besluit.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def activity(code):
    return selectors.charter_activities().get(code=code)


def application_input(codes=("reception", "housing", "network"), **fields):
    commitments = [services.CommitmentInput(activity=activity(code), action=f"Action {code}",
                                            other_description="Our own" if code == "other"
                                            else "")
                   for code in codes]
    defaults = {"council_decision_url": "https://example.org/besluit",
                "council_decision_date": date(2025, 3, 1), "contact_name": "An Peeters",
                "contact_role": "Schepen", "contact_email": "an@example.org"}
    return services.ApplicationInput(commitments=commitments, **{**defaults, **fields})


def submitted_application(municipality, *, by=None, codes=("reception", "housing", "network")):
    application = services.application_start(municipality=municipality, by=by)
    services.application_save(application=application, data=application_input(codes), by=by)
    return services.application_submit(application=application, by=by)


def member(municipality, *, by=None, since=date(2024, 5, 1), codes=("reception", "housing",
                                                                    "network")):
    """An approved member with commitments."""
    application = submitted_application(municipality, by=by, codes=codes)
    services.application_approve(application=application, by=by, member_since=since)
    application.refresh_from_db()
    return application


def set_target(municipality, code, number, unit="reception places"):
    Commitment.objects.filter(application__municipality=municipality,
                              activity__code=code).update(target_number=number, target_unit=unit)


def revise_activity(client, number: int, **changes):
    """A coordinator revises activity `number` through the charter's edit page: the form as
    shown, with `changes` (e.g. title_nl="...") typed over it."""
    from django.urls import reverse

    from solidair.accounts.testing import login, make_coordinator

    revised = selectors.charter_activities().get(number=number)
    data = {name: getattr(revised, name) for name in services.ACTIVITY_TEXT_FIELDS}
    data.update(changes)
    if data.pop("is_active"):
        data["is_active"] = "on"
    login(client, make_coordinator(f"reviser{number}@example.org"))
    response = client.post(reverse("charter:activity_edit", args=[revised.pk]), data)
    assert response.status_code == 302, response.content.decode()
    client.logout()
