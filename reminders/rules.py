"""When a reminder is due: the rules the periodic scan applies, read from the
domains. Each returns the notifications to be (notifications.services.Draft);
their keys hold the thing and its date, so a second scan adds nothing and a
moved deadline is reminded of again."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from competencies.models import Assessment
from competencies.queries import assessment_points
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import Draft
from plans.models import IndividualPlan, PlanItem
from reserve.models import ReserveEntry


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
