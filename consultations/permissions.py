"""Who may see and change consultations, next steps and requests (8.4–8.7).

A private note is the mentor's alone: no other role, page, list, count or API
answer ever includes it, so every scope below other than the mentor's own
filters on `visibility = shared`."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from consultations.models import (
    Consultation,
    ConsultationQuerySet,
    ConsultationRequest,
    ConsultationRequestQuerySet,
    NextStep,
    NextStepQuerySet,
)
from core.scopes import any_of
from mentorships.models import Mentorship, MentorshipQuerySet

AnyUser = User | AnonymousUser
SHARED = Consultation.Visibility.SHARED
RESERVIST = "mentorship__reserve_entry__person"


# Consultations in scope --------------------------------------------------------------


def visible_consultations(user: AnyUser) -> ConsultationQuerySet:
    """The mentor's own entries (private notes too); the shared ones of one's own
    consultations as reservist, of a headed organisation's reservists and of a
    coordinated municipality."""
    p = principal(user)
    if not p.is_authenticated:
        return Consultation.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        Consultation.objects.all(),
        # Even a superuser reads no one's private notes.
        Q(visibility=SHARED) if p.is_superuser else None,
        Q(municipality_id__in=coordinated, visibility=SHARED) if coordinated else None,
        Q(**{f"{RESERVIST}__organization_id__in": headed}, visibility=SHARED)
        if headed
        else None,
        Q(mentorship__mentor_id=person_id) if person_id else None,
        Q(**{f"{RESERVIST}_id": person_id}, visibility=SHARED) if person_id else None,
    )


def get_consultation(user: AnyUser, pk: int, *, write: bool = False) -> Consultation:
    """A visible consultation with what its card reads; Http404 if unseen,
    PermissionDenied for a write by anyone but its active mentor."""
    try:
        consultation = (
            Consultation.objects.for_card()
            .filter(pk__in=visible_consultations(user).values("pk"))
            .get(pk=pk)
        )
    except (Consultation.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not may_change_consultation(user, consultation):
        raise PermissionDenied
    return consultation


def own_consultations(user: AnyUser) -> ConsultationQuerySet:
    """The shared consultations of the user as the reservist."""
    person_id = principal(user).person_id
    if person_id is None:
        return Consultation.objects.none()
    return visible_consultations(user).filter(**{f"{RESERVIST}_id": person_id})


def own_next_steps(user: AnyUser) -> NextStepQuerySet:
    """The next steps of the user's shared consultations as the reservist: their
    tasks."""
    person_id = principal(user).person_id
    if person_id is None:
        return NextStep.objects.none()
    return NextStep.objects.filter(
        consultation__in=own_consultations(user).values("pk")
    )


def get_next_step(user: AnyUser, consultation: Consultation, pk: int) -> NextStep:
    """A next step of a consultation got through get_consultation; Http404
    otherwise."""
    try:
        return consultation.next_steps.get(pk=pk)
    except (NextStep.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


# Who one is to a consultation --------------------------------------------------------


def _is_active_mentor(user: AnyUser, mentorship: Mentorship) -> bool:
    """The user is the mentor of the mentorship and it still lasts."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    if person_id != mentorship.mentor_id:
        return False
    return mentorship.status == Mentorship.Status.ACTIVE


def _is_active_reservist(user: AnyUser, mentorship: Mentorship) -> bool:
    """The user is the reservist of the mentorship and it still lasts."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    if person_id != mentorship.reserve_entry.person_id:
        return False
    return mentorship.status == Mentorship.Status.ACTIVE


# Rights ------------------------------------------------------------------------------


def may_log_consultations(user: AnyUser) -> bool:
    """The consultations log is the page of a user with the mentor role."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_mentor_role


def may_view_consultations(user: AnyUser) -> bool:
    """The log of shared consultations: a mentor's, a coordinator's, a head's."""
    p = principal(user)
    if may_log_consultations(user):
        return True
    if p.is_superuser:
        return True
    if p.is_coordinator:
        return True
    return p.is_head


def may_view_own_consultations(user: AnyUser) -> bool:
    """«My consultations» (and next steps) is the page of a reservist."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_reservist_role


def mentorships_to_consult(user: AnyUser) -> MentorshipQuerySet:
    """The active mentorships of the user as the mentor: whose consultations they
    log (never someone else's reservist)."""
    p = principal(user)
    if not p.holds_mentor_role:
        return Mentorship.objects.none()
    if p.person_id is None:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        mentor_id=p.person_id, status=Mentorship.Status.ACTIVE
    )


def may_change_consultation(user: AnyUser, consultation: Consultation) -> bool:
    """The active mentor changes the entry; an ended mentorship's log is read-only."""
    return _is_active_mentor(user, consultation.mentorship)


def may_mark_step_done(user: AnyUser, consultation: Consultation) -> bool:
    """The active mentor, or the reservist of a shared consultation, marks its
    next steps done while the mentorship lasts."""
    if _is_active_mentor(user, consultation.mentorship):
        return True
    if consultation.visibility != SHARED:
        return False
    return _is_active_reservist(user, consultation.mentorship)


# Requests ----------------------------------------------------------------------------


def visible_requests(user: AnyUser) -> ConsultationRequestQuerySet:
    """Requests of one's own mentorships (as mentor or reservist), of a headed
    organisation's reservists and of a coordinated municipality."""
    p = principal(user)
    if p.is_superuser:
        return ConsultationRequest.objects.all()
    if not p.is_authenticated:
        return ConsultationRequest.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        ConsultationRequest.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(**{f"{RESERVIST}__organization_id__in": headed}) if headed else None,
        Q(mentorship__mentor_id=person_id) if person_id else None,
        Q(**{f"{RESERVIST}_id": person_id}) if person_id else None,
    )


def get_request(user: AnyUser, pk: int) -> ConsultationRequest:
    """A visible request with its mentorship and consultation; Http404 if unseen."""
    try:
        return (
            ConsultationRequest.objects.for_list()
            .filter(pk__in=visible_requests(user).values("pk"))
            .get(pk=pk)
        )
    except (ConsultationRequest.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def incoming_requests(user: AnyUser) -> ConsultationRequestQuerySet:
    """The requests addressed to the user as the mentor."""
    person_id = principal(user).person_id
    if person_id is None:
        return ConsultationRequest.objects.none()
    return visible_requests(user).filter(mentorship__mentor_id=person_id)


def own_requests(user: AnyUser) -> ConsultationRequestQuerySet:
    """The requests the user made as the reservist."""
    person_id = principal(user).person_id
    if person_id is None:
        return ConsultationRequest.objects.none()
    return visible_requests(user).filter(**{f"{RESERVIST}_id": person_id})


def mentorship_to_request(user: AnyUser) -> Mentorship | None:
    """The reservist's active mentorship, whose mentor they ask (one query);
    None when they have no mentor now or are no reservist."""
    p = principal(user)
    if not p.holds_reservist_role:
        return None
    if p.person_id is None:
        return None
    return (
        Mentorship.objects.select_related("mentor", "reserve_entry__person")
        .filter(reserve_entry__person_id=p.person_id, status=Mentorship.Status.ACTIVE)
        .first()
    )


def may_answer_request(user: AnyUser, request: ConsultationRequest) -> bool:
    """Only the active mentor the request is addressed to answers it."""
    return _is_active_mentor(user, request.mentorship)


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied
