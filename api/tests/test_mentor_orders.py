"""/mentor-orders: the head's orders on mentors (clauses 4–7): scope, the draft and
its lines, every rule of the services, registration, the document and the scan."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.tests.conftest import API, START, make_eligible, make_order, ru
from mentorships import services
from mentorships.models import MentorOrder, Mentorship
from mentorships.tests.factories import EligibleMentorFactory
from people.models import PersonViewLog
from people.tests.factories import PersonFactory, PositionFactory
from reserve.models import ReserveEntry
from reserve.services import exclude_reservist
from reserve.tests.factories import ReserveEntryFactory

URL = f"{API}/mentor-orders"
JSON = "application/json"
PDF = b"%PDF-1.4 signed copy"
NOT_AVAILABLE = "Такого объекта нет или он вам недоступен."


def line(mentor, entry, starts_on="2026-09-10", planned_end_on="2027-09-10") -> dict:
    return {
        "mentor_id": mentor.pk,
        "reserve_entry_id": entry.pk,
        "starts_on": starts_on,
        "planned_end_on": planned_end_on,
    }


def order_body(organization, *lines: dict, number: str = "15") -> dict:
    return {
        "organization_id": organization.pk,
        "number": number,
        "date": "2026-09-10",
        "signatory_name": "Кузнецов Андрей Петрович",
        "signatory_position": "Директор",
        "lines": list(lines),
    }


def numbers(response) -> list[str]:
    return [o["number"] for o in response.json()["items"]]


def line_error(n: int, message: str) -> str:
    return ru("Line %(n)s: %(message)s") % {"n": n, "message": message}


def assert_nothing_saved(orders: int = 0, mentorships: int = 0) -> None:
    assert MentorOrder.objects.count() == orders
    assert Mentorship.objects.count() == mentorships


@pytest.fixture
def draft(mentor_person, entry) -> MentorOrder:
    """A draft order of School: the mentor for the reservist."""
    return make_order(mentor_person, entry, register=False)


@pytest.fixture
def other_order(other_school) -> MentorOrder:
    """A registered order of Other school."""
    mentor = EligibleMentorFactory.create(organization=other_school)
    return make_order(
        mentor,
        ReserveEntryFactory.create(person__organization=other_school),
        number="2",
    )


# ----------------------------------------------------------------------- list


def test_list_shows_the_coordinator_the_municipality(
    api_client, coordinator, draft, other_order
):
    response = api_client(coordinator).get(URL)

    assert response.status_code == 200
    assert numbers(response) == ["2", "1"]


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_list_shows_others_their_own_orders(
    request, api_client, role, draft, other_order
):
    user = request.getfixturevalue(role)

    assert numbers(api_client(user).get(URL)) == ["1"]


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_list_hides_the_orders_from_others(request, api_client, role, draft):
    user = request.getfixturevalue(role)

    assert numbers(api_client(user).get(URL)) == []


def test_list_is_401_for_an_anonymous_client(api_client, draft):
    assert api_client().get(URL).status_code == 401


def test_list_item_has_the_documented_fields(api_client, head, school, draft):
    item = api_client(head).get(URL).json()["items"][0]

    assert item == {
        "id": draft.pk,
        "organization": {"id": school.pk, "short_name": "School"},
        "number": "1",
        "date": "2026-09-10",
        "title": ru("On assigning mentors to reservists"),
        "signatory_name": "Кузнецов Андрей Петрович",
        "signatory_position": "Директор",
        "status": "draft",
        "status_display": ru("draft"),
        "registered_at": None,
        "has_scan": False,
        "n_lines": 1,
    }


def test_list_filters(api_client, coordinator, other_school, draft, other_order):
    client = api_client(coordinator)

    assert numbers(client.get(URL, {"organization_id": other_school.pk})) == ["2"]
    assert numbers(client.get(URL, {"status": "draft"})) == ["1"]
    assert numbers(client.get(URL, {"status": "registered"})) == ["2"]


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, school, other_school, django_assert_max_num_queries, n_rows
):
    for i in range(n_rows):
        organization = school if i % 2 else other_school
        make_order(
            EligibleMentorFactory(organization=organization),
            ReserveEntryFactory(person__organization=organization),
            number=str(i),
            register=bool(i % 3),
        )
    client = api_client(coordinator)

    # token, roles, person, count, the page's keys, the page annotated
    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


# ------------------------------------------------------------------------ get


def test_get_shows_the_lines(api_client, reservist, mentor_person, entry, draft):
    response = api_client(reservist).get(f"{URL}/{draft.pk}")

    assert response.status_code == 200
    body = response.json()
    assert "n_lines" not in body
    mentorship = draft.mentorships.get()
    reservist_person = entry.person
    assert body["lines"] == [
        {
            "id": mentorship.pk,
            "mentor": {
                "id": mentor_person.pk,
                "full_name": "Mentor Name Patronymic",
                "organization": {
                    "id": mentor_person.organization_id,
                    "short_name": "School",
                },
                "position": {
                    "id": mentor_person.position_id,
                    "name": "Заместитель директора",
                    "is_administrative": True,
                },
            },
            "reserve_entry_id": entry.pk,
            "reservist": {
                "id": reservist_person.pk,
                "full_name": "Reservist Name Patronymic",
                "organization": {
                    "id": reservist_person.organization_id,
                    "short_name": "School",
                },
                "position": {
                    "id": reservist_person.position_id,
                    "name": reservist_person.position.name,
                    "is_administrative": False,
                },
            },
            "target_position": {
                "id": entry.target_position_id,
                "name": "Директор школы",
            },
            "starts_on": "2026-09-10",
            "planned_end_on": "2027-09-10",
            "replaces_id": None,
            "status": "pending",
        }
    ]


def test_get_names_the_replaced_mentorship(
    api_client, head, school, mentor_person, entry
):
    first = make_order(mentor_person, entry)
    new_mentor = EligibleMentorFactory(organization=school)
    second = make_order(new_mentor, entry, number="2", register=False)

    response = api_client(head).get(f"{URL}/{second.pk}")

    assert response.json()["lines"][0]["replaces_id"] == first.mentorships.get().pk


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_get_is_404_outside_the_scope(request, api_client, role, draft):
    user = request.getfixturevalue(role)

    response = api_client(user).get(f"{URL}/{draft.pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Объект не найден.", "errors": {}}


# --------------------------------------------------------------------- create


def test_create_makes_a_draft_with_pending_lines(
    api_client, head, school, mentor_person, entry
):
    response = api_client(head).post(
        URL, order_body(school, line(mentor_person, entry)), content_type=JSON
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["status"], body["title"]) == (
        "15",
        "draft",
        ru("On assigning mentors to reservists"),
    )
    order = MentorOrder.objects.get(pk=body["id"])
    assert order.organization == school
    mentorship = order.mentorships.get()
    assert (mentorship.mentor, mentorship.reserve_entry) == (mentor_person, entry)
    assert mentorship.status == Mentorship.Status.PENDING
    assert body["lines"][0]["id"] == mentorship.pk


def test_create_refuses_dates_before_2000_or_beyond_2100(
    api_client, head, school, mentor_person, entry
):
    body = order_body(school, line(mentor_person, entry, planned_end_on="9999-12-31"))

    response = api_client(head).post(
        URL, {**body, "date": "1999-12-31"}, content_type=JSON
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "date": ["Введите дату в промежутке с 01.01.2000 по 31.12.2100."],
        "lines.0.planned_end_on": [
            "Введите дату в промежутке с 01.01.2000 по 31.12.2100."
        ],
    }
    assert_nothing_saved()


def test_create_takes_a_title(api_client, head, school, mentor_person, entry):
    body = {**order_body(school, line(mentor_person, entry)), "title": "О наставниках"}

    response = api_client(head).post(URL, body, content_type=JSON)

    assert response.json()["title"] == "О наставниках"


@pytest.mark.parametrize("role", ["coordinator", "mentor", "reservist", "commission"])
def test_create_is_403_for_those_who_head_nothing(
    request, api_client, role, school, mentor_person, entry
):
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        URL, order_body(school, line(mentor_person, entry)), content_type=JSON
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "Недостаточно прав для этого действия."
    assert_nothing_saved()


def test_create_is_401_for_an_anonymous_client(
    api_client, school, mentor_person, entry
):
    response = api_client().post(
        URL, order_body(school, line(mentor_person, entry)), content_type=JSON
    )

    assert response.status_code == 401
    assert_nothing_saved()


def test_create_refuses_an_organisation_the_head_does_not_head(
    api_client, head, other_school, mentor_person, entry
):
    response = api_client(head).post(
        URL, order_body(other_school, line(mentor_person, entry)), content_type=JSON
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"organization_id": [NOT_AVAILABLE]}
    assert_nothing_saved()


def test_create_names_every_id_it_cannot_resolve(
    api_client, head, school, other_school, far_school, mentor_person, entry
):
    """Mentors come from the organisation, reservists from the active entries the
    caller sees; anything else is a 422 on the line's field."""
    outsider = EligibleMentorFactory(organization=other_school)
    far_entry = ReserveEntryFactory(person__organization=far_school)
    excluded = ReserveEntryFactory(
        person__organization=school, status=ReserveEntry.Status.EXCLUDED
    )

    response = api_client(head).post(
        URL,
        order_body(
            school,
            line(mentor_person, entry),
            line(outsider, far_entry),
            line(mentor_person, excluded),
        ),
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Запрос содержит некорректные данные.",
        "errors": {
            "lines.1.mentor_id": [NOT_AVAILABLE],
            "lines.1.reserve_entry_id": [NOT_AVAILABLE],
            "lines.2.reserve_entry_id": [NOT_AVAILABLE],
        },
    }
    assert_nothing_saved()


def test_create_checks_the_shape_of_the_lines(api_client, head, school):
    body = order_body(school, {"mentor_id": "x", "starts_on": "10.09.2026"})

    response = api_client(head).post(URL, body, content_type=JSON)

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "lines.0.mentor_id": ["Неверный тип значения: ожидается целое число."],
        "lines.0.reserve_entry_id": ["Обязательное поле."],
        "lines.0.starts_on": ["Введите правильную дату в формате ГГГГ-ММ-ДД."],
        "lines.0.planned_end_on": ["Обязательное поле."],
    }


def test_create_refuses_an_empty_order(api_client, head, school):
    response = api_client(head).post(URL, order_body(school), content_type=JSON)

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru("Add at least one mentor and reservist to the order."),
        "errors": {},
    }
    assert_nothing_saved()


def test_create_says_which_condition_of_clause_6_the_mentor_fails(
    api_client, head, school, entry
):
    position = PositionFactory(
        municipality=school.municipality, name="Завуч", is_administrative=True
    )
    unready = PersonFactory(
        organization=school,
        position=position,
        management_experience=Decimal(10),
        last_name="Неготов",
    )

    response = api_client(head).post(
        URL, order_body(school, line(unready, entry)), content_type=JSON
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": line_error(
            1,
            ru("%(name)s has not confirmed readiness to mentor.")
            % {"name": unready.full_name},
        ),
        "errors": {},
    }
    assert_nothing_saved()


def test_create_names_every_failed_condition(api_client, head, school, entry):
    teacher = PersonFactory(organization=school, management_experience=Decimal(1))

    response = api_client(head).post(
        URL, order_body(school, line(teacher, entry)), content_type=JSON
    )

    assert response.status_code == 400
    name = teacher.full_name
    assert response.json()["detail"] == " ".join(
        [
            line_error(
                1,
                ru("%(name)s does not hold an administrative position (%(position)s).")
                % {"name": name, "position": teacher.position.name},
            ),
            line_error(
                1,
                ru(
                    "%(name)s has %(years)s years of management experience; "
                    "at least %(min)s are required."
                )
                % {"name": name, "years": "1", "min": "3"},
            ),
            line_error(
                1,
                ru("%(name)s has not confirmed readiness to mentor.") % {"name": name},
            ),
        ]
    )
    assert_nothing_saved()


def test_create_refuses_a_mentor_over_the_load(
    api_client, head, school, mentor_person, entry
):
    school.municipality.mentor_max_load = 1
    school.municipality.save()
    second = ReserveEntryFactory(person__organization=school)

    response = api_client(head).post(
        URL,
        order_body(school, line(mentor_person, entry), line(mentor_person, second)),
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["detail"] == line_error(
        2,
        ru("%(name)s would have %(n)s reservists; the limit is %(max)s.")
        % {"name": mentor_person.full_name, "n": 2, "max": 1},
    )
    assert_nothing_saved()


def test_create_refuses_a_second_mentor_for_the_reservist(
    api_client, head, school, mentor_person, entry, draft
):
    other_mentor = EligibleMentorFactory(organization=school)

    response = api_client(head).post(
        URL, order_body(school, line(other_mentor, entry)), content_type=JSON
    )

    assert response.status_code == 400
    order = ru("Order No. %(number)s of %(date)s") % {
        "number": "1",
        "date": "10.09.2026",
    }
    assert response.json()["detail"] == line_error(
        1,
        ru("%(name)s already has a mentor pending order %(order)s.")
        % {"name": entry.person.full_name, "order": order},
    )
    assert_nothing_saved(orders=1, mentorships=1)


def test_create_refuses_the_active_mentor_again(
    api_client, head, school, mentor_person, entry
):
    make_order(mentor_person, entry)

    response = api_client(head).post(
        URL, order_body(school, line(mentor_person, entry)), content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["detail"] == line_error(
        1,
        ru("%(mentor)s already mentors %(name)s.")
        % {"mentor": mentor_person.full_name, "name": entry.person.full_name},
    )
    assert_nothing_saved(orders=1, mentorships=1)


def test_create_refuses_a_reservist_of_another_organisation(
    api_client, superuser, school, other_school, mentor_person
):
    elsewhere = ReserveEntryFactory(person__organization=other_school)

    response = api_client(superuser).post(
        URL, order_body(school, line(mentor_person, elsewhere)), content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["detail"] == line_error(
        1,
        ru("%(name)s does not work in %(organization)s.")
        % {"name": elsewhere.person.full_name, "organization": "School"},
    )
    assert_nothing_saved()


def test_create_refuses_an_end_before_the_start(
    api_client, head, school, mentor_person, entry
):
    body = order_body(
        school,
        line(mentor_person, entry, starts_on="2026-09-10", planned_end_on="2026-09-10"),
    )

    response = api_client(head).post(URL, body, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"] == line_error(
        1, ru("The planned end must be after the start.")
    )
    assert_nothing_saved()


def test_create_refuses_a_duplicate_number_in_the_same_year(
    api_client, head, school, mentor_person, entry, draft
):
    second = ReserveEntryFactory(person__organization=school)
    client = api_client(head)

    response = client.post(
        URL,
        order_body(school, line(mentor_person, second), number="1"),
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru(
            "An order with this number already exists in the organisation this year."
        ),
        "errors": {},
    }
    assert_nothing_saved(orders=1, mentorships=1)
    next_year = {**order_body(school, line(mentor_person, second)), "number": "1"}
    next_year["date"] = "2027-01-10"
    assert client.post(URL, next_year, content_type=JSON).status_code == 201


# ------------------------------------------------------------------- register


def test_register_activates_the_lines(api_client, head, draft):
    response = api_client(head).post(f"{URL}/{draft.pk}/register")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "registered"
    assert body["registered_at"] is not None
    assert [line["status"] for line in body["lines"]] == ["active"]
    draft.refresh_from_db()
    assert draft.status == MentorOrder.Status.REGISTERED


@pytest.mark.parametrize("role", ["coordinator", "mentor", "reservist"])
def test_register_is_403_for_those_who_only_see_the_order(
    request, api_client, role, draft
):
    user = request.getfixturevalue(role)

    response = api_client(user).post(f"{URL}/{draft.pk}/register")

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == MentorOrder.Status.DRAFT


def test_register_is_404_for_a_stranger(api_client, stranger, draft):
    assert api_client(stranger).post(f"{URL}/{draft.pk}/register").status_code == 404


def test_register_refuses_a_registered_order(api_client, head, draft):
    client = api_client(head)
    client.post(f"{URL}/{draft.pk}/register")

    response = client.post(f"{URL}/{draft.pk}/register")

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru("The order is already registered."),
        "errors": {},
    }


def test_register_refuses_a_reservist_who_left_the_reserve(
    api_client, head, entry, draft
):
    exclude_reservist(entry=entry, excluded_on=START, reason="Увольнение")

    response = api_client(head).post(f"{URL}/{draft.pk}/register")

    assert response.status_code == 400
    assert response.json()["detail"] == ru("%(name)s has left the reserve.") % {
        "name": entry.person.full_name
    }
    draft.refresh_from_db()
    assert draft.status == MentorOrder.Status.DRAFT


# --------------------------------------------------------------------- delete


def test_delete_removes_a_draft_with_its_lines(api_client, head, draft):
    response = api_client(head).delete(f"{URL}/{draft.pk}")

    assert response.status_code == 204
    assert_nothing_saved()


def test_delete_refuses_a_registered_order(api_client, head, mentor_person, entry):
    order = make_order(mentor_person, entry)

    response = api_client(head).delete(f"{URL}/{order.pk}")

    assert response.status_code == 400
    assert response.json()["detail"] == ru("A registered order cannot be deleted.")
    assert_nothing_saved(orders=1, mentorships=1)


@pytest.mark.parametrize(("role", "status"), [("coordinator", 403), ("stranger", 404)])
def test_delete_is_refused_to_others(request, api_client, role, status, draft):
    user = request.getfixturevalue(role)

    assert api_client(user).delete(f"{URL}/{draft.pk}").status_code == status
    assert_nothing_saved(orders=1, mentorships=1)


# ------------------------------------------------------------------- document


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_document_is_a_file_to_download(
    api_client, reservist, draft, fmt, content_type, magic
):
    response = api_client(reservist).get(f"{URL}/{draft.pk}/document", {"format": fmt})

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="prikaz-1-ot-2026-09-10.{fmt}"'
    )
    assert response.content.startswith(magic)


def test_document_logs_the_people_it_names(
    api_client, head, draft, mentor_person, entry
):
    url = f"{URL}/{draft.pk}/document"
    assert api_client(head).get(url).status_code == 200

    logs = PersonViewLog.objects.all()
    assert sorted(log.person_id for log in logs) == sorted(
        [mentor_person.pk, entry.person_id]
    )
    assert {(log.user, log.channel, log.source) for log in logs} == {
        (head, PersonViewLog.Channel.DOCUMENT, url)
    }


def test_document_is_docx_by_default(api_client, head, draft):
    response = api_client(head).get(f"{URL}/{draft.pk}/document")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')


def test_document_refuses_another_format(api_client, head, draft):
    response = api_client(head).get(f"{URL}/{draft.pk}/document", {"format": "odt"})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Запрос содержит некорректные данные.",
        "errors": {"format": ["Выберите одно из допустимых значений: docx, pdf."]},
    }


def test_document_is_404_outside_the_scope(api_client, stranger, draft):
    response = api_client(stranger).get(f"{URL}/{draft.pk}/document")

    assert response.status_code == 404
    assert response.json()["detail"] == "Объект не найден."


# ----------------------------------------------------------------------- scan


def test_scan_is_attached_and_served_in_scope(api_client, head, reservist, draft):
    response = api_client(head).post(
        f"{URL}/{draft.pk}/scan", {"file": SimpleUploadedFile("скан.pdf", PDF)}
    )

    assert response.status_code == 200
    assert response.json()["has_scan"] is True
    response = api_client(reservist).get(f"{URL}/{draft.pk}/scan")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_scan_is_404_until_attached(api_client, head, draft):
    response = api_client(head).get(f"{URL}/{draft.pk}/scan")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "К приказу не приложена подписанная копия.",
        "errors": {},
    }


def test_scan_is_404_outside_the_scope(api_client, head, stranger, draft):
    api_client(head).post(
        f"{URL}/{draft.pk}/scan", {"file": SimpleUploadedFile("s.pdf", PDF)}
    )

    assert api_client(stranger).get(f"{URL}/{draft.pk}/scan").status_code == 404


def test_scan_refuses_a_disguised_file(api_client, head, draft):
    response = api_client(head).post(
        f"{URL}/{draft.pk}/scan",
        {"file": SimpleUploadedFile("scan.pdf", b"MZ not a pdf")},
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The file is not of an allowed type (%(types)s): its content does not match."
    ) % {"types": "PDF, JPEG, PNG"}
    draft.refresh_from_db()
    assert not draft.scan


def test_scan_refuses_a_file_over_the_limit(api_client, head, draft, monkeypatch):
    monkeypatch.setattr(services, "SCAN_MAX_SIZE", 1024 * 1024)

    response = api_client(head).post(
        f"{URL}/{draft.pk}/scan",
        {"file": SimpleUploadedFile("s.pdf", PDF + b"x" * 2 * 1024 * 1024)},
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The file is too large: %(size)s MB; at most %(max)s MB is allowed."
    ) % {"size": "2,0", "max": "1"}
    draft.refresh_from_db()
    assert not draft.scan


def test_scan_requires_a_file(api_client, head, draft):
    response = api_client(head).post(f"{URL}/{draft.pk}/scan")

    assert response.status_code == 422
    assert response.json()["errors"] == {"file": ["Обязательное поле."]}


@pytest.mark.parametrize(("role", "status"), [("coordinator", 403), ("stranger", 404)])
def test_scan_upload_is_refused_to_others(request, api_client, role, status, draft):
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        f"{URL}/{draft.pk}/scan", {"file": SimpleUploadedFile("s.pdf", PDF)}
    )

    assert response.status_code == status
    draft.refresh_from_db()
    assert not draft.scan


def test_make_eligible_is_enough_for_an_order(api_client, head, school, entry):
    """Guards the helper the other tests rely on."""
    person = make_eligible(PersonFactory(organization=school))

    response = api_client(head).post(
        URL, order_body(school, line(person, entry)), content_type=JSON
    )

    assert response.status_code == 201


def test_scan_without_a_multipart_boundary_is_400(api_client, head, draft):
    response = api_client(head).post(
        f"{URL}/{draft.pk}/scan",
        b"--x\r\n\r\n--x--",
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Запрос не является корректной формой multipart/form-data: "
        "отправьте файл как multipart/form-data с разделителем (boundary).",
        "errors": {},
    }
