"""The figures: what each counts, in the default period (the year 2026)."""

import pytest

from overview import queries
from overview.queries import Period, default_period
from overview.tests.conftest import TODAY


def _counts(b):
    return {g.key: g.count for g in b.groups}


def test_default_period_is_the_current_year():
    assert default_period() == Period(
        TODAY.replace(month=1, day=1), TODAY.replace(month=12, day=31)
    )


def test_figures_of_the_coordinator(coordinator, town):
    f = queries.overview(coordinator, default_period())
    assert _counts(f["reservists_by_status"]) == {
        "active": 3,
        "appointed": 2,
        "excluded": 1,
    }
    assert f["reservists_by_organization"].total == 3
    assert sorted(_counts(f["reservists_by_organization"]).values()) == [1, 2]
    assert f["mentors"]["n"] == 3
    assert _counts(f["mentors"]["by_load"]) == {1: 3}
    assert _counts(f["plans_by_status"])["draft"] == 3
    items = f["items"]
    # Per plan: on time, late, not done, overdue (due by today) and one not yet due.
    assert _counts(items["breakdown"]) == {
        "on_time": 3,
        "late": 3,
        "not_done": 3,
        "overdue": 3,
        "open": 3,
    }
    assert items["due"] == 12
    assert items["on_time_share"] == 25
    assert f["overdue_by_organization"].total == 3
    assert f["events"]["n"] == 1
    assert _counts(f["internships"])["planned"] == 3
    assert _counts(f["studies"])["passed"] == 3
    assert _counts(f["attestations"])["recommended"] == 2
    appointed = f["appointments"]
    assert (appointed["n"], appointed["in_term"], appointed["share"]) == (2, 1, 50)
    # 10 January to 10 October 2026.
    assert appointed["average_days"] == 273


def test_competency_growth_averages_by_point_and_assessor(coordinator, town):
    growth = {
        r["point"]: r for r in queries.competency_growth(coordinator, default_period())
    }
    assert growth["start"]["self"]["level"] == 2
    assert growth["start"]["mentor"]["level"] == 2.5
    assert growth["start"]["mentor"]["n"] == 2
    assert growth["start"]["mentor"]["pct"] == 50  # of the scale's top, 5
    assert growth["middle"]["mentor"]["level"] == 4
    assert growth["end"]["mentor"]["level"] is None


def test_a_head_counts_the_own_organisation_only(head, town):
    f = queries.overview(head, default_period())
    assert _counts(f["reservists_by_status"]) == {
        "active": 2,
        "appointed": 1,
        "excluded": 0,
    }
    assert f["items"]["due"] == 8


def test_a_period_without_facts_counts_nothing(coordinator, town):
    f = queries.overview(
        coordinator, Period(TODAY.replace(year=2020), TODAY.replace(year=2020))
    )
    assert f["items"]["breakdown"].total == 0
    assert f["items"]["on_time_share"] is None
    assert f["events"]["n"] == 0
    assert f["appointments"]["n"] == 0
    # What is read now does not depend on the period.
    assert f["reservists_by_status"].total == 6


def test_another_municipality_sees_nothing_of_the_town(stranger, town):
    f = queries.overview(stranger, default_period())
    assert _counts(f["reservists_by_status"])["active"] == 1  # the far school's own
    assert f["appointments"]["n"] == 0


@pytest.mark.parametrize("n_orgs", [queries.TOP + 2])
def test_a_long_breakdown_keeps_the_largest_and_sums_the_others(
    coordinator, municipality, n_orgs
):
    from organizations.tests.factories import OrganizationFactory
    from reserve.tests.factories import ReserveEntryFactory

    for i in range(n_orgs):
        org = OrganizationFactory(municipality=municipality, short_name=f"Школа {i}")
        for _j in range(i + 1):
            ReserveEntryFactory(person__organization=org)
    b = queries.overview(coordinator, default_period())["reservists_by_organization"]
    assert len(b.groups) == queries.TOP + 1
    assert b.groups[0].count == n_orgs
    assert b.groups[-1].key == queries.OTHERS
    assert b.groups[-1].count == 1 + 2
    assert sum(g.count for g in b.groups) == b.total


def test_current_month_runs_from_the_first_to_the_last_day():
    from datetime import date

    assert queries.current_month(date(2026, 11, 20)) == Period(
        date(2026, 11, 1), date(2026, 11, 30)
    )
    assert queries.current_month(date(2026, 12, 5)) == Period(
        date(2026, 12, 1), date(2026, 12, 31)
    )
