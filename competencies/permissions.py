"""Who may see and make competency assessments and keep the framework.

The mentor's assessment at a point stays hidden from the reservist until the
reservist has submitted their own at that point: every scope of the reservist
below asks for it, so no page, list or API answer shows it earlier."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from competencies.models import Assessment, AssessmentQuerySet
from core.scopes import any_of
from mentorships.models import Mentorship, MentorshipQuerySet
from organizations.models import Municipality
from reserve.models import ReserveEntry
from reserve.permissions import get_reserve_entry

AnyUser = User | AnonymousUser
RESERVIST = "mentorship__reserve_entry__person"
SELF, MENTOR = Assessment.Role.SELF, Assessment.Role.MENTOR


def visible_assessments(user: AnyUser) -> AssessmentQuerySet:
    """A coordinator's municipality, a head's organisation's reservists, the
    mentor's own mentorships, and the reservist's own: their self-assessments and
    the mentor's at a point they have assessed themselves."""
    p = principal(user)
    if p.is_superuser:
        return Assessment.objects.all()
    if not p.is_authenticated:
        return Assessment.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        Assessment.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(**{f"{RESERVIST}__organization_id__in": headed}) if headed else None,
        Q(mentorship__mentor_id=person_id) if person_id else None,
        Q(**{f"{RESERVIST}_id": person_id}, role=SELF) if person_id else None,
        Q(
            **{f"{RESERVIST}_id": person_id},
            role=MENTOR,
            mentorship__competency_assessments__role=SELF,
            mentorship__competency_assessments__point=F("point"),
        )
        if person_id
        else None,
    )


def get_assessment(user: AnyUser, pk: int) -> Assessment:
    """A visible assessment with its ratings; Http404 if unseen (a hidden
    mentor's assessment too)."""
    try:
        return (
            Assessment.objects.for_list()
            .filter(pk__in=visible_assessments(user).values("pk"))
            .get(pk=pk)
        )
    except (Assessment.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def get_reservist(user: AnyUser, pk: int) -> ReserveEntry:
    """The reserve entry whose competency profile the user opens: whoever sees its
    card; Http404 otherwise."""
    return get_reserve_entry(user, pk)


def assessable_mentorships(user: AnyUser) -> MentorshipQuerySet:
    """The active mentorships the user assesses in: as the mentor or the
    reservist."""
    person_id = principal(user).person_id
    if person_id is None:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        Q(mentor_id=person_id) | Q(reserve_entry__person_id=person_id),
        status=Mentorship.Status.ACTIVE,
    )


def role_in(user: AnyUser, mentorship: Mentorship) -> str | None:
    """Who the user is to the mentorship: "self" for its reservist, "mentor" for
    its mentor, None for anyone else."""
    person_id = principal(user).person_id
    if person_id is None:
        return None
    if person_id == mentorship.reserve_entry.person_id:
        return SELF
    if person_id == mentorship.mentor_id:
        return MENTOR
    return None


def may_assess(user: AnyUser, mentorship: Mentorship, role: str) -> bool:
    """The reservist assesses themselves, the mentor the reservist, while the
    mentorship lasts (an ended one is read-only)."""
    if mentorship.status != Mentorship.Status.ACTIVE:
        return False
    return role_in(user, mentorship) == role


def get_mentorship_to_assess(
    user: AnyUser, pk: int, role: str | None = None
) -> Mentorship:
    """A mentorship the user assesses in as `role` (by default as whom they are to
    it): Http404 when it is none of theirs, PermissionDenied for the wrong role or
    an ended mentorship."""
    try:
        mentorship = (
            Mentorship.objects.select_related("mentor", "reserve_entry__person")
            .filter(
                Q(mentor_id=principal(user).person_id)
                | Q(reserve_entry__person_id=principal(user).person_id)
            )
            .get(pk=pk)
        )
    except (Mentorship.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    require(may_assess(user, mentorship, role or role_in(user, mentorship) or ""))
    return mentorship


def may_view_own_competencies(user: AnyUser) -> bool:
    """«My competencies» is the page of a reservist or a mentor."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_reservist_role or p.holds_mentor_role


def may_keep_framework(user: AnyUser) -> bool:
    """The framework is kept by a coordinator (and a superuser)."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def framework_municipality(user: AnyUser) -> Municipality:
    """The municipality whose framework the coordinator keeps; PermissionDenied
    for anyone else."""
    p = principal(user)
    require(may_keep_framework(user))
    found = (
        Municipality.objects.filter(pk__in=p.coordinator_municipality_ids).first()
        if p.coordinator_municipality_ids
        else Municipality.objects.order_by("pk").first()
    )
    if found is None:
        raise Http404
    return found


def own_municipality(user: AnyUser) -> Municipality | None:
    """The municipality whose framework the user works with: their own (the
    lowest id among those in scope), the first for a superuser."""
    p = principal(user)
    if not p.is_authenticated:
        return None
    if p.is_superuser:
        return Municipality.objects.order_by("pk").first()
    if not p.municipality_ids:
        return None
    return Municipality.objects.filter(pk=min(p.municipality_ids)).first()


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied
