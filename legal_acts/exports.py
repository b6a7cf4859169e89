"""The columns of the catalogue's Excel export."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.excel import Column
from legal_acts.models import LegalAct

# Rows come from LegalActQuerySet.for_list(): n_editions, last_edition_on annotated.
LEGAL_ACT_COLUMNS: list[Column[LegalAct]] = [
    Column(_("Level"), lambda a: a.get_level_display()),
    Column(_("Type"), lambda a: a.get_kind_display()),
    Column(_("Number"), attrgetter("number")),
    Column(_("Date"), attrgetter("adopted_on")),
    Column(pgettext_lazy("legal act", "Title"), attrgetter("title")),
    Column(_("Issuing body"), attrgetter("issued_by")),
    Column(_("Official link"), attrgetter("url")),
    Column(_("Editions"), attrgetter("n_editions")),
    Column(_("Last edition"), attrgetter("last_edition_on")),
]
