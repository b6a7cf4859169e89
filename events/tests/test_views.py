"""The pages of events: list, card, forms, «My events», and what they refuse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import services
from events.models import Event, EventKind, EventMaterial, Involvement
from events.tests.conftest import make_event
from plans.models import PlanItem
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

PDF = b"%PDF-1.4\n% test\n"


@pytest.mark.parametrize("n", [2, 30])
def test_list_query_count_does_not_grow(
    client, coordinator, school, django_assert_num_queries, n
):
    for i in range(n):
        make_event(organization=school, title=f"Событие {i}", day=1 + i % 28)
    client.force_login(coordinator)
    # session, user, roles, person, organisations and kinds of the filters,
    # count, keys of the page, the page's rows
    with django_assert_num_queries(9):
        response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(n, 25)


def test_list_filters_by_organiser_and_kind(client, coordinator, school, municipality):
    make_event(organization=school, title="Школьный семинар")
    conference = EventKind.objects.get(municipality=municipality, name="Конференция")
    make_event(municipality=municipality, title="Муниципальная", kind=conference)
    client.force_login(coordinator)
    response = client.get(reverse("events:list"), {"organizer": "authority"})
    assert [e.title for e in response.context["page"]] == ["Муниципальная"]
    response = client.get(reverse("events:list"), {"kind": conference.pk})
    assert [e.title for e in response.context["page"]] == ["Муниципальная"]
    response = client.get(reverse("events:list"), {"date_from": "2027-02-01"})
    assert list(response.context["page"]) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [("reservist", 403), ("commission", 403), ("mentor", 200), ("head", 200)],
)
def test_list_is_for_staff(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("events:list")).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("head", 200),
        ("mentor", 200),
        ("reservist", 200),
        ("commission", 404),
        ("stranger", 404),
        ("other_mentor", 200),
    ],
)
def test_card_by_role(client, request, involvement, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("events:card", args=[involvement.event_id]))
    assert response.status_code == status
    if who == "other_mentor":  # sees the school's event, not another's reservist
        assert response.context["involvements"] == []


def test_mentor_creates_an_event_of_their_school(client, mentor, school, municipality):
    client.force_login(mentor)
    kind = EventKind.objects.get(municipality=municipality, name="Семинар")
    response = client.post(
        reverse("events:create"),
        {
            "organizer": school.pk,
            "kind": kind.pk,
            "title": "Совещание",
            "starts_at": "2027-01-20T10:00",
            "ends_at": "2027-01-20T11:00",
            "place": "Кабинет 12",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.organization == school
    assert event.created_by == mentor


def test_create_refuses_an_end_before_the_start(client, coordinator, municipality):
    client.force_login(coordinator)
    kind = EventKind.objects.get(municipality=municipality, name="Семинар")
    response = client.post(
        reverse("events:create"),
        {
            "organizer": "authority",
            "kind": kind.pk,
            "title": "Семинар",
            "starts_at": "2027-01-20T10:00",
            "ends_at": "2027-01-20T09:00",
            "place": "Зал",
        },
    )
    assert response.status_code == 422
    assert "ends_at" in response.context["form"].errors
    assert not Event.objects.exists()


def test_mentor_may_not_organise_for_the_authority(client, mentor, municipality):
    client.force_login(mentor)
    kind = EventKind.objects.get(municipality=municipality, name="Семинар")
    response = client.post(
        reverse("events:create"),
        {
            "organizer": "authority",
            "kind": kind.pk,
            "title": "Семинар",
            "starts_at": "2027-01-20T10:00",
            "ends_at": "2027-01-20T12:00",
            "place": "Зал",
        },
    )
    assert response.status_code == 422
    assert not Event.objects.exists()


def test_involve_refuses_a_deadline_after_the_event(
    client, mentor, seminar, mentorship
):
    client.force_login(mentor)
    response = client.post(
        reverse("events:involve", args=[seminar.pk]),
        {"mentorship": mentorship.pk, "degree": "speaker", "prepare_by": "2027-02-01"},
    )
    assert response.status_code == 422
    assert "prepare_by" in response.context["form"].errors
    assert not Involvement.objects.exists()


def test_involve_refuses_a_second_involvement(client, mentor, involvement, mentorship):
    client.force_login(mentor)
    response = client.post(
        reverse("events:involve", args=[involvement.event_id]),
        {"mentorship": mentorship.pk, "degree": "listener"},
    )
    assert response.status_code == 422
    assert Involvement.objects.count() == 1


def test_involve_refuses_another_mentors_reservist(
    client, other_mentor, seminar, mentorship
):
    client.force_login(other_mentor)
    response = client.post(
        reverse("events:involve", args=[seminar.pk]),
        {"mentorship": mentorship.pk, "degree": "listener"},
    )
    assert response.status_code == 422
    assert "mentorship" in response.context["form"].errors
    assert not Involvement.objects.exists()


def test_reservist_may_not_mark_attendance(client, reservist, involvement):
    client.force_login(reservist)
    response = client.post(
        reverse("events:attendance", args=[involvement.pk]),
        {"attendance": "attended"},
    )
    assert response.status_code == 403
    involvement.refresh_from_db()
    assert involvement.attendance == ""


def test_outcome_refuses_a_file_that_lies(client, reservist, involvement):
    involvement.status = Involvement.Status.ACCEPTED
    involvement.save()
    client.force_login(reservist)
    response = client.post(
        reverse("events:outcome", args=[involvement.pk]),
        {"outcome_text": "Тезисы", "file": SimpleUploadedFile("a.pdf", b"MZ exe")},
    )
    assert response.status_code == 422
    assert "file" in response.context["form"].errors
    involvement.refresh_from_db()
    assert involvement.outcome_text == ""


def test_material_refuses_a_file_that_lies(client, mentor, seminar):
    client.force_login(mentor)
    response = client.post(
        reverse("events:material_add", args=[seminar.pk]),
        {"file": SimpleUploadedFile("programme.docx", b"%PDF-1.4 x")},
    )
    assert response.status_code == 422
    assert not EventMaterial.objects.exists()


def test_the_whole_way_to_a_done_plan_item(
    client, mentor, reservist, seminar, mentorship, plan_item
):
    client.force_login(mentor)
    response = client.post(
        reverse("events:involve", args=[seminar.pk]),
        {
            "mentorship": mentorship.pk,
            "degree": "speaker",
            "task": "Доклад",
            "prepare_by": "2027-01-13",
            "plan_item": plan_item.pk,
        },
    )
    assert response.status_code == 302
    involvement = Involvement.objects.get()
    client.force_login(reservist)
    response = client.get(reverse("events:mine"))
    assert "Доклад" in response.content.decode()
    client.post(reverse("events:respond", args=[involvement.pk]), {"answer": "accept"})
    client.post(
        reverse("events:outcome", args=[involvement.pk]),
        {"outcome_text": "Тезисы", "file": SimpleUploadedFile("t.pdf", PDF)},
    )
    client.force_login(mentor)
    response = client.post(
        reverse("events:attendance", args=[involvement.pk]),
        {"attendance": "attended", "feedback": "Отлично", "complete_item": "on"},
    )
    assert response.status_code == 302
    plan_item.refresh_from_db()
    assert plan_item.status == PlanItem.Status.DONE
    assert plan_item.confirmed_at is not None


def test_coordinator_invites_several(client, coordinator, seminar, school):
    first, second = ReserveEntryFactory.create_batch(2, person__organization=school)
    client.force_login(coordinator)
    url = reverse("events:invite_many", args=[seminar.pk])
    response = client.get(url, {"organization": school.pk})
    assert {e.pk for e in _offered(response)} >= {first.pk, second.pk}
    response = client.post(
        url,
        {"entries": [first.pk, second.pk], "degree": "speaker", "task": "Доклад"},
    )
    assert response.status_code == 302
    made = seminar.involvements.filter(reserve_entry__in=[first, second])
    assert made.count() == 2
    assert {i.degree for i in made} == {"speaker"}
    assert {i.task for i in made} == {"Доклад"}
    # already involved: no longer offered, and refused when posted again
    response = client.get(url, {"organization": school.pk})
    assert not {e.pk for e in _offered(response)} & {first.pk, second.pk}
    response = client.post(url, {"entries": [first.pk], "degree": "listener"})
    assert response.status_code == 422
    assert "нельзя пригласить" in response.content.decode()


def _offered(response):
    """The reservists the page offers as checkboxes."""
    field = response.context["form"].fields["entries"]
    pks = [int(str(pk)) for pk, _label in field.widget.choices]
    return list(ReserveEntry.objects.filter(pk__in=pks))


def test_invite_page_lists_nobody_until_narrowed(client, coordinator, seminar, school):
    ReserveEntryFactory(person__organization=school)
    client.force_login(coordinator)
    response = client.get(reverse("events:invite_many", args=[seminar.pk]))
    assert response.status_code == 200
    assert _offered(response) == []
    assert "Выберите организацию или введите ФИО" in response.content.decode()


def test_invite_page_cost_does_not_grow(
    client, coordinator, seminar, school, other_school, django_assert_num_queries
):
    """5 and then 60 active reservists of «School»: the page narrowed to the other
    organisation, and the page before narrowing, cost the same queries and bytes."""
    ReserveEntryFactory(
        person__organization=other_school,
        person__last_name="Постоянная",
        person__first_name="Анна",
    )
    client.force_login(coordinator)
    url = reverse("events:invite_many", args=[seminar.pk])

    client.get(url)  # the user's roles and person are cached from here on

    def measure():
        # session, user, the event, the chosen organisation, the listed rows, the
        # organisations of the select; before narrowing no chosen one and no rows
        with django_assert_num_queries(6):
            narrowed = client.get(url, {"organization": other_school.pk})
        with django_assert_num_queries(4):
            plain = client.get(url)
        assert len(_offered(narrowed)) == 1
        return len(narrowed.content), len(plain.content)

    ReserveEntryFactory.create_batch(5, person__organization=school)
    small = measure()
    ReserveEntryFactory.create_batch(55, person__organization=school)
    assert measure() == small


def test_invite_page_caps_the_list(client, coordinator, seminar, school):
    ReserveEntryFactory.create_batch(51, person__organization=school)
    client.force_login(coordinator)
    url = reverse("events:invite_many", args=[seminar.pk])
    response = client.get(url, {"organization": school.pk})
    assert len(_offered(response)) == 50
    assert "Показаны первые 50 — уточните поиск." in response.content.decode()
    response = client.get(url, {"q": "Surname"}, headers={"HX-Request": "true"})
    assert "Показаны первые 50" in response.content.decode()
    assert "<html" not in response.content.decode()  # the list only, for htmx


def test_invite_page_narrows_by_organisation_and_name(
    client, coordinator, seminar, school, other_school
):
    ivanova = ReserveEntryFactory(
        person__organization=school, person__last_name="Иванова"
    )
    ivanov = ReserveEntryFactory(
        person__organization=other_school, person__last_name="Иванов"
    )
    petrov = ReserveEntryFactory(
        person__organization=school, person__last_name="Петров"
    )
    client.force_login(coordinator)
    url = reverse("events:invite_many", args=[seminar.pk])
    response = client.get(url, {"organization": school.pk})
    offered = {e.pk for e in _offered(response)}
    assert {ivanova.pk, petrov.pk} <= offered
    assert ivanov.pk not in offered
    response = client.get(url, {"q": "иванов"})
    assert {e.pk for e in _offered(response)} == {ivanova.pk, ivanov.pk}
    response = client.get(url, {"q": "ИВАНОВ", "organization": other_school.pk})
    assert {e.pk for e in _offered(response)} == {ivanov.pk}


def test_invite_refuses_a_reservist_out_of_scope(
    client, coordinator, seminar, school, far_school
):
    mine = ReserveEntryFactory(person__organization=school)
    far = ReserveEntryFactory(person__organization=far_school)
    client.force_login(coordinator)
    response = client.post(
        reverse("events:invite_many", args=[seminar.pk]),
        {"entries": [mine.pk, far.pk], "degree": "listener"},
    )
    assert response.status_code == 422
    assert (
        f"Резервиста {far.pk} нельзя пригласить на это мероприятие"
        in response.content.decode()
    )
    assert not seminar.involvements.filter(reserve_entry__in=[mine, far]).exists()


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_registration_sheet(client, mentor, involvement, fmt):
    client.force_login(mentor)
    response = client.get(
        reverse("events:registration", args=[involvement.event_id, fmt])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_registration_sheet_is_not_the_reservists(client, reservist, involvement):
    client.force_login(reservist)
    url = reverse("events:registration", args=[involvement.event_id, "pdf"])
    assert client.get(url).status_code == 403


def test_coordinator_adds_a_kind(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(reverse("events:kinds"), {"name": "Круглый стол"})
    assert response.status_code == 302
    assert EventKind.objects.filter(municipality=municipality, name="Круглый стол")
    assert client.post(reverse("events:kinds"), {"name": "Семинар"}).status_code == 422


@pytest.mark.parametrize("n", [1, 12])
def test_card_query_count_does_not_grow(
    client, coordinator, seminar, school, django_assert_num_queries, n
):
    entries = ReserveEntryFactory.create_batch(n, person__organization=school)
    services.invite_many(event=seminar, entries=entries, degree="listener", by=None)
    client.force_login(coordinator)
    # session, user, roles, person, the event, involvements, access log, materials
    with django_assert_num_queries(8):
        response = client.get(reverse("events:card", args=[seminar.pk]))
    assert len(response.context["involvements"]) == n


@pytest.mark.parametrize("n", [1, 12])
def test_my_events_query_count_does_not_grow(
    client, reservist, mentorship, mentor, school, django_assert_num_queries, n
):
    for i in range(n):
        event = make_event(organization=school, title=f"Событие {i}", day=1 + i)
        services.involve(
            event=event, mentorship=mentorship, degree="listener", by=mentor
        )
    client.force_login(reservist)
    # session, user, roles, person, the involvements
    with django_assert_num_queries(5):
        response = client.get(reverse("events:mine"))
    assert len(response.context["involvements"]) == n
