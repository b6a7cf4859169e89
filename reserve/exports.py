"""The columns of the reserve's Excel export."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from core.excel import Column, yes_no
from reserve.models import ReserveEntry

# Rows come from ReserveEntryQuerySet.for_list(): the person, their organisation and
# position joined, has_mentor and has_approved_plan annotated.
RESERVE_COLUMNS: list[Column[ReserveEntry]] = [
    Column(_("Surname"), attrgetter("person.last_name")),
    Column(_("First name"), attrgetter("person.first_name")),
    Column(_("Patronymic"), attrgetter("person.middle_name")),
    Column(_("Organisation"), attrgetter("person.organization.short_name")),
    Column(_("Position"), attrgetter("person.position.name")),
    Column(_("Target position"), attrgetter("target_position.name")),
    Column(_("Basis document number"), attrgetter("basis_number")),
    Column(_("Basis document date"), attrgetter("basis_date")),
    Column(_("Included on"), attrgetter("included_on")),
    Column(_("In the reserve until"), attrgetter("term_until")),
    Column(_("Status"), lambda e: e.get_status_display()),
    Column(_("Appointed to the position"), attrgetter("appointed_position")),
    Column(_("Appointed on"), attrgetter("appointed_on")),
    Column(_("Excluded on"), attrgetter("excluded_on")),
    Column(_("Exclusion reason"), attrgetter("exclusion_reason")),
    Column(_("Has a mentor"), lambda e: yes_no(e.has_mentor)),
    Column(_("Plan approved"), lambda e: yes_no(e.has_approved_plan)),
]
