"""The compliance table: its rows (filtered in SQL, paged first) and the cells
of a page (one query per obligation, whatever the page's size)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from accounts.models import User
from compliance import rules
from compliance.permissions import target_url, visible_targets
from compliance.rules import RULES, Cell, Rule, Status
from mentorships.models import Mentorship
from reserve.models import ReserveEntry, ReserveEntryQuerySet
from reserve.permissions import AnyUser


def in_list_order(entries: ReserveEntryQuerySet) -> ReserveEntryQuerySet:
    """The plain rows, by the reservist's name (the reserve list's order, whose
    page keys the person's index picks: ReserveEntryQuerySet.page_keys)."""
    return entries.in_list_order()


def filtered(
    entries: ReserveEntryQuerySet,
    *,
    today: date,
    organization_id: int | None = None,
    mentor_id: int | None = None,
    status: str | None = None,
    obligation: str | None = None,
) -> ReserveEntryQuerySet:
    """The rows the filters leave, in SQL: the reservist's organisation, the
    current (active) mentor, and the status — of one obligation when
    `obligation` is given, else of any (for «met»: of every one). An
    obligation without a status filters nothing (it only names the column)."""
    found = entries
    if organization_id is not None:
        found = found.filter(person__organization_id=organization_id)
    if mentor_id is not None:
        mentored = Mentorship.objects.filter(
            mentor_id=mentor_id, status=Mentorship.Status.ACTIVE
        )
        found = found.filter(Exists(mentored.filter(reserve_entry=OuterRef("pk"))))
    if status:
        chosen: Sequence[Rule] = (
            [rules.RULES_BY_KEY[obligation]] if obligation else RULES
        )
        found = found.alias(**rules.aliases(chosen, today))
        if obligation:
            found = found.filter(rules.with_status(chosen[0], status, today))
        else:
            found = found.filter(rules.any_with_status(status, today, chosen))
    return found


def for_rows(rows: QuerySet[ReserveEntry]) -> QuerySet[ReserveEntry]:
    """What a row shows besides its cells: the reservist, the organisation, the
    target position and the current mentor (`current_mentorships`), in two
    queries for the page."""
    mentorships = (
        Mentorship.objects.filter(status__in=(*rules.SET_BY_ORDER, "pending"))
        .select_related("mentor")
        .order_by("-starts_on", "-pk")
    )
    return rows.select_related(
        "person__organization", "target_position"
    ).prefetch_related(
        Prefetch("mentorships", queryset=mentorships, to_attr="current_mentorships")
    )


@dataclass
class Row:
    entry: ReserveEntry
    cells: list[Cell]

    @property
    def mentor(self) -> Any:
        found = getattr(self.entry, "current_mentorships", [])
        return found[0] if found else None


def cells_of(
    user: AnyUser | User, entry_ids: Iterable[int], today: date
) -> dict[int, list[Cell]]:
    """Each entry's cells in RULES' order: one query per rule, whatever the
    number of entries; a link only to what the user may open."""
    ids = list(entry_ids)
    found: dict[int, list[Cell]] = {pk: [] for pk in ids}
    if not ids:
        return found
    for rule in RULES:
        visible = visible_targets(user, rule.target_kind)
        values = (
            ReserveEntry.objects.filter(pk__in=ids)
            .alias(**rules.aliases([rule], today))
            .annotate(**{rule.target_alias: rule.target()})
            .annotate(
                c_status=F(rules.status_alias(rule)),
                c_target_visible=Exists(visible.filter(pk=OuterRef(rule.target_alias))),
                **{f"c_{name}": F(name) for name in rule.fact_names},
            )
            .values(
                "pk",
                "c_status",
                rule.target_alias,
                "c_target_visible",
                *(f"c_{name}" for name in rule.fact_names),
            )
        )
        for row in values:
            facts = {name: row[f"c_{name}"] for name in rule.fact_names}
            target = row[rule.target_alias]
            url = (
                target_url(rule.target_kind, target)
                if target is not None and row["c_target_visible"]
                else None
            )
            status = row["c_status"]
            found[row["pk"]].append(Cell(rule, status, rule.due_on(facts, status), url))
    return found


def page_rows(
    user: AnyUser | User, entries: list[ReserveEntry], today: date
) -> list[Row]:
    cells = cells_of(user, [e.pk for e in entries], today)
    return [Row(entry, cells[entry.pk]) for entry in entries]


STATUS_CHOICES = Status.choices
