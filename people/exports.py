"""The columns of the people's and the positions' Excel exports."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from core.excel import Column, yes_no
from people.models import Person, Position

# Rows come from PersonQuerySet.for_list(), which joins the organisation and position.
PERSON_COLUMNS: list[Column[Person]] = [
    Column(_("Surname"), attrgetter("last_name")),
    Column(_("First name"), attrgetter("first_name")),
    Column(_("Patronymic"), attrgetter("middle_name")),
    Column(_("Organisation"), attrgetter("organization.short_name")),
    Column(_("Position"), attrgetter("position.name")),
    Column(
        _("Administrative position"), lambda p: yes_no(p.position.is_administrative)
    ),
    Column(_("In the position since"), attrgetter("position_since")),
    Column(_("Management experience, years"), lambda p: float(p.management_experience)),
    Column(_("Teaching experience, years"), lambda p: float(p.teaching_experience)),
    Column(_("E-mail"), attrgetter("email")),
    Column(_("Phone"), attrgetter("phone")),
]

POSITION_COLUMNS: list[Column[Position]] = [
    Column(_("Name"), attrgetter("name")),
    Column(_("Administrative position"), lambda p: yes_no(p.is_administrative)),
]
