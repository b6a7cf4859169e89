"""Who sees the compliance table, whose rows, and which cells link.

The coordinator sees the reservists of their municipality, a head those of
their own organisation, a mentor the reservists they mentor now (an active
mentorship); a reservist or a commission member alone has no table (403).
Rows are active reserve entries only. A cell links to the thing it is about
only when its own domain's `visible_*` lets the viewer open it."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.urls import reverse

from accounts.permissions import principal
from attestation.permissions import visible_attestations
from consultations.permissions import visible_consultations
from core.scopes import any_of
from events.permissions import visible_events
from internships.permissions import visible_internships
from mentorships.models import Mentorship
from mentorships.permissions import visible_orders
from organizations.models import Organization
from people.models import Person
from people.permissions import visible_people
from plan_reports.permissions import visible_reports
from plans.permissions import visible_plans
from reserve.models import ReserveEntry, ReserveEntryQuerySet
from reserve.permissions import AnyUser, visible_reserve_entries
from studies.permissions import visible_assignments


def may_view_compliance(user: AnyUser) -> bool:
    """The coordinator, a head, a mentor (of anybody now); a superuser."""
    p = principal(user)
    if p.is_superuser:
        return True
    if not p.is_authenticated:
        return False
    return p.is_coordinator or p.is_head or bool(p.person_id and p.holds_mentor_role)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def visible_compliance_entries(user: AnyUser) -> ReserveEntryQuerySet:
    """The active reserve entries whose row the user sees (see the module)."""
    p = principal(user)
    active = ReserveEntry.objects.active()
    if p.is_superuser:
        return active
    if not may_view_compliance(user):
        return active.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    mentees = None
    if p.person_id:
        mentees = Q(
            pk__in=Mentorship.objects.filter(
                mentor_id=p.person_id, status=Mentorship.Status.ACTIVE
            ).values("reserve_entry_id")
        )
    return any_of(
        active,
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(person__organization_id__in=headed) if headed else None,
        mentees,
    )


def visible_filter_organizations(user: AnyUser) -> QuerySet[Organization]:
    """The organisations the filter offers: those of the visible reservists."""
    entries = (
        visible_compliance_entries(user).order_by().values("person__organization_id")
    )
    return Organization.objects.filter(pk__in=entries).order_by("short_name", "pk")


def visible_filter_mentors(user: AnyUser) -> QuerySet[Person]:
    """The mentors the filter offers: the active mentors of visible reservists."""
    entries = visible_compliance_entries(user).order_by().values("pk")
    mentors = Mentorship.objects.filter(
        status=Mentorship.Status.ACTIVE, reserve_entry_id__in=entries
    ).values("mentor_id")
    return Person.objects.filter(pk__in=mentors).order_by(
        "last_name", "first_name", "middle_name", "pk"
    )


# What a cell of each kind links to: the domain's visible rows, and the address.
TARGETS: dict[str, tuple[Callable[[AnyUser], QuerySet], Callable[[int], str]]] = {
    "order": (visible_orders, lambda pk: reverse("mentorships:order", args=[pk])),
    "person": (visible_people, lambda pk: reverse("people:detail", args=[pk])),
    "plan": (visible_plans, lambda pk: reverse("plans:plan", args=[pk])),
    "event": (visible_events, lambda pk: reverse("events:card", args=[pk])),
    "internship": (
        visible_internships,
        lambda pk: reverse("internships:card", args=[pk]),
    ),
    "consultation": (
        visible_consultations,
        lambda pk: reverse("consultations:card", args=[pk]),
    ),
    "study": (visible_assignments, lambda pk: reverse("studies:card", args=[pk])),
    # The competency profile opens for whoever sees the reservist's card
    # (competencies.permissions.get_reservist).
    "competencies": (
        visible_reserve_entries,
        lambda pk: reverse("competencies:profile", args=[pk]),
    ),
    "attestation": (
        visible_attestations,
        lambda pk: reverse("attestation:attestation", args=[pk]),
    ),
    "report": (visible_reports, lambda pk: reverse("plan_reports:report", args=[pk])),
}


def visible_targets(user: AnyUser, kind: str) -> QuerySet:
    """The things of the kind the user may open."""
    return TARGETS[kind][0](user)


def target_url(kind: str, pk: int) -> str:
    return TARGETS[kind][1](pk)
