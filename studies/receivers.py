"""A new edition of an act flags the checks passed on an older one."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from legal_acts.models import LegalActEdition
from studies.services import flag_recheck


@receiver(post_save, sender=LegalActEdition, dispatch_uid="studies_flag_recheck")
def flag_checks_on_new_edition(
    sender: type[LegalActEdition],
    instance: LegalActEdition,
    created: bool,
    **kwargs: Any,
) -> None:
    if created and not kwargs.get("raw"):
        transaction.on_commit(lambda: flag_recheck(instance), robust=False)
