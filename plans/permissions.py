"""Who may see and change plan forms and individual plans (clause 8.1)."""

from dataclasses import astuple, dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from core.scopes import any_of
from mentorships.models import Mentorship, MentorshipQuerySet
from mentorships.permissions import may_view_own_mentees
from notifications.recipients import coordinators, heads
from organizations.models import Municipality
from plans.models import (
    Evidence,
    IndividualPlan,
    IndividualPlanQuerySet,
    PlanForm,
    PlanFormVersion,
    PlanItem,
)
from reserve.models import ReserveEntry, ReserveEntryQuerySet
from reserve.permissions import visible_reserve_entries

AnyUser = User | AnonymousUser
Status = IndividualPlan.Status


# Plan forms --------------------------------------------------------------------------


def visible_plan_forms(user: AnyUser) -> QuerySet[PlanForm]:
    """Forms of the user's municipalities (everybody there works with them)."""
    p = principal(user)
    if p.is_superuser:
        return PlanForm.objects.all()
    return PlanForm.objects.filter(municipality_id__in=p.municipality_ids)


def get_plan_form(user: AnyUser, pk: int, *, write: bool = False) -> PlanForm:
    """A visible form; Http404 if unseen, PermissionDenied for a write by another."""
    try:
        form = visible_plan_forms(user).select_related("municipality").get(pk=pk)
    except (PlanForm.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    # Only the municipality's coordinator writes (may_manage_plan_forms).
    if write and not may_manage_plan_forms(user, form.municipality_id):
        raise PermissionDenied
    return form


def may_manage_plan_forms(user: AnyUser, municipality_id: int) -> bool:
    """Only the municipality's coordinator defines and approves the plan form."""
    return principal(user).coordinates(municipality_id)


def may_edit_form_version(user: AnyUser, version: PlanFormVersion) -> bool:
    """The coordinator of the form's municipality changes a draft version."""
    if version.is_approved:
        return False
    return may_manage_plan_forms(user, version.form.municipality_id)


# Plans in scope ----------------------------------------------------------------------


def visible_plans(user: AnyUser) -> IndividualPlanQuerySet:
    """Plans in scope: a coordinator's, a head's, one's own and one's mentees'."""
    # A mentor sees the plans they are the mentor of record of (`plan.mentor`),
    # also after the mentorship ended or the reservist left the reserve: it is a
    # record of their own work, which they keep reading (the rights to change it
    # end with the mentorship, see is_mentor_of). When an order replaces the
    # mentor, reassign_plans hands the open plans to the new one, and the former
    # mentor no longer sees them. A reservist who left the reserve still reads
    # their plans.
    p = principal(user)
    if p.is_superuser:
        return IndividualPlan.objects.all()
    if not p.is_authenticated:
        return IndividualPlan.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        IndividualPlan.objects.all(),
        # The municipality copied onto the plan: one index with the list's order.
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(reserve_entry__person__organization_id__in=headed) if headed else None,
        Q(mentor_id=person_id) if person_id else None,
        Q(reserve_entry__person_id=person_id) if person_id else None,
    )


def get_plan(user: AnyUser, pk: int) -> IndividualPlan:
    """A visible plan with what its pages and rights read; Http404 if unseen."""
    # `is_mentorship_active` spares is_mentor_of a query. The plan is read by its
    # id and its scope checked on the loaded rows (sees_plan): with the scope's
    # joins in the same query PostgreSQL took 3-10 times longer to plan it than
    # to run it (region data, coordinator and head).
    try:
        plan = (
            IndividualPlan.objects.with_mentorship_state()
            .select_related(
                "reserve_entry__person__organization__municipality",
                "reserve_entry__target_position",
                "mentor__position",
                "form_version__form",
                "approved_by",
            )
            .get(pk=pk)
        )
    except (IndividualPlan.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if not sees_plan(user, plan):
        raise Http404
    return plan


def sees_plan(user: AnyUser, plan: IndividualPlan) -> bool:
    """visible_plans' rule for one plan loaded with its reservist's organisation
    (no query); a test holds the two to the same answers."""
    p = principal(user)
    if p.is_superuser:
        return True
    if not p.is_authenticated:
        return False
    person = plan.reserve_entry.person
    return (
        person.organization.municipality_id in p.coordinator_municipality_ids
        or person.organization_id in p.head_organization_ids
        or (p.person_id is not None and p.person_id in (plan.mentor_id, person.pk))
    )


def get_plan_row(user: AnyUser, pk: int) -> IndividualPlan:
    """A visible plan as its own row only, for what reads only its rows (the
    items API): no join beyond the scope's. Ask get_plan for the rights and the
    pages, which read the related rows. Http404 if unseen."""
    try:
        return visible_plans(user).get(pk=pk)
    except (IndividualPlan.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def plans_to_approve(user: AnyUser) -> IndividualPlanQuerySet:
    """Plans the user approves, whatever their status (may_approve as a query)."""
    p = principal(user)
    if p.is_superuser:
        return IndividualPlan.objects.all()
    organization = "reserve_entry__person__organization"
    approver = f"{organization}__municipality__plan_approver"
    by_coordinator = Q(
        municipality__plan_approver=Municipality.PlanApprover.COORDINATOR,
        municipality_id__in=p.coordinator_municipality_ids,
    )
    by_head = Q(
        **{
            approver: Municipality.PlanApprover.HEAD,
            f"{organization}_id__in": p.head_organization_ids,
        }
    )
    return IndividualPlan.objects.filter(by_coordinator | by_head)


def plans_mentored_now(user: AnyUser) -> IndividualPlanQuerySet:
    """Visible plans the user is the active mentor of (is_mentor_of as a query)."""
    person_id = principal(user).person_id
    if person_id is None:
        return IndividualPlan.objects.none()
    return visible_plans(user).mentored_now_by(person_id)


# Who one is to a plan ----------------------------------------------------------------


def _is_mentorship_active(plan: IndividualPlan) -> bool:
    """The plan's mentor still guides its reservist (one query unless get_plan's)."""
    annotated = getattr(plan, "is_mentorship_active", None)
    if annotated is not None:
        return bool(annotated)
    return (
        IndividualPlan.objects.filter(pk=plan.pk)
        .mentored_now_by(plan.mentor_id)
        .exists()
    )


def is_mentor_of(user: AnyUser, plan: IndividualPlan) -> bool:
    """True for the plan's mentor while their mentorship of the reservist lasts."""
    # A mentor whose mentorship ended (or passed to another mentor) only reads.
    person_id = principal(user).person_id
    if person_id is None:
        return False
    if person_id != plan.mentor_id:
        return False
    return _is_mentorship_active(plan)


def is_reservist_of(user: AnyUser, plan: IndividualPlan) -> bool:
    """True for the reservist whose plan it is (also after they left the reserve)."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    return person_id == plan.reserve_entry.person_id


def _is_entry_active(plan: IndividualPlan) -> bool:
    """The plan's reservist is still in the reserve."""
    return plan.reserve_entry.status == ReserveEntry.Status.ACTIVE


# Rights on a plan --------------------------------------------------------------------


def may_edit(user: AnyUser, plan: IndividualPlan) -> bool:
    """The active mentor and the reservist in the reserve draft the plan (8.1)."""
    # Once the reservist left the reserve the plan is read-only for both.
    if not _is_entry_active(plan):
        return False
    if is_mentor_of(user, plan):
        return True
    return is_reservist_of(user, plan)


def may_restructure(user: AnyUser, plan: IndividualPlan) -> bool:
    """Reorder rows, exclude them and set deadlines in bulk: those who draft a
    draft; on an approved plan only its active mentor (the reservist still edits
    and marks their rows, which the approver re-approves)."""
    if not may_edit(user, plan):
        return False
    if plan.status != Status.APPROVED:
        return True  # the services refuse other statuses with a reason
    return is_mentor_of(user, plan)


def may_submit(user: AnyUser, plan: IndividualPlan) -> bool:
    """The active mentor of a reservist in the reserve submits the plan."""
    if not _is_entry_active(plan):
        return False
    return is_mentor_of(user, plan)


def may_confirm(user: AnyUser, plan: IndividualPlan) -> bool:
    """The active mentor of a reservist in the reserve confirms a done row."""
    if not _is_entry_active(plan):
        return False
    return is_mentor_of(user, plan)


def plan_approvers(plan: IndividualPlan) -> QuerySet[User]:
    """The accounts that approve the plan (may_approve as a query of accounts)."""
    person = plan.reserve_entry.person
    municipality = person.organization.municipality
    if municipality.plan_approver == Municipality.PlanApprover.HEAD:
        return heads(person.organization_id)
    return coordinators(municipality.pk)


def may_approve(user: AnyUser, plan: IndividualPlan) -> bool:
    """The coordinator, or the head where the municipality says so, approves."""
    # For a list of plans use plans_to_approve, the same rule as a query.
    p = principal(user)
    person = plan.reserve_entry.person
    municipality = person.organization.municipality
    if municipality.plan_approver != Municipality.PlanApprover.HEAD:
        return p.coordinates(municipality.pk)
    if p.is_superuser:
        return True
    return p.heads(person.organization_id)


def may_complete_plan(user: AnyUser, plan: IndividualPlan) -> bool:
    """The approver, or the active mentor of a reservist in the reserve, completes."""
    # Whether the plan is ready (approved, no pending change, every row closed)
    # is complete_plan's rule, a ValidationError; plan_actions shows the button.
    if may_approve(user, plan):
        return True
    if not _is_entry_active(plan):
        return False
    return is_mentor_of(user, plan)


def may_comment(user: AnyUser, plan: IndividualPlan) -> bool:
    """Those who draft the plan (may_edit) and its approver discuss it."""
    if may_edit(user, plan):
        return True
    return may_approve(user, plan)


@dataclass(frozen=True)
class PlanActions:
    """What the user may do with a plan in its present status: the page's controls."""

    edit: bool
    restructure: bool  # reorder, exclude, bulk deadlines
    submit: bool
    approve: bool
    return_: bool  # `return` is a keyword
    complete: bool
    mark: bool
    confirm: bool
    comment: bool

    def values(self) -> tuple[bool, ...]:
        """Every answer, in order (`any(actions.values())`: may the user act?)."""
        return astuple(self)


def plan_actions(user: AnyUser, plan: IndividualPlan) -> PlanActions:
    """The may_* answers for the plan in its status (no query after get_plan)."""
    # The views and the API check the may_* rights alone (403) and leave the
    # status to the services (400), which is what lets them explain a refusal.
    is_draft = plan.status == Status.DRAFT
    is_submitted = plan.status == Status.SUBMITTED
    is_approved = plan.status == Status.APPROVED
    has_pending = is_approved and plan.has_unapproved_changes
    edits = may_edit(user, plan)
    approves = may_approve(user, plan)
    return PlanActions(
        edit=edits and (is_draft or is_approved),
        restructure=edits and (is_draft or is_approved) and may_restructure(user, plan),
        submit=may_submit(user, plan) and is_draft,
        approve=approves and (is_submitted or has_pending),
        return_=approves and is_submitted,
        complete=may_complete_plan(user, plan) and is_approved and not has_pending,
        mark=edits and is_approved,
        confirm=may_confirm(user, plan) and is_approved,
        comment=may_comment(user, plan),
    )


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied


# Starting plans; one's own pages -----------------------------------------------------


def may_filter_plans_by_organization(user: AnyUser) -> bool:
    """The superuser, coordinators and heads filter the list of plans by workplace."""
    p = principal(user)
    if p.is_superuser:
        return True
    if p.is_coordinator:
        return True
    return p.is_head


def may_view_own_plans(user: AnyUser) -> bool:
    """«My plan» is for a person with the reservist role."""
    p = principal(user)
    if not p.holds_reservist_role:
        return False
    return p.person_id is not None


def may_control_deadlines(user: AnyUser) -> bool:
    """The control of deadlines is for the mentor who has «My reservists»."""
    return may_view_own_mentees(user)


def own_plans(user: AnyUser) -> IndividualPlanQuerySet:
    """The user's own plans as a reservist, also after they left the reserve."""
    person_id = principal(user).person_id
    if person_id is None:
        return IndividualPlan.objects.none()
    return visible_plans(user).filter(reserve_entry__person_id=person_id)


def own_reserve_entries(user: AnyUser) -> ReserveEntryQuerySet:
    """The user's own entries in the reserve, whence «My plan» starts a plan."""
    person_id = principal(user).person_id
    if person_id is None:
        return ReserveEntry.objects.none()
    return visible_reserve_entries(user).filter(person_id=person_id)


def may_create_plan(user: AnyUser, entry: ReserveEntry) -> bool:
    """The reservist in the reserve or their active mentor starts a plan (one query)."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    if entry.status != ReserveEntry.Status.ACTIVE:
        return False
    if person_id == entry.person_id:
        return True
    return entry.mentorships.filter(
        status=Mentorship.Status.ACTIVE, mentor_id=person_id
    ).exists()


def may_create_plan_as_mentor(user: AnyUser, mentorship: Mentorship) -> bool:
    """may_create_plan for the mentor of a loaded mentorship, without a query."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    if person_id != mentorship.mentor_id:
        return False
    return mentorship.status == Mentorship.Status.ACTIVE


def mentorships_to_plan(user: AnyUser) -> MentorshipQuerySet:
    """Active mentorships of a user with the mentor role, whose plans they start."""
    p = principal(user)
    if not p.holds_mentor_role:
        return Mentorship.objects.none()
    if p.person_id is None:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        mentor_id=p.person_id, status=Mentorship.Status.ACTIVE
    )


# Rows and files ----------------------------------------------------------------------


def get_item(user: AnyUser, plan: IndividualPlan, pk: int) -> PlanItem:
    """A row of the plan if the user sees the plan; Http404 otherwise."""
    # The plan usually comes from get_plan: the scope costs a subquery, no query.
    try:
        return (
            plan.items.filter(plan__in=visible_plans(user))
            .select_related("section")
            .get(pk=pk)
        )
    except (PlanItem.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def get_evidence(user: AnyUser, pk: int) -> Evidence:
    """An evidence file of a visible plan; Http404 otherwise."""
    try:
        return Evidence.objects.select_related("item").get(
            pk=pk, item__plan__in=visible_plans(user)
        )
    except (Evidence.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
