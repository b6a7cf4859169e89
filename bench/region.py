"""Region-scale data for the benchmark, built through the models in bulk.

At scale 1: 2 municipalities, 100 organisations, 5,000 people and 1,000 reservists,
each with an active mentor (appointed by a registered order) and an approved plan of
20 items; scale 10 is ten times that. The first municipality, the bench
coordinator's, holds a quarter of everything. No history rows are written: the data
are for measuring, but they keep the rules of the models and services (active
entries, mentors ready and experienced, one order per organisation, plans approved on
the approved form, items done, late, overdue and planned)."""

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from bench.data import (
    ACTIVITIES,
    BATCH,
    KINDS,
    POSITIONS,
    TARGET_POSITIONS,
    Sizes,
    at_ten,
    bulk,
    insert_rows,
    person_name,
    split,
)
from core.models import normalize_search
from mentorships.models import MentorOrder, MentorReadiness, Mentorship
from organizations.models import Municipality, Organization
from people.models import Person, Position
from plans import services as plan_services
from plans.models import IndividualPlan, PlanFormSection, PlanFormVersion, PlanItem
from reserve.models import ReserveEntry, TargetPosition

BENCH_PASSWORD = "bench-password"
MENTOR_LOAD = 10  # reservists per mentor; the bench mentor has exactly this many
ITEMS_PER_PLAN = 20
DOCUMENT_PLAN_ITEMS = 50
MIN_SCALE = 0.05  # below it the coordinator's municipality has too few reservists


@dataclass(frozen=True)
class BenchAccounts:
    """What the benchmark signs in as and opens (all in the first municipality)."""

    municipality_id: int
    coordinator: str
    head: str
    mentor: str
    reservist: str
    password: str
    mentor_plan_id: int  # a plan of one of the bench mentor's 10 reservists
    document_plan_id: int  # the bench reservist's plan with 50 items


@dataclass
class Counts:
    municipalities: int = 0
    organizations: int = 0
    people: int = 0
    reservists: int = 0
    mentors: int = 0
    plans: int = 0
    items: int = 0


class Region:
    """Builds the region in one transaction; `build()` returns the bench accounts."""

    def __init__(self, scale: float) -> None:
        self.sizes = Sizes.at(scale)
        self.today = timezone.localdate()
        self.counts = Counts()
        self.password = make_password(BENCH_PASSWORD)
        self.person_seq = itertools.count()
        self.included_on = self.today - timedelta(days=400)
        self.starts_on = self.included_on + timedelta(days=30)
        self.plan_start = plan_services.add_months(self.today.replace(day=1), -6)
        self.plan_end = plan_services.add_months(self.plan_start, 12) - timedelta(
            days=1
        )
        self.pending_items: list[dict[str, Any]] = []

    def build(self) -> BenchAccounts:
        sizes = self.sizes
        orgs = split(sizes.organizations, sizes.municipalities)
        people = split(sizes.people, sizes.municipalities)
        reservists = split(sizes.reservists, sizes.municipalities)
        if reservists[0] <= MENTOR_LOAD or people[0] < 2 * orgs[0] + reservists[0]:
            raise ValueError(f"The scale must be at least {MIN_SCALE}.")
        municipalities = bulk(
            Municipality,
            [
                Municipality(
                    name="Муниципальный округ Бенчмарк"
                    if m == 0
                    else f"Муниципальный район № {m:02d}",
                    authority_name=f"Управление образования округа № {m:02d}",
                    place=f"г. Бенчград-{m:02d}" if m else "г. Бенчград",
                    mentor_max_load=MENTOR_LOAD,
                )
                for m in range(sizes.municipalities)
            ],
        )
        self.counts.municipalities = len(municipalities)
        accounts = None
        for m, municipality in enumerate(municipalities):
            built = self._municipality(
                m, municipality, orgs[m], people[m], reservists[m]
            )
            accounts = accounts or built
        self._flush_items(force=True)
        assert accounts is not None
        return accounts

    def _municipality(
        self,
        m: int,
        municipality: Municipality,
        n_orgs: int,
        n_people: int,
        n_reservists: int,
    ) -> BenchAccounts | None:
        positions = bulk(
            Position,
            [
                Position(municipality=municipality, name=name, is_administrative=admin)
                for name, admin in POSITIONS
            ],
        )
        targets = bulk(
            TargetPosition,
            [
                TargetPosition(municipality=municipality, name=name)
                for name in TARGET_POSITIONS
            ],
        )
        version = self._plan_form(municipality)
        sections = list(version.sections.order_by("position"))
        organizations = bulk(
            Organization, list(self._organizations(municipality, n_orgs))
        )
        self.counts.organizations += n_orgs
        # Person j works in organisation j % n_orgs; the first of each organisation
        # is its director, the second its deputy, the rest teachers and others.
        people = bulk(
            Person,
            [
                self._person(j, organizations[j % n_orgs], j // n_orgs, positions)
                for j in range(n_people)
            ],
        )
        self.counts.people += n_people
        directors, deputies = people[:n_orgs], people[n_orgs : 2 * n_orgs]
        for organization, director in zip(organizations, directors, strict=True):
            organization.head = director
        Organization.objects.bulk_update(organizations, ["head"], batch_size=BATCH)

        n_mentors = math.ceil(n_reservists / MENTOR_LOAD)
        mentors = (deputies + directors)[:n_mentors]
        bulk(
            MentorReadiness,
            [
                MentorReadiness(
                    person=p, confirmed_on=self.included_on, note="Заявление"
                )
                for p in mentors
            ],
        )
        self.counts.mentors += n_mentors
        reservist_people = people[2 * n_orgs : 2 * n_orgs + n_reservists]
        entries = bulk(
            ReserveEntry,
            [
                ReserveEntry(
                    person=p,
                    # bulk_create skips save(), which copies the municipality.
                    municipality=municipality,
                    target_position=targets[i % len(targets)],
                    basis_number=f"{100 + m}-р",
                    basis_date=self.included_on - timedelta(days=3),
                    included_on=self.included_on,
                    term_until=plan_services.add_months(self.included_on, 36),
                )
                for i, p in enumerate(reservist_people)
            ],
        )
        self.counts.reservists += n_reservists
        mentorships = self._mentorships(organizations, entries, mentors)
        users = self._users(m, municipality, organizations[0], directors[0])
        coordinator = users["coordinator"]
        plans = bulk(
            IndividualPlan,
            [
                IndividualPlan(
                    reserve_entry_id=ms.reserve_entry_id,
                    # bulk_create skips save(), which copies the municipality.
                    municipality=municipality,
                    mentor_id=ms.mentor_id,
                    form_version=version,
                    period_start=self.plan_start,
                    period_end=self.plan_end,
                    status=IndividualPlan.Status.APPROVED,
                    submitted_at=at_ten(self.plan_start + timedelta(days=7)),
                    approved_at=at_ten(self.plan_start + timedelta(days=10)),
                    approved_by=coordinator,
                )
                for ms in mentorships
            ],
        )
        self.counts.plans += len(plans)
        # The bench reservist: the first reservist after the bench mentor's ten,
        # whose plan has 50 items for the documents' timings.
        document_plan = plans[MENTOR_LOAD]
        for i, plan in enumerate(plans):
            n = (
                DOCUMENT_PLAN_ITEMS
                if plan is document_plan and m == 0
                else ITEMS_PER_PLAN
            )
            self._items(i, plan, sections, n, entries[i].person)
            self._flush_items()
        if m != 0:
            return None
        self._link(users["mentor"], mentors[0], Role.MENTOR)
        self._link(users["reservist"], entries[MENTOR_LOAD].person, Role.RESERVIST)
        return BenchAccounts(
            municipality_id=municipality.pk,
            coordinator=coordinator.username,
            head=users["head"].username,
            mentor=users["mentor"].username,
            reservist=users["reservist"].username,
            password=BENCH_PASSWORD,
            mentor_plan_id=plans[0].pk,
            document_plan_id=document_plan.pk,
        )

    def _plan_form(self, municipality: Municipality) -> PlanFormVersion:
        """The municipality's form, version 1 with the default sections, approved
        through the services (a few queries)."""
        form = plan_services.create_plan_form(
            municipality=municipality, name="Форма индивидуального плана подготовки"
        )
        version = form.versions.get()
        return plan_services.approve_form_version(
            version=version,
            approval_document="приказ Управления образования",
            approval_number="1-о",
            approval_date=self.included_on,
        )

    def _organizations(
        self, municipality: Municipality, n: int
    ) -> Iterator[Organization]:
        for k in range(n):
            kind, short, full = KINDS[k % len(KINDS)]
            short_name = short.format(n=k // len(KINDS) + 1)
            full_name = f"Муниципальное учреждение «{full} № {k // len(KINDS) + 1}»"
            yield Organization(
                municipality=municipality,
                kind=kind,
                short_name=short_name,
                full_name=full_name,
                inn=f"70{municipality.pk % 100:02d}{k:06d}",
                address=f"{municipality.place}, ул. Школьная, д. {k + 1}",
                phone="+7 (38259) 2-00-00",
                email=f"org{k}@bench.example.ru",
                search_text=normalize_search(f"{short_name} {full_name}"),
            )

    def _person(
        self, j: int, organization: Organization, rank: int, positions: list[Position]
    ) -> Person:
        n = next(self.person_seq)
        last, first, middle = person_name(n)
        if rank == 0:
            position, management = positions[0], Decimal(8 + n % 12)
        elif rank == 1:
            position, management = positions[1], Decimal(3 + n % 7)
        else:
            position, management = positions[2 + n % (len(positions) - 2)], Decimal(0)
        return Person(
            last_name=last,
            first_name=first,
            middle_name=middle,
            organization=organization,
            # bulk_create skips save(), which copies the municipality.
            municipality_id=organization.municipality_id,
            position=position,
            position_since=self.today - timedelta(days=365 * (1 + n % 10)),
            management_experience=management,
            teaching_experience=Decimal(5 + n % 25),
            email=f"person{n}@bench.example.ru",
            search_text=normalize_search(f"{last} {first} {middle}"),
        )

    def _mentorships(
        self,
        organizations: list[Organization],
        entries: list[ReserveEntry],
        mentors: list[Person],
    ) -> list[Mentorship]:
        """One registered order per organisation for its reservists; reservist i
        is mentored by mentor i // 10, so each mentor has ten (the last fewer)."""
        by_organization: dict[int, list[int]] = {}
        for i, entry in enumerate(entries):
            by_organization.setdefault(entry.person.organization_id, []).append(i)
        heads = {o.pk: o.head.full_name for o in organizations if o.head}
        municipality_of = {o.pk: o.municipality_id for o in organizations}
        orders = bulk(
            MentorOrder,
            [
                MentorOrder(
                    organization_id=org_id,
                    # bulk_create skips save(), which copies the municipality.
                    municipality_id=municipality_of[org_id],
                    number=f"{k + 1}-лс",
                    date=self.starts_on,
                    year=self.starts_on.year,
                    signatory_name=heads[org_id],
                    signatory_position=POSITIONS[0][0],
                    status=MentorOrder.Status.REGISTERED,
                    registered_at=at_ten(self.starts_on),
                )
                for k, org_id in enumerate(by_organization)
            ],
        )
        order_of = dict(zip(by_organization, orders, strict=True))
        mentorships = [
            Mentorship(
                mentor=mentors[i // MENTOR_LOAD],
                reserve_entry=entry,
                order=order_of[entry.person.organization_id],
                starts_on=self.starts_on,
                planned_end_on=entry.term_until,
                status=Mentorship.Status.ACTIVE,
            )
            for i, entry in enumerate(entries)
        ]
        for mentorship in mentorships:
            # bulk_create skips save(), which copies the order's municipality.
            mentorship.set_municipality()
        return bulk(Mentorship, mentorships)

    def _users(
        self,
        m: int,
        municipality: Municipality,
        organization: Organization,
        director: Person,
    ) -> dict[str, User]:
        """A coordinator for each municipality; in the first, the bench head,
        mentor and reservist too (linked to their people by _link)."""
        names = {"coordinator": f"coordinator-{m:02d}"}
        if m == 0:
            names = {
                "coordinator": "bench-coordinator",
                "head": "bench-head",
                "mentor": "bench-mentor",
                "reservist": "bench-reservist",
            }
        users = {
            key: User(username=username, password=self.password, is_active=True)
            for key, username in names.items()
        }
        bulk(User, list(users.values()))
        roles = [
            RoleAssignment(
                user=users["coordinator"],
                role=Role.COORDINATOR,
                municipality=municipality,
            )
        ]
        if m == 0:
            roles.append(
                RoleAssignment(
                    user=users["head"], role=Role.HEAD, organization=organization
                )
            )
            self._link(users["head"], director, None)
        bulk(RoleAssignment, roles)
        return users

    def _link(self, user: User, person: Person, role: str | None) -> None:
        user.first_name, user.last_name = person.first_name, person.last_name
        user.save(update_fields=["first_name", "last_name"])
        person.user = user
        person.save(update_fields=["user"])
        if role:
            RoleAssignment.objects.create(user=user, role=role)

    def _items(
        self,
        i: int,
        plan: IndividualPlan,
        sections: list[PlanFormSection],
        n: int,
        person: Person,
    ) -> None:
        """n items spread over the plan's year: the past ones mostly done, some
        done late, some overdue (still planned), some not done; the future ones
        planned, the first of them in progress."""
        span = (self.plan_end - self.plan_start).days
        responsible = person.short_name
        started = False
        for k in range(n):
            deadline = self.plan_start + timedelta(days=span * (k + 1) // (n + 1))
            activity, form_of_work, result = ACTIVITIES[(i + k) % len(ACTIVITIES)]
            item: dict[str, Any] = {
                "plan_id": plan.pk,
                "section_id": sections[k * len(sections) // n].pk,
                "position": k,
                "activity": activity,
                "form_of_work": form_of_work,
                "deadline": deadline,
                "responsible": responsible,
                "expected_result": result,
            }
            if deadline < self.today:
                mode = (i + k) % 10
                if mode == 7:
                    pass  # overdue: still planned past its deadline
                elif mode == 8:
                    item["status"] = PlanItem.Status.NOT_DONE
                    item["not_done_reason"] = "Мероприятие перенесено организатором."
                else:
                    late = mode == 9
                    item["status"] = PlanItem.Status.DONE
                    item["done_on"] = min(
                        deadline + timedelta(days=5 if late else -2), self.today
                    )
                    item["evidence_text"] = "Выполнено, отчёт у наставника."
            elif not started:
                item["status"], started = PlanItem.Status.IN_PROGRESS, True
            self.pending_items.append(item)
        self.counts.items += n

    def _flush_items(self, *, force: bool = False) -> None:
        if self.pending_items and (force or len(self.pending_items) >= 5 * BATCH):
            insert_rows(PlanItem, self.pending_items)
            self.pending_items = []


def generate_region(scale: float) -> tuple[BenchAccounts, Counts]:
    """Fill an empty database with a region at `scale` (see the module)."""
    region = Region(scale)
    with transaction.atomic():
        accounts = region.build()
    return accounts, region.counts
