from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import services
from accounts.models import ApiToken, Role
from accounts.tests.factories import UserFactory


def test_issue_token_stores_only_the_digest(db):
    user = UserFactory()

    raw = services.issue_token(user=user)

    token = ApiToken.objects.get()
    assert token.digest == ApiToken.make_digest(raw)
    assert raw not in token.digest


def test_issue_token_keeps_its_beginning_to_recognise_it(db):
    with time_machine.travel("2026-11-24 09:00 +07:00", tick=False):
        raw = services.issue_token(user=UserFactory())

    token = ApiToken.objects.get()
    assert token.prefix == raw[:8]
    assert len(raw) > 40
    assert token.last_used_at == token.created_at


def test_user_for_token_notes_a_use_at_most_once_an_hour(db, django_assert_num_queries):
    with time_machine.travel("2026-11-24 09:00 +07:00", tick=False) as clock:
        raw = services.issue_token(user=UserFactory())
        issued = ApiToken.objects.get().last_used_at
        clock.shift(timedelta(minutes=59))
        with django_assert_num_queries(1):  # the token with its account
            services.user_for_token(raw)
        assert ApiToken.objects.get().last_used_at == issued

        clock.shift(timedelta(minutes=2))
        with django_assert_num_queries(2):  # the token, the note of its use
            services.user_for_token(raw)

    assert ApiToken.objects.get().last_used_at == issued + timedelta(minutes=61)


def test_revoke_api_token_deletes_only_that_token(db):
    user = UserFactory()
    services.issue_token(user=user)
    kept = services.issue_token(user=user)
    token = ApiToken.objects.order_by("pk").first()

    services.revoke_api_token(token=token)

    assert [services.user_for_token(kept)] == [user]
    assert ApiToken.objects.count() == 1


def test_user_for_token_finds_the_owner_of_a_valid_token(db):
    user = UserFactory()
    raw = services.issue_token(user=user)

    assert services.user_for_token(raw) == user


def test_user_for_token_rejects_unknown_token(db):
    assert services.user_for_token("nonsense") is None


def test_user_for_token_rejects_expired_token(db, settings):
    user = UserFactory()
    raw = services.issue_token(user=user)
    later = timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS, minutes=1)

    with time_machine.travel(later):
        assert services.user_for_token(raw) is None


def test_user_for_token_rejects_token_of_inactive_user(db):
    user = UserFactory(is_active=False)
    raw = services.issue_token(user=user)

    assert services.user_for_token(raw) is None


def test_assign_role_gives_coordinator_a_municipality(municipality):
    user = UserFactory()

    assignment = services.assign_role(
        user=user, role=Role.COORDINATOR, municipality=municipality
    )

    assert assignment.pk
    assert assignment.history.get().history_type == "+"


def test_assign_role_refuses_coordinator_without_municipality(db):
    with pytest.raises(ValidationError) as e:
        services.assign_role(user=UserFactory(), role=Role.COORDINATOR)

    assert e.value.messages == [
        "Для координатора нужно указать муниципальное образование."
    ]


def test_assign_role_refuses_head_without_organization(db):
    with pytest.raises(ValidationError) as e:
        services.assign_role(user=UserFactory(), role=Role.HEAD)

    assert e.value.messages == ["Для руководителя нужно указать организацию."]


def test_assign_role_refuses_the_same_role_twice(db):
    user = UserFactory()
    services.assign_role(user=user, role=Role.MENTOR)

    with pytest.raises(ValidationError) as e:
        services.assign_role(user=user, role=Role.MENTOR)

    assert e.value.messages == ["У учётной записи уже есть эта роль."]
