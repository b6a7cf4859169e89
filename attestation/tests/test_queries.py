"""The rules of the commission: quorum, majority of those present, the chair's
casting vote, and the composition on a date."""

from datetime import date

import pytest

from attestation import queries, services
from attestation.tests.factories import ROLE

R, C, E = "recommended", "continue", "exclude"


@pytest.mark.parametrize(
    ("present", "members", "percent", "expected"),
    [
        (3, 5, 50, True),
        (2, 5, 50, False),
        (2, 4, 50, False),  # half is not more than half
        (3, 4, 50, True),
        (2, 3, 66, True),
        (2, 3, 67, False),
        (0, 0, 50, False),
    ],
)
def test_has_quorum(present, members, percent, expected):
    assert queries.has_quorum(present, members, percent) is expected


def test_tally_majority_of_those_present():
    result = queries.tally([(1, R), (2, R), (3, C)], {1, 2, 3}, presiding_id=1)
    assert (result.decision, result.votes_for, result.votes_against) == (R, 2, 1)
    assert not result.by_chair


def test_tally_counts_only_present_members():
    result = queries.tally([(1, R), (2, R), (9, C)], {1, 2, 3}, presiding_id=1)
    assert result.counts == {R: 2}


def test_tally_needs_more_than_half_of_those_present():
    # 2 of 5 present is the most votes, but not a majority, and no tie.
    result = queries.tally([(1, R), (2, R), (3, C)], {1, 2, 3, 4, 5}, presiding_id=1)
    assert result.decision is None
    assert "более половины" in result.problem or "more than half" in result.problem


def test_tally_tie_decided_by_the_chair():
    result = queries.tally([(1, E), (2, C), (3, E), (4, C)], {1, 2, 3, 4}, 2)
    assert (result.decision, result.by_chair) == (C, True)


def test_tally_tie_without_the_chairs_vote_stays_undecided():
    result = queries.tally([(1, E), (2, C), (3, E), (4, C)], {1, 2, 3, 4}, None)
    assert result.decision is None


def test_tally_without_votes():
    assert queries.tally([], {1, 2}, 1).decision is None


def test_composition_on_a_date(order, municipality, chair, commission, school):
    from people.tests.factories import PersonFactory

    later = services.issue_order(
        municipality=municipality,
        number="77-к",
        date=date(2027, 2, 1),
        title="Об изменении состава аттестационной комиссии",
    )
    seat = order.commission.memberships.get(person=commission.person)
    services.remove_member(order=later, membership=seat)
    newcomer = PersonFactory(organization=school, last_name="Newcomer")
    services.appoint_member(order=later, person=newcomer, role=ROLE.MEMBER)

    def names(day):
        return [m.person.last_name for m in queries.members_on(order.commission, day)]

    assert "Commission" in names(date(2027, 1, 31))
    assert "Newcomer" not in names(date(2027, 1, 31))
    assert "Commission" not in names(date(2027, 2, 1))
    assert "Newcomer" in names(date(2027, 2, 1))
    assert names(date(2026, 9, 30)) == []
    assert names(date(2027, 2, 1))[0] == "Chair"  # the chair leads the list


def test_report_for_is_none_without_a_submitted_report(entry):
    assert queries.report_for(entry) is None
