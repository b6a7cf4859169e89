"""Writes for notifications: notify() from the domains' services, delivery of
the letters by the worker (with retries), reading, and the settings.

notify() stores the rows in the caller's transaction; once it commits, one task
per letter goes to the worker (notifications.tasks.deliver_email). A letter is
sent under a lock of its row and marked sent in the same transaction, so a
second task for it (a retry, the scan's sweep) finds it sent and does nothing.
A failing mail server leaves it pending with the next attempt after a growing
pause (RETRY_PAUSES); after the last one it is marked failed."""

import logging
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from notifications import tasks
from notifications.kinds import WORDING, Kind
from notifications.models import (
    DEFAULT_DAYS_BEFORE,
    Notification,
    Preference,
    ReminderSettings,
)
from notifications.recipients import Recipient, user_ids
from organizations.models import Municipality

logger = logging.getLogger(__name__)

# Pauses before the 2nd, 3rd, … attempt of a letter; then it is marked failed.
RETRY_PAUSES = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_PAUSES) + 1
# Seconds a mail server may take before the attempt counts as failed: the row stays
# locked meanwhile (on SQLite, whose transactions here begin IMMEDIATE, every write).
SEND_TIMEOUT = 30
# A letter still pending this long after its task was queued is queued again by the
# scan's sweep (a task lost with a worker, a queue emptied by hand).
SWEEP_GRACE = timedelta(minutes=10)
# Rows written (and looked up) at once by notify_many.
BATCH = 500


@dataclass(frozen=True)
class Draft:
    """One notification to be: to whom, of what kind, about what."""

    recipient_id: int
    kind: str
    key: str
    subject: str
    url: str = ""
    due_on: date | None = None


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def forget_unread(user_ids_: Iterable[int]) -> None:
    cache.delete_many([unread_cache_key(pk) for pk in user_ids_])


def channels(user_id: int, kind: str, preferences: Mapping) -> tuple[bool, bool]:
    """(in the app, by e-mail) for the user's kind: their choice or the default."""
    chosen = preferences.get((user_id, kind))
    if chosen is not None:
        return chosen
    wording = WORDING[kind]
    return wording.in_app, wording.email


def _title(kind: str, subject: str, due_on: date | None) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        due = date_format(due_on, "d.m.Y") if due_on else ""
        text = str(WORDING[kind].text) % {"subject": subject, "due": due}
    return text[:500]


def notify(
    recipients: Iterable[Recipient],
    kind: str,
    *,
    subject: str,
    key: str,
    url: str = "",
    due_on: date | None = None,
) -> None:
    """Tell these users and people (those with an account) that `kind` happened
    to `subject` (a short name of the thing, e.g. the plan); `key` names the
    happening (e.g. "plan:12:submitted:2026-12-04T10:00"), so that it is told to
    each only once; `url` opens the thing. Call it inside the transaction of the
    change: the rows are stored with it, and the letters go after it commits."""
    notify_many(
        Draft(pk, kind, key, subject, url, due_on) for pk in user_ids(recipients)
    )


def notify_many(drafts: Iterable[Draft]) -> int:
    """Store the drafts not stored before (by recipient and key) on the channels
    each recipient chose; queue their letters after the commit. Returns the number
    of new notifications. A few queries per BATCH drafts, whatever their kinds."""
    drafts = list(drafts)
    made = 0
    for start in range(0, len(drafts), BATCH):
        made += _notify_batch(drafts[start : start + BATCH])
    return made


def _notify_batch(drafts: list[Draft]) -> int:
    for draft in drafts:
        if draft.kind not in WORDING:
            raise ValueError(f"Unknown notification kind: {draft.kind!r}")
    ids = {d.recipient_id for d in drafts}
    if not ids:
        return 0
    emails = dict(
        User.objects.filter(pk__in=ids, is_active=True).values_list("pk", "email")
    )
    preferences = {
        (user_id, kind): (in_app, email)
        for user_id, kind, in_app, email in Preference.objects.filter(
            user_id__in=ids
        ).values_list("user_id", "kind", "in_app", "email")
    }
    keys = {f"{d.kind}:{d.key}"[:200] for d in drafts}
    known = set(
        Notification.objects.filter(recipient_id__in=ids, key__in=keys).values_list(
            "recipient_id", "key"
        )
    )
    now = timezone.now()
    rows: dict[tuple[int, str], Notification] = {}
    for d in drafts:
        key = f"{d.kind}:{d.key}"[:200]
        if d.recipient_id not in emails or (d.recipient_id, key) in known:
            continue
        in_app, email = channels(d.recipient_id, d.kind, preferences)
        email = email and bool(emails[d.recipient_id])
        if not (in_app or email):
            continue
        rows[(d.recipient_id, key)] = Notification(
            recipient_id=d.recipient_id,
            kind=d.kind,
            key=key,
            title=_title(d.kind, d.subject, d.due_on),
            url=d.url[:500],
            due_on=d.due_on,
            created_at=now,
            in_app=in_app,
            email_status=(
                Notification.Email.PENDING if email else Notification.Email.NONE
            ),
            email_next_at=now if email else None,
            email_queued_at=now if email else None,
        )
    if not rows:
        return 0
    # A concurrent notify of the same key (two scans at once) is skipped by the
    # unique constraint rather than failing the caller's transaction.
    Notification.objects.bulk_create(rows.values(), ignore_conflicts=True)
    recipients = {user_id for user_id, _key in rows}
    letters = [
        key
        for key, row in rows.items()
        if row.email_status == Notification.Email.PENDING
    ]

    # Dropped now and again after the commit: a count read in between (before
    # the rows are visible) does not stay cached.
    forget_unread(recipients)

    def after_commit() -> None:
        forget_unread(recipients)
        if letters:
            pending = Notification.objects.filter(
                recipient_id__in={r for r, _k in letters},
                key__in={k for _r, k in letters},
                email_status=Notification.Email.PENDING,
                email_attempts=0,
            ).values_list("pk", flat=True)
            for pk in pending:
                tasks.deliver_email.enqueue(notification_id=pk)

    transaction.on_commit(after_commit)
    return len(rows)


# Delivery -------------------------------------------------------------------------


def _letter(notification: Notification) -> tuple[str, str]:
    context = {
        "notification": notification,
        "name": notification.recipient.get_full_name()
        or notification.recipient.username,
        "link": settings.SITE_URL.rstrip("/") + notification.url
        if notification.url
        else "",
        "settings_link": settings.SITE_URL.rstrip("/") + "/notifications/settings/",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("notifications/email_subject.txt", context)
        body = render_to_string("notifications/email.txt", context)
    return " ".join(subject.split()), body


def deliver_email(notification_id: int) -> str:
    """Send the notification's letter if it is still pending and due; returns its
    e-mail state afterwards. On a mail server's failure, count the attempt and
    plan the next one (or give up after MAX_ATTEMPTS) and queue the retry."""
    now = timezone.now()
    retry_at: datetime | None = None
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            return ""
        if notification.email_status != Notification.Email.PENDING or (
            notification.email_next_at and notification.email_next_at > now
        ):
            return notification.email_status
        notification.email_attempts += 1
        try:
            subject, body = _letter(notification)
            send_mail(
                subject,
                body,
                None,
                [notification.recipient.email],
                connection=get_connection(timeout=SEND_TIMEOUT),
            )
        except (smtplib.SMTPException, OSError) as e:
            notification.email_error = f"{type(e).__name__}: {e}"[:500]
            if notification.email_attempts >= MAX_ATTEMPTS:
                notification.email_status = Notification.Email.FAILED
                notification.email_next_at = None
                logger.error("Notification %s: e-mail failed: %s", notification_id, e)
            else:
                pause = RETRY_PAUSES[notification.email_attempts - 1]
                notification.email_next_at = retry_at = now + pause
                # Queued for then where the backend can defer; else left to the sweep.
                notification.email_queued_at = retry_at if _can_defer() else None
                logger.warning(
                    "Notification %s: e-mail failed, retrying at %s: %s",
                    notification_id,
                    retry_at,
                    e,
                )
        else:
            notification.email_status = Notification.Email.SENT
            notification.email_sent_at = timezone.now()
            notification.email_next_at = None
            notification.email_error = ""
        notification.save(
            update_fields=[
                "email_status",
                "email_attempts",
                "email_next_at",
                "email_queued_at",
                "email_sent_at",
                "email_error",
            ]
        )
    if retry_at is not None:
        schedule_retry(notification_id, retry_at)
    return notification.email_status


def _can_defer() -> bool:
    return bool(tasks.deliver_email.get_backend().supports_defer)


def schedule_retry(notification_id: int, at: datetime) -> None:
    """Queue the next attempt for `at` where the tasks backend can defer (the
    database one can); otherwise the scan's sweep (retry_due_emails) will."""
    if _can_defer():
        tasks.deliver_email.using(run_after=at).enqueue(notification_id=notification_id)


def retry_due_emails(now: datetime | None = None) -> int:
    """Queue every pending letter whose time has come and whose task is not
    already waiting (queued less than SWEEP_GRACE ago): a retry where the backend
    cannot defer, a task lost with a worker; returns how many. A second task for
    a letter does nothing once the first has sent it."""
    now = now or timezone.now()
    pending = Notification.objects.filter(
        Q(email_queued_at__isnull=True) | Q(email_queued_at__lte=now - SWEEP_GRACE),
        email_status=Notification.Email.PENDING,
        email_next_at__lte=now,
    )
    due = list(pending.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=due).update(email_queued_at=now)
    for pk in due:
        tasks.deliver_email.enqueue(notification_id=pk)
    return len(due)


# Reading --------------------------------------------------------------------------


def mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (once: a second time changes nothing)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        forget_unread([notification.recipient_id])
    return notification


def resolve(
    kinds: str | Iterable[str],
    key: str,
    *,
    recipients: Iterable[Recipient] | None = None,
) -> int:
    """The thing is done: mark read the unread notifications of `kinds` (one or
    several) about it — those whose key (as given to notify()) is `key` or begins
    with `key:`, e.g. "plan:12" for every version's "plan:12:v3" — of these
    recipients (everyone's when None). Call it in the service that resolves it;
    returns how many. Two queries (one when none is unread)."""
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    if not key:
        raise ValueError("A key names the thing resolved.")
    prefixes = Q()
    for kind in kinds:
        if kind not in WORDING:
            raise ValueError(f"Unknown notification kind: {kind!r}")
        full = f"{kind}:{key}"
        prefixes |= Q(key=full) | Q(key__startswith=f"{full}:")
    found = Notification.objects.filter(prefixes, read_at__isnull=True)
    if recipients is not None:
        found = found.filter(recipient_id__in=user_ids(recipients))
    unread = dict(found.values_list("pk", "recipient_id"))
    if not unread:
        return 0
    Notification.objects.filter(pk__in=unread, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    told = set(unread.values())
    forget_unread(told)
    transaction.on_commit(lambda: forget_unread(told))
    return len(unread)


def mark_all_read(*, user: User) -> int:
    """Mark all the user's unread notifications read; returns how many."""
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread([user.pk])
    return count


# Settings -------------------------------------------------------------------------


def preferences_of(user: User) -> dict[str, tuple[bool, bool]]:
    """Every kind's channels (in the app, by e-mail) for the user, in the
    catalogue's order."""
    chosen = {
        (user.pk, kind): (in_app, email)
        for kind, in_app, email in Preference.objects.filter(user=user).values_list(
            "kind", "in_app", "email"
        )
    }
    return {kind: channels(user.pk, kind, chosen) for kind in Kind.values}


@transaction.atomic
def set_preferences(
    *, user: User, choices: Mapping[str, tuple[bool, bool]]
) -> dict[str, tuple[bool, bool]]:
    """Store the user's channels for the given kinds; raises ValidationError for
    an unknown kind (nothing is saved)."""
    unknown = sorted(set(choices) - set(Kind.values))
    if unknown:
        raise ValidationError(
            {
                "kind": _("Unknown kind of notification: %(kinds)s.")
                % {"kinds": ", ".join(unknown)}
            }
        )
    for kind, (in_app, email) in choices.items():
        Preference.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": in_app, "email": email}
        )
    return preferences_of(user)


def days_before(municipality_id: int) -> int:
    """The municipality's warning period for deadlines, in days."""
    found = (
        ReminderSettings.objects.filter(municipality_id=municipality_id)
        .values_list("days_before", flat=True)
        .first()
    )
    return found if found is not None else DEFAULT_DAYS_BEFORE


@transaction.atomic
def update_reminder_settings(
    *, municipality: Municipality, days_before: int
) -> ReminderSettings:
    """The coordinator sets the warning period; raises ValidationError out of 1–60."""
    found = ReminderSettings.objects.filter(municipality=municipality).first()
    row = found or ReminderSettings(municipality=municipality)
    row.days_before = days_before
    row.full_clean()
    row.save()
    return row
