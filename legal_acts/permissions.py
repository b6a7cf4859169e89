"""Who may read and keep the catalogue of legal acts (clause 8.8).

Everyone of a municipality (coordinator, heads, mentors, reservists) reads its
catalogue; its coordinator keeps it. Another municipality's acts are not seen."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from legal_acts.models import LegalAct, LegalActQuerySet

AnyUser = User | AnonymousUser


def visible_legal_acts(user: AnyUser) -> LegalActQuerySet:
    """The acts of the user's municipalities; every act for a superuser."""
    p = principal(user)
    if not p.is_authenticated:
        return LegalAct.objects.none()
    if p.is_superuser:
        return LegalAct.objects.all()
    return LegalAct.objects.filter(municipality_id__in=p.municipality_ids)


def may_view_legal_acts(user: AnyUser) -> bool:
    """The catalogue is read by anyone belonging to a municipality."""
    p = principal(user)
    return p.is_superuser or bool(p.municipality_ids)


def may_manage_legal_acts(user: AnyUser) -> bool:
    """Adding acts is the coordinator's."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def may_change_legal_act(user: AnyUser, act: LegalAct) -> bool:
    """Correcting an act and adding its editions: its municipality's coordinator."""
    return principal(user).coordinates(act.municipality_id)


def get_legal_act(user: AnyUser, pk: int, *, write: bool = False) -> LegalAct:
    """A visible act; Http404 if unseen, PermissionDenied for a write by anyone
    but its coordinator."""
    try:
        act = visible_legal_acts(user).get(pk=pk)
    except (LegalAct.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not may_change_legal_act(user, act):
        raise PermissionDenied
    return act


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied
