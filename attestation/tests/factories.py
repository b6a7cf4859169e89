"""Attestation data for tests: a commission formed by an order, a session with
its agenda, attendance and votes, through the app's own services."""

import datetime
from collections.abc import Iterable

from attestation import services
from attestation.models import CommissionOrder, Membership, Session
from organizations.models import Municipality
from people.models import Person
from reserve.models import ReserveEntry

_numbers = iter(range(1, 1_000_000))


def make_commission(
    municipality: Municipality,
    members: Iterable[tuple[Person, str]],
    *,
    on: datetime.date = datetime.date(2026, 10, 1),
) -> CommissionOrder:
    """The order forming the municipality's commission with these members."""
    order = services.issue_order(
        municipality=municipality,
        number=f"{next(_numbers)}-к",
        date=on,
        title="О формировании аттестационной комиссии",
    )
    for person, role in members:
        services.appoint_member(order=order, person=person, role=role)
    return order


def make_session(
    municipality: Municipality,
    entries: Iterable[ReserveEntry],
    *,
    on: datetime.date,
    time: datetime.time = datetime.time(10, 0),
    place: str = "Управление образования, каб. 12",
) -> Session:
    return services.schedule_session(
        municipality=municipality,
        date=on,
        time=time,
        place=place,
        entries=list(entries),
    )


ROLE = Membership.Role
