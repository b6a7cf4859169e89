"""Who opens a reservist's timeline, and which rows each one sees."""

import pytest
from django.http import Http404

from mentorships.models import Mentorship
from plans.permissions import visible_plans
from timeline.permissions import get_reservist
from timeline.queries import timeline_page

pytestmark = pytest.mark.usefixtures("today")

IN_SCOPE = ["coordinator", "head", "mentor", "reservist", "superuser"]
OUT_OF_SCOPE = ["commission", "stranger", "anonymous"]


def _rows(user, entry):
    return timeline_page(user, entry, page_size=200).object_list


@pytest.mark.parametrize("user", IN_SCOPE, indirect=True)
def test_who_sees_the_card_opens_the_timeline(user, entry):
    assert get_reservist(user, entry.pk) == entry


@pytest.mark.parametrize("user", OUT_OF_SCOPE, indirect=True)
def test_anybody_else_gets_404(user, entry):
    with pytest.raises(Http404):
        get_reservist(user, entry.pk)


@pytest.mark.parametrize("pk", [0, 10**6])
def test_a_missing_entry_is_404(coordinator, pk):
    with pytest.raises(Http404):
        get_reservist(coordinator, pk)


def test_a_former_mentor_gets_404_as_on_the_card(successor, mentor, story):
    """The card (reserve.permissions) shows a reservist to their current mentor
    only; the timeline follows it."""
    assert story.reserve_entry.mentorships.get(mentor=mentor.person).status == (
        Mentorship.Status.ENDED
    )
    with pytest.raises(Http404):
        get_reservist(mentor, story.reserve_entry.pk)


@pytest.mark.parametrize("user", IN_SCOPE, indirect=True)
def test_everyone_in_scope_sees_the_plans_rows(user, story, coordinator):
    everything = [
        (r.event, r.object_id) for r in _rows(coordinator, story.reserve_entry)
    ]

    assert [(r.event, r.object_id) for r in _rows(user, story.reserve_entry)] == (
        everything
    )


def test_the_successor_sees_the_card_but_not_the_former_mentors_plan(
    successor, story, coordinator
):
    """A completed plan stays its mentor's record (plans.permissions.visible_plans):
    its rows are not the new mentor's to see, though the card is."""
    entry = get_reservist(successor, story.reserve_entry.pk)

    assert not visible_plans(successor).filter(pk=story.pk).exists()
    assert _rows(successor, entry) == []
    assert _rows(coordinator, entry)


@pytest.mark.parametrize("user", OUT_OF_SCOPE, indirect=True)
def test_the_sources_deny_by_default(user, story):
    """Even asked directly (past the 404), the sources give nobody else a row."""
    assert _rows(user, story.reserve_entry) == []
