"""Notifications in the app and by e-mail, each user's channels per kind, and the
municipality's warning period for deadlines."""

from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from notifications.kinds import Kind

DEFAULT_DAYS_BEFORE = 3


class NotificationQuerySet(models.QuerySet["Notification"]):
    def in_list_order(self) -> Self:
        return self.order_by("-created_at", "-id")

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one account. `key` makes it once only: the same happening
    (kind, object, date) never notifies the same account twice."""

    class Email(models.TextChoices):
        NONE = "none", _("not sent by e-mail")
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=200)
    title = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    due_on = models.DateField(_("date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Shown in the bell and the list (the recipient's choice for the kind).
    in_app = models.BooleanField(_("in the app"), default=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # The letter: its state, attempts so far and when to try again.
    email_status = models.CharField(
        _("e-mail"), max_length=16, choices=Email.choices, default=Email.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    email_next_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    # When a task for the letter was last queued (or is queued to run): the scan's
    # sweep queues it again only SWEEP_GRACE after that (services.retry_due_emails).
    email_queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    email_error = models.CharField(_("last error"), max_length=500, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="notification_once_per_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                condition=Q(in_app=True),
                name="notification_list",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(in_app=True, read_at__isnull=True),
                name="notification_unread",
            ),
            # resolve(): the unread ones about a thing, by their key's beginning.
            models.Index(
                fields=["key"],
                opclasses=["varchar_pattern_ops"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_key",
            ),
            models.Index(
                fields=["email_next_at"],
                condition=Q(email_status="pending"),
                name="notification_email_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """A user's channels for one kind; without a row, the kind's defaults."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    in_app = models.BooleanField(_("in the app"))
    email = models.BooleanField(_("by e-mail"))

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"


class ReminderSettings(models.Model):
    """The coordinator's choice: how many days before a deadline to warn."""

    municipality = models.OneToOneField(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="reminder_settings",
    )
    days_before = models.PositiveSmallIntegerField(
        _("days before a deadline"),
        default=DEFAULT_DAYS_BEFORE,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How many days before a deadline its reminder is sent (1–60)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return str(self.municipality)
