"""A new edition of an act flags the checks passed on an older one."""

from typing import Any

from django.dispatch import receiver

from legal_acts.models import LegalActEdition
from legal_acts.signals import edition_added
from studies.services import flag_recheck


@receiver(edition_added, dispatch_uid="studies_flag_recheck")
def flag_checks_on_new_edition(
    sender: type[LegalActEdition], edition: LegalActEdition, **kwargs: Any
) -> None:
    flag_recheck(edition)
