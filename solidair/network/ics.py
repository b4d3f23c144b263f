"""iCalendar files: one per meeting, and a feed of every meeting."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from solidair.core.links import site_url
from solidair.network.models import Meeting

PRODID = "-//Solidaire Gemeenten//Learning network//NL"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(meeting: Meeting, *, with_link: bool) -> Event:
    event = Event()
    host = urlsplit(settings.SITE_URL).hostname or "solidaire-gemeenten.be"
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.theme)
    # The online link is for signed-in people only, like on the meeting's page.
    online_url = meeting.online_url if with_link else ""
    description = meeting.agenda
    if online_url:
        description = f"{description}\n\n{online_url}".strip()
    if description:
        event.add("description", description)
    location = meeting.place or online_url
    if location:
        event.add("location", location)
    event.add("url", site_url(meeting.get_absolute_url()))
    return event


def meeting_ics(meeting: Meeting, *, calendar_name: str, with_link: bool) -> bytes:
    calendar = _calendar(calendar_name)
    calendar.add_component(_event(meeting, with_link=with_link))
    return calendar.to_ical()


def meetings_feed(meetings, *, calendar_name: str) -> bytes:
    """The public feed calendar apps subscribe to: without online links."""
    calendar = _calendar(calendar_name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, with_link=False))
    return calendar.to_ical()


def meeting_attachment(*, meeting_id: int) -> tuple[str, bytes, str]:
    """The calendar file attached to a registration e-mail (built when the mail is sent)."""
    meeting = Meeting.objects.get(pk=meeting_id)
    return (f"meeting-{meeting.pk}.ics",
            meeting_ics(meeting, calendar_name="Solidaire Gemeenten", with_link=True),
            "text/calendar")
