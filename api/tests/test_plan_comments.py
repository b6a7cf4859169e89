"""/plans/{id}/comments: the discussion of a plan and its rows (clause 8.1:
the mentor «обсуждает вопросы, связанные с его выполнением»)."""

import pytest

from api.tests.conftest import API
from plans.models import Comment
from plans.tests.factories import CommentFactory, PlanItemFactory

JSON = "application/json"
NOT_AVAILABLE = "Такого объекта нет или он вам недоступен."

pytestmark = pytest.mark.usefixtures("today")


def url(plan) -> str:
    return f"{API}/plans/{plan.pk}/comments"


def texts(response) -> list[str]:
    return [c["text"] for c in response.json()["items"]]


@pytest.fixture
def item(plan):
    return plan.items.order_by("pk").first()


@pytest.fixture
def discussion(plan, item, mentor, reservist) -> list[Comment]:
    return [
        CommentFactory.create(plan=plan, author=mentor, text="Начнём с устава"),
        CommentFactory.create(
            plan=plan, item=item, author=reservist, text="Срок успею"
        ),
    ]


@pytest.mark.parametrize("role", ["coordinator", "head", "mentor", "reservist"])
def test_list_shows_the_discussion_to_whoever_sees_the_plan(
    request, api_client, role, plan, discussion
):
    user = request.getfixturevalue(role)

    response = api_client(user).get(url(plan))

    assert response.status_code == 200
    assert texts(response) == ["Начнём с устава", "Срок успею"]


def test_list_item_has_the_documented_fields(
    api_client, mentor, plan, item, discussion
):
    second = api_client(mentor).get(url(plan)).json()["items"][1]

    assert set(second) == {
        "id",
        "plan_id",
        "item_id",
        "author_name",
        "text",
        "created_at",
    }
    assert (second["item_id"], second["author_name"]) == (item.pk, "Reservist N. P.")


def test_list_shows_one_rows_discussion(api_client, mentor, plan, item, discussion):
    response = api_client(mentor).get(url(plan), {"item_id": item.pk})

    assert texts(response) == ["Срок успею"]


def test_list_of_a_row_of_another_plan_is_404(api_client, mentor, plan, discussion):
    response = api_client(mentor).get(url(plan), {"item_id": PlanItemFactory().pk})

    assert response.status_code == 404


@pytest.mark.parametrize(("role", "status"), [("stranger", 404), (None, 401)])
def test_list_is_refused_outside_the_scope(
    request, api_client, role, status, plan, discussion
):
    user = request.getfixturevalue(role) if role else None

    assert api_client(user).get(url(plan)).status_code == status


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, mentor, reservist, plan, django_assert_max_num_queries, n_rows
):
    for i in range(n_rows):
        CommentFactory(plan=plan, author=mentor if i % 2 else reservist)
    client = api_client(mentor)

    # token, roles, person, plan, count, page
    with django_assert_max_num_queries(6):
        response = client.get(url(plan))

    assert response.json()["count"] == n_rows


@pytest.mark.parametrize("role", ["mentor", "reservist", "coordinator"])
def test_create_adds_a_remark(request, api_client, role, plan, item):
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        url(plan), {"text": "Перенести срок?", "item_id": item.pk}, content_type=JSON
    )

    assert response.status_code == 201
    assert (response.json()["text"], response.json()["item_id"]) == (
        "Перенести срок?",
        item.pk,
    )
    assert Comment.objects.get().author == user


def test_create_refuses_a_row_of_another_plan(api_client, mentor, plan):
    response = api_client(mentor).post(
        url(plan),
        {"text": "Вопрос", "item_id": PlanItemFactory().pk},
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"item_id": [NOT_AVAILABLE]}
    assert not Comment.objects.exists()


def test_create_refuses_an_empty_remark(api_client, mentor, plan):
    response = api_client(mentor).post(url(plan), {"text": "  "}, content_type=JSON)

    assert response.status_code == 422
    assert response.json()["errors"] == {"text": ["Поле не может быть пустым."]}
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"), [("head", 403), ("stranger", 404), (None, 401)]
)
def test_create_is_refused_to_others(request, api_client, role, status, plan):
    user = request.getfixturevalue(role) if role else None

    response = api_client(user).post(url(plan), {"text": "Мнение"}, content_type=JSON)

    assert response.status_code == status
    assert not Comment.objects.exists()


def test_create_refuses_a_nul_and_keeps_line_breaks(api_client, mentor, plan):
    client = api_client(mentor)

    refused = client.post(url(plan), {"text": "Начнём\x00"}, content_type=JSON)
    accepted = client.post(
        url(plan), {"text": "Начнём\r\n\tс устава"}, content_type=JSON
    )

    assert refused.status_code == 422
    assert "U+0000" in refused.json()["errors"]["text"][0]
    assert accepted.status_code == 201
    assert Comment.objects.get().text == "Начнём\r\n\tс устава"
