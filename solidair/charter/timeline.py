"""The history of a municipality's charter, as one timeline, newest first."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from solidair.charter.models import (
    Application,
    Commitment,
    CommitmentStatus,
    EvidenceLink,
    ReviewEvent,
    YearlyReport,
)


@dataclass
class TimelineEntry:
    at: datetime
    title: str
    text: str = ""


def application_timeline(application: Application) -> list[TimelineEntry]:
    """The review exchange: submissions, remarks, answers, the decision."""
    return [TimelineEntry(event.at, event.get_kind_display(), event.text)
            for event in application.events.all()]


def _status_label(value: str) -> str:
    return str(CommitmentStatus(value).label) if value in CommitmentStatus.values else value


def progress_timeline(municipality) -> list[TimelineEntry]:
    """Review steps, status changes of commitments, evidence and reports."""
    entries = []
    applications = Application.objects.filter(municipality=municipality)
    for event in ReviewEvent.objects.filter(application__in=applications):
        entries.append(TimelineEntry(event.at, event.get_kind_display(), event.text))
    commitment_history = (Commitment.history.filter(application__in=applications)
                          .select_related("activity").order_by("id", "history_date"))
    previous_status = {}
    for record in commitment_history:
        before = previous_status.get(record.id)
        previous_status[record.id] = record.status
        if before is not None and before != record.status:
            title = record.other_description or record.activity.title
            entries.append(TimelineEntry(
                record.history_date,
                _("%(activity)s: %(before)s → %(after)s") % {
                    "activity": title, "before": _status_label(before),
                    "after": _status_label(record.status)}))
    for link in EvidenceLink.objects.filter(commitment__application__in=applications):
        entries.append(TimelineEntry(link.added_at, _("Evidence added"), link.label))
    for report in YearlyReport.objects.filter(municipality=municipality):
        entries.append(TimelineEntry(report.submitted_at,
                                     _("Yearly report %(year)d filed") % {"year": report.year}))
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries
