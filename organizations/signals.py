"""Cache invalidation: an organisation's municipality is the scope of its people
and its head."""

from django.db.models import Q
from django.db.models.signals import post_save

from accounts.models import User
from accounts.permissions import forget_principals
from organizations.models import Organization


def organization_saved(
    sender: type, instance: Organization, created: bool, **kwargs: object
) -> None:
    known, former = instance.remembered("municipality_id")
    if not created and not (known and former == instance.municipality_id):
        # People are a higher app: reach them by the relation's name.
        in_organization = Q(person__organization_id=instance.pk) | Q(
            roles__organization_id=instance.pk
        )
        forget_principals(
            User.objects.filter(in_organization).values_list("pk", flat=True)
        )
    instance.remember_values()


def connect() -> None:
    post_save.connect(
        organization_saved, sender=Organization, dispatch_uid="organization_saved"
    )
