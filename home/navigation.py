"""The menu of the base layout: an item for each page the user may open."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.permissions import acts_as_coordinator, acts_as_head, role_labels
from agenda.permissions import may_view_calendar
from attestation.permissions import may_view_sessions
from competencies.permissions import may_keep_framework, may_view_own_competencies
from compliance.permissions import may_view_compliance
from consultations.permissions import (
    may_view_consultations,
    may_view_own_consultations,
)
from events.permissions import may_view_events, may_view_own_events
from internships.permissions import may_view_internships, may_view_supervised
from legal_acts.permissions import may_view_legal_acts
from mentorships.permissions import may_view_own_mentees, may_view_own_mentor
from municipal_report.permissions import REPORT_TITLE, may_build_report
from overview.permissions import may_view_overview
from plan_reports.permissions import may_view_own_report, may_view_reports
from plans.permissions import may_control_deadlines, may_view_own_plans
from studies.permissions import may_view_studies

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class NavItem:
    label: "StrOrPromise"
    url: str


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Every predicate below reads the cached principal only: the menu costs no query.
    coordinator = acts_as_coordinator(user)
    head = acts_as_head(user)
    mentor = may_view_own_mentees(user)
    items = [NavItem(_("Home"), reverse("home:index"))]
    if may_view_overview(user):
        items.append(NavItem(_("Overview"), reverse("overview:index")))
    if coordinator:
        items += [
            NavItem(_("Organisations"), reverse("organizations:list")),
            NavItem(_("People"), reverse("people:list")),
            NavItem(_("Positions"), reverse("people:positions")),
            NavItem(_("Reserve"), reverse("reserve:list")),
            NavItem(_("Mentors"), reverse("mentorships:mentors")),
            NavItem(_("Orders"), reverse("mentorships:orders")),
            NavItem(_("Import"), reverse("imports:index")),
            NavItem(_("Plan forms"), reverse("plans:forms")),
            NavItem(_("Access log"), reverse("people:access_log")),
        ]
    elif head:
        items += [
            NavItem(_("My organisation"), reverse("organizations:list")),
            NavItem(_("Staff"), reverse("people:list")),
            NavItem(_("Reservists"), reverse("reserve:list")),
            NavItem(_("Mentors"), reverse("mentorships:mentors")),
            NavItem(_("Orders"), reverse("mentorships:orders")),
        ]
    if coordinator or head:
        items.append(NavItem(_("Individual plans"), reverse("plans:list")))
    if mentor:
        items.append(NavItem(_("My reservists"), reverse("mentorships:my_reservists")))
        if not (coordinator or head):
            items.append(NavItem(_("Individual plans"), reverse("plans:list")))
    if may_view_events(user):
        items.append(NavItem(_("Events"), reverse("events:list")))
    if may_control_deadlines(user):
        items.append(NavItem(_("Control of deadlines"), reverse("plans:control")))
    if may_view_consultations(user):
        items.append(NavItem(_("Consultations"), reverse("consultations:list")))
    if may_view_legal_acts(user):
        items.append(NavItem(_("Legal acts"), reverse("legal_acts:list")))
    if may_view_studies(user):
        items.append(NavItem(_("Studying legal acts"), reverse("studies:list")))
    if may_view_own_mentor(user):
        items.append(NavItem(_("My mentor"), reverse("mentorships:my_mentor")))
    if may_view_own_plans(user):
        items.append(NavItem(_("My plan"), reverse("plans:mine")))
    if may_view_own_consultations(user):
        items.append(NavItem(_("My consultations"), reverse("consultations:mine")))
    if may_view_own_events(user):
        items.append(NavItem(_("My events"), reverse("events:mine")))
    if may_keep_framework(user):
        items.append(NavItem(_("Competencies"), reverse("competencies:framework")))
    if may_view_own_competencies(user):
        items.append(NavItem(_("My competencies"), reverse("competencies:mine")))
    if may_view_internships(user):
        items.append(NavItem(_("Internships"), reverse("internships:list")))
    if may_view_reports(user):
        items.append(NavItem(_("Reports on the plans"), reverse("plan_reports:list")))
    if may_view_own_report(user):
        items.append(NavItem(_("My report"), reverse("plan_reports:mine")))
    if may_view_supervised(user):
        items.append(NavItem(_("My interns"), reverse("internships:supervised")))
    if may_build_report(user):
        items.append(NavItem(REPORT_TITLE, reverse("municipal_report:page")))
    if may_view_compliance(user):
        items.append(
            NavItem(_("Compliance with the regulation"), reverse("compliance:table"))
        )
    if may_view_sessions(user):
        items.append(
            NavItem(_("Attestation sessions"), reverse("attestation:sessions"))
        )
    if may_view_calendar(user):
        items.append(NavItem(_("Calendar"), reverse("agenda:calendar")))
    # The item whose address is the longest start of the path («/» only exactly).
    matches = [
        i.url
        for i in items
        if request.path == i.url or (i.url != "/" and request.path.startswith(i.url))
    ]
    active = max(matches, key=len) if matches else None
    # The page a menu item opens is headed by the item's words (its <h1> and
    # <title>: `{% firstof nav_title _("…") %}`), so the two never differ.
    title = next((i.label for i in items if i.url == request.path), None)
    return {
        "nav_items": items,
        "nav_active": active,
        "nav_title": title,
        "role_labels": role_labels(user),
    }
