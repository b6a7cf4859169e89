"""Who may import registries from Excel, and into which municipality."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from imports.models import ImportBatch, ImportBatchQuerySet
from organizations.models import Municipality
from organizations.permissions import managed_municipalities

AnyUser = User | AnonymousUser


def may_import(user: AnyUser) -> bool:
    """True for a coordinator or a superuser: those who keep the registries."""
    return managed_municipalities(user).exists()


def get_import_municipality(user: AnyUser) -> Municipality:
    """The municipality the user imports into; raises PermissionDenied for anyone
    who manages none."""
    municipality = managed_municipalities(user).order_by("name", "pk").first()
    if municipality is None:
        raise PermissionDenied
    return municipality


def visible_batches(user: AnyUser) -> ImportBatchQuerySet:
    """The user's own batches in the municipalities they still manage."""
    if not user.is_authenticated:
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(
        user=user, municipality__in=managed_municipalities(user)
    )


def get_batch(user: AnyUser, pk: int) -> ImportBatch:
    """One of the user's own batches; PermissionDenied for a user who may not import
    at all, Http404 when it is missing or somebody else's."""
    if not may_import(user):
        raise PermissionDenied
    try:
        return visible_batches(user).select_related("municipality").get(pk=pk)
    except (ImportBatch.DoesNotExist, ValueError) as e:
        raise Http404 from e
