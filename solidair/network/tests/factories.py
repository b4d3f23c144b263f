"""Builders for the network's tests."""

from datetime import timedelta

from django.utils import timezone

from solidair.network.models import GoodPractice, Meeting, PracticeActivity, PracticeTranslation
from solidair.network.search import normalise


def make_meeting(*, days=30, capacity=2, theme="Wonen na de opvang", **fields) -> Meeting:
    start = timezone.now() + timedelta(days=days)
    fields.setdefault("place", "Stadhuis Gent")
    return Meeting.objects.create(theme=theme, starts_at=start,
                                  ends_at=start + timedelta(hours=3), capacity=capacity,
                                  **fields)


def make_practice(municipality, *, title="Huurbuddy's", language="nl", activities=(2,),
                  status=GoodPractice.Status.PUBLISHED, year=2025, translations=None,
                  **texts) -> GoodPractice:
    fields = {"context": "Context", "actions": "Vrijwilligers helpen", "results": "48 gezinnen",
              **texts}
    practice = GoodPractice.objects.create(
        municipality=municipality, title=title, language=language, contact="welzijn@example.org",
        status=status, year=year,
        published_at=timezone.now() if status == GoodPractice.Status.PUBLISHED else None,
        **fields)
    for code in activities:
        PracticeActivity.objects.create(practice=practice, activity=code)
    parts = [municipality.name_nl, municipality.name_fr, *practice.texts().values()]
    for code, values in (translations or {}).items():
        translation = PracticeTranslation.objects.create(practice=practice, language=code,
                                                         **values)
        parts.extend(translation.texts().values())
    practice.search_text = normalise(" ".join(parts))
    practice.save(update_fields=["search_text"])
    return practice
