"""What the volunteers app writes in the audit log reads as words, in each language."""

from django.utils import translation

from solidair.accounts.audit import readable_entries
from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import make_officer
from solidair.volunteers import services
from solidair.volunteers.tests.factories import make_offer


def test_volunteer_audit_actions_read_as_words(gent):
    offer = make_offer(gent)
    services.offer_set_status(offer=offer, status="contacted", by=make_officer(gent))
    with translation.override("en"):
        entry = readable_entries(AuditEntry.objects.filter(
            action="volunteers.offer_status_changed"))[0]
        assert entry.action_text == "Follow-up status of an offer changed"
        assert ("status", "contacted") in entry.after_items
    with translation.override("nl"):
        entry = readable_entries([entry])[0]
        assert "volunteers." not in str(entry.action_text)
        assert ("status", "contacted") not in entry.after_items


def test_message_to_volunteers_leaves_no_english_label_in_the_audit(gent):
    offers = [make_offer(gent)]
    officer = make_officer(gent)
    services.offers_write(municipality=gent, offers=offers, subject="Hallo", body="Tot dan",
                          by=officer)
    entry = AuditEntry.objects.get(action="volunteers.volunteers_written")
    assert entry.object_label == "" and entry.after == {"count": 1}


def test_pausing_and_resuming_read_as_two_different_actions(gent):
    offer = make_offer(gent)
    services.offer_set_paused(offer=offer, paused=True)
    services.offer_set_paused(offer=offer, paused=False)
    with translation.override("en"):
        entries = readable_entries(AuditEntry.objects.order_by("pk"))
        assert [entry.action_text for entry in entries] == [
            "Volunteer paused their offer", "Volunteer resumed their offer"]
        assert entries[0].object_text == f"volunteer offer #{offer.pk}"
    with translation.override("nl"):
        assert readable_entries(entries)[0].object_text == f"vrijwilligersaanbod #{offer.pk}"
