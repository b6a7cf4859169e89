"""`/study-assignments` and `/question-banks`: every endpoint for every role —
who reads (200), who may not act (403), who does not see (404), the anonymous
(401) — with nothing stored by a refused request; the list at a constant
number of queries."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from api.tests.conftest import API, ru
from api.tests.studies_cast import (
    PDF,
    new_assignment,
    question_body,
    snapshot,
)
from legal_acts.services import add_edition
from legal_acts.tests.conftest import make_act
from mentorships.tests.factories import MentorshipFactory
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory
from studies import services
from studies.models import Interview, StudyAssignment
from studies.tests.conftest import assign

pytest_plugins = ["api.tests.studies_fixtures"]
pytestmark = pytest.mark.usefixtures("today")

URL = f"{API}/study-assignments"
BANKS = f"{API}/question-banks"
ROLES = [
    "coordinator",
    "head",
    "mentor",
    "reservist",
    "other_mentor",
    "stranger",
    "anonymous",
]
IN_SCOPE = {"coordinator", "head", "mentor", "reservist"}
JSON = "application/json"


def client_for(request, api_client, role):
    if role == "anonymous":
        return api_client(None)
    return api_client(request.getfixturevalue(role))


# --------------------------------------------------------------------- reads

READS = {
    "list": lambda w: URL,
    "one": lambda w: f"{URL}/{w['quiz'].pk}",
    "questions": lambda w: f"{URL}/{w['quiz'].pk}/questions",
    "test": lambda w: f"{URL}/{w['quiz'].pk}/test",
    "attempts": lambda w: f"{URL}/{w['quiz'].pk}/attempts",
    "application": lambda w: f"{URL}/{w['oral'].pk}/application",
    "file": lambda w: f"{URL}/{w['oral'].pk}/application/file",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("read", READS)
def test_who_reads(request, api_client, world, role, read):
    response = client_for(request, api_client, role).get(READS[read](world))

    if role == "anonymous":
        assert response.status_code == 401
    elif read == "list":
        assert response.status_code == 200
        assert response.json()["count"] == (2 if role in IN_SCOPE else 0)
    else:
        assert response.status_code == (200 if role in IN_SCOPE else 404)


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_an_attempt_and_the_interview(
    request, api_client, world, mentor, role
):
    attempt = services.start_attempt(assignment=world["quiz"])
    services.record_interview(
        assignment=world["oral"],
        held_on=date(2027, 1, 15),
        mark="5",
        comment="",
        by=mentor,
    )
    client = client_for(request, api_client, role)
    attempt_url = f"{URL}/{world['quiz'].pk}/attempts/{attempt.pk}"
    interview_url = f"{URL}/{world['oral'].pk}/interview"

    expected = 401 if role == "anonymous" else 200 if role in IN_SCOPE else 404
    assert client.get(attempt_url).status_code == expected
    answer = client.get(interview_url)
    assert answer.status_code == expected
    if expected == 200:
        assert answer.json()["mark"] == "5"
        assert answer.json()["passed"] is True


# -------------------------------------------------------------------- writes


@dataclass
class Write:
    """A write allowed to one role: `prepare` puts the world in the state it
    needs and returns the method, the URL and the body."""

    name: str
    allowed: str
    status: int
    prepare: Callable[[dict], tuple[str, str, dict | None]]


def _attempted(w):
    attempt = services.start_attempt(assignment=w["quiz"])
    body = {"answers": {str(q.pk): [] for q in w["quiz"].questions.all()}}
    return "post", f"{URL}/{w['quiz'].pk}/attempts/{attempt.pk}/submit", body


def _passed_interview(w):
    services.record_interview(
        assignment=w["oral"],
        held_on=date(2027, 1, 15),
        mark="pass",
        comment="",
        by=w["oral"].mentorship.mentor.user,
    )
    return "post", f"{URL}/{w['oral'].pk}/reopen", None


WRITES = [
    Write(
        "patch",
        "mentor",
        200,
        lambda w: ("patch", f"{URL}/{w['quiz'].pk}", {"aim": "Новая цель"}),
    ),
    Write("delete", "mentor", 204, lambda w: ("delete", f"{URL}/{w['oral'].pk}", None)),
    Write(
        "studied",
        "reservist",
        200,
        lambda w: ("post", f"{URL}/{w['quiz'].pk}/studied", None),
    ),
    Write(
        "ask",
        "reservist",
        201,
        lambda w: ("post", f"{URL}/{w['quiz'].pk}/questions", {"text": "Как?"}),
    ),
    Write(
        "answer",
        "mentor",
        200,
        lambda w: (
            "post",
            f"{URL}/{w['quiz'].pk}/questions/{w['study_question'].pk}/answer",
            {"answer": "Так."},
        ),
    ),
    Write(
        "add test question",
        "mentor",
        201,
        lambda w: ("post", f"{URL}/{w['quiz'].pk}/test/questions", question_body()),
    ),
    Write(
        "put test question",
        "mentor",
        200,
        lambda w: (
            "put",
            f"{URL}/{w['quiz'].pk}/test/questions/{w['test_question'].pk}",
            question_body(),
        ),
    ),
    Write(
        "delete test question",
        "mentor",
        204,
        lambda w: (
            "delete",
            f"{URL}/{w['quiz'].pk}/test/questions/{w['test_question'].pk}",
            None,
        ),
    ),
    Write(
        "from bank",
        "mentor",
        201,
        lambda w: (
            "post",
            f"{URL}/{w['quiz'].pk}/test/from-bank",
            {"question_ids": [w["bank_question"].pk]},
        ),
    ),
    Write(
        "start attempt",
        "reservist",
        201,
        lambda w: ("post", f"{URL}/{w['quiz'].pk}/attempts", None),
    ),
    Write("submit attempt", "reservist", 200, _attempted),
    Write(
        "interview",
        "mentor",
        200,
        lambda w: (
            "put",
            f"{URL}/{w['oral'].pk}/interview",
            {"held_on": "2027-01-15", "mark": "fail", "comment": "Не знает ст. 28"},
        ),
    ),
    Write(
        "application",
        "reservist",
        200,
        lambda w: (
            "put",
            f"{URL}/{w['quiz'].pk}/application",
            {"description": "Применил при приёме"},
        ),
    ),
    Write(
        "evaluation",
        "mentor",
        200,
        lambda w: (
            "post",
            f"{URL}/{w['oral'].pk}/application/evaluation",
            {"evaluation": "correct"},
        ),
    ),
    Write("reopen", "mentor", 200, _passed_interview),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_who_writes(request, api_client, world, role, write):
    method, url, body = write.prepare(world)
    before = snapshot()
    client = client_for(request, api_client, role)

    if body is None:
        response = getattr(client, method)(url)
    else:
        response = getattr(client, method)(url, body, content_type=JSON)

    if role == write.allowed:
        assert response.status_code == write.status, response.content
        assert snapshot() != before
        return
    expected = 401 if role == "anonymous" else 403 if role in IN_SCOPE else 404
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json()["detail"] == "Недостаточно прав для этого действия."
    assert snapshot() == before


# ---------------------------------------------------------------- assignments


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mentor", 201),
        ("coordinator", 403),
        ("head", 403),
        ("reservist", 403),
        ("stranger", 403),
        ("other_mentor", 422),
        ("anonymous", 401),
    ],
)
def test_who_assigns(request, api_client, mentorship, act, role, status):
    client = client_for(request, api_client, role)

    response = client.post(URL, new_assignment(mentorship, act), content_type=JSON)

    assert response.status_code == status, response.content
    assert StudyAssignment.objects.count() == (1 if status == 201 else 0)
    if status == 422:
        assert list(response.json()["errors"]) == ["mentorship_id"]


def test_the_mentor_assigns_by_the_reserve_entry_with_a_plan_item(
    api_client,
    mentor,
    mentorship,
    act,
):

    item = PlanItemFactory(
        plan=IndividualPlanFactory(reserve_entry=mentorship.reserve_entry)
    )
    body = new_assignment(
        mentorship,
        act,
        check_method="interview",
        plan_item_id=item.pk,
        time_limit_minutes=30,
    )
    del body["mentorship_id"]
    body["reserve_entry_id"] = mentorship.reserve_entry_id

    response = api_client(mentor).post(URL, body, content_type=JSON)

    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["mentorship_id"] == mentorship.pk
    assert answer["plan_item_id"] == item.pk
    assert answer["check_method"] == "interview"
    assert answer["status"] == "assigned"
    assert answer["act"]["number"] == "273-ФЗ"
    assert answer["time_limit_minutes"] == 30
    assert answer["checked_edition"] is None


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"due_on": "2027-01-14"}, 400, "due_on"),
        ({"act_id": 10**6}, 422, "act_id"),
        ({"plan_item_id": 10**6}, 422, "plan_item_id"),
        ({"mentorship_id": None}, 422, "mentorship_id"),
        ({"reserve_entry_id": 10**6}, 422, "reserve_entry_id"),
        ({"pass_threshold": 0}, 422, "pass_threshold"),
        ({"pass_threshold": 101}, 422, "pass_threshold"),
        ({"max_attempts": 11}, 422, "max_attempts"),
        ({"time_limit_minutes": 241}, 422, "time_limit_minutes"),
        ({"check_method": "essay"}, 422, "check_method"),
        ({"aim": ""}, 422, "aim"),
    ],
)
def test_a_bad_assignment_is_refused(
    api_client,
    mentor,
    mentorship,
    act,
    change,
    status,
    field,
):
    body = new_assignment(mentorship, act, **change)

    response = api_client(mentor).post(URL, body, content_type=JSON)

    assert response.status_code == status, response.content
    assert field in response.json()["errors"]
    assert not StudyAssignment.objects.exists()


def test_an_act_of_another_municipality_is_refused(
    api_client,
    mentor,
    mentorship,
    far_school,
):

    far = make_act(far_school.municipality, number="152-ФЗ")

    body = new_assignment(mentorship, far)
    response = api_client(mentor).post(URL, body, content_type=JSON)

    assert response.status_code == 422
    assert "act_id" in response.json()["errors"]
    assert not StudyAssignment.objects.exists()


def test_the_past_deadline_is_400_with_the_services_message(
    api_client, mentor, mentorship, act
):
    body = new_assignment(mentorship, act, due_on="2027-01-01")

    response = api_client(mentor).post(URL, body, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"]["due_on"] == [
        ru("The deadline cannot be in the past.")
    ]
    assert not StudyAssignment.objects.exists()


def test_filters(api_client, coordinator, world, mentorship, act):
    other = assign(mentorship, act, due_on=date(2027, 3, 1))
    StudyAssignment.objects.filter(pk=other.pk).update(status="passed")
    client = api_client(coordinator)

    def ids(**query):
        response = client.get(URL, query)
        assert response.status_code == 200, response.content
        return [a["id"] for a in response.json()["items"]]

    assert ids() == [world["quiz"].pk, world["oral"].pk, other.pk]
    assert ids(status="passed") == [other.pk]
    assert ids(act_id=act.pk) == [world["quiz"].pk, world["oral"].pk, other.pk]
    assert ids(act_id=act.pk + 1) == []
    assert ids(reserve_entry_id=mentorship.reserve_entry_id)[0] == world["quiz"].pk
    assert ids(reserve_entry_id=10**6) == []
    assert ids(mentorship_id=mentorship.pk)[-1] == other.pk
    assert client.get(URL, {"status": "lost"}).status_code == 422


def test_the_mentor_patches_and_unlinks(api_client, mentor, world):
    pk = world["quiz"].pk
    client = api_client(mentor)

    response = client.patch(
        f"{URL}/{pk}",
        {"due_on": "2027-03-01", "time_limit_minutes": 20, "show_answers": True},
        content_type=JSON,
    )

    assert response.status_code == 200, response.content
    assert response.json()["due_on"] == "2027-03-01"
    assert response.json()["show_answers"] is True
    lifted = client.patch(
        f"{URL}/{pk}",
        {"time_limit_minutes": None, "plan_item_id": None},
        content_type=JSON,
    )
    assert lifted.json()["time_limit_minutes"] is None
    refused = client.patch(f"{URL}/{pk}", {"aim": None}, content_type=JSON)
    assert refused.status_code == 422
    past = client.patch(f"{URL}/{pk}", {"due_on": "2027-01-10"}, content_type=JSON)
    assert past.status_code == 400
    assert StudyAssignment.objects.get(pk=pk).due_on == date(2027, 3, 1)


def test_an_assignment_begun_is_not_deleted(api_client, mentor, world):
    services.start_attempt(assignment=world["quiz"])
    before = snapshot()

    response = api_client(mentor).delete(f"{URL}/{world['quiz'].pk}")

    assert response.status_code == 400
    assert response.json()["detail"]
    assert snapshot() == before


def test_marking_studied_twice_is_400(api_client, reservist, world):
    client = api_client(reservist)
    url = f"{URL}/{world['quiz'].pk}/studied"

    assert client.post(url).json()["status"] == "studied"
    before = snapshot()
    again = client.post(url)

    assert again.status_code == 400
    assert snapshot() == before


def test_questions_on_the_act(api_client, reservist, mentor, world):
    url = f"{URL}/{world['quiz'].pk}/questions"
    asked = api_client(reservist).post(url, {"text": "А ст. 51?"}, content_type=JSON)
    assert asked.status_code == 201
    assert asked.json()["answer"] == ""

    answered = api_client(mentor).post(
        f"{url}/{asked.json()['id']}/answer",
        {"answer": "Аттестация."},
        content_type=JSON,
    )

    assert answered.status_code == 200
    assert answered.json()["answered_at"] is not None
    listed = api_client(reservist).get(url).json()
    assert [q["answer"] for q in listed["items"]] == ["", "Аттестация."]
    assert (
        api_client(mentor)
        .post(f"{url}/{10**6}/answer", {"answer": "?"}, content_type=JSON)
        .status_code
        == 404
    )
    assert (
        api_client(mentor)
        .post(f"{url}/{asked.json()['id']}/answer", {"answer": " "}, content_type=JSON)
        .status_code
        == 422
    )


# ------------------------------------------------------------------ interview


def test_the_mentor_records_a_passing_interview_and_reopens(api_client, mentor, world):
    client = api_client(mentor)
    oral = world["oral"]
    missing = client.get(f"{URL}/{oral.pk}/interview")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Собеседование ещё не записано."

    recorded = client.put(
        f"{URL}/{oral.pk}/interview",
        {"held_on": "2027-01-15", "mark": "4", "comment": "Хорошо"},
        content_type=JSON,
    )

    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["passed"] is True
    card = client.get(f"{URL}/{oral.pk}").json()
    assert card["status"] == "passed"
    reopened = client.post(f"{URL}/{oral.pk}/reopen")
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "studied"
    assert reopened.json()["check_round"] == 2
    again = client.post(f"{URL}/{oral.pk}/reopen")
    assert again.status_code == 400


@pytest.mark.parametrize(
    ("which", "body", "status"),
    [
        ("oral", {"held_on": "2027-01-16", "mark": "pass"}, 400),  # in the future
        ("oral", {"held_on": "2027-01-14", "mark": "6"}, 422),
        ("oral", {"held_on": "14.01.2027", "mark": "pass"}, 422),
        ("quiz", {"held_on": "2027-01-14", "mark": "pass"}, 400),  # a test
    ],
)
def test_a_bad_interview_is_refused(api_client, mentor, world, which, body, status):
    before = snapshot()

    response = api_client(mentor).put(
        f"{URL}/{world[which].pk}/interview", body, content_type=JSON
    )

    assert response.status_code == status, response.content
    assert snapshot() == before


def test_a_second_interview_in_a_round_is_refused(api_client, mentor, world):
    url = f"{URL}/{world['oral'].pk}/interview"
    client = api_client(mentor)
    client.put(url, {"held_on": "2027-01-15", "mark": "fail"}, content_type=JSON)
    before = snapshot()

    again = client.put(
        url, {"held_on": "2027-01-15", "mark": "pass"}, content_type=JSON
    )

    assert again.status_code == 400
    assert snapshot() == before
    assert Interview.objects.count() == 1


# ---------------------------------------------------------------- application


def _multipart(**fields) -> dict:
    return {
        "data": encode_multipart(BOUNDARY, fields),
        "content_type": MULTIPART_CONTENT,
    }


def test_the_reservist_describes_with_a_file_and_the_mentor_evaluates(
    api_client, reservist, mentor, world
):
    url = f"{URL}/{world['quiz'].pk}/application"
    client = api_client(reservist)
    missing = client.get(url)
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Применение на практике ещё не описано."
    no_file = client.get(f"{url}/file")
    assert no_file.status_code == 404
    assert no_file.json()["detail"] == "К описанию применения не приложен файл."

    response = client.put(
        url,
        **_multipart(
            description="Применил ст. 28 при утверждении программы",
            file=SimpleUploadedFile("act.pdf", PDF, "application/pdf"),
        ),
    )

    assert response.status_code == 200, response.content
    assert response.json()["file_name"] == "act.pdf"
    assert response.json()["evaluation"] is None
    download = api_client(mentor).get(f"{url}/file")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    remarks = api_client(mentor).post(
        f"{url}/evaluation", {"evaluation": "remarks"}, content_type=JSON
    )
    assert remarks.status_code == 400
    assert "evaluation_comment" in remarks.json()["errors"]
    evaluated = api_client(mentor).post(
        f"{url}/evaluation",
        {"evaluation": "remarks", "evaluation_comment": "Не указан приказ"},
        content_type=JSON,
    )
    assert evaluated.status_code == 200
    assert evaluated.json()["evaluation"] == "remarks"
    resubmitted = client.put(url, {"description": "Исправил"}, content_type=JSON)
    assert resubmitted.json()["evaluation"] is None
    assert resubmitted.json()["file_name"] == "act.pdf"


def test_no_evaluation_before_the_application(api_client, mentor, world):
    response = api_client(mentor).post(
        f"{URL}/{world['quiz'].pk}/application/evaluation",
        {"evaluation": "correct"},
        content_type=JSON,
    )
    assert response.status_code == 404


def _bad_file() -> dict:
    """A «PDF» that is a Windows program."""
    fake = SimpleUploadedFile("case.pdf", b"MZ\x90\x00 program", "application/pdf")
    return _multipart(description="Случай", file=fake)


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (_bad_file(), 400, "file"),
        (_multipart(description=""), 422, "description"),
        (_multipart(other="x"), 422, "description"),
        ({"data": {"description": ""}, "content_type": JSON}, 422, "description"),
        ({"data": {"description": "a", "x": 1}, "content_type": JSON}, 422, "x"),
        ({"data": "[1]", "content_type": JSON}, 422, "__all__"),
        ({"data": "{", "content_type": JSON}, 400, None),
        ({"data": "a=b", "content_type": "multipart/form-data"}, 400, None),
    ],
)
def test_a_bad_application_is_refused(
    api_client, reservist, world, body, status, field
):
    before = snapshot()

    response = api_client(reservist).put(
        f"{URL}/{world['quiz'].pk}/application", **body
    )

    assert response.status_code == status, response.content
    if field:
        assert field in response.json()["errors"]
    else:
        assert response.json()["detail"]
    assert snapshot() == before


def test_an_application_evaluated_correct_is_final(
    api_client, reservist, mentor, world
):
    url = f"{URL}/{world['oral'].pk}/application"
    api_client(mentor).post(
        f"{url}/evaluation", {"evaluation": "correct"}, content_type=JSON
    )
    before = snapshot()

    response = api_client(reservist).put(url, {"description": "Ещё"}, content_type=JSON)

    assert response.status_code == 400
    assert snapshot() == before


# --------------------------------------------------------------- question banks


BANK_READERS = {"coordinator": 200, "mentor": 200, "other_mentor": 200}


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_banks(request, api_client, world, act, role):
    client = client_for(request, api_client, role)

    listed = client.get(BANKS)
    detail = client.get(f"{BANKS}/{act.pk}")

    if role == "anonymous":
        assert (listed.status_code, detail.status_code) == (401, 401)
    elif role in ("head", "reservist"):
        assert (listed.status_code, detail.status_code) == (403, 403)
    elif role == "stranger":
        assert listed.json()["count"] == 0
        assert detail.status_code == 404
    else:
        assert listed.json()["items"] == [
            {
                "act": {
                    "id": act.pk,
                    "number": "273-ФЗ",
                    "title": "Об образовании в Российской Федерации",
                    "adopted_on": "2012-12-29",
                },
                "questions_count": 1,
            }
        ]
        body = detail.json()
        assert body["may_manage"] is (role == "coordinator")
        (question,) = body["questions"]
        assert [o["is_correct"] for o in question["options"]] == [True, False]


def _bank_writes(w, act):
    question = f"{BANKS}/{act.pk}/questions/{w['bank_question'].pk}"
    return [
        ("post", f"{BANKS}/{act.pk}/questions", question_body(), 201),
        ("put", question, question_body(text="Изменено"), 200),
        ("delete", question, None, 204),
    ]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("n", [0, 1, 2])
def test_who_keeps_the_banks(request, api_client, world, act, role, n):
    method, url, body, status = _bank_writes(world, act)[n]
    client = client_for(request, api_client, role)
    before = snapshot()

    if body is None:
        response = getattr(client, method)(url)
    else:
        response = getattr(client, method)(url, body, content_type=JSON)

    if role == "coordinator":
        assert response.status_code == status, response.content
        return
    expected = {"anonymous": 401, "stranger": 404}.get(role, 403)
    assert response.status_code == expected
    assert snapshot() == before


@pytest.mark.parametrize(
    "options",
    [
        [{"text": "Да"}, {"text": "Нет"}],  # no right option
        [{"text": "Да", "is_correct": True}],  # one option
        [{"text": "Да", "is_correct": True}, {"text": "Да"}],  # repeated
        [{"text": "Да", "is_correct": True}, {"text": "Нет", "is_correct": True}],
    ],
)
def test_a_bad_bank_question_creates_no_bank(
    api_client, coordinator, municipality, options
):

    act = make_act(municipality, number="1-ФЗ")
    before = snapshot()

    response = api_client(coordinator).post(
        f"{BANKS}/{act.pk}/questions", question_body(options=options), content_type=JSON
    )

    assert response.status_code == 400, response.content
    assert "options" in response.json()["errors"]
    assert snapshot() == before


# --------------------------------------------------------------- query counts


@pytest.mark.parametrize("n", [2, 8])
def test_the_list_costs_the_same(
    api_client, coordinator, mentor, school, act, n, django_assert_num_queries
):

    for _ in range(n):
        m = MentorshipFactory.create(
            mentor=mentor.person, reserve_entry__person__organization=school
        )
        assign(m, act)
    StudyAssignment.objects.update(status="passed")
    add_edition(act=act, effective_on=date(2027, 1, 10), note="Новая редакция")
    services.flag_recheck(act.editions.get())
    client = api_client(coordinator)
    client.get(URL)  # warm the token and caches

    # token, roles; the count, the page's keys, the page's rows, the access log
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)

    assert response.json()["count"] == n
    assert response.json()["items"][0]["recheck_edition"]["note"] == "Новая редакция"


QUERIES = 5


@pytest.mark.parametrize("n", [1, 5])
def test_the_bank_list_costs_the_same(
    api_client, coordinator, municipality, n, django_assert_num_queries
):

    for i in range(n):
        services.add_question(
            bank=services.bank_of(make_act(municipality, number=f"{i}-ФЗ")),
            **{
                "text": "?",
                "kind": "single",
                "options": [services.OptionData("a", True), services.OptionData("b")],
            },
        )
    client = api_client(coordinator)
    client.get(BANKS)

    with django_assert_num_queries(BANK_QUERIES):
        response = client.get(BANKS)

    assert response.json()["count"] == n


BANK_QUERIES = 3


def test_openapi_describes_the_study_of_acts(client, settings):
    settings.API_DOCS_PUBLIC = True
    spec = client.get(f"{API}/openapi.json").json()
    paths = spec["paths"]

    expected = {
        "study-assignments": {"get", "post"},
        "study-assignments/{pk}": {"get", "patch", "delete"},
        "study-assignments/{pk}/studied": {"post"},
        "study-assignments/{pk}/reopen": {"post"},
        "study-assignments/{pk}/questions": {"get", "post"},
        "study-assignments/{pk}/questions/{question_id}/answer": {"post"},
        "study-assignments/{pk}/test": {"get"},
        "study-assignments/{pk}/test/questions": {"post"},
        "study-assignments/{pk}/test/questions/{question_id}": {"put", "delete"},
        "study-assignments/{pk}/test/from-bank": {"post"},
        "study-assignments/{pk}/attempts": {"get", "post"},
        "study-assignments/{pk}/attempts/{attempt_id}": {"get"},
        "study-assignments/{pk}/attempts/{attempt_id}/submit": {"post"},
        "study-assignments/{pk}/interview": {"get", "put"},
        "study-assignments/{pk}/application": {"get", "put"},
        "study-assignments/{pk}/application/evaluation": {"post"},
        "study-assignments/{pk}/application/file": {"get"},
        "question-banks": {"get"},
        "question-banks/{act_id}": {"get"},
        "question-banks/{act_id}/questions": {"post"},
        "question-banks/{act_id}/questions/{question_id}": {"put", "delete"},
    }
    for path, methods in expected.items():
        assert set(paths[f"{API}/{path}"]) == methods, path
    application = paths[f"{API}/study-assignments/{{pk}}/application"]["put"]
    assert set(application["requestBody"]["content"]) == {
        "application/json",
        "multipart/form-data",
    }
    test = paths[f"{API}/study-assignments/{{pk}}/test"]["get"]
    schema = test["responses"]["200"]["content"][JSON]["schema"]
    assert schema["discriminator"]["propertyName"] == "key"
    hidden = spec["components"]["schemas"]["OptionOut"]
    assert set(hidden["properties"]) == {"id", "text"}
    file = paths[f"{API}/study-assignments/{{pk}}/application/file"]["get"]
    assert "application/pdf" in file["responses"]["200"]["content"]
