"""Navigation by role, for the base layout."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.permissions import principal


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    p = principal(user)
    items = [NavItem(_("Home"), reverse("core:home"))]
    if p.is_superuser or p.is_coordinator:
        items += [
            NavItem(_("Organisations"), reverse("organizations:list")),
            NavItem(_("People"), reverse("people:list")),
            NavItem(_("Positions"), reverse("people:positions")),
            NavItem(_("Reserve"), reverse("reserve:list")),
            NavItem(_("Mentors"), reverse("mentorships:mentors")),
            NavItem(_("Orders"), reverse("mentorships:orders")),
            NavItem(_("Import"), reverse("imports:index")),
        ]
    elif p.is_head:
        items += [
            NavItem(_("My organisation"), reverse("organizations:list")),
            NavItem(_("Staff"), reverse("people:list")),
            NavItem(_("Reservists"), reverse("reserve:list")),
            NavItem(_("Mentors"), reverse("mentorships:mentors")),
            NavItem(_("Orders"), reverse("mentorships:orders")),
        ]
    if p.is_superuser or p.is_coordinator:
        items.append(NavItem(_("Plan forms"), reverse("plans:forms")))
    if p.is_superuser or p.is_coordinator or p.is_head:
        items.append(NavItem(_("Individual plans"), reverse("plans:list")))
    if p.has_mentor and p.person_id:
        items.append(NavItem(_("My reservists"), reverse("mentorships:my_reservists")))
        if not (p.is_superuser or p.is_coordinator or p.is_head):
            items.append(NavItem(_("Individual plans"), reverse("plans:list")))
        items.append(NavItem(_("Control of deadlines"), reverse("plans:control")))
    if p.has_reservist and p.person_id:
        items.append(NavItem(_("My mentor"), reverse("mentorships:my_mentor")))
        items.append(NavItem(_("My plan"), reverse("plans:mine")))
    role_labels = [label for code, label in Role.choices if p.has(code)]
    # The item whose address is the longest start of the path («/» only exactly).
    matches = [
        i.url
        for i in items
        if request.path == i.url or (i.url != "/" and request.path.startswith(i.url))
    ]
    active = max(matches, key=len) if matches else None
    return {"nav_items": items, "nav_active": active, "role_labels": role_labels}
