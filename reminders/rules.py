"""When a reminder is due: the rules the periodic scan applies, read from the
domains. Each returns the notifications to be (notifications.services.Draft);
their keys hold the thing and its date, so a second scan adds nothing and a
moved deadline is reminded of again."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from competencies.models import Assessment
from competencies.queries import assessment_points
from events.models import Involvement
from internships.models import Internship
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import Draft
from plans.models import IndividualPlan, PlanItem
from reserve.models import ReserveEntry
from studies.models import StudyAssignment

# A study assignment whose check is still to be taken (compliance.rules.OPEN_STUDY).
OPEN_STUDY = (StudyAssignment.Status.ASSIGNED, StudyAssignment.Status.STUDIED)


def _due_kind(due: date, today: date, warn: int) -> str | None:
    """«overdue» after the date, «near» from `warn` days before it, else none."""
    if due < today:
        return Kind.OVERDUE
    if due <= today + timedelta(days=warn):
        return Kind.DEADLINE_SOON
    return None


def _horizon(today: date, days_before: dict[int, int], default_days: int) -> date:
    return today + timedelta(days=max([default_days, *days_before.values()]))


PERSON_NAME = ("last_name", "first_name", "middle_name")


def plan_item_reminders(
    today: date, days_before: dict[int, int], default_days: int
) -> Iterator[Draft]:
    """An open row of an approved plan of a reservist in the reserve: «deadline
    near» from `days_before` of its municipality (N) days before its deadline,
    «overdue» the day after it; to the reservist and the plan's mentor."""
    horizon = today + timedelta(days=max([default_days, *days_before.values()]))
    items = (
        PlanItem.objects.filter(
            status__in=PlanItem.OPEN,
            deadline__lte=horizon,
            plan__status=IndividualPlan.Status.APPROVED,
            plan__reserve_entry__status=ReserveEntry.Status.ACTIVE,
        )
        .select_related("plan__reserve_entry__person", "plan__mentor")
        .only(
            "pk",
            "activity",
            "deadline",
            "plan__municipality_id",
            "plan__mentor__user_id",
            "plan__reserve_entry__person__user_id",
            "plan__reserve_entry__person__last_name",
            "plan__reserve_entry__person__first_name",
            "plan__reserve_entry__person__middle_name",
        )
        .order_by("pk")
    )
    for item in items.iterator(chunk_size=2000):
        plan = item.plan
        warn = days_before.get(plan.municipality_id, default_days)
        if item.deadline < today:
            kind = Kind.OVERDUE
        elif item.deadline <= today + timedelta(days=warn):
            kind = Kind.DEADLINE_SOON
        else:
            continue
        person = plan.reserve_entry.person
        subject = f"{item.activity} ({person.short_name})"
        url = reverse("plans:plan", args=[plan.pk])
        key = f"item:{item.pk}:{item.deadline.isoformat()}"
        for user_id in (person.user_id, plan.mentor.user_id):
            if user_id is not None:
                yield Draft(user_id, kind, key, subject, url, item.deadline)


def assessment_reminders(
    today: date, days_before: dict[int, int], default_days: int
) -> Iterator[Draft]:
    """An assessment of an active mentorship not yet made, from N days before its
    point's date (assessment_points): the self-assessment to the reservist, the
    mentor's to the mentor."""
    mentorships = list(
        Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            reserve_entry__status=ReserveEntry.Status.ACTIVE,
        )
        .select_related("mentor", "reserve_entry__person")
        .only(
            "pk",
            "starts_on",
            "planned_end_on",
            "municipality_id",
            "mentor__user_id",
            "reserve_entry__person__user_id",
            "reserve_entry__person__last_name",
            "reserve_entry__person__first_name",
            "reserve_entry__person__middle_name",
        )
        .order_by("pk")
    )
    done = set(
        Assessment.objects.filter(
            mentorship__in=[m.pk for m in mentorships]
        ).values_list("mentorship_id", "point", "role")
    )
    labels = dict(Assessment.Point.choices)
    for mentorship in mentorships:
        warn = timedelta(days=days_before.get(mentorship.municipality_id, default_days))
        person = mentorship.reserve_entry.person
        for point, due in assessment_points(mentorship).items():
            if today < due - warn:
                continue
            url = reverse("competencies:assess", args=[mentorship.pk, point])
            subject = f"{labels[point]} ({person.short_name})"
            for role, user_id in (
                (Assessment.Role.SELF, person.user_id),
                (Assessment.Role.MENTOR, mentorship.mentor.user_id),
            ):
                if user_id is None or (mentorship.pk, point, role) in done:
                    continue
                key = f"mentorship:{mentorship.pk}:{point}:{role}:{due.isoformat()}"
                yield Draft(user_id, Kind.ASSESSMENT_DUE, key, subject, url, due)


def study_reminders(
    today: date, days_before: dict[int, int], default_days: int
) -> Iterator[Draft]:
    """A study assignment whose check is not yet taken (assigned or studied) of
    an active mentorship: «deadline near» N days before its deadline to the
    reservist; «overdue» the day after it to the reservist and the mentor."""
    person = "mentorship__reserve_entry__person"
    assignments = (
        StudyAssignment.objects.filter(
            status__in=OPEN_STUDY,
            due_on__lte=_horizon(today, days_before, default_days),
            mentorship__status=Mentorship.Status.ACTIVE,
            mentorship__reserve_entry__status=ReserveEntry.Status.ACTIVE,
        )
        .select_related("act", "mentorship__mentor", person)
        .only(
            "pk",
            "due_on",
            "municipality_id",
            "act__title",
            "mentorship__mentor__user_id",
            f"{person}__user_id",
            *(f"{person}__{name}" for name in PERSON_NAME),
        )
        .order_by("pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for assignment in assignments.iterator(chunk_size=2000):
            warn = days_before.get(assignment.municipality_id, default_days)
            kind = _due_kind(assignment.due_on, today, warn)
            if kind is None:
                continue
            reservist = assignment.mentorship.reserve_entry.person
            subject = _("study of «%(act)s» (%(person)s)") % {
                "act": assignment.act.title,
                "person": reservist.short_name,
            }
            url = reverse("studies:card", args=[assignment.pk])
            key = f"study:{assignment.pk}:{assignment.due_on.isoformat()}"
            told = [reservist.user_id]
            if kind == Kind.OVERDUE:
                told.append(assignment.mentorship.mentor.user_id)
            for user_id in told:
                if user_id is not None:
                    yield Draft(user_id, kind, key, subject, url, assignment.due_on)


def preparation_reminders(
    today: date, days_before: dict[int, int], default_days: int
) -> Iterator[Draft]:
    """An involvement in an event not yet held with a «prepare by» date, not
    declined and with no outcome recorded yet: «deadline near» N days before it
    to the reservist; «overdue» the day after it (while the event is still
    ahead) to the reservist and their active mentor."""
    mentor_user = Mentorship.objects.filter(
        reserve_entry=OuterRef("reserve_entry"), status=Mentorship.Status.ACTIVE
    ).values("mentor__user_id")[:1]
    person = "reserve_entry__person"
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    involvements = (
        Involvement.objects.filter(
            prepare_by__isnull=False,
            prepare_by__lte=_horizon(today, days_before, default_days),
            status__in=(Involvement.Status.INVITED, Involvement.Status.ACCEPTED),
            outcome_at__isnull=True,
            event__starts_at__gte=start_of_today,
            reserve_entry__status=ReserveEntry.Status.ACTIVE,
        )
        .select_related("event", person)
        .only(
            "pk",
            "prepare_by",
            "event__title",
            "event__municipality_id",
            f"{person}__user_id",
            *(f"{person}__{name}" for name in PERSON_NAME),
        )
        .annotate(mentor_user_id=Subquery(mentor_user))
        .order_by("pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for involvement in involvements.iterator(chunk_size=2000):
            due = involvement.prepare_by
            assert due is not None  # filtered
            warn = days_before.get(involvement.event.municipality_id, default_days)
            kind = _due_kind(due, today, warn)
            if kind is None:
                continue
            reservist = involvement.reserve_entry.person
            subject = _("preparation for «%(event)s» (%(person)s)") % {
                "event": involvement.event.title,
                "person": reservist.short_name,
            }
            url = reverse("events:card", args=[involvement.event_id])
            key = f"involvement:{involvement.pk}:{due.isoformat()}"
            told = [reservist.user_id]
            if kind == Kind.OVERDUE:
                told.append(involvement.mentor_user_id)  # type: ignore[attr-defined]
            for user_id in told:
                if user_id is not None:
                    yield Draft(user_id, kind, key, subject, url, due)


def internship_reminders(
    today: date, days_before: dict[int, int], default_days: int
) -> Iterator[Draft]:
    """A planned internship of a reservist in the reserve from N days before its
    first day (until that day): to the reservist, the mentor and the supervisor."""
    person = "reserve_entry__person"
    internships = (
        Internship.objects.filter(
            status=Internship.Status.PLANNED,
            starts_on__gte=today,
            starts_on__lte=_horizon(today, days_before, default_days),
            reserve_entry__status=ReserveEntry.Status.ACTIVE,
        )
        .select_related("form", "host_organization", "mentor", "supervisor", person)
        .only(
            "pk",
            "starts_on",
            "municipality_id",
            "form__name",
            "host_organization__short_name",
            "mentor__user_id",
            "supervisor__user_id",
            f"{person}__user_id",
            *(f"{person}__{name}" for name in PERSON_NAME),
        )
        .order_by("pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for internship in internships.iterator(chunk_size=2000):
            warn = days_before.get(internship.municipality_id, default_days)
            if internship.starts_on > today + timedelta(days=warn):
                continue
            reservist = internship.reserve_entry.person
            subject = _("%(form)s at %(host)s (%(person)s)") % {
                "form": internship.form.name,
                "host": internship.host_organization.short_name,
                "person": reservist.short_name,
            }
            url = reverse("internships:card", args=[internship.pk])
            key = f"internship:{internship.pk}:{internship.starts_on.isoformat()}"
            for user_id in dict.fromkeys(
                (
                    reservist.user_id,
                    internship.mentor.user_id,
                    internship.supervisor.user_id,
                )
            ):
                if user_id is not None:
                    yield Draft(
                        user_id,
                        Kind.INTERNSHIP_SOON,
                        key,
                        subject,
                        url,
                        internship.starts_on,
                    )
