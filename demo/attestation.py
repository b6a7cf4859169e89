"""Demo data of the attestation (see attestation/__init__.py): the commission
formed by an order of the education authority (Николаева, login `commission`, is
a member) and changed by a later one; a session two weeks ago with its minutes
and a decision of each kind (Смирнова: continue, confirmed — her term is
extended; Романова: recommended by the chair's vote in a tie, confirmed;
Григорьева: exclude, awaiting the coordinator's confirmation); a session in three
weeks with Петров (login `reservist`), whose mentor Волкова (login `mentor`) is
invited. Dates are counted from today.

Idempotent: running it again changes nothing."""

from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from attestation import queries, services
from attestation.models import Attestation, Membership
from organizations.models import Municipality
from people.models import Person
from reserve.models import ReserveEntry

Role = Membership.Role
D = Attestation.Decision

FORMED = [
    ("Фёдорова", Role.CHAIR),
    ("Орлов", Role.DEPUTY),
    ("Новиков", Role.SECRETARY),
    ("Николаева", Role.MEMBER),
    ("Лебедева", Role.MEMBER),
]
PLACE = "Управление образования, ул. Мира, д. 24, каб. 12"
# Past session: surname → (the members' votes in the order of the roster, the
# details, confirmed?). The roster: chair, deputy, secretary, members by name.
PAST: dict[str, tuple[list[str], dict[str, Any], bool]] = {
    "Смирнова": ([D.CONTINUE] * 4, {"new_term_until": date(2030, 9, 1)}, True),
    "Романова": (
        [D.RECOMMENDED, D.CONTINUE, D.CONTINUE, D.RECOMMENDED],
        {},
        True,
    ),
    "Григорьева": (
        [D.EXCLUDE, D.EXCLUDE, D.EXCLUDE, D.CONTINUE],
        {"exclusion_reason": "Не приступила к выполнению плана подготовки"},
        False,
    ),
}
UPCOMING = ["Петров", "Егоров", "Белова"]


def load_attestation(municipality: Municipality) -> None:
    """The commission, its orders and two sessions, through the services."""
    today = timezone.localdate()
    people = {
        p.last_name: p
        for p in Person.objects.filter(municipality=municipality).select_related("user")
    }
    commission = queries.commission_of(municipality)
    if commission is None or not commission.orders.exists():
        _orders(municipality, people, today)
        commission = queries.commission_of(municipality)
    assert commission is not None
    if commission.sessions.exists():
        return
    entries = {
        e.person.last_name: e
        for e in ReserveEntry.objects.filter(
            municipality=municipality, status=ReserveEntry.Status.ACTIVE
        ).select_related("person")
    }
    _past_session(municipality, entries, today)
    upcoming = services.schedule_session(
        municipality=municipality,
        date=today + timedelta(days=21),
        time=time(10, 0),
        place=PLACE,
        entries=[entries[s] for s in UPCOMING if s in entries],
    )
    assert upcoming.pk


def _orders(municipality: Municipality, people: dict, today: date) -> None:
    formed = services.issue_order(
        municipality=municipality,
        number="45-о",
        date=today - timedelta(days=90),
        title="О формировании аттестационной комиссии по аттестации резервистов "
        "управленческих кадров",
    )
    for surname, role in FORMED:
        services.appoint_member(order=formed, person=people[surname], role=role)
    changed = services.issue_order(
        municipality=municipality,
        number="52-о",
        date=today - timedelta(days=30),
        title="Об изменении состава аттестационной комиссии",
    )
    leaving = formed.appointments.get(person=people["Лебедева"])
    services.remove_member(order=changed, membership=leaving)
    services.appoint_member(order=changed, person=people["Павлова"], role=Role.MEMBER)


def _past_session(municipality: Municipality, entries: dict, today: date) -> None:
    session = services.schedule_session(
        municipality=municipality,
        date=today - timedelta(days=14),
        time=time(14, 30),
        place=PLACE,
        entries=[entries[s] for s in PAST if s in entries],
    )
    roster = queries.roster(session)
    members = [m.person_id for m in roster.members]
    present = [pk for pk in members if pk != members[-1]]  # one member absent
    agenda = list(session.attestations.select_related("reserve_entry__person"))
    for a in agenda:
        if a.mentor_id and a.reserve_entry.person.last_name == "Смирнова":
            services.respond_to_invitation(attestation=a, accept=True)
            services.write_recommendation(
                attestation=a,
                text="План выполняется, но стажировка ещё не завершена: прошу "
                "продолжить подготовку.",
            )
            present.append(a.mentor_id)
    services.record_attendance(session=session, present_ids=present)
    voters = {p.pk: p for p in Person.objects.filter(pk__in=present)}
    order = [pk for pk in members if pk in voters]
    for a in agenda:
        choices, details, confirm = PAST[a.reserve_entry.person.last_name]
        for pk, choice in zip(order, choices, strict=True):
            services.cast_vote(attestation=a, member=voters[pk], choice=choice)
        decided = services.decide(attestation=a, **details)
        if confirm:
            services.confirm_decision(attestation=decided)
