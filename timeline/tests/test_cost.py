"""A page with every source on it costs the same at ten times the facts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.permissions import principal
from consultations.services import StepData, mark_step_done
from consultations.tests.conftest import log
from events import services as event_services
from events.models import Involvement
from events.tests.conftest import make_event
from internships.tests.factories import make_internship
from mentorships.models import Mentorship
from studies.tests.stories import live_studies
from timeline.queries import timeline_page
from timeline.sources import SOURCES
from timeline.tests.test_queries import _grow

pytestmark = pytest.mark.usefixtures("today")

PAGE = 40


@pytest.fixture
def everything(story, school, mentor):
    """The plan's story, an event, an internship, a consultation with a step
    done and a study of legal acts: 35 facts newer than the rows _grow adds."""
    mentorship = story.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    involvement = event_services.involve(
        event=make_event(organization=school, day=14),
        mentorship=mentorship,
        degree=Involvement.Degree.LISTENER,
        by=mentor,
    )
    event_services.respond(involvement=involvement, accept=True)
    make_internship(mentorship=mentorship)
    shared = log(
        mentorship, next_steps=[StepData("Подготовить справку", date(2027, 1, 20))]
    )
    mark_step_done(step=shared.next_steps.get(), by=mentor, done_on=date(2027, 1, 14))
    live_studies(mentorship)
    return story


def _queries(user, entry) -> tuple[int, int, set[str]]:
    principal(user)
    with CaptureQueriesContext(connection) as captured:
        page = timeline_page(user, entry, page_size=PAGE)
    assert len(page.object_list) == PAGE
    return len(captured), page.paginator.count, {r.kind.code for r in page}


def test_every_source_on_a_page_costs_the_same_at_ten_times_the_facts(
    everything, coordinator
):
    entry = everything.reserve_entry
    _grow(everything, 8)
    small, n_small, kinds = _queries(coordinator, entry)
    _grow(everything, 240)
    large, n_large, same_kinds = _queries(coordinator, entry)

    assert n_large >= 10 * n_small
    assert (
        kinds
        == same_kinds
        == {
            "plan",
            "plan_items",
            "deadlines",
            "comments",
            "events",
            "internships",
            "consultations",
            "next_steps",
            "studies",
        }
    )
    # the count, the page's keys and one query per loader (every one is shown)
    assert small == large == 2 + len({s.load for s in SOURCES})
