"""What a user's calendar shows: the dated things that concern them, by role.

Each source reads its domain through that domain's permissions module
(`visible_*`), so an entry is shown only to one who may open it, and its link
leads to a page that opens for them (the pages read the same `visible_*`).
Within what they may see, the calendar keeps what concerns the user:

* events: every event in the user's sight (events.permissions.visible_events:
  the coordinator's municipality's, a head's or mentor's organisation's and the
  authority's, their mentees', their own), with the involvements of the user as
  the reservist and of their mentees;
* plan item deadlines: of the plans the user is the reservist or the mentor of
  (not the coordinator's or head's whole scope: their control pages list those);
  excluded items are left out;
* internships (from the first day to the last): one's own as the reservist, as
  the mentor and as the supervisor;
* consultations, planned and held: one's own as the mentor (private notes
  too: they are the mentor's own) and the shared ones as the reservist;
* attestation sessions: the coordinator's municipality's and those one sits on
  as a member of the commission; attestations: one's own as the reservist and
  those one is invited to as the mentor.

Every source costs one query (events two: the events, then the involvements
shown), whatever the number of entries: `entries()` costs at most seven."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import principal
from attestation.models import Attestation, Session
from attestation.permissions import visible_attestations, visible_sessions
from consultations.models import Consultation
from consultations.permissions import visible_consultations
from core.scopes import any_of
from events.models import Involvement
from events.permissions import visible_events, visible_involvements
from internships.permissions import visible_internships
from mentorships.permissions import visible_mentorships_as_mentor
from plans.models import PlanItem
from plans.permissions import visible_plans

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise


EVENT = Kind("event", gettext_lazy("Event"))
DEADLINE = Kind("deadline", gettext_lazy("Plan item deadline"))
INTERNSHIP = Kind("internship", gettext_lazy("Internship"))
CONSULTATION = Kind("consultation", gettext_lazy("Consultation"))
SESSION = Kind("session", gettext_lazy("Attestation session"))
ATTESTATION = Kind("attestation", gettext_lazy("Attestation"))
KINDS = (EVENT, DEADLINE, INTERNSHIP, CONSULTATION, SESSION, ATTESTATION)
KIND_CODES = tuple(k.code for k in KINDS)


@dataclass(frozen=True)
class Period:
    """The days shown, both ends included."""

    since: date
    until: date

    @property
    def start(self) -> datetime:
        """The first moment of the period in the municipality's time."""
        return _start_of(self.since)

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return _start_of(self.until + timedelta(days=1))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Entry:
    """One thing on the calendar. A timed entry has `starts_at` (and `ends_at`
    when known), aware; an all-day one spans `first_day`..`last_day` (inclusive).
    `created_at`/`updated_at` are the object's own, for the feed's DTSTAMP,
    LAST-MODIFIED and SEQUENCE."""

    kind: Kind
    pk: int
    title: str
    first_day: date
    last_day: date
    url: str
    created_at: datetime
    updated_at: datetime
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    detail: str = ""
    place: str = ""
    status: str = ""

    @property
    def all_day(self) -> bool:
        return self.starts_at is None

    def uid(self, host: str) -> str:
        """Stable across feeds and edits: the kind and the object's key."""
        return f"{self.kind.code}-{self.pk}@{host}"

    def on(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def sort_key(self) -> tuple:
        moment = timezone.localtime(self.starts_at).time() if self.starts_at else None
        return (
            self.first_day,
            moment is not None,
            moment,
            KINDS.index(self.kind),
            self.pk,
        )


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _and(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


# Events ------------------------------------------------------------------------------


def _involvement_text(involvement: Involvement, person_id: int) -> str:
    person = involvement.reserve_entry.person
    who = _("You") if person.pk == person_id else person.short_name
    return (
        f"{who}: {involvement.get_degree_display()}, {involvement.get_status_display()}"
    )


def events(user: AnyUser, period: Period) -> list[Entry]:
    person_id = principal(user).person_id
    found = (
        visible_events(user)
        .filter(starts_at__lt=period.end, ends_at__gte=period.start)
        .select_related("kind")
        .order_by("starts_at", "pk")
    )
    if person_id is not None:
        mentees = visible_mentorships_as_mentor(user).values("reserve_entry_id")
        concerned = (
            any_of(
                visible_involvements(user),
                Q(reserve_entry__person_id=person_id),
                Q(reserve_entry_id__in=mentees),
            )
            .select_related("reserve_entry__person")
            .order_by("reserve_entry__person__last_name", "pk")
        )
        found = found.prefetch_related(
            Prefetch("involvements", queryset=concerned, to_attr="concerned")
        )
    result = []
    for event in found:
        involvements = getattr(event, "concerned", [])
        result.append(
            Entry(
                kind=EVENT,
                pk=event.pk,
                title=event.title,
                first_day=_local_day(event.starts_at),
                last_day=_local_day(event.ends_at),
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                place=event.place,
                detail=_and(
                    event.kind.name,
                    *(_involvement_text(i, person_id or 0) for i in involvements),
                ),
                url=reverse("events:card", args=[event.pk]),
                created_at=event.created_at,
                updated_at=event.updated_at,
            )
        )
    return result


# Plan item deadlines -----------------------------------------------------------------


def deadlines(user: AnyUser, period: Period) -> list[Entry]:
    person_id = principal(user).person_id
    if person_id is None:
        return []
    plans = any_of(
        visible_plans(user),
        Q(mentor_id=person_id),
        Q(reserve_entry__person_id=person_id),
    )
    found = (
        PlanItem.objects.filter(
            plan_id__in=plans.order_by().values("pk"),
            deadline__gte=period.since,
            deadline__lte=period.until,
        )
        .exclude(status=PlanItem.Status.CANCELLED)
        .select_related("plan__reserve_entry__person")
        .order_by("deadline", "pk")
    )
    result = []
    for item in found:
        person = item.plan.reserve_entry.person
        if item.is_overdue:
            status = _("overdue")
        elif item.is_done_late:
            status = _("done late")
        else:
            status = item.get_status_display()
        result.append(
            Entry(
                kind=DEADLINE,
                pk=item.pk,
                title=item.activity,
                first_day=item.deadline,
                last_day=item.deadline,
                detail="" if person.pk == person_id else person.short_name,
                status=str(status),
                url=reverse("plans:plan", args=[item.plan_id]),
                created_at=item.created_at,
                updated_at=item.updated_at,
            )
        )
    return result


# Internships -------------------------------------------------------------------------


def internships(user: AnyUser, period: Period) -> list[Entry]:
    person_id = principal(user).person_id
    if person_id is None:
        return []
    found = (
        any_of(
            visible_internships(user),
            Q(reserve_entry__person_id=person_id),
            Q(mentor_id=person_id),
            Q(supervisor_id=person_id),
        )
        .filter(
            starts_on__lte=period.until,
            ends_on__gte=period.since,
        )
        .select_related("form", "host_organization", "reserve_entry__person")
        .order_by("starts_on", "pk")
    )
    result = []
    for internship in found:
        person = internship.reserve_entry.person
        result.append(
            Entry(
                kind=INTERNSHIP,
                pk=internship.pk,
                title=internship.form.name,
                first_day=internship.starts_on,
                last_day=internship.ends_on,
                place=internship.host_organization.short_name,
                detail="" if person.pk == person_id else person.short_name,
                status=internship.get_status_display(),
                url=reverse("internships:card", args=[internship.pk]),
                created_at=internship.created_at,
                updated_at=internship.updated_at,
            )
        )
    return result


# Consultations -----------------------------------------------------------------------


def consultations(user: AnyUser, period: Period) -> list[Entry]:
    person_id = principal(user).person_id
    if person_id is None:
        return []
    found = (
        any_of(
            visible_consultations(user),
            Q(mentorship__mentor_id=person_id),
            Q(mentorship__reserve_entry__person_id=person_id),
        )
        .filter(
            held_on__gte=period.since,
            held_on__lte=period.until,
        )
        .select_related("mentorship__reserve_entry__person")
        .order_by("held_on", "pk")
    )
    result = []
    for consultation in found:
        person = consultation.mentorship.reserve_entry.person
        private = consultation.visibility == Consultation.Visibility.PRIVATE
        result.append(
            Entry(
                kind=CONSULTATION,
                pk=consultation.pk,
                title=consultation.topic,
                first_day=consultation.held_on,
                last_day=consultation.held_on,
                detail=_and(
                    "" if person.pk == person_id else person.short_name,
                    consultation.get_format_display(),
                    _("private note of the mentor") if private else "",
                ),
                status=consultation.get_status_display(),
                url=reverse("consultations:card", args=[consultation.pk]),
                created_at=consultation.created_at,
                updated_at=consultation.updated_at,
            )
        )
    return result


# Attestation -------------------------------------------------------------------------


def _session_start(session: Session) -> datetime:
    return timezone.make_aware(datetime.combine(session.date, session.time))


def sessions(user: AnyUser, period: Period) -> list[Entry]:
    found = (
        visible_sessions(user)
        .filter(date__gte=period.since, date__lte=period.until)
        .order_by("date", "time", "pk")
    )
    return [
        Entry(
            kind=SESSION,
            pk=session.pk,
            title=str(_("Attestation commission session")),
            first_day=session.date,
            last_day=session.date,
            starts_at=_session_start(session),
            place=session.place,
            url=reverse("attestation:session", args=[session.pk]),
            created_at=session.created_at,
            updated_at=session.updated_at,
        )
        for session in found
    ]


def attestations(user: AnyUser, period: Period) -> list[Entry]:
    person_id = principal(user).person_id
    if person_id is None:
        return []
    found = (
        any_of(
            visible_attestations(user),
            Q(reserve_entry__person_id=person_id),
            Q(mentor_id=person_id) & ~Q(invitation=Attestation.Invitation.NONE),
        )
        .filter(
            session__date__gte=period.since,
            session__date__lte=period.until,
        )
        .select_related("session", "reserve_entry__person")
        .order_by("session__date", "session__time", "pk")
    )
    result = []
    for attestation in found:
        person = attestation.reserve_entry.person
        own = person.pk == person_id
        session = attestation.session
        result.append(
            Entry(
                kind=ATTESTATION,
                pk=attestation.pk,
                title=str(_("Your attestation"))
                if own
                else _("Attestation of %(name)s") % {"name": person.short_name},
                first_day=session.date,
                last_day=session.date,
                starts_at=_session_start(session),
                place=session.place,
                status=attestation.get_status_display()
                if own
                else attestation.get_invitation_display(),
                url=reverse("attestation:attestation", args=[attestation.pk]),
                created_at=attestation.created_at,
                updated_at=max(attestation.updated_at, session.updated_at),
            )
        )
    return result


SOURCES: tuple[Callable[[AnyUser, Period], list[Entry]], ...] = (
    events,
    deadlines,
    internships,
    consultations,
    sessions,
    attestations,
)


def entries(user: AnyUser, period: Period) -> list[Entry]:
    """Everything on the user's calendar touching the period, by day and time."""
    if not user.is_authenticated:
        return []
    found = [entry for source in SOURCES for entry in source(user, period)]
    return sorted(found, key=lambda e: e.sort_key)
