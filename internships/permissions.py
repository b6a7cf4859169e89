"""Who may see and change internships and their forms (clause 8.3)."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from core.scopes import any_of
from internships.models import Internship, InternshipForm, InternshipQuerySet
from mentorships.models import Mentorship, MentorshipQuerySet
from organizations.models import Organization
from people.models import Person, PersonQuerySet
from reserve.models import ReserveEntry

AnyUser = User | AnonymousUser
Status = Internship.Status


# Internships in scope ----------------------------------------------------------------


def visible_internships(user: AnyUser) -> InternshipQuerySet:
    """Internships in scope: the municipality's for a coordinator, the own
    organisation's reservists' for a head, one's own as a reservist, one's
    mentees' as their mentor (ended mentorships too, to read) and the ones one
    supervises."""
    p = principal(user)
    if p.is_superuser:
        return Internship.objects.all()
    if not p.is_authenticated:
        return Internship.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        Internship.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(reserve_entry__person__organization_id__in=headed) if headed else None,
        Q(mentor_id=person_id) if person_id else None,
        Q(supervisor_id=person_id) if person_id else None,
        Q(reserve_entry__person_id=person_id) if person_id else None,
    )


def get_internship(user: AnyUser, pk: int, *, write: bool = False) -> Internship:
    """A visible internship with what its card and rights read; Http404 if
    unseen, PermissionDenied for a write by one who may not manage it."""
    try:
        internship = visible_internships(user).for_card().get(pk=pk)
    except (Internship.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not may_manage(user, internship):
        raise PermissionDenied
    return internship


def supervised_internships(user: AnyUser) -> InternshipQuerySet:
    """«My interns»: the internships the user's person supervises."""
    person_id = principal(user).person_id
    if person_id is None:
        return Internship.objects.none()
    return Internship.objects.filter(supervisor_id=person_id)


# Who one is to an internship ---------------------------------------------------------


def is_mentor_of(user: AnyUser, internship: Internship) -> bool:
    """The internship's mentor while the mentorship lasts and the reservist is
    in the reserve (an ended mentorship only reads, as plans do)."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    if person_id != internship.mentor_id:
        return False
    if internship.mentorship.status != Mentorship.Status.ACTIVE:
        return False
    return internship.reserve_entry.status == ReserveEntry.Status.ACTIVE


def is_supervisor_of(user: AnyUser, internship: Internship) -> bool:
    """The account linked to the supervisor's person."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    return person_id == internship.supervisor_id


# Rights on an internship -------------------------------------------------------------


def may_manage(user: AnyUser, internship: Internship) -> bool:
    """The active mentor sets the form, dates and programme, starts and completes
    (the services refuse a completed internship with a reason)."""
    if principal(user).is_superuser:
        return True
    return is_mentor_of(user, internship)


def may_conclude(user: AnyUser, internship: Internship) -> bool:
    """The supervisor (with an account) or the active mentor writes the
    conclusion while the reservist is in the reserve."""
    if may_manage(user, internship):
        return True
    if internship.reserve_entry.status != ReserveEntry.Status.ACTIVE:
        return False
    return is_supervisor_of(user, internship)


@dataclass(frozen=True)
class InternshipActions:
    """What the user may do with an internship in its present status."""

    edit: bool
    tasks: bool
    start: bool
    conclude: bool
    complete: bool


def internship_actions(user: AnyUser, internship: Internship) -> InternshipActions:
    """The may_* answers in the internship's status: the card's controls (no query)."""
    manages = may_manage(user, internship)
    is_open = internship.status != Status.COMPLETED
    return InternshipActions(
        edit=manages and is_open,
        tasks=manages and is_open,
        start=manages and internship.status == Status.PLANNED,
        conclude=may_conclude(user, internship)
        and internship.status == Status.IN_PROGRESS,
        complete=manages
        and internship.status == Status.IN_PROGRESS
        and internship.has_conclusion,
    )


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied


# Starting internships; choices -------------------------------------------------------


def mentorships_for_internships(user: AnyUser) -> MentorshipQuerySet:
    """The active mentorships (reservist in the reserve) of the user as mentor:
    whose reservists they set internships for."""
    p = principal(user)
    if p.person_id is None:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        mentor_id=p.person_id,
        status=Mentorship.Status.ACTIVE,
        reserve_entry__status=ReserveEntry.Status.ACTIVE,
    )


def may_create_internship(user: AnyUser) -> bool:
    """The mentor role with a linked person sets internships (the choice of
    reservists is mentorships_for_internships; no query here)."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_mentor_role


def internship_form_choices(user: AnyUser) -> QuerySet[InternshipForm]:
    """The offered forms of the user's municipalities."""
    return visible_internship_forms(user).filter(is_active=True)


def host_organization_choices(user: AnyUser) -> QuerySet[Organization]:
    """Organisations of the user's municipalities (any of them may host)."""
    p = principal(user)
    if p.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(municipality_id__in=p.municipality_ids)


def supervisor_choices(user: AnyUser) -> PersonQuerySet:
    """People of the user's municipalities: whom a supervisor may be chosen from
    (the type-ahead offers up to 20 of them by name)."""
    p = principal(user)
    if p.is_superuser:
        return Person.objects.all()
    if not p.municipality_ids:
        return Person.objects.none()
    return Person.objects.filter(municipality_id__in=p.municipality_ids)


# Menu items --------------------------------------------------------------------------


def may_view_internships(user: AnyUser) -> bool:
    """«Internships» for the coordinator, a head, a mentor and a reservist."""
    p = principal(user)
    if p.is_superuser or p.is_coordinator or p.is_head:
        return True
    if p.person_id is None:
        return False
    return p.holds_mentor_role or p.holds_reservist_role


def may_view_supervised(user: AnyUser) -> bool:
    """«My interns» for an account linked to a person who is not only a
    reservist (supervisors are staff: heads, deputies, specialists)."""
    p = principal(user)
    if p.person_id is None:
        return False
    return bool(p.roles - {"reservist"}) or not p.roles


# The forms catalogue -----------------------------------------------------------------


def visible_internship_forms(user: AnyUser) -> QuerySet[InternshipForm]:
    """Forms of the user's municipalities."""
    p = principal(user)
    if p.is_superuser:
        return InternshipForm.objects.all()
    return InternshipForm.objects.filter(municipality_id__in=p.municipality_ids)


def may_manage_internship_forms(user: AnyUser) -> bool:
    """The catalogue of forms is the coordinator's."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def get_internship_form(
    user: AnyUser, pk: int, *, write: bool = False
) -> InternshipForm:
    """A visible form; Http404 if unseen, PermissionDenied for a write by another
    than its municipality's coordinator."""
    try:
        form = visible_internship_forms(user).get(pk=pk)
    except (InternshipForm.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not principal(user).coordinates(form.municipality_id):
        raise PermissionDenied
    return form
