"""Who sees and does what in the attestation, for every role of the cast:
coordinator, head, mentor, reservist, a commission member on the session and
one not on it, a stranger (another municipality's coordinator), anonymous."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from attestation import permissions, services

ROLES = [
    "coordinator",
    "head",
    "mentor",
    "reservist",
    "commission",
    "outsider",
    "stranger",
    "anonymous",
    "superuser",
]


def _decided(attestation):
    session = attestation.session
    people = [m.person for m in session.commission.memberships.all()]
    services.record_attendance(session=session, present_ids=[p.pk for p in people])
    for person in people:
        services.cast_vote(attestation=attestation, member=person, choice="recommended")
    return services.decide(attestation=attestation)


@pytest.mark.parametrize(
    ("user", "sees"),
    [
        ("coordinator", True),
        ("head", False),
        ("mentor", True),
        ("reservist", True),
        ("commission", True),
        ("outsider", False),
        ("stranger", False),
        ("anonymous", False),
        ("superuser", True),
    ],
    indirect=["user"],
)
def test_visible_attestations(user, sees, attestation):
    assert (
        permissions.visible_attestations(user).filter(pk=attestation.pk).exists()
        is sees
    )


@pytest.mark.parametrize(
    ("user", "reads"),
    [
        ("coordinator", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", True),
        ("outsider", False),
        ("stranger", False),
        ("anonymous", False),
        ("superuser", True),
    ],
    indirect=["user"],
)
def test_pack(user, reads, attestation):
    if reads:
        assert permissions.get_pack_attestation(user, attestation.pk) == attestation
    else:
        with pytest.raises(Http404):
            permissions.get_pack_attestation(user, attestation.pk)


@pytest.mark.parametrize(
    ("user", "sees"),
    [
        ("coordinator", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", True),
        ("outsider", False),
        ("stranger", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_visible_sessions(user, sees, session):
    assert permissions.visible_sessions(user).filter(pk=session.pk).exists() is sees


def test_member_removed_before_the_session_does_not_see_it(
    session, municipality, commission
):
    later = services.issue_order(
        municipality=municipality, number="7", date=date(2027, 3, 1), title="Об изм."
    )
    seat = later.commission.memberships.get(person=commission.person)
    services.remove_member(order=later, membership=seat)
    assert not permissions.visible_sessions(commission).exists()


def test_member_appointed_after_the_session_does_not_see_it(
    session, municipality, outsider
):
    later = services.issue_order(
        municipality=municipality, number="8", date=date(2027, 4, 1), title="Об изм."
    )
    services.appoint_member(order=later, person=outsider.person, role="member")
    assert not permissions.visible_sessions(outsider).exists()


@pytest.mark.parametrize("user", ROLES, indirect=True)
def test_session_write_is_the_coordinators(user, session):
    name = getattr(user, "username", "anonymous")
    if name in ("coordinator", "root"):
        assert permissions.get_session(user, session.pk, write=True) == session
    elif name == "commission":
        with pytest.raises(PermissionDenied):
            permissions.get_session(user, session.pk, write=True)
    else:
        with pytest.raises(Http404):
            permissions.get_session(user, session.pk, write=True)


@pytest.mark.parametrize(
    ("user", "records"),
    [
        ("coordinator", True),
        ("secretary", True),
        ("chair", False),
        ("commission", False),
        ("mentor", False),
        ("stranger", False),
    ],
    indirect=["user"],
)
def test_who_records_attendance_and_decisions(user, records, attestation):
    assert permissions.may_record_session(user, attestation.session) is records
    assert permissions.may_decide(user, attestation) is records


@pytest.mark.parametrize(
    ("user", "votes"),
    [
        ("chair", True),
        ("secretary", True),
        ("commission", True),
        ("coordinator", False),
        ("outsider", False),
        ("mentor", False),
        ("reservist", False),
    ],
    indirect=["user"],
)
def test_who_votes(user, votes, attestation):
    assert permissions.may_vote(user, attestation) is votes


@pytest.mark.parametrize(
    ("user", "confirms"),
    [
        ("coordinator", True),
        ("secretary", False),
        ("chair", False),
        ("mentor", False),
        ("stranger", False),
        ("superuser", True),
    ],
    indirect=["user"],
)
def test_only_the_coordinator_confirms(user, confirms, attestation):
    decided = _decided(attestation)
    assert permissions.may_confirm(user, decided) is confirms


def test_nobody_confirms_before_a_decision_or_votes_after_it(
    coordinator, chair, attestation
):
    assert not permissions.may_confirm(coordinator, attestation)
    decided = _decided(attestation)
    assert not permissions.may_vote(chair, decided)
    assert not permissions.may_decide(coordinator, decided)


@pytest.mark.parametrize(
    ("user", "responds"),
    [
        ("mentor", True),
        ("reservist", False),
        ("coordinator", False),
        ("commission", False),
    ],
    indirect=["user"],
)
def test_only_the_invited_mentor_responds(user, responds, attestation):
    assert permissions.may_respond(user, attestation) is responds


@pytest.mark.parametrize(
    ("user", "manages"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("commission", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_commission_management(user, manages):
    assert permissions.may_manage_commission(user) is manages
    assert permissions.may_schedule(user) is manages


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("coordinator", True),
        ("commission", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_menu_item(user, allowed):
    assert permissions.may_view_sessions(user) is allowed


def test_order_write_by_a_member_is_forbidden(order, commission, stranger):
    assert permissions.get_order(commission, order.pk) == order
    with pytest.raises(PermissionDenied):
        permissions.get_order(commission, order.pk, write=True)
    with pytest.raises(Http404):
        permissions.get_order(stranger, order.pk)


def test_a_member_seated_twice_sees_each_order_once(order, municipality, commission):
    later = services.issue_order(
        municipality=municipality, number="9", date=date(2027, 2, 1), title="Об изм."
    )
    seat = order.commission.memberships.get(person=commission.person)
    services.remove_member(order=later, membership=seat)
    services.appoint_member(order=later, person=commission.person, role="member")
    assert permissions.get_order(commission, order.pk) == order
    assert permissions.visible_orders(commission).count() == 2
