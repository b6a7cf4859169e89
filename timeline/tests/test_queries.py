"""The timeline's read model: every source, the filters, constant queries."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.permissions import principal
from plans import services
from plans.queries import status_history
from plans.services import add_comment
from plans.tests.factories import PlanItemFactory
from timeline.queries import timeline_page, timeline_rows
from timeline.sources import plans
from timeline.sources.base import Period
from timeline.tests.conftest import TOMSK

pytestmark = pytest.mark.usefixtures("today")

ALL = 200


def _rows(user, entry, **kwargs):
    return timeline_page(user, entry, page_size=ALL, **kwargs).object_list


def test_story_shows_every_source_newest_first(story, coordinator):
    rows = _rows(coordinator, story.reserve_entry)

    assert [r.moment for r in rows] == sorted((r.moment for r in rows), reverse=True)
    assert {r.event for r in rows} == {s.event for s in plans.SOURCES}


def test_story_rows_say_what_happened(story, coordinator):
    rows = _rows(coordinator, story.reserve_entry)
    said = [(r.day, r.detail.title, r.detail.subject, r.detail.text) for r in rows]

    assert (date(2027, 1, 4), "Утверждён", "План на 01.09.2026–31.08.2027",
            "Согласовано") in said  # fmt: skip
    assert (date(2027, 1, 2), "Возвращён на доработку", "План на 01.09.2026–31.08.2027",
            "Уточните сроки") in said  # fmt: skip
    assert (date(2027, 1, 5), "Пункт плана выполнен", "Изучить устав",
            "Отчёт сдан") in said  # fmt: skip
    assert (date(2027, 1, 7), "Пункт плана не выполнен", "Провести педсовет",
            "Болезнь") in said  # fmt: skip
    assert (date(2027, 1, 8), "Пункт исключён из плана", "Посетить семинар", "") in said
    assert (date(2026, 10, 2), "Срок выполнения пункта плана", "Провести педсовет",
            "") in said  # fmt: skip
    confirmed = next(r for r in rows if r.event == "plan_item_confirmed")
    assert confirmed.detail.who == "Mentor N. P."
    assert confirmed.detail.status == "выполнено с опозданием"
    assert confirmed.detail.url == f"/plans/{story.pk}/"


def test_dated_rows_show_their_day_without_a_time(story, coordinator):
    rows = _rows(coordinator, story.reserve_entry, kinds=["deadlines"])

    assert [(r.day, r.has_time) for r in rows] == [
        (date(2026, 10, 2), False),
        (date(2026, 10, 1), False),  # the excluded row's deadline is not shown
    ]


def test_status_steps_are_those_of_the_plan_page(story, coordinator):
    """The SQL filter of the steps gives what plans.queries.status_history says."""
    rows = _rows(coordinator, story.reserve_entry, kinds=["plan"])
    steps = [(r.detail.title, r.detail.text) for r in rows if r.event == "plan_status"]

    history = [(e.what, e.text) for e in status_history(story)]
    assert steps == history[::-1]
    assert len(steps) == 5


def test_completed_plan_shows_its_completion(story, coordinator):
    with time_machine.travel(datetime(2027, 1, 10, 10, tzinfo=TOMSK), tick=False):
        services.complete_plan(plan=story)

    rows = _rows(coordinator, story.reserve_entry, kinds=["plan"])

    assert rows[0].detail.title == "Завершён"
    assert rows[0].day == date(2027, 1, 10)


@pytest.mark.parametrize("kind", [k.code for k in plans.KINDS])
def test_kind_filter_keeps_its_sources_only(story, coordinator, kind):
    rows = _rows(coordinator, story.reserve_entry, kinds=[kind])

    assert rows
    assert {r.kind.code for r in rows} == {kind}


def test_several_kinds_together(story, coordinator):
    rows = _rows(coordinator, story.reserve_entry, kinds=["deadlines", "comments"])

    assert {r.kind.code for r in rows} == {"deadlines", "comments"}


def test_period_filters_moments_by_the_municipality_days(story, coordinator):
    rows = _rows(
        coordinator,
        story.reserve_entry,
        period=Period(date(2027, 1, 7), date(2027, 1, 8)),
    )

    assert {r.day for r in rows} == {date(2027, 1, 7), date(2027, 1, 8)}
    assert len(rows) == 4  # not done; excluded, its revision and its comment


def test_period_filters_days(story, coordinator):
    rows = _rows(
        coordinator, story.reserve_entry, period=Period(until=date(2026, 10, 1))
    )

    assert [(r.event, r.day) for r in rows] == [
        ("plan_item_deadline", date(2026, 10, 1)),
        # the same moment: by the event's code
        ("plan_created", date(2026, 9, 1)),
        ("plan_item_added", date(2026, 9, 1)),
        ("plan_item_added", date(2026, 9, 1)),
        ("plan_item_added", date(2026, 9, 1)),
    ]


def test_a_day_at_the_edge_of_utc_belongs_to_the_local_day(plan, coordinator):
    # 06:30 in Tomsk on 8 January is 23:30 UTC on 7 January.
    with time_machine.travel(datetime(2027, 1, 8, 6, 30, tzinfo=TOMSK), tick=False):
        add_comment(plan=plan, author=coordinator, text="Рано утром")

    rows = _rows(
        coordinator,
        plan.reserve_entry,
        kinds=["comments"],
        period=Period(date(2027, 1, 8), date(2027, 1, 8)),
    )

    assert [(r.day, r.detail.text) for r in rows] == [(date(2027, 1, 8), "Рано утром")]


def test_no_kind_chosen_is_no_source(entry, coordinator):
    assert timeline_rows(coordinator, entry, ["unknown"]) is None
    page = timeline_page(coordinator, entry, kinds=["unknown"])
    assert page.paginator.count == 0
    assert list(page.object_list) == []


def test_pages_split_the_rows_without_overlap(story, coordinator):
    every = _rows(coordinator, story.reserve_entry)
    first = timeline_page(coordinator, story.reserve_entry, page_size=7)
    second = timeline_page(coordinator, story.reserve_entry, page_size=7, page="2")

    assert first.paginator.count == len(every)
    keys = [(r.event, r.object_id) for r in [*first.object_list, *second.object_list]]
    assert keys == [(r.event, r.object_id) for r in every[:14]]


# A constant number of queries --------------------------------------------------------


def _grow(plan, n: int) -> None:
    """n more rows of the plan, added and due in August 2026, before the story:
    the first page shows the same kinds of facts whatever n."""
    with time_machine.travel(datetime(2026, 8, 1, 9, tzinfo=TOMSK), tick=False):
        for i in range(n):
            PlanItemFactory(plan=plan, deadline=date(2026, 8, 1) + timedelta(i % 30))


def _queries(user, entry, page_size: int = 25) -> tuple[int, int]:
    principal(user)  # the roles, read once per request before the page
    with CaptureQueriesContext(connection) as captured:
        page = timeline_page(user, entry, page_size=page_size)
        assert len(page.object_list) == min(page_size, page.paginator.count)
    return len(captured), page.paginator.count


def test_a_page_costs_the_same_at_ten_times_the_facts(story, coordinator):
    entry = story.reserve_entry
    _grow(story, 4)
    small, n_small = _queries(coordinator, entry)
    _grow(story, 136)
    large, n_large = _queries(coordinator, entry)

    assert n_large >= 10 * n_small
    # the count, the page's keys, and one query per loader the page shows
    assert small == large == 2 + len({s.load for s in plans.SOURCES})


def test_a_page_costs_at_most_one_query_per_loader(story, coordinator):
    _grow(story, 30)

    entry = story.reserve_entry
    queries, count = _queries(coordinator, entry, page_size=ALL)

    assert count > 60
    assert queries == 2 + len({s.load for s in plans.SOURCES})
