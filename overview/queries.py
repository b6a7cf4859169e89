"""The coordinator's figures (design.md §3, clauses 2–3) and the lists behind them.

Every figure is an aggregate of one *set*: a scoped queryset of the domain's
rows (the same `visible_*` read its own list page uses), cut by the period where
the figure belongs to one. A breakdown groups the set by one *dimension*; the
list behind a bar (`set_rows`) filters the very same set by the same dimension,
so the list's count equals the bar by construction (and the tests check it).

Each set is read in one or two queries (GROUP BY with conditional counts),
whatever the number of reservists; long breakdowns (organisations, target
positions) keep the TOP largest groups and sum the rest as «others»."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from attestation.models import Attestation
from attestation.permissions import visible_attestations
from competencies.models import MAX_LEVEL, Assessment, Rating
from competencies.permissions import visible_assessments
from events.permissions import visible_events
from internships.models import Internship
from internships.permissions import visible_internships
from mentorships.models import Mentorship
from mentorships.queries import CURRENT, mentors_in_list_order
from organizations.models import Organization
from people.permissions import visible_people
from plans.models import IndividualPlan, PlanItem
from plans.permissions import visible_plans
from reserve.models import ReserveEntry, TargetPosition
from reserve.permissions import visible_reserve_entries
from studies.models import StudyAssignment
from studies.permissions import visible_assignments

# The largest groups a long breakdown shows; the rest are summed as «others».
TOP = 8
OTHERS = "others"
# A mentor's load is shown as 0, 1, 2 … up to this many and more.
LOAD_CAP = 3
LOAD_LABELS = {
    0: _("no reservists"),
    1: _("1 reservist"),
    2: _("2 reservists"),
    LOAD_CAP: _("3 reservists or more"),
}


@dataclass(frozen=True)
class Period:
    """The chosen period, both days included."""

    start: date
    end: date

    def query(self) -> dict[str, str]:
        return {"date_from": self.start.isoformat(), "date_to": self.end.isoformat()}


def default_period(today: date | None = None) -> Period:
    """The current calendar year."""
    today = today or timezone.localdate()
    return Period(date(today.year, 1, 1), date(today.year, 12, 31))


def current_month(today: date | None = None) -> Period:
    """The current calendar month."""
    today = today or timezone.localdate()
    following = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return Period(today.replace(day=1), following - timedelta(days=1))


# The sets ----------------------------------------------------------------------------

# The outcome of a plan item due in the period (plans' one rule of overdue).
ON_TIME, LATE, NOT_DONE, OVERDUE, OPEN = (
    "on_time",
    "late",
    "not_done",
    "overdue",
    "open",
)
ITEM_OUTCOMES = {
    ON_TIME: _("done on time"),
    LATE: _("done late"),
    NOT_DONE: _("not done"),
    OVERDUE: _("overdue"),
    OPEN: _("not yet due"),
}


def _item_outcome(today: date) -> Case:
    return Case(
        When(
            Q(status=PlanItem.Status.DONE, done_on__gt=F("deadline")), then=Value(LATE)
        ),
        When(status=PlanItem.Status.DONE, then=Value(ON_TIME)),
        When(status=PlanItem.Status.NOT_DONE, then=Value(NOT_DONE)),
        When(deadline__lt=today, then=Value(OVERDUE)),
        default=Value(OPEN),
        output_field=CharField(),
    )


def _load() -> tuple[Case, Coalesce]:
    """The mentor's current (pending or active) mentorships, as a subquery, so
    that it can be grouped by."""
    current = (
        Mentorship.objects.filter(mentor=OuterRef("pk"), status__in=CURRENT)
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    n = Coalesce(Subquery(current, output_field=IntegerField()), Value(0))
    return Case(
        When(Q(n_load__gte=LOAD_CAP), then=Value(LOAD_CAP)),
        default=F("n_load"),
        output_field=IntegerField(),
    ), n


def reservists(user: User, period: Period) -> QuerySet:
    """The reserve entries in scope (now: the reserve list's rows)."""
    return visible_reserve_entries(user)


def mentors(user: User, period: Period) -> QuerySet:
    """The mentors' registry (now: the mentors list's rows), with their load."""
    bucket, n = _load()
    people = mentors_in_list_order(visible_people(user))
    return people.annotate(n_load=n).annotate(load=bucket)


def plans(user: User, period: Period) -> QuerySet:
    """The individual plans in scope (now: the plans list's rows)."""
    return visible_plans(user)


def items(user: User, period: Period) -> QuerySet:
    """The plan items due in the period (deadline in it), but the cancelled,
    each with its outcome today."""
    return (
        PlanItem.objects.filter(
            plan__in=visible_plans(user).order_by().values("pk"),
            deadline__gte=period.start,
            deadline__lte=period.end,
        )
        .exclude(status=PlanItem.Status.CANCELLED)
        .annotate(outcome=_item_outcome(timezone.localdate()))
    )


def overdue(user: User, period: Period) -> QuerySet:
    """The plan items overdue today (open past their deadline), whatever the
    period: what is late now."""
    return PlanItem.objects.filter(
        plan__in=visible_plans(user).order_by().values("pk")
    ).overdue()


def events(user: User, period: Period) -> QuerySet:
    """The events that take place in the period (the events list's date filter)."""
    return visible_events(user).filtered(date_from=period.start, date_to=period.end)


def internships(user: User, period: Period) -> QuerySet:
    """The internships whose planned dates meet the period."""
    return visible_internships(user).filter(
        starts_on__lte=period.end, ends_on__gte=period.start
    )


def studies(user: User, period: Period) -> QuerySet:
    """The study assignments (checks of the acts) in scope, now (the studies
    list's rows)."""
    return visible_assignments(user)


def assessments(user: User, period: Period) -> QuerySet:
    """The competency assessments submitted in the period."""
    return visible_assessments(user).filter(
        submitted_at__date__gte=period.start, submitted_at__date__lte=period.end
    )


def attestations(user: User, period: Period) -> QuerySet:
    """The attestations decided in the period."""
    return (
        visible_attestations(user)
        .exclude(decision="")
        .filter(decided_at__date__gte=period.start, decided_at__date__lte=period.end)
    )


def appointments(user: User, period: Period) -> QuerySet:
    """The reservists appointed to a position in the period, each told whether
    within the term of the reserve (`in_term`: "yes" or "no")."""
    return (
        visible_reserve_entries(user)
        .filter(
            status=ReserveEntry.Status.APPOINTED,
            appointed_on__gte=period.start,
            appointed_on__lte=period.end,
        )
        .annotate(
            in_term=Case(
                When(appointed_on__lte=F("term_until"), then=Value("yes")),
                default=Value("no"),
                output_field=CharField(),
            )
        )
    )


@dataclass(frozen=True)
class SetSpec:
    """A set: its rows, the dimensions a list may filter it by (query parameter →
    field), and how the list shows a row (`columns`, `cells`)."""

    title: Any
    rows: Callable[[User, Period], QuerySet]
    dimensions: dict[str, str]
    columns: list[Any]
    cells: Callable[[Any], list[Any]]
    related: tuple[str, ...] = ()
    order: tuple[str, ...] = ("pk",)
    # A set read now, not in the period (the list shows no period).
    snapshot: bool = False
    choices: dict[str, dict[str, Any]] = field(default_factory=dict)


def _entry_cells(e: ReserveEntry) -> list[Any]:
    return [
        (e.person.full_name, e.get_absolute_url()),
        e.person.organization.short_name,
        e.target_position.name,
        e.get_status_display(),
    ]


def _item_cells(i: PlanItem) -> list[Any]:
    return [
        (i.activity, i.plan.get_absolute_url()),
        i.plan.reserve_entry.person.full_name,
        i.plan.reserve_entry.person.organization.short_name,
        i.deadline,
        i.get_status_display(),
    ]


ENTRY_COLUMNS = [_("Reservist"), _("Organisation"), _("Target position"), _("Status")]
ITEM_COLUMNS = [
    _("Activity"),
    _("Reservist"),
    _("Organisation"),
    _("Deadline"),
    _("Status"),
]
ENTRY_RELATED = ("person__organization", "target_position")
ITEM_RELATED = ("plan__reserve_entry__person__organization",)

SETS: dict[str, SetSpec] = {
    "reservists": SetSpec(
        _("Reservists"),
        reservists,
        {
            "status": "status",
            "position": "target_position_id",
            "organization": "person__organization_id",
        },
        ENTRY_COLUMNS,
        _entry_cells,
        ENTRY_RELATED,
        ("person__last_name", "person__first_name", "pk"),
        snapshot=True,
        choices={"status": dict(ReserveEntry.Status.choices)},
    ),
    "mentors": SetSpec(
        _("Mentors"),
        mentors,
        {"load": "load"},
        [_("Mentor"), _("Organisation"), _("Current reservists")],
        lambda p: [
            (p.full_name, p.get_absolute_url()),
            p.organization.short_name,
            p.n_load,
        ],
        ("organization",),
        ("last_name", "first_name", "pk"),
        snapshot=True,
    ),
    "plans": SetSpec(
        _("Individual plans"),
        plans,
        {"status": "status"},
        [_("Reservist"), _("Organisation"), _("Period"), _("Status")],
        lambda p: [
            (p.reserve_entry.person.full_name, p.get_absolute_url()),
            p.reserve_entry.person.organization.short_name,
            f"{p.period_start:%d.%m.%Y} – {p.period_end:%d.%m.%Y}",
            p.get_status_display(),
        ],
        ("reserve_entry__person__organization",),
        snapshot=True,
        choices={"status": dict(IndividualPlan.Status.choices)},
    ),
    "items": SetSpec(
        _("Plan items due in the period"),
        items,
        {"outcome": "outcome"},
        ITEM_COLUMNS,
        _item_cells,
        ITEM_RELATED,
        ("deadline", "pk"),
        choices={"outcome": ITEM_OUTCOMES},
    ),
    "overdue": SetSpec(
        _("Overdue plan items"),
        overdue,
        {"organization": "plan__reserve_entry__person__organization_id"},
        ITEM_COLUMNS,
        _item_cells,
        ITEM_RELATED,
        ("deadline", "pk"),
        snapshot=True,
    ),
    "events": SetSpec(
        _("Events"),
        events,
        {},
        [_("Event"), _("Starts"), _("Ends")],
        lambda e: [
            (e.title, e.get_absolute_url()),
            e.starts_at.date(),
            e.ends_at.date(),
        ],
        order=("starts_at", "pk"),
    ),
    "internships": SetSpec(
        _("Internships"),
        internships,
        {"status": "status"},
        [_("Reservist"), _("Organisation"), _("Dates"), _("Status")],
        lambda i: [
            (i.reserve_entry.person.full_name, i.get_absolute_url()),
            i.host_organization.short_name,
            f"{i.starts_on:%d.%m.%Y} – {i.ends_on:%d.%m.%Y}",
            i.get_status_display(),
        ],
        ("reserve_entry__person", "host_organization"),
        ("starts_on", "pk"),
        choices={"status": dict(Internship.Status.choices)},
    ),
    "studies": SetSpec(
        _("Study of legal acts"),
        studies,
        {"status": "status"},
        [_("Reservist"), _("Act"), _("Deadline"), _("Status")],
        lambda a: [
            (a.mentorship.reserve_entry.person.full_name, a.get_absolute_url()),
            a.act.title,
            a.due_on,
            a.get_status_display(),
        ],
        ("mentorship__reserve_entry__person", "act"),
        ("due_on", "pk"),
        snapshot=True,
        choices={"status": dict(StudyAssignment.Status.choices)},
    ),
    "assessments": SetSpec(
        _("Competency assessments"),
        assessments,
        {"point": "point", "role": "role"},
        [_("Reservist"), _("Point"), _("Assessor"), _("Submitted")],
        lambda a: [
            (
                a.mentorship.reserve_entry.person.full_name,
                reverse("competencies:profile", args=[a.mentorship.reserve_entry_id]),
            ),
            a.get_point_display(),
            a.get_role_display(),
            timezone.localdate(a.submitted_at),
        ],
        ("mentorship__reserve_entry__person",),
        ("submitted_at", "pk"),
        choices={
            "point": dict(Assessment.Point.choices),
            "role": dict(Assessment.Role.choices),
        },
    ),
    "attestations": SetSpec(
        _("Attestation decisions"),
        attestations,
        {"decision": "decision"},
        [_("Reservist"), _("Session"), _("Decision")],
        lambda a: [
            (a.reserve_entry.person.full_name, a.get_absolute_url()),
            a.session.date,
            a.get_decision_display(),
        ],
        ("reserve_entry__person", "session"),
        ("decided_at", "pk"),
        choices={"decision": dict(Attestation.Decision.choices)},
    ),
    "appointments": SetSpec(
        _("Appointments from the reserve"),
        appointments,
        {"in_term": "in_term"},
        [
            _("Reservist"),
            _("Organisation"),
            _("Appointed on"),
            _("In the reserve until"),
        ],
        lambda e: [
            (e.person.full_name, e.get_absolute_url()),
            e.person.organization.short_name,
            e.appointed_on,
            e.term_until,
        ],
        ENTRY_RELATED,
        ("appointed_on", "pk"),
        choices={"in_term": {"yes": _("within the term"), "no": _("after the term")}},
    ),
}


def _entry_person(row: Any) -> list[int]:
    return [row.person_id]


# The people a row of each list shows, for the access log (152-ФЗ).
PEOPLE: dict[str, Callable[[Any], list[int]]] = {
    "reservists": _entry_person,
    "mentors": lambda p: [p.pk],
    "plans": lambda p: [p.reserve_entry.person_id],
    "items": lambda i: [i.plan.reserve_entry.person_id],
    "overdue": lambda i: [i.plan.reserve_entry.person_id],
    "events": lambda e: [],
    "internships": lambda i: [i.reserve_entry.person_id],
    "studies": lambda a: [a.mentorship.reserve_entry.person_id],
    "assessments": lambda a: [a.mentorship.reserve_entry.person_id],
    "attestations": lambda a: [a.reserve_entry.person_id],
    "appointments": _entry_person,
}


def _label_lookups(dimension: str) -> tuple[Any, str] | None:
    """How a breakdown names the groups of a dimension that is a foreign key."""
    lookups: dict[str, tuple[Any, str]] = {
        "position": (TargetPosition, "name"),
        "organization": (Organization, "short_name"),
    }
    return lookups.get(dimension)


def set_rows(
    name: str, user: User, period: Period, filters: dict[str, str]
) -> QuerySet:
    """The rows of the list behind a figure: the set filtered by its dimensions;
    `others` for a long dimension means every group but the TOP largest ones."""
    spec = SETS[name]
    rows = spec.rows(user, period)
    for dimension, value in filters.items():
        field_name = spec.dimensions[dimension]
        if value == OTHERS:
            top = [g.key for g in _groups(rows, field_name)[:TOP]]
            rows = rows.exclude(**{f"{field_name}__in": top})
        else:
            rows = rows.filter(**{field_name: value})
    return rows


def for_list(name: str, rows: QuerySet) -> QuerySet:
    spec = SETS[name]
    return rows.select_related(*spec.related).order_by(*spec.order)


# The figures -------------------------------------------------------------------------


@dataclass
class Group:
    key: Any
    label: Any
    count: int
    url: str = ""
    list_url: str = ""  # the domain's own list with its filters, where one fits

    def share_of(self, total: int) -> int:
        return round(100 * self.count / total) if total else 0


@dataclass
class Breakdown:
    """A figure's groups, largest first or in the order of their choices."""

    title: Any
    total: int
    groups: list[Group]

    @property
    def largest(self) -> int:
        return max((g.count for g in self.groups), default=0)

    def bars(self) -> list[tuple[Group, int]]:
        """Each group with its bar's length in per cent of the largest."""
        top = self.largest or 1
        return [(g, round(100 * g.count / top)) for g in self.groups]


def _groups(rows: QuerySet, field_name: str) -> list[Group]:
    found = rows.order_by().values(field_name).annotate(n=Count("pk", distinct=True))
    groups = [Group(r[field_name], "", r["n"]) for r in found]
    groups.sort(key=lambda g: (-g.count, str(g.key)))
    return groups


def _url(name: str, period: Period, **filters: Any) -> str:
    query = {**filters}
    if not SETS[name].snapshot:
        query.update(period.query())
    base = reverse("overview:rows", args=[name])
    return f"{base}?{urlencode(query)}" if query else base


def breakdown(
    name: str,
    dimension: str,
    user: User,
    period: Period,
    *,
    title: Any,
    base: dict[str, str] | None = None,
    capped: bool = False,
    list_url: Callable[[Any], str] | None = None,
) -> Breakdown:
    """The set grouped by one dimension (within `base` filters): one query, and
    one more for the names of a foreign key's groups."""
    spec = SETS[name]
    base = base or {}
    rows = set_rows(name, user, period, base)
    groups = _groups(rows, spec.dimensions[dimension])
    total = sum(g.count for g in groups)
    choices = spec.choices.get(dimension)
    if choices is not None:
        by_key = {g.key: g for g in groups}
        groups = [by_key.get(k) or Group(k, "", 0) for k in choices]
        for g in groups:
            g.label = choices[g.key]
    lookup = _label_lookups(dimension)
    shown, rest = (groups[:TOP], groups[TOP:]) if capped else (groups, [])
    if lookup:
        model, attr = lookup
        names = dict(
            model.objects.filter(pk__in=[g.key for g in shown]).values_list("pk", attr)
        )
        for g in shown:
            g.label = names.get(g.key, "—")
    for g in shown:
        if dimension == "load":
            g.label = LOAD_LABELS.get(g.key, g.key)
        if not g.label:
            g.label = g.key
        g.url = _url(name, period, **base, **{dimension: g.key})
        if list_url is not None:
            g.list_url = list_url(g.key)
    if rest:
        shown.append(
            Group(
                OTHERS,
                _("others"),
                sum(g.count for g in rest),
                _url(name, period, **base, **{dimension: OTHERS}),
            )
        )
    return Breakdown(title, total, shown)


def _list(url_name: str, **query: Any) -> str:
    return f"{reverse(url_name)}?{urlencode(query)}"


def competency_growth(user: User, period: Period) -> list[dict[str, Any]]:
    """One query: the average rating and the number of assessments per point
    and assessor, in the order of the points."""
    found = (
        Rating.objects.filter(
            assessment__in=assessments(user, period).order_by().values("pk")
        )
        .values("assessment__point", "assessment__role")
        .annotate(level=Avg("level"), n=Count("assessment", distinct=True))
        .order_by()
    )
    by_key = {(r["assessment__point"], r["assessment__role"]): r for r in found}
    rows = []
    for point, point_label in Assessment.Point.choices:
        row: dict[str, Any] = {"point": point, "label": point_label}
        for role, _label in Assessment.Role.choices:
            r = by_key.get((point, role))
            row[role] = {
                "level": round(r["level"], 2) if r else None,
                "n": r["n"] if r else 0,
                # The bar of the chart: the level in per cent of the scale's top.
                "pct": round(100 * r["level"] / MAX_LEVEL) if r else 0,
                "url": _url("assessments", period, point=point, role=role),
            }
        rows.append(row)
    return rows


def item_totals(user: User, period: Period) -> dict[str, Any]:
    """The plan items due in the period by outcome, and the share done on time
    (of those due by today: done, not done or overdue)."""
    found = breakdown("items", "outcome", user, period, title=_("Plan items"))
    by_key = {g.key: g.count for g in found.groups}
    due = found.total - by_key[OPEN]
    share = round(100 * by_key[ON_TIME] / due) if due else None
    return {"breakdown": found, "due": due, "on_time_share": share}


def appointment_totals(user: User, period: Period) -> dict[str, Any]:
    """Reservists appointed in the period: how many, how many within the term,
    the share, and the average days from inclusion to appointment (one query)."""
    found = appointments(user, period).aggregate(
        n=Count("pk"),
        in_term=Count("pk", filter=Q(appointed_on__lte=F("term_until"))),
        wait=Avg(
            ExpressionWrapper(
                F("appointed_on") - F("included_on"), output_field=DurationField()
            )
        ),
    )
    n, in_term, wait = found["n"], found["in_term"], found["wait"]
    return {
        "n": n,
        "in_term": in_term,
        "share": round(100 * in_term / n) if n else None,
        "average_days": round(wait.total_seconds() / 86400) if wait else None,
        "url": _url("appointments", period),
        "in_term_url": _url("appointments", period, in_term="yes"),
    }


def overview(user: User, period: Period) -> dict[str, Any]:
    """Every figure of the overview page and the API, in a fixed number of
    queries."""
    active = {"status": str(ReserveEntry.Status.ACTIVE.value)}
    n_mentors = mentors(user, period).count()
    n_events = events(user, period).count()
    return {
        "period": period,
        "reservists_by_status": breakdown(
            "reservists",
            "status",
            user,
            period,
            title=_("Reservists by status"),
            list_url=lambda k: _list("reserve:list", status=k),
        ),
        "reservists_by_position": breakdown(
            "reservists",
            "position",
            user,
            period,
            title=_("Reservists in the reserve by target position"),
            base=active,
            capped=True,
            list_url=lambda k: _list(
                "reserve:list", status="active", target_position=k
            ),
        ),
        "reservists_by_organization": breakdown(
            "reservists",
            "organization",
            user,
            period,
            title=_("Reservists in the reserve by organisation"),
            base=active,
            capped=True,
            list_url=lambda k: _list("reserve:list", status="active", organization=k),
        ),
        "mentors": {
            "n": n_mentors,
            "list_url": reverse("mentorships:mentors"),
            "url": _url("mentors", period),
            "by_load": breakdown(
                "mentors", "load", user, period, title=_("Mentors by load")
            ),
        },
        "plans_by_status": breakdown(
            "plans",
            "status",
            user,
            period,
            title=_("Individual plans by status"),
            list_url=lambda k: _list("plans:list", status=k),
        ),
        "items": item_totals(user, period),
        "overdue_by_organization": breakdown(
            "overdue",
            "organization",
            user,
            period,
            title=_("Overdue plan items by organisation"),
            capped=True,
        ),
        "events": {
            "n": n_events,
            "url": _url("events", period),
            "list_url": _list(
                "events:list",
                date_from=period.start.isoformat(),
                date_to=period.end.isoformat(),
            ),
        },
        "internships": breakdown(
            "internships",
            "status",
            user,
            period,
            title=_("Internships in the period by status"),
        ),
        "studies": breakdown(
            "studies",
            "status",
            user,
            period,
            title=_("Checks of the study of legal acts"),
            list_url=lambda k: _list("studies:list", status=k),
        ),
        "growth": competency_growth(user, period),
        "attestations": breakdown(
            "attestations",
            "decision",
            user,
            period,
            title=_("Attestation decisions in the period"),
        ),
        "appointments": appointment_totals(user, period),
    }
