"""Accounts, their roles with scope, and API tokens."""

import hashlib
import secrets
from typing import TYPE_CHECKING, Self

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import RemembersLoadedValues

if TYPE_CHECKING:
    from accounts.permissions import Principal


class User(RemembersLoadedValues, AbstractUser):
    """An account. What it may see comes from its role assignments and linked person."""

    # A change of the password or a deactivation revokes the API tokens
    # (accounts.signals.account_saved).
    remembered_fields = ("password", "is_active")

    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "access_version"]
    )
    # Changes whenever the account's roles or scope change (see
    # accounts.permissions.forget_principals): part of the cache key of its
    # Principal, read with the account at every request, so no query asks for it.
    access_version = models.PositiveIntegerField(default=0, editable=False)
    # The roles and scope that accounts.permissions.principal() caches on the
    # instance; not a field, and unset until first asked.
    _principal: "Principal"

    # AbstractUser.Meta holds `abstract` and the two names set here: nothing to
    # inherit from it (and django-stubs does not declare it).
    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full} ({self.username})" if full else self.username


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    HEAD = "head", _("head of an organisation")
    MENTOR = "mentor", _("mentor")
    RESERVIST = "reservist", _("reservist")
    COMMISSION = "commission", _("attestation commission member")


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def for_scope(self) -> Self:
        return self.select_related("municipality", "organization")


class RoleAssignment(RemembersLoadedValues):
    """One role of one account, with its scope: a municipality for a coordinator,
    an organisation for a head; the other roles are scoped by the linked person."""

    remembered_fields = ("user_id",)

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                name="role_assignment_unique",
                violation_error_message=_("The account already has this role."),
            ),
            models.CheckConstraint(
                condition=~Q(role="coordinator") | Q(municipality__isnull=False),
                name="role_coordinator_has_municipality",
                violation_error_message=_("A coordinator needs a municipality."),
            ),
            models.CheckConstraint(
                condition=~Q(role="head") | Q(organization__isnull=False),
                name="role_head_has_organization",
                violation_error_message=_("A head needs an organisation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def valid(self) -> Self:
        return self.filter(expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored, and
    its first characters, by which its owner tells it from the others."""

    # Characters of the raw token kept in the clear: 48 of its 256 bits, too few
    # to matter, enough to recognise it.
    PREFIX_LENGTH = 8

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("beginning"), max_length=PREFIX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    # Refreshed at most once per LAST_USED_PRECISION (accounts.services.
    # user_for_token), so that API calls do not each write; empty for the tokens
    # issued before it was kept.
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} до {self.expires_at:%d.%m.%Y}"

    @staticmethod
    def make_digest(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate_raw() -> str:
        return secrets.token_urlsafe(32)
