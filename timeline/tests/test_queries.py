"""The timeline's read model: every source, the filters, constant queries."""

from datetime import date

import pytest

from plans.queries import status_history
from timeline.queries import timeline_page, timeline_rows
from timeline.sources.base import Period

pytestmark = pytest.mark.usefixtures("today")


def _events(user, entry, **kwargs):
    page = timeline_page(user, entry, page_size=200, **kwargs)
    return [(row.event, row.detail.title) for row in page.object_list]


def test_story_shows_every_fact_newest_first(story, coordinator):
    page = timeline_page(coordinator, story.reserve_entry, page_size=200)
    rows = page.object_list
    assert [r.moment for r in rows] == sorted((r.moment for r in rows), reverse=True)
    events = [r.event for r in rows]
    for event in (
        "plan_created",
        "plan_status",
        "plan_revision",
        "plan_item_added",
        "plan_item_done",
        "plan_item_closed",
        "plan_item_confirmed",
        "plan_item_deadline",
        "plan_comment",
    ):
        assert event in events, event
    for row in rows:
        print(row.day, row.event, row.detail)
    assert 0
