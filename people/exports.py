"""The columns of the people's and the positions' Excel exports."""

from operator import attrgetter

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.excel import Column, yes_no
from people.models import Person, PersonViewLog, Position

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

# Rows come from PersonViewLogQuerySet.for_list(), which joins the person and user.
ACCESS_LOG_COLUMNS: list[Column[PersonViewLog]] = [
    # Text: the exports write a date cell without its time.
    Column(
        _("When"), lambda log: f"{timezone.localtime(log.viewed_at):%d.%m.%Y %H:%M:%S}"
    ),
    Column(_("Who viewed"), lambda log: viewer_name(log.user)),
    Column(_("Whose data"), attrgetter("person.full_name")),
    Column(_("Kind"), lambda log: log.get_channel_display()),
    Column(_("Page"), attrgetter("source")),
]


def viewer_name(user: User | None) -> str:
    """The account as the log shows it: the name and the login."""
    if user is None:
        return str(_("a deleted account"))
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


POSITION_COLUMNS: list[Column[Position]] = [
    Column(_("Name"), attrgetter("name")),
    Column(_("Administrative position"), lambda p: yes_no(p.is_administrative)),
]
