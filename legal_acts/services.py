"""Every write of the catalogue of legal acts."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from legal_acts.models import LegalAct, LegalActEdition
from legal_acts.signals import edition_added
from organizations.models import Municipality

ACT_FIELDS = ("level", "kind", "number", "adopted_on", "title", "issued_by", "url")


def _check_editions(act: LegalAct) -> None:
    """No edition may be dated before the act."""
    if act.pk and act.editions.filter(effective_on__lt=act.adopted_on).exists():
        raise ValidationError(
            {"adopted_on": _("An edition of the act is dated before this date.")}
        )


@transaction.atomic
def create_legal_act(*, municipality: Municipality, **fields: Any) -> LegalAct:
    act = LegalAct(municipality=municipality, **fields)
    act.fold_search_text()
    act.full_clean()
    act.save()
    return act


@transaction.atomic
def update_legal_act(*, act: LegalAct, **fields: Any) -> LegalAct:
    unknown = set(fields) - set(ACT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of an act: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(act, name, value)
    act.fold_search_text()
    act.full_clean()
    _check_editions(act)
    act.save(update_fields=[*fields, "search_text", "updated_at"])
    return act


@transaction.atomic
def add_edition(*, act: LegalAct, effective_on: date, note: str) -> LegalActEdition:
    """Record an amendment of the act; refused before the act's own date. The
    apps above hear of it (`signals.edition_added`)."""
    if effective_on < act.adopted_on:
        raise ValidationError(
            {
                "effective_on": _(
                    "An edition cannot be dated before the act (%(date)s)."
                )
                % {"date": act.adopted_on.strftime("%d.%m.%Y")}
            }
        )
    edition = LegalActEdition(act=act, effective_on=effective_on, note=note)
    edition.full_clean()
    edition.save()
    edition_added.send(sender=LegalActEdition, edition=edition)
    return edition
