import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.charter import selectors, services
from solidair.charter.extensions import municipality_profile_sections
from solidair.charter.models import Commitment, FigureDefinition, Reminder
from solidair.charter.tests.factories import member
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent():
    municipality = make_municipality("44021", "Gent", "Gand", is_city=True)
    member(municipality, since=date(2023, 3, 1))
    municipality.refresh_from_db()
    return municipality


def age(municipality, days):
    """Pretend every update of the member happened `days` ago."""
    moment = timezone.now() - timedelta(days=days)
    Commitment.objects.filter(application__municipality=municipality).update(last_updated=moment)
    municipality.charter_reports.update(submitted_at=moment)


def test_officer_updates_status_with_evidence_and_history_shows_it(client, gent):
    officer = make_officer(gent)
    login(client, officer)
    commitment = selectors.current_commitments(gent).get(activity__code="reception")
    prefix = f"c{commitment.pk}"
    response = client.post(reverse("charter:commitment_update", args=[gent.nis, commitment.pk]),
                           {f"{prefix}-status": "in_progress",
                            f"{prefix}-evidence_url": "https://gent.be/loi",
                            f"{prefix}-evidence_label": "Persbericht over het LOI"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    assert commitment.evidence.get().label == "Persbericht over het LOI"
    assert commitment.history.count() >= 2
    with translation.override("en"):
        page = client.get(reverse("charter:progress", args=[gent.nis])).content.decode()
    assert "Persbericht over het LOI" in page
    assert "planned → in progress" in page


def test_evidence_needs_a_label(client, gent):
    login(client, make_officer(gent))
    commitment = selectors.current_commitments(gent).first()
    prefix = f"c{commitment.pk}"
    response = client.post(reverse("charter:commitment_update", args=[gent.nis, commitment.pk]),
                           {f"{prefix}-status": "done", f"{prefix}-evidence_url": "https://x.be"})
    assert response.status_code == 400
    commitment.refresh_from_db()
    assert commitment.status == "planned"


def test_yearly_report_with_narratives_and_extra_figures(client, gent):
    FigureDefinition.objects.create(code="guardians", label_nl="Voogden", label_fr="Tuteurs",
                                    label_en="Guardians")
    login(client, make_officer(gent))
    commitments = list(selectors.current_commitments(gent))
    year = timezone.localdate().year
    url = reverse("charter:report", args=[gent.nis, year])
    data = {"places_adults": "10", "places_minors": "5", "places_in_loi": "20",
            "volunteers_active": "40", "figure_guardians": "3",
            f"narrative_{commitments[0].pk}": "Het LOI opende in mei."}
    response = client.post(url, data)
    assert response.status_code == 200  # 20 in an LOI of 15 places
    data["places_in_loi"] = "12"
    response = client.post(url, data)
    assert response.status_code == 302
    report = gent.charter_reports.get(year=year)
    assert report.places_total == 15
    assert report.extra_figures == {"guardians": 3}
    assert report.narratives.get().narrative == "Het LOI opende in mei."
    # Filing again corrects the same report.
    data["volunteers_active"] = "41"
    client.post(url, data)
    assert gent.charter_reports.get().volunteers_active == 41
    assert report.history.count() == 2


def test_report_service_refuses_non_members():
    other = make_municipality("11002", "Antwerpen", "Anvers")
    with pytest.raises(ValidationError):
        services.report_submit(municipality=other, by=None,
                               data=services.ReportInput(year=timezone.localdate().year))


def test_a_member_without_update_for_twelve_months_is_flagged(client, gent):
    age(gent, 200)
    assert not selectors.is_stale(gent)
    age(gent, 370)
    assert selectors.is_stale(gent)
    assert [item.municipality for item in selectors.stale_members()] == [gent]
    login(client, make_coordinator())
    page = client.get(reverse("charter:review_list"))
    assert "Gent" in page.content.decode()
    section = municipality_profile_sections(None, gent)[0]
    assert "Niet bijgewerkt sinds" in section


def test_a_new_report_clears_the_flag(gent):
    age(gent, 400)
    services.report_submit(municipality=gent, by=None,
                           data=services.ReportInput(year=timezone.localdate().year))
    assert not selectors.is_stale(gent)


def test_reminders_go_out_once_about_eleven_months_after_the_last_update(
        gent, django_capture_on_commit_callbacks):
    officer = make_officer(gent)
    age(gent, 300)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_report_reminders", stdout=io.StringIO())
    assert mail.outbox == []
    age(gent, 340)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_report_reminders", stdout=io.StringIO())
        call_command("send_report_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert Reminder.objects.count() == 1


def test_reminder_goes_to_public_contact_without_officers(gent,
                                                          django_capture_on_commit_callbacks):
    age(gent, 340)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_report_reminders() == 1
    assert mail.outbox[0].to == ["an@example.org"]


def test_reminder_to_a_walloon_contact_is_in_french(django_capture_on_commit_callbacks):
    namur = make_municipality("92094", "Namen", "Namur", region_code="03000",
                              province_code="90000", postal_codes=("5000",))
    member(namur, since=date(2023, 3, 1))
    age(namur, 340)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_report_reminders()
    assert "Il est temps de mettre à jour vos engagements" in mail.outbox[0].subject


def test_stale_members_agree_with_each_page_in_one_query(gent, django_assert_num_queries):
    others = []
    for number in range(4):
        other = make_municipality(f"9{number:04d}", f"Gemeente {number}")
        member(other, since=date(2020, 1, 1))
        others.append(other)
    age(gent, 400)
    age(others[0], 400)
    services.report_submit(municipality=others[0], by=None,
                           data=services.ReportInput(year=timezone.localdate().year))
    age(others[1], 380)
    with django_assert_num_queries(1):
        stale = selectors.stale_members()
    assert [item.municipality for item in stale] == [
        m for m in sorted([gent, *others], key=lambda m: m.name_nl) if selectors.is_stale(m)]
    assert {item.municipality.nis for item in stale} == {gent.nis, others[1].nis}
    assert {item.municipality.nis: item.last_update for item in stale}[gent.nis] == \
        selectors.last_update(gent)


def test_the_review_list_shows_the_reports_filed_lately(client, gent):
    services.report_submit(municipality=gent, by=None,
                           data=services.ReportInput(year=timezone.localdate().year - 1))
    login(client, make_coordinator())
    with translation.override("en"):
        html = client.get(reverse("charter:review_list")).content.decode()
        url = reverse("charter:report", args=[gent.nis, timezone.localdate().year - 1])
    assert 'id="reports"' in html and f'href="{url}"' in html
