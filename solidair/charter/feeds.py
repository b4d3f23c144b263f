"""An Atom feed of one commitment's story (/municipalities/<nis>/commitments/<activity>/):
the decision, each piece of evidence, each yearly entry, each published confirmation or
contest and the municipality's reply, each renewal by a new council. Newest first; each entry
has an id that stays the same whatever the feed's language and however the story grows."""

from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidair.charter.models import EvidenceKind, FeedbackKind, RenewalOutcome
from solidair.charter.views import commitment_story_or_answer
from solidair.core.feeds import SiteFeed, moment
from solidair.core.links import site_url


@dataclass
class Entry:
    key: str  # the anchor on the page, and the last part of the entry's id
    at: datetime
    title: str
    text: str



def _day(at) -> str:
    return date_format(at if isinstance(at, date) and not isinstance(at, datetime)
                       else at.date(), "j F Y")


def story_entries(story) -> list[Entry]:
    """The story as dated entries, newest first (in the active language)."""
    application, commitment = story.application, story.commitment
    entries = []
    decided = application.council_decision_date or application.decided_at
    if decided:
        text = commitment.action
        if commitment.target:
            text += f" ({_('target')}: {commitment.target})"
        entries.append(Entry("decision", moment(decided), _("Decided by the council"), text))
    for item in [*story.evidence, *(e for year in story.years for e in year.evidence),
                 *(e for renewal in story.renewals for e in renewal.evidence)]:
        kind = (_("Council decision") if item.kind == EvidenceKind.DECISION
                else _("Report") if item.kind == EvidenceKind.REPORT else _("Other evidence"))
        text = item.label
        if item.decided_on:
            text += " " + _("(decided on %(date)s)") % {"date": _day(item.decided_on)}
        entries.append(Entry(f"evidence-{item.pk}", item.added_at,
                             _("Evidence: %(kind)s") % {"kind": kind}, text))
    for year in story.years:
        figures = "; ".join(f"{label}: {value}" for label, value in year.figures)
        entries.append(Entry(f"year-{year.year}", year.submitted_at,
                             _("Yearly report %(year)s") % {"year": year.year},
                             "\n".join(part for part in (figures, year.narrative) if part)))
    for item in story.feedback:
        who = ", ".join(part for part in (item.public_name, item.group_name) if part)
        title = (_("Contested by local people") if item.kind == FeedbackKind.CONTEST
                 else _("Confirmed by local people"))
        entries.append(Entry(f"feedback-{item.pk}", item.published_at,
                             f"{title} ({who})" if who else title, item.text))
        if item.reply_at:
            entries.append(Entry(f"reply-{item.pk}", item.reply_at,
                                 _("The municipality replied"), item.reply_text))
    for renewal in story.renewals:
        title = {RenewalOutcome.KEPT: _("Kept by the council of %(term)s"),
                 RenewalOutcome.CHANGED: _("Changed by the council of %(term)s"),
                 RenewalOutcome.DROPPED: _("Dropped by the council of %(term)s")
                 }.get(renewal.outcome, _("Kept by the council of %(term)s")) % {
            "term": renewal.term_name}
        entries.append(Entry(f"renewal-{renewal.pk}", renewal.at, title, title))
    entries.sort(key=lambda entry: moment(entry.at), reverse=True)
    return entries


class CommitmentFeed(SiteFeed):

    def __call__(self, request, nis, activity):
        story = commitment_story_or_answer(request, nis, activity, "charter:commitment_feed")
        if isinstance(story, HttpResponse):
            return story
        request._commitment_story = story
        return super().__call__(request, nis=nis, activity=activity)

    def get_object(self, request, nis, activity):
        return request._commitment_story

    def title(self, story):
        return _("%(activity)s in %(name)s") % {"activity": story.commitment.activity_title,
                                                 "name": story.municipality.name}

    def subtitle(self, story):
        return _("The council's decision, the evidence, the yearly reports, what local people "
                 "say and the replies.")

    def link(self, story):
        return site_url(reverse("charter:commitment",
                                args=[story.municipality.nis, story.activity.code]))

    def feed_url(self, story):
        return site_url(reverse("charter:commitment_feed",
                                args=[story.municipality.nis, story.activity.code]))

    def items(self, story):
        return [(entry, story) for entry in story_entries(story)]

    def item_title(self, item):
        return item[0].title

    def item_description(self, item):
        return item[0].text or item[0].title

    def item_link(self, item):
        entry, story = item
        return f"{self.link(story)}#{entry.key}"

    def item_guid(self, item):
        # One id per entry whatever the feed's language: the Dutch page's address and the key.
        entry, story = item
        with translation.override("nl"):
            return f"{self.link(story)}#{entry.key}"

