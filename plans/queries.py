"""Read models of the plan pages: the plan with its rows and discussions, lists with
progress, the mentor's control of deadlines and the reservist's own plan."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, TypedDict, TypeVar, cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from mentorships.models import Mentorship
from plans.models import (
    Comment,
    Evidence,
    IndividualPlan,
    IndividualPlanQuerySet,
    PlanForm,
    PlanFormSection,
    PlanFormVersion,
    PlanItem,
    PlanItemQuerySet,
    Revision,
    overdue_filter,
)
from plans.permissions import (
    may_create_plan_as_mentor,
    mentorships_to_plan,
    own_plans,
    plans_mentored_now,
    plans_to_approve,
    visible_plans,
)
from reserve.models import ReserveEntry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations


class ProgressCounts(TypedDict):
    """What IndividualPlanQuerySet.with_progress_counts() annotates on a plan."""

    n_items: int
    n_done: int
    n_done_late: int
    n_overdue: int
    n_not_done: int


class CurrentPlan(TypedDict):
    """What with_current_plans() gives a reserve entry."""

    current_plan: IndividualPlan | None


_Plan = TypeVar("_Plan", bound=IndividualPlan)

if TYPE_CHECKING:
    # The plans of the lists, and the reserve entries with their current plan.
    ListedPlan = WithAnnotations[IndividualPlan, ProgressCounts]
    PlannedEntry = WithAnnotations[ReserveEntry, CurrentPlan]


def display_name(user: User | None) -> str:
    """The person's short name of an account, else its full name or login.

    Load the account with select_related("…__person"): a missing person is then
    cached and costs no query."""
    if user is None:
        return "—"
    person = getattr(user, "person", None)
    if person is not None:
        return person.short_name
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class Progress:
    """The counts of a plan's progress bar; cancelled rows do not count."""

    total: int
    done: int
    done_late: int
    overdue: int
    not_done: int

    @classmethod
    def of_plan(cls, plan: IndividualPlan) -> "Progress":
        """From the counts of IndividualPlanQuerySet.with_progress_counts()."""
        return cls(
            total=plan.n_items,
            done=plan.n_done,
            done_late=plan.n_done_late,
            overdue=plan.n_overdue,
            not_done=plan.n_not_done,
        )

    def percent(self, n: int) -> int:
        return round(100 * n / self.total) if self.total else 0

    @property
    def done_on_time(self) -> int:
        return self.done - self.done_late

    @property
    def remaining(self) -> int:
        """Open rows that are not yet due."""
        return self.total - self.done - self.not_done - self.overdue


def progress_of(items: Iterable[PlanItem], today: date | None = None) -> Progress:
    """The counts of with_progress_counts() from already loaded rows, by the
    rules of PlanItem (no queries)."""
    today = today or timezone.localdate()
    live = [i for i in items if i.status != PlanItem.Status.CANCELLED]
    return Progress(
        total=len(live),
        done=sum(1 for i in live if i.status == PlanItem.Status.DONE),
        done_late=sum(1 for i in live if i.is_done_late),
        overdue=sum(1 for i in live if i.is_overdue_on(today)),
        not_done=sum(1 for i in live if i.status == PlanItem.Status.NOT_DONE),
    )


def progress_of_rows(rows: Iterable[dict]) -> Progress:
    """progress_of() for the rows of plan_item_rows(), which carry their own
    `is_overdue` and `is_done_late` (no queries)."""
    live = [r for r in rows if r["status"] != PlanItem.Status.CANCELLED]
    return Progress(
        total=len(live),
        done=sum(1 for r in live if r["status"] == PlanItem.Status.DONE),
        done_late=sum(1 for r in live if r["is_done_late"]),
        overdue=sum(1 for r in live if r["is_overdue"]),
        not_done=sum(1 for r in live if r["status"] == PlanItem.Status.NOT_DONE),
    )


def plan_progress(plan: IndividualPlan) -> Progress:
    """The plan's progress: from its counts when it comes from for_list() or
    with_progress_counts(), else from its rows (one query)."""
    if hasattr(plan, "n_items"):
        return Progress.of_plan(plan)
    return progress_of(plan.items.all())


@dataclass(frozen=True)
class Segment:
    kind: str
    label: "StrOrPromise"
    count: int
    start: int = 0  # the sum of the counts drawn before it (the SVG's x)


def segments(progress: Progress) -> list[Segment]:
    """The parts of the stacked progress bar, in the order they are drawn."""
    parts = [
        ("ok", _("Done on time"), progress.done_on_time),
        ("late", _("Done late"), progress.done_late),
        ("overdue", _("Overdue"), progress.overdue),
        ("not_done", _("Not done"), progress.not_done),
        ("remaining", _("Remaining"), progress.remaining),
    ]
    result, start = [], 0
    for kind, label, count in parts:
        result.append(Segment(kind, label, count, start))
        start += count
    return result


# Plan forms --------------------------------------------------------------------------


def forms_for_list(forms: QuerySet[PlanForm]) -> QuerySet[PlanForm]:
    """Forms with their versions, newest version first (two queries)."""
    return forms.select_related("municipality").prefetch_related(
        Prefetch("versions", queryset=PlanFormVersion.objects.order_by("-number"))
    )


def version_sections(version: PlanFormVersion) -> list[PlanFormSection]:
    """The version's sections with their suggested items (two queries)."""
    return list(version.sections.prefetch_related("suggested_items"))


# The plan page -----------------------------------------------------------------------


@dataclass
class SectionBlock:
    number: int
    section: PlanFormSection
    items: list[PlanItem] = field(default_factory=list)


@dataclass
class PlanPage:
    sections: list[PlanFormSection]
    blocks: list[SectionBlock]
    items: list[PlanItem]
    progress: Progress
    comments: list[Comment]
    revisions: list[Revision]
    history: "list[StatusEvent]"

    @property
    def bar(self) -> list[Segment]:
        return segments(self.progress)

    @property
    def percent_done(self) -> int:
        return self.progress.percent(self.progress.done)

    @property
    def pending_revisions(self) -> list[Revision]:
        return [r for r in self.revisions if r.approved_at is None]


def plan_page(plan: IndividualPlan) -> PlanPage:
    """Everything the plan page shows, whatever the number of rows (six queries)."""
    sections = list(plan.form_version.sections.all())
    items = list(
        plan.items.select_related("confirmed_by__person")
        .prefetch_related(
            Prefetch("files", queryset=Evidence.objects.order_by("uploaded_at", "pk"))
        )
        .order_by("position", "pk")
    )
    comments = list(plan.comments.select_related("author__person"))
    revisions = list(plan.revisions.select_related("author__person"))
    threads: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in comments:
        comment.author_name = display_name(comment.author)
        threads[comment.item_id].append(comment)
    for revision in revisions:
        revision.author_name = display_name(revision.author)
    blocks = {s.pk: SectionBlock(n, s) for n, s in enumerate(sections, start=1)}
    for item in sorted(items, key=lambda i: (blocks[i.section_id].number, i.position)):
        block = blocks[item.section_id]
        item.section = block.section
        item.plan = plan
        item.thread = threads.get(item.pk, [])
        block.items.append(item)
        item.number = f"{block.number}.{len(block.items)}"
    ordered = [i for b in blocks.values() for i in b.items]
    return PlanPage(
        sections=sections,
        blocks=list(blocks.values()),
        items=ordered,
        progress=progress_of(ordered),
        comments=threads.get(None, []),
        revisions=revisions,
        history=status_history(plan),
    )


@dataclass(frozen=True)
class StatusEvent:
    """A step of the plan's approval: what happened, when, by whom, and the
    approver's remarks or comment."""

    what: str
    when: datetime
    who: str
    text: str = ""


_Step = IndividualPlan.Status


def status_history(plan: IndividualPlan) -> list[StatusEvent]:
    """The plan's steps from its saved versions (simple-history), oldest first:
    submitted, returned with remarks, approved (with a comment), changes
    re-approved, completed (one query)."""
    records = plan.history.select_related("history_user__person").order_by(
        "history_date", "history_id"
    )
    events: list[StatusEvent] = []
    before = None
    for record in records:
        what, text = status_step(before, record)
        if what:
            who = display_name(record.history_user)
            events.append(StatusEvent(str(what), record.history_date, who, text))
        before = record
    return events


def status_step(before, after) -> tuple[str, str]:
    """What changed from one saved version of the plan to the next."""
    old = before.status if before is not None else None
    new = after.status
    if old == _Step.DRAFT and new == _Step.SUBMITTED:
        return str(_("Submitted for approval")), ""
    if old == _Step.SUBMITTED and new == _Step.DRAFT:
        return str(_("Returned for revision")), after.remarks
    if old == _Step.SUBMITTED and new == _Step.APPROVED:
        return str(_("Approved")), after.approval_comment
    if (
        old == new == _Step.APPROVED
        and before.has_unapproved_changes
        and not after.has_unapproved_changes
    ):
        return str(_("Changes re-approved")), after.approval_comment
    if old != new and new == _Step.COMPLETED:
        return str(_("Completed")), ""
    return "", ""


def moved(
    items: list[PlanItem], item: PlanItem, direction: str | None
) -> list[int] | None:
    """The ids of all rows with `item` swapped with its neighbour in its section
    ("up" or "down"), or None when it has none that way."""
    if direction not in ("up", "down"):
        return None
    ids = [i.pk for i in items]
    index = ids.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items) or items[other].section_id != item.section_id:
        return None
    ids[index], ids[other] = ids[other], ids[index]
    return ids


def plan_rows(plan: IndividualPlan) -> list[PlanItem]:
    """The rows of a plan in the order the page shows them (one query)."""
    return list(
        plan.items.order_by("section__position", "position", "pk").only(
            "pk", "section_id", "position"
        )
    )


# Lists -------------------------------------------------------------------------------


LIST_ORDER = ("-period_start", "-pk")


def plans_in_list_order(plans: IndividualPlanQuerySet) -> IndividualPlanQuerySet:
    """The plain plans of a paged list, the latest first: the count and the choice
    of a page run on them; `annotate_listed` then annotates the page's rows."""
    return plans.order_by(*LIST_ORDER)


def annotate_listed(plans: IndividualPlanQuerySet) -> "QuerySet[ListedPlan]":
    """The plans with everything a list shows and every count of their progress
    bar (for a page's rows: core.pagination's `annotate`)."""
    # for_list() annotates the counts; the type of a custom QuerySet's method
    # cannot carry them, so they are named here.
    return cast("QuerySet[ListedPlan]", plans.for_list())


def plans_for_list(plans: IndividualPlanQuerySet) -> "QuerySet[ListedPlan]":
    """Plans with every count of their progress bar, in one query (a short list;
    a paged one annotates only its page: plans_in_list_order, annotate_listed)."""
    return annotate_listed(plans_in_list_order(plans))


def with_progress(plans: Iterable[_Plan]) -> list[_Plan]:
    """Give each plan of `plans_for_list()` its `progress` (no queries)."""
    result = list(plans)
    for plan in result:
        plan.progress = Progress.of_plan(plan)
        plan.bar = segments(plan.progress)
    return result


def copy_sources(user: User | AnonymousUser) -> QuerySet[IndividualPlan]:
    """Plans the user may copy into a new plan."""
    return visible_plans(user).select_related("reserve_entry__person")


def _open_plans(
    user: User | AnonymousUser, entry_ids: list[int]
) -> IndividualPlanQuerySet:
    """The plans of the entries the user sees that are not completed, the
    current one (the newest) of each entry first."""
    return (
        visible_plans(user)
        .filter(reserve_entry_id__in=entry_ids)
        .exclude(status=IndividualPlan.Status.COMPLETED)
        .order_by("-period_start", "-pk")
    )


def with_current_plans(
    user: User | AnonymousUser, entries: Iterable[ReserveEntry]
) -> "list[PlannedEntry]":
    """Give each reserve entry its `current_plan`: the newest plan the user sees
    that is not completed, with the counts of `for_list()`, or None (one query)."""
    # Each entry gets its current_plan below.
    result = cast("list[PlannedEntry]", list(entries))
    plans = _open_plans(user, [entry.pk for entry in result]).for_list()
    current: dict[int, IndividualPlan] = {}
    for plan in plans:
        current.setdefault(plan.reserve_entry_id, plan)
    for entry in result:
        entry.current_plan = current.get(entry.pk)
    return result


def current_plans(
    user: User | AnonymousUser, entry_ids: list[int], *, counts: bool = True
) -> "dict[int, ListedPlan]":
    """The current plan of each entry that has one, by entry id, as
    with_current_plans() chooses it: the plan's own columns and, unless
    `counts` is False (for a caller that loads the rows anyway and counts them
    with progress_of_rows), the counts of its progress; no related rows (one
    query)."""
    plans = _open_plans(user, entry_ids)
    if counts:
        plans = plans.with_progress_counts()
    current: dict[int, ListedPlan] = {}
    for plan in cast("QuerySet[ListedPlan]", plans):
        current.setdefault(plan.reserve_entry_id, plan)
    return current


def overdue_items_of_mentees(user: User | AnonymousUser) -> PlanItemQuerySet:
    """The overdue rows of the approved plans the user mentors now: the one
    definition of the home page's count, «My reservists» and the control page."""
    return PlanItem.objects.filter(
        plan__in=plans_mentored_now(user),
        plan__status=IndividualPlan.Status.APPROVED,
    ).overdue()


def with_mentee_plans(
    user: User | AnonymousUser, mentorships: list[Mentorship]
) -> list[Mentorship]:
    """«My reservists»: each reservist with the current plan and its progress and
    `n_overdue` (overdue_items_of_mentees), each mentorship with
    `may_create_plan` (two queries)."""
    with_current_plans(user, [m.reserve_entry for m in mentorships])
    overdue = dict(
        overdue_items_of_mentees(user)
        .values_list("plan__reserve_entry_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for mentorship in mentorships:
        mentorship.may_create_plan = may_create_plan_as_mentor(user, mentorship)
        mentorship.n_overdue = overdue.get(mentorship.reserve_entry_id, 0)
    return mentorships


def mentees_without_plans(user: User | AnonymousUser) -> list:
    """The mentor's current reservists who have no open plan yet (one query at
    most: none for a user who is not a mentor)."""
    open_plans = [
        IndividualPlan.Status.DRAFT,
        IndividualPlan.Status.SUBMITTED,
        IndividualPlan.Status.APPROVED,
    ]
    return list(
        mentorships_to_plan(user)
        .exclude(reserve_entry__plans__status__in=open_plans)
        .select_related("reserve_entry__person")
        .order_by("reserve_entry__person__last_name", "pk")
    )


# The mentor's control of deadlines ---------------------------------------------------


def control_items(
    plans: QuerySet[IndividualPlan], today: date | None = None
) -> PlanItemQuerySet:
    """Every row of the approved ones of `plans` (plans_mentored_now): overdue
    first, then open ones by deadline, then closed ones."""
    today = today or timezone.localdate()
    return (
        PlanItem.objects.filter(
            plan__in=plans,
            plan__status=IndividualPlan.Status.APPROVED,
        )
        .for_control()
        .annotate(
            rank=Case(
                When(overdue_filter(today), then=0),
                When(status__in=PlanItem.OPEN, then=1),
                default=2,
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "deadline", "pk")
    )


def with_days_overdue(items: Iterable[PlanItem]) -> list[PlanItem]:
    """Give each row its `days_overdue` (0 unless overdue); no queries."""
    today = timezone.localdate()
    result = list(items)
    for item in result:
        item.days_overdue = (
            (today - item.deadline).days if item.is_overdue_on(today) else 0
        )
    return result


def control_reservists(plans: QuerySet[IndividualPlan]) -> list[tuple[int, str]]:
    """(person id, full name) of the reservists of the approved ones of `plans`
    (plans_mentored_now)."""
    rows = (
        plans.filter(status=IndividualPlan.Status.APPROVED)
        .order_by("reserve_entry__person__last_name", "reserve_entry__person_id")
        .values_list(
            "reserve_entry__person_id",
            "reserve_entry__person__last_name",
            "reserve_entry__person__first_name",
            "reserve_entry__person__middle_name",
        )
        .distinct()
    )
    return [(pk, " ".join(p for p in names if p)) for pk, *names in rows]


# The reservist's own plan and plans awaiting approval -----------------------------


def awaiting_approval(user: User | AnonymousUser) -> QuerySet[IndividualPlan]:
    """Plans the user approves that wait for it: submitted ones and approved ones
    with changes."""
    waiting = Q(status=IndividualPlan.Status.SUBMITTED) | Q(
        status=IndividualPlan.Status.APPROVED, has_unapproved_changes=True
    )
    return plans_to_approve(user).filter(waiting)


def current_plan_of(user: User | AnonymousUser) -> IndividualPlan | None:
    """The reservist's own current plan with its progress: an open one before a
    completed one, the latest first; None without one (one query)."""
    mine = plans_for_list(own_plans(user)).order_by(
        Case(
            When(status=IndividualPlan.Status.COMPLETED, then=1),
            default=0,
            output_field=IntegerField(),
        ),
        "-period_start",
        "-pk",
    )
    found = with_progress(mine[:1])
    return found[0] if found else None


def thread(plan: IndividualPlan, item: PlanItem | None) -> list[Comment]:
    """The discussion of the plan (item None) or of one row, oldest first."""
    comments = list(plan.comments.filter(item=item).select_related("author__person"))
    for comment in comments:
        comment.author_name = display_name(comment.author)
    return comments


def plan_people_ids(plan: IndividualPlan) -> list[int]:
    """The people a plan's page and document name (the reservist and the mentor),
    for the access log; no query (the plan's entry is loaded with it)."""
    return [plan.reserve_entry.person_id, plan.mentor_id]


# The home pages ----------------------------------------------------------------------


def items_to_confirm(user: User | AnonymousUser) -> PlanItemQuerySet:
    """Rows the reservists of the user's active mentorships marked done that the
    mentor has not confirmed yet (may_confirm as a query), oldest mark first."""
    return (
        PlanItem.objects.filter(
            plan__in=plans_mentored_now(user).filter(
                reserve_entry__status=ReserveEntry.Status.ACTIVE
            ),
            status=PlanItem.Status.DONE,
            confirmed_at__isnull=True,
        )
        .select_related("plan__reserve_entry__person")
        .order_by("done_on", "pk")
    )


def comments_to_answer(user: User | AnonymousUser) -> QuerySet[Comment]:
    """The last word of each discussion (of a plan or of one row) on the open
    plans the user mentors now, when someone else wrote it: the discussions that
    wait for the mentor's answer, oldest first."""
    threads = Comment.objects.annotate(thread=Coalesce("item_id", 0))
    later = threads.filter(
        plan=OuterRef("plan"), thread=OuterRef("thread"), pk__gt=OuterRef("pk")
    )
    open_plans = plans_mentored_now(user).exclude(
        status=IndividualPlan.Status.COMPLETED
    )
    return (
        threads.filter(plan__in=open_plans)
        .exclude(author=user.pk)
        .filter(~Exists(later))
        .select_related("plan__reserve_entry__person", "item")
        .order_by("created_at", "pk")
    )


def items_due_between(
    plans: QuerySet[IndividualPlan], start: date, end: date
) -> PlanItemQuerySet:
    """Open rows of the approved ones of `plans` due from `start` to `end`
    inclusive, by deadline: «deadlines this week»."""
    return (
        PlanItem.objects.filter(
            plan__in=plans,
            plan__status=IndividualPlan.Status.APPROVED,
            status__in=PlanItem.OPEN,
            deadline__range=(start, end),
        )
        .select_related("plan__reserve_entry__person")
        .order_by("deadline", "pk")
    )


def next_items_of(user: User | AnonymousUser) -> PlanItemQuerySet:
    """The reservist's open rows of their approved plans, overdue and next due
    first: their next steps."""
    return (
        PlanItem.objects.filter(
            plan__in=own_plans(user),
            plan__status=IndividualPlan.Status.APPROVED,
            status__in=PlanItem.OPEN,
        )
        .select_related("plan")
        .order_by("deadline", "pk")
    )


def overdue_items_in(plans: QuerySet[IndividualPlan]) -> PlanItemQuerySet:
    """The overdue rows of the approved ones of `plans` (a head's organisation's)."""
    return PlanItem.objects.filter(
        plan__in=plans, plan__status=IndividualPlan.Status.APPROVED
    ).overdue()
