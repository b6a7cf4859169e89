"""The columns of the organisations' Excel export."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from core.excel import Column
from organizations.models import Organization

# Rows come from OrganizationQuerySet.for_list(), which annotates n_people.
ORGANIZATION_COLUMNS: list[Column[Organization]] = [
    Column(_("Short name"), attrgetter("short_name")),
    Column(_("Full name"), attrgetter("full_name")),
    Column(_("Type"), lambda o: o.get_kind_display()),
    Column(_("INN"), attrgetter("inn")),
    Column(_("Address"), attrgetter("address")),
    Column(_("Phone"), attrgetter("phone")),
    Column(_("E-mail"), attrgetter("email")),
    Column(_("Head"), lambda o: o.head.full_name if o.head else ""),
    Column(_("People"), attrgetter("n_people")),
]
