"""The columns of the mentor orders' Excel export."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from core.excel import Column
from mentorships.models import MentorOrder

# Rows come from MentorOrderQuerySet.for_list(), which annotates n_lines.
ORDER_COLUMNS: list[Column[MentorOrder]] = [
    Column(_("Organisation"), attrgetter("organization.short_name")),
    Column(_("Number"), attrgetter("number")),
    Column(_("Date"), attrgetter("date")),
    Column(_("Title"), attrgetter("title")),
    Column(_("Signed by"), lambda o: f"{o.signatory_position} {o.signatory_name}"),
    Column(_("Lines"), attrgetter("n_lines")),
    Column(_("Status"), lambda o: o.get_status_display()),
    Column(_("Registered at"), attrgetter("registered_at")),
]
