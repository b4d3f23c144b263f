"""How apps plug into shared pages without the lower apps importing the higher ones.

A shared page (the header, a municipality's page and API entry, a person's home, the audit log,
`manage.py seed_demo`) asks `hooks(name)` for every app's implementation of a hook and calls
them in the order of settings.SOLIDAIR_APPS. Apps register their implementations explicitly,
at start-up, in their `AppConfig.ready`:

    class CampaignsConfig(AppConfig):
        def ready(self):
            from solidair.campaigns import extensions
            from solidair.core.extensions import register_hooks

            register_hooks(self, nav_items=extensions.nav_items, ...)

`register_hooks` refuses, and so the site does not start, a name that is not one of the hooks
below (a misspelt hook is an error, not silence) and an implementation that cannot be called as
the hook is called (wrong parameters); `hooks(name)` refuses an unknown name. The system check
`solidair.E001` (`manage.py check`, and a test) finds a hook defined in an app's
`extensions.py` but never registered. Every hook is documented here, in `Hooks`, once.
"""

import difflib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.utils.timezone import localdate
from ninja import Schema

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


class Hooks:
    """The extension hooks: each is optional, and implemented with exactly these parameters
    (the shared page calls it so). Here only to be read, and to check implementations against.
    """

    def nav_items(request) -> list[NavItem]:
        """Links in the header. A `NavItem` says its `group` (`PUBLIC`: the site's own pages,
        for everyone; `ACCOUNT`: signing in, or the signed-in person's home, shown last and set
        apart) and its `order` (the ORDER_* bands above): the header sorts on them, whatever
        the order of the apps. A person's own work (their charter, their volunteers, the review
        queues) is not in the header but on their home page (`account_links`,
        `backoffice_links`, `officer_tasks`, `coordinator_tasks`)."""

    MunicipalityApiFields: type[Schema]
    """A ninja `Schema` (a class, not a function) with the fields the app adds to
    `/api/v1/municipalities/{nis}/`; registered together with `municipality_api_fields`."""

    def municipality_api_fields(municipality) -> dict:
        """The values of the app's `MunicipalityApiFields` for this municipality."""

    def municipality_profile_sections(request, municipality) -> list[str | ProfileSection]:
        """Rendered HTML blocks for the municipality's public page (use `render_to_string`;
        it escapes user text). The page is ordered by purpose: a `ProfileSection(html,
        place="lead")` is what the visitor came to do for this municipality in its status
        (residents asking a council to join; a member's commitments), "help" how residents can
        help, "more" (a plain string) the rest."""

    def municipality_head_tags(request, municipality) -> list[str]:
        """Rendered tags for the `<head>` of the municipality's public page (e.g. the
        charter's Open Graph share image)."""

    def account_links(request, municipality) -> list[tuple[str, str]]:
        """What an officer can do for this municipality, as (label, url), listed on their
        account page (`/account/`) under "All your work"."""

    def backoffice_links(user) -> list[tuple[str, str]]:
        """A coordinator's pages, as (label, url), listed on their account page (accounts
        calls it for coordinators only)."""

    def officer_tasks(user, municipality) -> list[Task]:
        """What waits for the officer of this municipality (new co-signatories, a returned
        application, a report due ...), on their home page. Only what waits: return nothing
        when the count is zero. A constant number of queries (read through the app's
        `selectors`), ideally one: `core.counts.counts` reads several counts at once. Checking
        the user's rights (`accounts.permissions.is_officer_of`) costs no query: the user's
        municipalities are read once per request."""

    def coordinator_tasks(user) -> list[Task]:
        """What waits for a coordinator (applications to review, held signatures ...), on
        their home page; same rules as `officer_tasks`."""

    def activity_catalogue() -> list:
        """The charter's activities as `core.activities.CatalogueActivity` (number, code,
        titles by language): provided by exactly one app (charter), read by the others through
        `solidair.core.activities.activity_catalogue()`."""

    def audit_action_labels() -> dict:
        """{action code: label} for the app's audit entries, read on the audit-log page
        (`accounts.audit`); a code without a label shows raw."""

    def audit_object_labels() -> dict:
        """{object type (`app.model`): "kind #%(id)s"} for the app's audited objects, so the
        log names them in the reader's language; never a person's name."""

    def audit_value_labels() -> dict:
        """{action code: {field: {code: label}}} for the codes stored in the app's audit
        entries' before/after values (a status, a role ...)."""

    def municipality_timeline_events(municipality) -> list[TimelineEvent]:
        """The app's dated events in the municipality's public timeline (places: each status
        change; campaigns: the threshold reached, each digest sent, the council's answers).
        `places.selectors.municipality_timeline` merges them, newest first, for the page, the
        API (`timeline`) and the Atom feed (`/municipalities/<nis>/feed.atom`). Public data
        only, in a constant number of queries."""

    def membership_lapsed(municipality, *, term_name) -> int:
        """A member's membership lapsed: the council elected for the term `term_name` did not
        reconfirm it in time (charter's `lapse_memberships`, daily). Invite the residents who
        co-signed for the municipality before to ask the new council to reconfirm; returns how
        many were invited (campaigns). Charter calls it once per lapse (`TermConfirmation.
        invitation_sent_at`), inside its transaction: mail is queued, never sent here."""

    def membership_is_lapsed(municipality) -> bool:
        """Whether the municipality is a member whose membership lapsed (a new council did not
        reconfirm it): campaigns then accepts co-signatures again, asking the new council to
        reconfirm rather than to join (charter)."""

    def seed_demo(*, stdout) -> None:
        """Adds the app's demo content (`manage.py seed_demo`, `make data`); idempotent."""


# Hooks that are a class (checked as a ninja Schema), the others are functions.
SCHEMA_HOOKS = frozenset({"MunicipalityApiFields"})
# Hooks an app registers together or not at all.
PAIRED_HOOKS = (frozenset({"MunicipalityApiFields", "municipality_api_fields"}),)
HOOK_NAMES = frozenset(
    {name for name, value in vars(Hooks).items() if inspect.isfunction(value)} | SCHEMA_HOOKS)

# hook name -> {app name: implementation}, filled by register_hooks at start-up.
_registry: dict[str, dict[str, object]] = {name: {} for name in HOOK_NAMES}


def _unknown(name: str) -> str:
    close = difflib.get_close_matches(name, HOOK_NAMES, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{name!r} is not an extension hook{hint}; the hooks are in solidair.core.extensions"


def _signature_problem(name: str, implementation) -> str | None:
    """Why `implementation` cannot stand for the hook `name`, or None."""
    if name in SCHEMA_HOOKS:
        if inspect.isclass(implementation) and issubclass(implementation, Schema):
            return None
        return f"{name} must be a ninja Schema class, not {implementation!r}"
    if not callable(implementation):
        return f"{name} must be a function, not {implementation!r}"
    expected = inspect.signature(getattr(Hooks, name))
    # Called as the shared page calls it: positional parameters by position, keyword-only
    # ones by name. An implementation that cannot take exactly that is refused.
    args = [object() for parameter in expected.parameters.values()
            if parameter.kind is parameter.POSITIONAL_OR_KEYWORD]
    kwargs = {parameter.name: object() for parameter in expected.parameters.values()
              if parameter.kind is parameter.KEYWORD_ONLY}
    try:
        actual = inspect.signature(implementation)
        actual.bind(*args, **kwargs)
    except (TypeError, ValueError):
        return (f"{getattr(implementation, '__qualname__', implementation)}"
                f"{_shown(implementation)} does not fit the hook {name}{expected}")
    return None


def _shown(implementation) -> str:
    try:
        return str(inspect.signature(implementation))
    except (TypeError, ValueError):
        return ""


def register_hooks(app: AppConfig | str, **implementations: Callable | type) -> None:
    """Plug `app`'s implementations into the shared pages: `register_hooks(self,
    nav_items=extensions.nav_items, ...)` in its `AppConfig.ready`. Raises ImproperlyConfigured
    (nothing is registered) for an unknown hook name, an implementation with the wrong
    parameters, or half of a pair (`MunicipalityApiFields` with `municipality_api_fields`).
    Registering again replaces the app's earlier implementations."""
    app_name = app.name if isinstance(app, AppConfig) else app
    problems = []
    for name, implementation in implementations.items():
        problem = (_unknown(name) if name not in HOOK_NAMES
                   else _signature_problem(name, implementation))
        if problem:
            problems.append(problem)
    for pair in PAIRED_HOOKS:
        if len(pair & implementations.keys()) == 1:
            problems.append(f"{' and '.join(sorted(pair))} are registered together")
    if problems:
        raise ImproperlyConfigured(f"{app_name}: " + "; ".join(problems))
    for name, implementation in implementations.items():
        _registry[name][app_name] = implementation


def registered(app_name: str) -> dict[str, object]:
    """The hooks `app_name` registered: {hook name: implementation}."""
    return {name: by_app[app_name] for name, by_app in _registry.items() if app_name in by_app}


def _app_order(app_name: str) -> int:
    try:
        return settings.SOLIDAIR_APPS.index(app_name)
    except ValueError:
        return len(settings.SOLIDAIR_APPS)


def hooks(name: str) -> list:
    """Every app's implementation of the hook `name`, in the order of settings.SOLIDAIR_APPS.
    An unknown name raises LookupError; asking before every app is ready raises too (the
    answer would be incomplete)."""
    if name not in HOOK_NAMES:
        raise LookupError(_unknown(name))
    if not apps.ready:
        raise AppRegistryNotReady(f"hooks({name!r}) asked before every app registered its hooks")
    by_app = _registry[name]
    return [by_app[app_name] for app_name in sorted(by_app, key=_app_order)]
