"""How apps plug into shared pages without the lower apps importing the higher ones.

Each app may have an `extensions` module defining any of these optional hooks:

- `nav_items(request) -> list[NavItem]`: links in the header. A `NavItem` says its `group`
  (`PUBLIC`: the site's own pages, for everyone; `ACCOUNT`: signing in, or the signed-in
  person's home, shown last and set apart) and its `order` (the ORDER_* bands below): the
  header sorts on them, whatever the order of the apps. A person's own work (their charter,
  their volunteers, the review queues) is not in the header: it is on their home page
  (`account_links`, `backoffice_links`, `officer_tasks`, `coordinator_tasks`).
- `MunicipalityApiFields`: a ninja `Schema` with the fields the app adds to
  `/api/v1/municipalities/{nis}/`, and `municipality_api_fields(municipality) -> dict` filling them.
- `municipality_profile_sections(request, municipality) -> list[str | ProfileSection]`: rendered
  HTML blocks for the municipality's public page (use `render_to_string`; it escapes user text).
  The page is ordered by purpose: a `ProfileSection(html, place="lead")` is what the visitor
  came to do for this municipality in its status (residents asking a council to join; a
  member's commitments), "help" how residents can help, "more" (a plain string) the rest.
- `seed_demo(*, stdout) -> None`: adds the app's demo content (`manage.py seed_demo`).
- `municipality_head_tags(request, municipality) -> list[str]`: rendered tags for the `<head>`
  of the municipality's public page (e.g. the charter's Open Graph share image).
- `account_links(request, municipality) -> list[tuple[str, str]]`: what an officer can do for
  this municipality, listed on their account page (`/account/`) under "All your work".
- `backoffice_links(user) -> list[tuple[str, str]]`: a coordinator's pages, listed on their
  account page (accounts calls it for coordinators only).
- `officer_tasks(user, municipality) -> list[Task]`: what waits for the officer of this
  municipality (new co-signatories, a returned application, a report due ...), on their home
  page. Only what waits: return nothing when the count is zero. A constant number of queries.
- `coordinator_tasks(user) -> list[Task]`: what waits for a coordinator (applications to review,
  held signatures ...), on their home page; same rules.
- `seed_bench(*, sizes: dict, stdout) -> None`: tops the app's data up to the benchmark sizes
  (`sizes["confirmed_signatures"]`, ... see bench/seed.py); fast bulk inserts, idempotent.
- `municipality_timeline_events(municipality) -> list[TimelineEvent]`: the app's dated events
  in the municipality's public timeline (places: each status change; campaigns: the threshold
  reached, each digest sent, the council's answers). `places.selectors.municipality_timeline`
  merges them, newest first, for the page, the API (`timeline`) and the Atom feed
  (`/municipalities/<nis>/feed.atom`). Public data only, in a constant number of queries.

The shared pages collect them through `hooks(name)`, in the order of settings.SOLIDAIR_APPS.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.utils.timezone import localdate


@cache
def _extension_modules():
    modules = []
    for app in settings.SOLIDAIR_APPS:
        name = f"{app}.extensions"
        if app != "solidair.core" and find_spec(name) is not None:
            modules.append(import_module(name))
    return tuple(modules)


# Task.priority: lower comes first on the home page.
URGENT = 10  # someone waits for this person: a returned application, a report due, failed mail
TO_DO = 20  # theirs to handle: applications to review, an answer to record, offers waiting
NEWS = 30  # good to know: new co-signatories, upcoming meetings


@dataclass(frozen=True)
class Task:
    """One line of a dashboard: what waits, how many, and where to handle it.

    `label` is a full sentence in the reader's language with the count in it (through
    ngettext), e.g. "3 new co-signatories in the last 7 days"; `count` is the same number.
    """

    label: str
    count: int
    url: str
    priority: int = TO_DO

    @property
    def is_urgent(self) -> bool:
        return self.priority <= URGENT


# NavItem.group
PUBLIC = "public"
ACCOUNT = "account"
NAV_GROUPS = (PUBLIC, ACCOUNT)

# NavItem.order: the public links read as the visitor's questions, in this order.
ORDER_MUNICIPALITIES = 10  # where does my municipality stand (the list, the map, the members)
ORDER_NETWORK = 20  # what do members do together (learning network, good practices)
ORDER_VOLUNTEERS = 30  # how can I help (volunteer)
ORDER_RESIDENTS = 40  # who is asking their council (residents asking, the letter)
ORDER_ACCOUNT = 90


@dataclass(frozen=True)
class NavItem:
    """One link of the header. Unpacks as `(label, url)`, as the hook's items always did."""

    label: str
    url: str
    group: str = PUBLIC
    order: int = ORDER_MUNICIPALITIES

    def __post_init__(self):
        if self.group not in NAV_GROUPS:  # a misspelt group fails here, not silently
            raise ValueError(f"NavItem group {self.group!r} is not one of {NAV_GROUPS}")

    def __iter__(self):
        return iter((self.label, self.url))


def nav_links(request) -> dict[str, list[NavItem]]:
    """Every app's `nav_items`, by group, each group sorted on `order` (then app order)."""
    items = [item if isinstance(item, NavItem) else NavItem(*item)
             for hook in hooks("nav_items") for item in hook(request)]
    return {group: sorted((item for item in items if item.group == group),
                          key=lambda item: item.order)
            for group in NAV_GROUPS}


def hooks(name: str) -> list:
    """Every app's implementation of the hook `name`, in app order."""
    return [getattr(module, name) for module in _extension_modules() if hasattr(module, name)]


PROFILE_PLACES = ("lead", "help", "more")


class ProfileSection(str):
    """A block of a municipality's public page (its HTML: it is a string) and where it goes:
    `place` is one of PROFILE_PLACES."""

    place: str

    def __new__(cls, html: str, place: str = "more"):
        if place not in PROFILE_PLACES:
            raise ValueError(f"place must be one of {PROFILE_PLACES}, not {place!r}")
        section = super().__new__(cls, html)
        section.place = place
        return section

    @property
    def html(self) -> str:
        return str(self)


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event of a municipality's public timeline.

    `event` is a stable machine name ("status_changed", "threshold_reached", "digest_sent",
    "council_answered" ...), the API's `event`; `label` says what happened in the reader's
    language (plain text: pages escape it); `note` is a detail quoted as written (a reason),
    shown apart; `url` (a path, optional) where to read more; `data` the extra JSON-safe fields
    the API adds to the event (e.g. {"number": 3, "signature_count": 12}); `key` is unique and
    stable within the municipality (the feed's entry id). `at` is a datetime, a date, or None
    when the date is not recorded.
    """

    at: datetime | date | None
    event: str
    label: str
    key: str
    note: str = ""
    url: str = ""
    data: dict = field(default_factory=dict)

    @property
    def day(self) -> date | None:
        if isinstance(self.at, datetime):
            return localdate(self.at)
        return self.at
