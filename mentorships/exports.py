"""The columns of the mentors' and the mentor orders' Excel exports."""

from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.excel import Column, yes_no
from mentorships.models import MentorOrder
from people.models import Person

if TYPE_CHECKING:
    from mentorships.queries import ListedMentor


def _readiness_date(mentor: Person) -> date | None:
    readiness = getattr(mentor, "mentor_readiness", None)
    return readiness.confirmed_on if readiness else None


def _reservists(mentor: "ListedMentor") -> str:
    current = mentor.current_mentorships  # prefetched by mentors_for_list()
    return ", ".join(x.reserve_entry.person.full_name for x in current)


# Rows come from mentorships.queries.mentors_for_list(): load, eligibility and
# current mentorships annotated and prefetched.
MENTOR_COLUMNS: "list[Column[ListedMentor]]" = [
    Column(pgettext_lazy("person", "Full name"), attrgetter("full_name")),
    Column(_("Organisation"), attrgetter("organization.short_name")),
    Column(_("Position"), attrgetter("position.name")),
    Column(_("Management experience, years"), lambda m: float(m.management_experience)),
    Column(_("Readiness confirmed on"), _readiness_date),
    Column(_("Meets the conditions"), lambda m: yes_no(m.is_eligible)),
    Column(_("Reservists now"), attrgetter("n_current")),
    Column(_("Limit"), attrgetter("organization.municipality.mentor_max_load")),
    Column(_("Reservists"), _reservists),
]

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
