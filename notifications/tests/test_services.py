"""notify(): once per key, on the channels each user chose; the letters after the
commit, retried with growing pauses when the mail server fails, never twice."""

import smtplib
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django_tasks import default_task_backend

from accounts.tests.factories import UserFactory
from notifications import services
from notifications.kinds import Kind
from notifications.models import Notification, Preference
from notifications.tests.conftest import NOON
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def tell(*recipients, key="thing:1", kind=Kind.PLAN_APPROVED):
    services.notify(recipients, kind, subject="План Петрова", key=key, url="/plans/1/")


class FlakyBackend(EmailBackend):
    """The test outbox behind a mail server that refuses the first `failures`
    letters."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "notifications.tests.test_services.FlakyBackend"
    FlakyBackend.failures = 0
    return FlakyBackend


def test_a_user_and_a_persons_account_are_told_once_each(
    mentor, reservist, django_capture_on_commit_callbacks
):
    without_account = PersonFactory.create(organization=mentor.person.organization)
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor, reservist.person, mentor.person, without_account, None)
    rows = Notification.objects.order_by("pk")
    assert [(n.recipient, n.in_app, n.email_status) for n in rows] == [
        (mentor, True, Notification.Email.SENT),
        (reservist, True, Notification.Email.SENT),
    ]
    assert rows[0].title == "План утверждён: План Петрова"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [mentor.email, reservist.email]
    )
    letter = mail.outbox[0]
    assert letter.subject == "Наставник: План утверждён: План Петрова"
    site = django_settings.SITE_URL.rstrip("/")
    assert f"{site}/plans/1/" in letter.body
    assert f"{site}/notifications/settings/" in letter.body


def test_the_same_key_is_told_once(mentor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor)
        tell(mentor)
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor)
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor, key="thing:2")
    assert Notification.objects.count() == 2


def test_an_inactive_account_is_not_told(mentor):
    mentor.is_active = False
    mentor.save()
    tell(mentor)
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("in_app", "email", "stored", "letters"),
    [
        (True, True, [(True, "sent")], 1),
        (True, False, [(True, "none")], 0),
        (False, True, [(False, "sent")], 1),
        (False, False, [], 0),
    ],
)
def test_the_users_channels_are_respected(
    mentor, in_app, email, stored, letters, django_capture_on_commit_callbacks
):
    services.set_preferences(user=mentor, choices={Kind.PLAN_APPROVED: (in_app, email)})
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor)
    rows = Notification.objects.values_list("in_app", "email_status")
    assert list(rows) == stored
    assert len(mail.outbox) == letters


def test_the_defaults_send_item_done_only_in_the_app(
    mentor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor, kind=Kind.ITEM_DONE)
    assert Notification.objects.get().email_status == Notification.Email.NONE
    assert mail.outbox == []


def test_no_address_no_letter(mentor, django_capture_on_commit_callbacks):
    mentor.email = ""
    mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor)
    assert Notification.objects.get().email_status == Notification.Email.NONE


def test_a_failing_mail_server_is_retried_without_losing_or_doubling(
    mentor, flaky, today, django_capture_on_commit_callbacks
):
    flaky.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor)
    row = Notification.objects.get()
    assert (row.email_status, row.email_attempts) == ("pending", 1)
    assert row.email_next_at == NOON + timedelta(minutes=1)
    assert "SMTPServerDisconnected" in row.email_error
    assert mail.outbox == []
    # Before its time a second task does nothing.
    assert services.deliver_email(row.pk) == "pending"
    assert services.retry_due_emails() == 0
    today.shift(timedelta(minutes=1))
    assert services.retry_due_emails() == 1  # fails again: next in 5 minutes
    row.refresh_from_db()
    assert (row.email_attempts, row.email_next_at) == (
        2,
        NOON + timedelta(minutes=6),
    )
    today.shift(timedelta(minutes=5))
    assert services.retry_due_emails() == 1
    row.refresh_from_db()
    assert (row.email_status, row.email_attempts, row.email_error) == ("sent", 3, "")
    assert len(mail.outbox) == 1
    # Whatever asks again later, the letter went once.
    assert services.retry_due_emails() == 0
    assert services.deliver_email(row.pk) == "sent"
    assert len(mail.outbox) == 1


def test_the_sweep_requeues_a_letter_only_when_its_task_seems_lost(mentor, today):
    tell(mentor)  # not committed: its task is never queued
    assert services.retry_due_emails() == 0  # queued just now: wait
    today.shift(services.SWEEP_GRACE - timedelta(seconds=1))
    assert services.retry_due_emails() == 0
    today.shift(timedelta(seconds=1))
    assert services.retry_due_emails() == 1  # sent by the immediate backend
    assert Notification.objects.get().email_status == "sent"
    assert len(mail.outbox) == 1
    today.shift(services.SWEEP_GRACE)
    assert services.retry_due_emails() == 0


def test_the_sweep_waits_for_a_deferred_retry(
    mentor, flaky, settings, today, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    tell(mentor)
    row = Notification.objects.get()
    flaky.failures = 1
    services.deliver_email(row.pk)  # queued again for a minute later
    today.shift(timedelta(minutes=1))
    assert services.retry_due_emails() == 0  # its deferred task is due to run
    today.shift(services.SWEEP_GRACE)
    assert services.retry_due_emails() == 1  # lost, it seems: queued again


def test_a_letter_is_given_up_after_the_last_attempt(
    mentor, flaky, today, django_capture_on_commit_callbacks
):
    flaky.failures = 100
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentor)
    for pause in services.RETRY_PAUSES:
        today.shift(pause)
        services.retry_due_emails()
    row = Notification.objects.get()
    assert (row.email_status, row.email_attempts) == ("failed", services.MAX_ATTEMPTS)
    assert row.in_app and row.read_at is None  # still in the bell
    assert mail.outbox == []


def test_the_retry_is_deferred_on_a_backend_that_can(
    mentor, flaky, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    tell(mentor)
    row = Notification.objects.get()
    flaky.failures = 1
    services.deliver_email(row.pk)
    queued = default_task_backend.results
    assert [(r.task.run_after, r.args, r.kwargs) for r in queued] == [
        (NOON + timedelta(minutes=1), [], {"notification_id": row.pk})
    ]


def test_mark_read_and_all_read(mentor, reservist):
    tell(mentor)
    tell(mentor, key="thing:2")
    tell(reservist)
    first = Notification.objects.filter(recipient=mentor).first()
    services.mark_read(notification=first)
    read_at = first.read_at
    services.mark_read(notification=first)
    first.refresh_from_db()
    assert first.read_at == read_at
    assert services.mark_all_read(user=mentor) == 1
    assert (
        Notification.objects.filter(read_at__isnull=True).get().recipient == reservist
    )


def test_unknown_kind_of_preference_is_refused_and_nothing_saved(mentor):
    with pytest.raises(ValidationError):
        services.set_preferences(
            user=mentor,
            choices={Kind.OVERDUE: (False, False), "nonsense": (True, True)},
        )
    assert not Preference.objects.exists()


def test_preferences_default_to_the_catalogue(mentor):
    chosen = services.preferences_of(mentor)
    assert chosen[Kind.ITEM_DONE] == (True, False)
    assert chosen[Kind.OVERDUE] == (True, True)
    assert list(chosen) == list(Kind.values)


def test_an_unknown_kind_is_a_programming_error(mentor):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        tell(mentor, kind="nonsense")


def test_a_persons_account_needs_no_query(mentor, django_assert_num_queries):
    person = mentor.person
    with django_assert_num_queries(0):
        assert services.user_ids([person, mentor, None]) == [mentor.pk]


def test_the_numbers_of_queries_do_not_grow_with_recipients(
    django_assert_num_queries, school
):
    few = [UserFactory.create() for _ in range(2)]
    many = [UserFactory.create() for _ in range(20)]
    with django_assert_num_queries(4):
        tell(*few)
    with django_assert_num_queries(4):
        tell(*many)
    assert Notification.objects.count() == 22


def test_a_letter_for_an_unknown_row_does_nothing(db):
    assert services.deliver_email(123456) == ""
    UserFactory.create()
    assert services.retry_due_emails() == 0
