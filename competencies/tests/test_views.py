"""Pages: the framework, «my competencies», the assessment form and the profile,
for every role in and out of scope; bad input refused, nothing saved."""

import pytest
from django.urls import reverse

from competencies import services
from competencies.models import Assessment
from competencies.tests.conftest import submit


def _form_data(mentorship, *levels, **extra):
    version = services.current_version(mentorship.municipality)
    data = {}
    for i, c in enumerate(version.competencies.all()):
        data[f"level_{c.pk}"] = levels[i] if i < len(levels) else 3
        data[f"comment_{c.pk}"] = ""
    return data | extra


def test_reservist_self_assesses(client, reservist, mentorship):
    client.force_login(reservist)
    url = reverse("competencies:assess", args=[mentorship.pk, "start"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Самооценка" in page.text
    response = client.post(url, _form_data(mentorship, 5, 4))
    assert response.status_code == 302
    a = Assessment.objects.get()
    assert (a.point, a.role, a.author) == ("start", "self", reservist)
    # A second one at the point: a clear message, nothing saved.
    again = client.post(url, _form_data(mentorship))
    assert again.status_code == 422
    assert "уже отправлена" in again.text
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("level", ["0", "6", "abc", ""])
def test_bad_level_is_refused(client, mentor, mentorship, level):
    client.force_login(mentor)
    url = reverse("competencies:assess", args=[mentorship.pk, "middle"])
    response = client.post(url, _form_data(mentorship, level))
    assert response.status_code == 422
    assert "Уровень должен быть от 1 до 5." in response.text or (
        "Выберите уровень." in response.text
    )
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("commission", 404),
        ("coordinator", 404),
        ("head", 404),
        ("stranger", 404),
    ],
)
def test_others_do_not_assess(client, request, mentorship, role, status):
    client.force_login(request.getfixturevalue(role))
    url = reverse("competencies:assess", args=[mentorship.pk, "start"])
    assert client.post(url, _form_data(mentorship)).status_code == status
    assert not Assessment.objects.exists()


def test_unknown_point_is_404(client, mentor, mentorship):
    client.force_login(mentor)
    url = reverse("competencies:assess", args=[mentorship.pk, "later"])
    assert client.get(url).status_code == 404


def test_profile_hides_the_mentors_until_both(client, reservist, mentorship):
    submit(mentorship, "mentor", "start", 1, 2)
    client.force_login(reservist)
    url = reverse("competencies:profile", args=[mentorship.reserve_entry_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "Оценок пока нет." in page.text
    submit(mentorship, "self", "start", 5, 2)
    page = client.get(url)
    assert 'id="profile-start"' in page.text
    assert 'id="gaps-start"' in page.text
    assert "самооценка 5, наставник 1" in page.text


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("head", 200),
        ("mentor", 200),
        ("reservist", 200),
        ("superuser", 200),
        ("stranger", 404),
        ("commission", 404),
    ],
)
def test_profile_by_role(client, request, mentorship, role, status):
    submit(mentorship, "self")
    submit(mentorship, "mentor")
    client.force_login(request.getfixturevalue(role))
    url = reverse("competencies:profile", args=[mentorship.reserve_entry_id])
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert "Наибольшие расхождения" not in response.text  # all levels equal
        assert "совпадают" in response.text


def test_card_links_to_the_profile(client, coordinator, mentorship):
    client.force_login(coordinator)
    card = client.get(reverse("reserve:card", args=[mentorship.reserve_entry_id]))
    url = reverse("competencies:profile", args=[mentorship.reserve_entry_id])
    assert f'href="{url}"' in card.text


def test_mine_lists_points(client, reservist, mentor, mentorship):
    submit(mentorship, "self")
    client.force_login(reservist)
    page = client.get(reverse("competencies:mine"))
    assert page.status_code == 200
    assert "Мои компетенции" in page.text
    assert reverse("competencies:assess", args=[mentorship.pk, "middle"]) in page.text
    assert (
        reverse("competencies:assess", args=[mentorship.pk, "start"]) not in page.text
    )
    client.force_login(mentor)
    page = client.get(reverse("competencies:mine"))
    assert reverse("competencies:assess", args=[mentorship.pk, "start"]) in page.text


def test_mine_is_forbidden_to_a_coordinator(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("competencies:mine")).status_code == 403


def test_coordinator_keeps_the_framework(client, coordinator, municipality):
    client.force_login(coordinator)
    page = client.get(reverse("competencies:framework"))
    assert page.status_code == 200
    assert "Правовая компетентность" in page.text
    assert client.post(reverse("competencies:draft_create")).status_code == 302
    new = client.post(
        reverse("competencies:competency_create"),
        {"name": "Цифровая трансформация", "description": "Описание"}
        | {f"level_{n}": f"Уровень {n}" for n in range(1, 6)},
    )
    assert new.status_code == 302
    missing = client.post(
        reverse("competencies:competency_create"), {"name": "Без уровней"}
    )
    assert missing.status_code == 422
    assert client.post(reverse("competencies:draft_approve")).status_code == 302
    version = services.current_version(municipality)
    assert version.number == 2
    assert version.competencies.count() == 8


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_framework_is_forbidden_to_others(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("competencies:framework")).status_code == 403
    assert client.post(reverse("competencies:draft_create")).status_code == 403


def test_menu(client, coordinator, reservist):
    client.force_login(coordinator)
    assert "Компетенции" in client.get("/").text
    client.force_login(reservist)
    assert "Мои компетенции" in client.get("/").text
