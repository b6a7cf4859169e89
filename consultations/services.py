"""Every write of consultations, next steps and requests (clauses 8.4–8.7).

The callers check the rights (consultations.permissions); the business rules are
here and raise ValidationError with a Russian message, nothing saved."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from consultations.models import (
    MAX_DURATION,
    MIN_DURATION,
    Consultation,
    ConsultationRequest,
    NextStep,
)
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import notify, resolve

CONSULTATION_FIELDS = frozenset(
    {
        "held_on",
        "duration_minutes",
        "format",
        "topic",
        "area",
        "summary",
        "visibility",
        "status",
    }
)


@dataclass(frozen=True)
class StepData:
    """A next step as a form or the API gives it."""

    text: str
    due_on: datetime.date | None


def _check_consultation(consultation: Consultation, n_steps: int) -> None:
    """The rules of an entry with that many next steps; raises ValidationError."""
    duration = consultation.duration_minutes
    if duration is None or not MIN_DURATION <= duration <= MAX_DURATION:
        raise ValidationError(
            {"duration_minutes": _("The duration must be from 1 to 480 minutes.")}
        )
    if consultation.mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(
            _("The mentorship has ended: its consultations are read-only.")
        )
    if consultation.mentorship.starts_on > consultation.held_on:
        raise ValidationError(
            {"held_on": _("The consultation cannot be before the mentorship began.")}
        )
    is_held = consultation.status == Consultation.Status.HELD
    if is_held and consultation.held_on > timezone.localdate():
        raise ValidationError(
            {
                "held_on": _(
                    "A held consultation cannot be in the future: mark it as planned."
                )
            }
        )
    if consultation.is_private and n_steps:
        raise ValidationError(
            _(
                "A private note has no next steps: the reservist sees next steps. "
                "Share the entry or remove its steps."
            )
        )


def _check_steps(held_on: datetime.date, steps: Iterable[StepData]) -> None:
    """Each step has a text and a date no earlier than the consultation."""
    for step in steps:
        if not step.text.strip():
            raise ValidationError({"next_steps": _("Describe each next step.")})
        if step.due_on is None:
            raise ValidationError({"next_steps": _("Give each next step a date.")})
        if step.due_on < held_on:
            raise ValidationError(
                {
                    "next_steps": _(
                        "A next step cannot be dated before the consultation."
                    )
                }
            )


def _save_steps(consultation: Consultation, steps: Iterable[StepData]) -> None:
    for step in steps:
        assert step.due_on is not None  # _check_steps refused a step without
        row = NextStep(consultation=consultation, text=step.text, due_on=step.due_on)
        row.full_clean(exclude=["consultation"])
        row.save()


@transaction.atomic
def create_consultation(
    *,
    mentorship: Mentorship,
    by: User,
    next_steps: list[StepData] | tuple[StepData, ...] = (),
    **fields: Any,
) -> Consultation:
    """Log a consultation (or a private note) with its next steps; raises
    ValidationError for a bad duration, a step without a date or before the
    consultation, steps on a private note, or an ended mentorship."""
    consultation = Consultation(mentorship=mentorship, created_by=by, **fields)
    _check_consultation(consultation, len(next_steps))
    _check_steps(consultation.held_on, next_steps)
    consultation.full_clean(exclude=["mentorship", "created_by"])
    consultation.save()
    _save_steps(consultation, next_steps)
    return consultation


@transaction.atomic
def update_consultation(
    *,
    consultation: Consultation,
    new_steps: list[StepData] | tuple[StepData, ...] = (),
    **fields: Any,
) -> Consultation:
    """Change the entry and add next steps; raises ValidationError as
    create_consultation does, also when a new date comes after a step's date."""
    unknown = set(fields) - CONSULTATION_FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(consultation, name, value)
    existing = list(consultation.next_steps.all())
    _check_consultation(consultation, len(existing) + len(new_steps))
    _check_steps(
        consultation.held_on,
        [*(StepData(s.text, s.due_on) for s in existing), *new_steps],
    )
    consultation.full_clean(exclude=["mentorship", "created_by"])
    consultation.save(update_fields=[*fields, "updated_at"])
    _save_steps(consultation, new_steps)
    if new_steps:
        # The prefetched steps, if any, are out of date.
        consultation._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    return consultation


@transaction.atomic
def mark_step_done(
    *, step: NextStep, by: User, done_on: datetime.date | None = None
) -> NextStep:
    """Mark the step done on the day given (today by default); raises
    ValidationError when it is done already or the date is in the future or
    before the consultation."""
    if step.done_on is not None:
        raise ValidationError(_("The step is marked done already."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A step cannot be done in the future.")})
    if done_on < step.consultation.held_on:
        raise ValidationError(
            {"done_on": _("A step cannot be done before the consultation.")}
        )
    step.done_on, step.done_by = done_on, by
    step.save(update_fields=["done_on", "done_by", "updated_at"])
    return step


@transaction.atomic
def reopen_step(*, step: NextStep) -> NextStep:
    """Take back a step marked done by mistake; raises ValidationError when it is
    open."""
    if step.done_on is None:
        raise ValidationError(_("The step is open already."))
    step.done_on, step.done_by = None, None
    step.save(update_fields=["done_on", "done_by", "updated_at"])
    return step


# Requests ----------------------------------------------------------------------------


@transaction.atomic
def create_request(
    *,
    mentorship: Mentorship | None,
    topic: str,
    preferred_from: datetime.date,
    preferred_to: datetime.date | None = None,
    note: str = "",
) -> ConsultationRequest:
    """The reservist asks their mentor for a consultation; raises ValidationError
    without an active mentor, or for preferred dates in the past or in reverse."""
    if mentorship is None or mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(_("You have no mentor to ask now."))
    today = timezone.localdate()
    if preferred_from < today or (preferred_to is not None and preferred_to < today):
        raise ValidationError(
            {"preferred_from": _("The preferred dates cannot be in the past.")}
        )
    if preferred_to is not None and preferred_to < preferred_from:
        raise ValidationError(
            {
                "preferred_to": _(
                    "The end of the preferred dates cannot be before their start."
                )
            }
        )
    request = ConsultationRequest(
        mentorship=mentorship,
        topic=topic,
        note=note,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
    )
    request.full_clean(exclude=["mentorship"])
    request.save()
    notify(
        [mentorship.mentor],
        Kind.CONSULTATION_REQUEST,
        subject=f"{topic} ({mentorship.reserve_entry.person.short_name})",
        key=f"consultation-request:{request.pk}",
        url=request.get_absolute_url(),
    )
    return request


def _check_pending(request: ConsultationRequest) -> None:
    if not request.is_pending:
        raise ValidationError(_("The request has been answered already."))


def _answered(request: ConsultationRequest) -> None:
    """The mentor's bell no longer asks to answer it."""
    resolve(Kind.CONSULTATION_REQUEST, f"consultation-request:{request.pk}")


@transaction.atomic
def schedule_request(
    *, request: ConsultationRequest, by: User, **fields: Any
) -> ConsultationRequest:
    """Accept the request by scheduling a planned consultation on its topic;
    raises ValidationError when it was answered, or as create_consultation."""
    _check_pending(request)
    fields.setdefault("topic", request.topic)
    consultation = create_consultation(
        mentorship=request.mentorship,
        by=by,
        status=Consultation.Status.PLANNED,
        visibility=Consultation.Visibility.SHARED,
        **fields,
    )
    request.status = ConsultationRequest.Status.SCHEDULED
    request.consultation = consultation
    request.answered_at, request.answered_by = timezone.now(), by
    request.save(
        update_fields=[
            "status",
            "consultation",
            "answered_at",
            "answered_by",
            "updated_at",
        ]
    )
    _answered(request)
    return request


@transaction.atomic
def reply_to_request(
    *, request: ConsultationRequest, by: User, answer: str
) -> ConsultationRequest:
    """Answer the request in writing; raises ValidationError when it was
    answered or the answer is empty."""
    _check_pending(request)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    request.status = ConsultationRequest.Status.ANSWERED
    request.answer = answer
    request.answered_at, request.answered_by = timezone.now(), by
    request.save(
        update_fields=["status", "answer", "answered_at", "answered_by", "updated_at"]
    )
    _answered(request)
    return request
