"""The charter's activities, for every app that refers to them by number.

The charter app keeps the activities as editable, versioned data (coordinators revise their
titles). Other apps never import it: they store an activity's number (1-10, the number the
letter and the charter use) and read the titles here, from the one catalogue the charter
provides through the `activity_catalogue()` extension hook (see `solidair.charter.extensions`).
So a coordinator's edit shows at once on every page, form, API and brochure that names an
activity.

    catalogue = activity_catalogue()        # one query; call it once per page or document
    catalogue.label(3)                      # "3. Encourage and support volunteers"
    catalogue.choices(keep=[5])             # for a form: the open activities, and 5 if chosen
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language

from solidair.core.extensions import hooks


@dataclass(frozen=True)
class CatalogueActivity:
    """One activity as the other apps see it. `titles` by language (nl, fr, en, de; any may be
    missing); `title` and `label` are in the active language when read."""

    number: int
    code: str
    titles: Mapping[str, str] = field(default_factory=dict)
    is_active: bool = True
    is_other: bool = False

    @property
    def title(self) -> str:
        language = (get_language() or "nl")[:2]
        return self.titles.get(language) or self.titles.get("nl") or str(self.number)

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    def __str__(self) -> str:
        return self.label


class ActivityCatalogue:
    """The charter's activities by number, in number order."""

    def __init__(self, activities: Iterable[CatalogueActivity]):
        self._by_number = {a.number: a for a in sorted(activities, key=lambda a: a.number)}

    def __iter__(self):
        return iter(self._by_number.values())

    def __len__(self) -> int:
        return len(self._by_number)

    def __contains__(self, number) -> bool:
        return number in self._by_number

    def get(self, number: int) -> CatalogueActivity | None:
        return self._by_number.get(number)

    def title(self, number: int) -> str:
        """The title in the active language; the bare number for one the charter lacks."""
        activity = self.get(number)
        return activity.title if activity else str(number)

    def label(self, number: int) -> str:
        activity = self.get(number)
        return activity.label if activity else str(number)

    def of(self, numbers: Iterable[int]) -> list[CatalogueActivity]:
        """The activities with these numbers, in number order (unknown numbers left out)."""
        wanted = set(numbers)
        return [activity for activity in self if activity.number in wanted]

    def choices(self, *, keep: Iterable[int] = ()) -> list[tuple[int, str]]:
        """(number, label) for a form: the activities open for new commitments, and those in
        `keep` (already chosen) even when closed since."""
        keep = set(keep)
        return [(a.number, a.label) for a in self if a.is_active or a.number in keep]


def activity_catalogue() -> ActivityCatalogue:
    """The catalogue the charter provides (exactly one app provides it)."""
    providers = hooks("activity_catalogue")
    if len(providers) != 1:
        raise ImproperlyConfigured(
            f"Exactly one app must provide the `activity_catalogue` hook, not {len(providers)}.")
    return ActivityCatalogue(providers[0]())
