"""Every write of the learning network: keyword-only functions in a transaction.

They check the current state, write an audit entry when a signed-in person changes network data,
and queue e-mail through the outbox.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidair.core.activities import activity_catalogue
from solidair.core.audit import audit_record
from solidair.core.links import absolute_url
from solidair.core.mail import queue_templated_mail
from solidair.core.pagecache import invalidate
from solidair.network.models import (
    Addressee,
    Brochure,
    GoodPractice,
    Meeting,
    Outcome,
    Partner,
    PracticeActivity,
    PracticePhoto,
    PracticeTranslation,
    Recommendation,
    RecommendationEvent,
    RecommendationState,
    Registration,
)
from solidair.network.search import normalise

# ---------------------------------------------------------------------------------- meetings


def meeting_save(*, meeting: Meeting, by) -> Meeting:
    """Create or change a meeting (a coordinator's form, already validated for shape)."""
    creating = meeting.pk is None
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        if not creating and not meeting.is_past:
            _promote_waiting(meeting)  # a larger room frees seats for the waiting list
        audit_record(actor=by, action="network.meeting_created" if creating
                     else "network.meeting_changed", obj=meeting,
                     after={"theme": meeting.theme, "starts_at": meeting.starts_at.isoformat(),
                            "capacity": meeting.capacity})
    return meeting


# Mails that confirm a seat carry the meeting's calendar file.
WITH_CALENDAR = {"registered", "promoted"}


def _mail_registration(registration: Registration, template: str) -> None:
    user = registration.user
    language = user.preferred_language or "nl"
    attachments = [{"builder": "solidair.network.ics.meeting_attachment",
                    "args": {"meeting_id": registration.meeting_id}}
                   ] if template in WITH_CALENDAR else []
    queue_templated_mail(
        to=user.email, template=f"network/email/{template}",
        context={"meeting": registration.meeting, "name": user.get_full_name() or user.email,
                 "meeting_url": absolute_url("network:meeting", args=[registration.meeting_id],
                                             language=language)},
        language=language, topic="network.meeting",
        attachments=attachments)


def _seats_taken(meeting: Meeting) -> int:
    return meeting.registrations.filter(status=Registration.Status.REGISTERED).count()


def meeting_register(*, meeting: Meeting, user) -> Registration:
    """Register `user`, or put them on the waiting list when the meeting is full."""
    with transaction.atomic():
        # Lock the meeting so two people cannot take the last seat at once.
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_past:
            raise ValidationError(_("This meeting has already taken place."))
        existing = Registration.objects.filter(meeting=meeting, user=user).first()
        if existing and existing.status != Registration.Status.CANCELLED:
            return existing
        status = (Registration.Status.REGISTERED if _seats_taken(meeting) < meeting.capacity
                  else Registration.Status.WAITING)
        registration = existing or Registration(meeting=meeting, user=user)
        registration.status = status
        registration.requested_at = timezone.now()
        registration.reminder_sent_at = None
        registration.save()
        _mail_registration(registration, "registered" if status == Registration.Status.REGISTERED
                           else "waiting")
    return registration


def meeting_cancel(*, meeting: Meeting, user) -> Registration | None:
    """Cancel `user`'s registration; the first on the waiting list takes the freed seat."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        registration = Registration.objects.filter(meeting=meeting, user=user).exclude(
            status=Registration.Status.CANCELLED).first()
        if registration is None:
            return None
        freed_seat = registration.status == Registration.Status.REGISTERED
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status"])
        if freed_seat and not meeting.is_past:
            _promote_waiting(meeting)
    return registration


def _promote_waiting(meeting: Meeting) -> None:
    free = meeting.capacity - _seats_taken(meeting)
    waiting = meeting.registrations.filter(status=Registration.Status.WAITING).select_related(
        "user").order_by("requested_at", "id")[:max(free, 0)]
    for registration in waiting:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status"])
        _mail_registration(registration, "promoted")


def meeting_record_attendance(*, meeting: Meeting, attended_ids: set[int], by) -> int:
    """Mark who came (registered people in `attended_ids`) and who did not."""
    with transaction.atomic():
        registrations = meeting.registrations.filter(status=Registration.Status.REGISTERED)
        present = registrations.filter(pk__in=attended_ids).update(attended=True)
        registrations.exclude(pk__in=attended_ids).update(attended=False)
        # update() sends no signal: the municipality pages list the meetings attended.
        invalidate("meetings")
        transaction.on_commit(lambda: invalidate("meetings"))
        audit_record(actor=by, action="network.attendance_recorded", obj=meeting,
                     after={"present": present})
    return present


def meeting_send_reminders(*, now=None, days_ahead: int = 7) -> int:
    """E-mail everyone registered for a meeting starting within `days_ahead` days, once."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.REGISTERED, reminder_sent_at__isnull=True,
        meeting__starts_at__gt=now, meeting__starts_at__lte=now + timezone.timedelta(
            days=days_ahead)).select_related("meeting", "user")
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Claim the row first, so two runs at once never send the same reminder twice.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if claimed:
                _mail_registration(registration, "reminder")
                sent += 1
    return sent


# ---------------------------------------------------------------------------------- practices


def _refresh_search_text(practice: GoodPractice) -> None:
    parts = [practice.municipality.name_nl, practice.municipality.name_fr,
             *practice.texts().values()]
    for translation in practice.translations.all():
        parts.extend(translation.texts().values())
    practice.search_text = normalise(" ".join(parts))
    GoodPractice.objects.filter(pk=practice.pk).update(search_text=practice.search_text)


def practice_save(*, practice: GoodPractice, activities: list[int], by) -> GoodPractice:
    """Create or change a practice while it is a draft or waiting for changes."""
    if practice.pk and practice.status in (GoodPractice.Status.SUBMITTED,
                                           GoodPractice.Status.PUBLISHED):
        raise ValidationError(_("This practice can no longer be changed."))
    if not activities:
        raise ValidationError(_("Choose at least one charter activity."))
    if any(code not in activity_catalogue() for code in activities):
        raise ValidationError(_("Choose the activities among the charter's."))
    creating = practice.pk is None
    if creating:
        practice.year = timezone.localdate().year
        practice.submitted_by = by
    with transaction.atomic():
        practice.save()
        practice.activities.exclude(activity__in=activities).delete()
        for code in activities:
            PracticeActivity.objects.get_or_create(practice=practice, activity=code)
        _refresh_search_text(practice)
        audit_record(actor=by, action="network.practice_created" if creating
                     else "network.practice_changed", obj=practice,
                     municipality=practice.municipality)
    return practice


def practice_save_translation(*, practice: GoodPractice, translation: PracticeTranslation,
                              by) -> PracticeTranslation:
    if translation.language == practice.language:
        raise ValidationError(_("This is already the practice's own language."))
    with transaction.atomic():
        translation.practice = practice
        translation.save()
        _refresh_search_text(practice)
        audit_record(actor=by, action="network.practice_translated", obj=practice,
                     after={"language": translation.language},
                     municipality=practice.municipality)
    return translation


def practice_add_photo(*, practice: GoodPractice, upload, content_type: str, alt_text: str,
                       by) -> PracticePhoto:
    if not alt_text.strip():
        raise ValidationError(_("Describe the photo for people who cannot see it."))
    with transaction.atomic():
        photo = PracticePhoto(practice=practice, content_type=content_type,
                              alt_text=alt_text.strip())
        photo.image.save(upload.name, upload, save=False)
        photo.save()
        audit_record(actor=by, action="network.practice_photo_added", obj=practice,
                     municipality=practice.municipality)
    return photo


def practice_submit(*, practice: GoodPractice, by) -> GoodPractice:
    with transaction.atomic():
        practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
        if practice.status not in (GoodPractice.Status.DRAFT,
                                   GoodPractice.Status.CHANGES_REQUESTED):
            raise ValidationError(_("Only a draft can be submitted."))
        practice.status = GoodPractice.Status.SUBMITTED
        practice.save(update_fields=["status", "updated_at"])
        audit_record(actor=by, action="network.practice_submitted", obj=practice,
                     municipality=practice.municipality)
        _mail_coordinators(practice)
    return practice


def _practice_url(practice: GoodPractice, language: str) -> str:
    return absolute_url("network:practice", args=[practice.pk], language=language)


def _mail_coordinators(practice: GoodPractice) -> None:
    coordinators = get_user_model().objects.filter(is_active=True, is_coordinator=True)
    for coordinator in coordinators:
        language = coordinator.preferred_language or "nl"
        queue_templated_mail(
            to=coordinator.email, template="network/email/practice_submitted",
            context={"practice": practice, "municipality": practice.municipality.name_nl,
                     "practice_url": _practice_url(practice, language)},
            language=language, topic="network.practice")


def _mail_submitter(practice: GoodPractice, template: str) -> None:
    submitter = practice.submitted_by
    if submitter and submitter.email:
        language = submitter.preferred_language or "nl"
        queue_templated_mail(
            to=submitter.email, template=f"network/email/{template}",
            context={"practice": practice, "practice_url": _practice_url(practice, language)},
            language=language, topic="network.practice")


def practice_request_changes(*, practice: GoodPractice, remarks: str, by) -> GoodPractice:
    if not remarks.strip():
        raise ValidationError(_("Say what should change."))
    with transaction.atomic():
        practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
        if practice.status != GoodPractice.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted practice can be reviewed."))
        practice.status = GoodPractice.Status.CHANGES_REQUESTED
        practice.review_remarks = remarks.strip()
        practice.save(update_fields=["status", "review_remarks", "updated_at"])
        audit_record(actor=by, action="network.practice_changes_requested", obj=practice,
                     municipality=practice.municipality)
        _mail_submitter(practice, "practice_changes")
    return practice


def practice_publish(*, practice: GoodPractice, by, meeting: Meeting | None = None
                     ) -> GoodPractice:
    with transaction.atomic():
        practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
        if practice.status != GoodPractice.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted practice can be reviewed."))
        practice.status = GoodPractice.Status.PUBLISHED
        practice.published_at = timezone.now()
        practice.review_remarks = ""
        if meeting is not None:
            practice.meeting = meeting
        practice.save(update_fields=["status", "published_at", "review_remarks", "meeting",
                                     "updated_at"])
        audit_record(actor=by, action="network.practice_published", obj=practice,
                     municipality=practice.municipality)
        _mail_submitter(practice, "practice_published")
    return practice


def practice_link_meeting(*, practice: GoodPractice, meeting: Meeting | None, by) -> None:
    with transaction.atomic():
        before = practice.meeting_id
        practice.meeting = meeting
        practice.save(update_fields=["meeting", "updated_at"])
        audit_record(actor=by, action="network.practice_linked", obj=practice,
                     before={"meeting": before}, after={"meeting": meeting and meeting.pk},
                     municipality=practice.municipality)


# ---------------------------------------------------------------------------------- brochures


def brochure_request(*, title: str, introduction: str, by, meeting: Meeting | None = None,
                     practices=None) -> Brochure:
    """Queue a new version of a brochure: a meeting's published practices, or a selection."""
    if practices is None:
        if meeting is None:
            raise ValidationError(_("Choose a meeting or some practices."))
        practices = meeting.practices.filter(status=GoodPractice.Status.PUBLISHED)
    practice_ids = sorted(p.pk for p in practices
                          if p.status == GoodPractice.Status.PUBLISHED)
    if not practice_ids and meeting is None:
        raise ValidationError(_("Choose at least one published practice."))
    with transaction.atomic():
        if meeting is not None:
            Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
            previous = Brochure.objects.filter(meeting=meeting).order_by("-version").first()
        else:
            previous = Brochure.objects.filter(meeting=None).order_by("-version").first()
        brochure = Brochure.objects.create(
            meeting=meeting, title=title, introduction=introduction, practice_ids=practice_ids,
            version=(previous.version + 1) if previous else 1, created_by=by)
        audit_record(actor=by, action="network.brochure_requested", obj=brochure,
                     after={"version": brochure.version, "practices": len(practice_ids)})
        from solidair.network.tasks import build_brochure

        transaction.on_commit(lambda: build_brochure.enqueue(brochure.pk))
    return brochure


def brochure_publish(*, brochure: Brochure, by) -> Brochure:
    with transaction.atomic():
        brochure = Brochure.objects.select_for_update().get(pk=brochure.pk)
        if brochure.state != Brochure.State.READY:
            raise ValidationError(_("Only a finished brochure can be published."))
        if brochure.published_at is None:
            brochure.published_at = timezone.now()
            brochure.save(update_fields=["published_at"])
            audit_record(actor=by, action="network.brochure_published", obj=brochure)
    return brochure


# ---------------------------------------------------------------------------------- recommendations


def recommendation_create(*, recommendation: Recommendation, drafted_on: date, by
                          ) -> Recommendation:
    with transaction.atomic():
        recommendation.state = RecommendationState.DRAFTED
        recommendation.outcome = Outcome.PENDING
        recommendation.save()
        RecommendationEvent.objects.create(recommendation=recommendation,
                                           state=RecommendationState.DRAFTED, date=drafted_on,
                                           recorded_by=by)
        audit_record(actor=by, action="network.recommendation_created", obj=recommendation)
    return recommendation


# The follow-up moves forward only: a step may repeat (a second presentation), never go back.
STEP_ORDER = [RecommendationState.DRAFTED, RecommendationState.PRESENTED,
              RecommendationState.ANSWERED, RecommendationState.CLOSED]


def recommendation_add_step(*, recommendation: Recommendation, state: str, on: date,
                            note: str = "", outcome: str = "", by) -> RecommendationEvent:
    """Record a follow-up step: presented (how), answered (the answer) or the outcome."""
    if state == RecommendationState.DRAFTED:
        raise ValidationError(_("A recommendation is drafted only once."))
    if state == RecommendationState.CLOSED and outcome not in Outcome.values:
        raise ValidationError(_("Choose the outcome."))
    if state in (RecommendationState.PRESENTED, RecommendationState.ANSWERED) and not note.strip():
        raise ValidationError(_("Say how it was presented, or what the answer was."))
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if STEP_ORDER.index(state) < STEP_ORDER.index(recommendation.state):
            raise ValidationError(_("The follow-up cannot go back to an earlier step."))
        last = recommendation.events.order_by("-date", "-id").first()
        if last and on < last.date:
            raise ValidationError(_("This date is before the previous step."))
        before = {"state": recommendation.state, "outcome": recommendation.outcome}
        event = RecommendationEvent.objects.create(
            recommendation=recommendation, state=state, date=on, note=note.strip(),
            outcome=outcome if state == RecommendationState.CLOSED else "", recorded_by=by)
        recommendation.state = state
        if state == RecommendationState.CLOSED:
            recommendation.outcome = outcome
        recommendation.save(update_fields=["state", "outcome", "updated_at"])
        audit_record(actor=by, action="network.recommendation_step", obj=recommendation,
                     before=before, after={"state": state, "outcome": recommendation.outcome})
    return event



# ---------------------------------------------------------------------------------- reference data


def addressee_save(*, addressee: Addressee, by) -> Addressee:
    with transaction.atomic():
        creating = addressee.pk is None
        addressee.save()
        audit_record(actor=by, action="network.addressee_created" if creating
                     else "network.addressee_changed", obj=addressee,
                     after={"name": addressee.name, "portfolio": addressee.portfolio,
                            "active": addressee.active})
    return addressee


def partner_save(*, partner: Partner, by) -> Partner:
    with transaction.atomic():
        creating = partner.pk is None
        partner.save()
        audit_record(actor=by, action="network.partner_created" if creating
                     else "network.partner_changed", obj=partner, after={"name": partner.name})
    return partner
