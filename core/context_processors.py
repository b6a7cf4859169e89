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
    prefix: str


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    p = principal(user)
    items = [NavItem(_("Home"), reverse("core:home"), "/$")]
    if p.is_superuser or p.is_coordinator:
        items += [
            NavItem(
                _("Organisations"), reverse("organizations:list"), "/organizations/"
            ),
            NavItem(_("People"), reverse("people:list"), "/people/"),
            NavItem(_("Positions"), reverse("people:positions"), "/people/positions/"),
            NavItem(_("Reserve"), reverse("reserve:list"), "/reserve/"),
            NavItem(_("Mentors"), reverse("mentorships:mentors"), "/mentorships/"),
            NavItem(_("Orders"), reverse("mentorships:orders"), "/mentorships/orders/"),
            NavItem(_("Import"), reverse("imports:index"), "/imports/"),
        ]
    elif p.is_head:
        items += [
            NavItem(
                _("My organisation"), reverse("organizations:list"), "/organizations/"
            ),
            NavItem(_("Staff"), reverse("people:list"), "/people/"),
            NavItem(_("Reservists"), reverse("reserve:list"), "/reserve/"),
            NavItem(_("Mentors"), reverse("mentorships:mentors"), "/mentorships/"),
            NavItem(_("Orders"), reverse("mentorships:orders"), "/mentorships/orders/"),
        ]
    if p.is_superuser or p.is_coordinator:
        items.append(NavItem(_("Plan forms"), reverse("plans:forms"), "/plans/forms/"))
    if p.is_superuser or p.is_coordinator or p.is_head:
        items.append(NavItem(_("Individual plans"), reverse("plans:list"), "/plans/"))
    if p.has_mentor and p.person_id:
        items.append(
            NavItem(
                _("My reservists"),
                reverse("mentorships:my_reservists"),
                "/mentorships/my-reservists/",
            )
        )
        if not (p.is_superuser or p.is_coordinator or p.is_head):
            items.append(
                NavItem(_("Individual plans"), reverse("plans:list"), "/plans/")
            )
        items.append(
            NavItem(
                _("Control of deadlines"),
                reverse("plans:control"),
                "/plans/control/",
            )
        )
    if p.has_reservist and p.person_id:
        items.append(
            NavItem(
                _("My mentor"),
                reverse("mentorships:my_mentor"),
                "/mentorships/my-mentor/",
            )
        )
        items.append(NavItem(_("My plan"), reverse("plans:mine"), "/plans/mine/"))
    role_labels = [label for code, label in Role.choices if p.has(code)]
    matches = [
        i for i in items if i.prefix != "/$" and request.path.startswith(i.prefix)
    ]
    active = max(matches, key=lambda i: len(i.prefix)).url if matches else None
    if request.path == "/":
        active = reverse("core:home")
    return {"nav_items": items, "nav_active": active, "role_labels": role_labels}
