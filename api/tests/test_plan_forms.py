"""/plan-forms: the approved form of the plan, its versions, sections and
suggestions; only the coordinator changes it, and an approved version is read-only."""

from datetime import date
from typing import get_args

import pytest
from django.utils.translation import pgettext

from api.schemas.plan_forms import ColumnKey
from api.tests.conftest import API, ru
from plans import services
from plans.models import COLUMN_KEYS, PlanForm, PlanFormSection, PlanFormVersion
from plans.tests.factories import (
    PlanFormFactory,
    PlanFormVersionFactory,
    SuggestedItemFactory,
)

URL = f"{API}/plan-forms"
JSON = "application/json"
NOT_AVAILABLE = "Такого объекта нет или он вам недоступен."
APPROVAL = {
    "approval_document": "приказ Управления образования",
    "approval_number": "112",
    "approval_date": "2026-08-20",
}


def names(response) -> list[str]:
    return [f["name"] for f in response.json()["items"]]


@pytest.fixture
def form(municipality) -> PlanForm:
    """Town's form «Форма ИПП»: version 1 approved, version 2 a draft of two
    sections without suggestions."""
    form = PlanFormFactory.create(municipality=municipality, name="Форма ИПП")
    PlanFormVersionFactory(form=form, number=1)
    PlanFormVersionFactory(
        form=form,
        number=2,
        status=PlanFormVersion.Status.DRAFT,
        sections=["Теория", "Практика"],
        sections__suggestions=False,
    )
    return form


@pytest.fixture
def draft(form) -> PlanFormVersion:
    return form.versions.get(number=2)


@pytest.fixture
def approved(form) -> PlanFormVersion:
    return form.versions.get(number=1)


def test_column_keys_are_the_models():
    assert list(get_args(ColumnKey)) == COLUMN_KEYS


# ----------------------------------------------------------------------- list


@pytest.mark.parametrize(
    "role", ["coordinator", "head", "mentor", "reservist", "commission"]
)
def test_list_shows_the_municipalitys_forms_to_everybody_there(
    request, api_client, role, form, far_school
):
    PlanFormFactory(municipality=far_school.municipality, name="Чужая")
    user = request.getfixturevalue(role)

    response = api_client(user).get(URL)

    assert response.status_code == 200
    assert names(response) == ["Форма ИПП"]


def test_list_hides_the_forms_from_a_stranger(api_client, stranger, form):
    assert names(api_client(stranger).get(URL)) == []


def test_list_is_401_for_an_anonymous_client(api_client, form):
    assert api_client().get(URL).status_code == 401


def test_list_item_has_the_versions_newest_first(api_client, coordinator, form):
    item = api_client(coordinator).get(URL).json()["items"][0]

    assert item["id"] == form.pk
    assert [(v["number"], v["status"]) for v in item["versions"]] == [
        (2, "draft"),
        (1, "approved"),
    ]
    assert item["versions"][0]["status_display"] == pgettext(
        "form version status", "draft"
    )


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, municipality, django_assert_max_num_queries, n_rows
):
    for _i in range(n_rows):
        PlanFormVersionFactory(form__municipality=municipality, sections=["A"])
    client = api_client(coordinator)

    # token, roles, person, count, page, versions
    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


# ------------------------------------------------------------------------ get


def test_get_shows_versions_sections_and_suggestions(api_client, mentor, form):
    response = api_client(mentor).get(f"{URL}/{form.pk}")

    assert response.status_code == 200
    draft, approved = response.json()["versions"]
    assert [s["title"] for s in draft["sections"]] == ["Теория", "Практика"]
    assert set(draft["column_titles"]) == set(COLUMN_KEYS)
    assert approved["approval_date"] == "2026-08-20"
    first = approved["sections"][0]
    assert [s["months_from_start"] for s in first["suggested_items"]] == [1, 2]
    assert set(first["suggested_items"][0]) == {
        "id",
        "position",
        "activity",
        "form_of_work",
        "expected_result",
        "months_from_start",
    }


def test_get_query_count_does_not_grow_with_versions(
    api_client, coordinator, form, django_assert_max_num_queries
):
    services.approve_form_version(
        version=form.versions.get(number=2),
        approval_document="приказ",
        approval_number="2",
        approval_date=date(2026, 9, 1),
    )
    services.new_form_version(form=form)
    client = api_client(coordinator)

    # token, roles, person, form, versions, sections, suggestions
    with django_assert_max_num_queries(7):
        response = client.get(f"{URL}/{form.pk}")

    assert len(response.json()["versions"]) == 3


def test_get_version(api_client, reservist, form, draft):
    response = api_client(reservist).get(f"{URL}/{form.pk}/versions/{draft.pk}")

    assert response.status_code == 200
    assert response.json()["number"] == 2


def test_get_version_of_another_form_is_404(api_client, coordinator, form, draft):
    other = PlanFormFactory(municipality=form.municipality)

    response = api_client(coordinator).get(f"{URL}/{other.pk}/versions/{draft.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize(("role", "status"), [("stranger", 404), (None, 401)])
def test_get_is_refused_outside_the_scope(request, api_client, role, status, form):
    user = request.getfixturevalue(role) if role else None

    assert api_client(user).get(f"{URL}/{form.pk}").status_code == status


# --------------------------------------------------------------------- create


def test_create_makes_a_form_with_a_draft_of_the_default_sections(
    api_client, coordinator, municipality
):
    response = api_client(coordinator).post(
        URL, {"name": "Новая форма"}, content_type=JSON
    )

    assert response.status_code == 201
    created = response.json()
    assert created["municipality_id"] == municipality.pk
    (version,) = created["versions"]
    assert (version["number"], version["status"]) == (1, "draft")
    assert len(version["sections"]) == 5


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_create_is_403_for_others(request, api_client, role, municipality):
    user = request.getfixturevalue(role)

    response = api_client(user).post(URL, {"name": "Форма"}, content_type=JSON)

    assert response.status_code == 403
    assert not PlanForm.objects.exists()


def test_create_refuses_another_municipality(api_client, coordinator, far_school):
    response = api_client(coordinator).post(
        URL,
        {"name": "Форма", "municipality_id": far_school.municipality_id},
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"municipality_id": [NOT_AVAILABLE]}
    assert not PlanForm.objects.exists()


def test_create_is_401_for_an_anonymous_client(api_client, municipality):
    response = api_client().post(URL, {"name": "Форма"}, content_type=JSON)

    assert response.status_code == 401


# ---------------------------------------------------------------- new version


def test_new_version_copies_the_newest(api_client, coordinator, form, draft):
    services.approve_form_version(
        version=draft,
        approval_document="приказ",
        approval_number="2",
        approval_date=date(2026, 9, 1),
    )

    response = api_client(coordinator).post(f"{URL}/{form.pk}/versions")

    assert response.status_code == 201
    version = response.json()
    assert (version["number"], version["status"]) == (3, "draft")
    assert [s["title"] for s in version["sections"]] == ["Теория", "Практика"]


def test_new_version_refuses_a_second_draft(api_client, coordinator, form):
    response = api_client(coordinator).post(f"{URL}/{form.pk}/versions")

    assert response.status_code == 400
    assert response.json()["detail"] == ru("The form already has a draft version.")
    assert form.versions.count() == 2


@pytest.mark.parametrize(
    ("role", "status"), [("head", 403), ("mentor", 403), ("stranger", 404)]
)
def test_new_version_is_the_coordinators(request, api_client, role, status, form):
    user = request.getfixturevalue(role)

    assert api_client(user).post(f"{URL}/{form.pk}/versions").status_code == status
    assert form.versions.count() == 2


# ---------------------------------------------------------------------- patch


def patch(client, form, version, payload):
    return client.patch(
        f"{URL}/{form.pk}/versions/{version.pk}", payload, content_type=JSON
    )


def test_patch_sets_titles_and_sections_of_a_draft(
    api_client, coordinator, form, draft
):
    theory, practice = draft.sections.all()

    response = patch(
        api_client(coordinator),
        form,
        draft,
        {
            "column_titles": {"deadline": "Срок исполнения", "mark": ""},
            "sections": [
                {"id": theory.pk, "title": "Теория"},
                {"title": "Стажировка"},
                {"id": None, "title": "Мероприятия"},
            ],
        },
    )

    assert response.status_code == 200
    version = response.json()
    assert version["column_titles"]["deadline"] == "Срок исполнения"
    assert [(s["title"], s["position"]) for s in version["sections"]] == [
        ("Теория", 1),
        ("Стажировка", 2),
        ("Мероприятия", 3),
    ]
    assert version["sections"][0]["id"] == theory.pk
    assert not PlanFormSection.objects.filter(pk=practice.pk).exists()


def test_patch_moves_sections_with_their_suggestions(
    api_client, coordinator, form, draft
):
    theory, practice = draft.sections.all()
    SuggestedItemFactory(section=theory, activity="Изучить устав")

    response = patch(
        api_client(coordinator),
        form,
        draft,
        {
            "sections": [
                {"id": practice.pk, "title": "Практика"},
                {"id": theory.pk, "title": "Теория"},
            ]
        },
    )

    assert response.status_code == 200
    sections = response.json()["sections"]
    assert [(s["id"], s["title"]) for s in sections] == [
        (practice.pk, "Практика"),
        (theory.pk, "Теория"),
    ]
    assert [i["activity"] for i in sections[1]["suggested_items"]] == ["Изучить устав"]


def test_patch_refuses_a_section_of_another_version(
    api_client, coordinator, form, draft
):
    foreign = form.versions.get(number=1).sections.first()

    response = patch(
        api_client(coordinator),
        form,
        draft,
        {"sections": [{"id": foreign.pk, "title": "Чужой"}]},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "sections": [ru("The list of sections does not match the form version.")]
    }
    assert [s.title for s in draft.sections.all()] == ["Теория", "Практика"]
    assert PlanFormSection.objects.get(pk=foreign.pk).title == foreign.title


def test_patch_keeps_what_is_left_out(api_client, coordinator, form, draft):
    response = patch(
        api_client(coordinator), form, draft, {"column_titles": {"form": "Форма"}}
    )

    assert response.status_code == 200
    assert [s["title"] for s in response.json()["sections"]] == ["Теория", "Практика"]


def test_patch_refuses_an_approved_version(api_client, coordinator, form, approved):
    before = list(approved.sections.values_list("title", flat=True))

    response = patch(
        api_client(coordinator), form, approved, {"sections": [{"title": "Одна"}]}
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "An approved version of the form is read-only: make a new version."
    )
    assert list(approved.sections.values_list("title", flat=True)) == before


def test_patch_refuses_an_empty_section_list(api_client, coordinator, form, draft):
    response = patch(
        api_client(coordinator), form, draft, {"sections": [{"title": " "}]}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "sections": [ru("The form needs at least one section.")]
    }
    assert PlanFormSection.objects.filter(version=draft).count() == 2


def test_patch_refuses_an_unknown_column(api_client, coordinator, form, draft):
    response = patch(
        api_client(coordinator), form, draft, {"column_titles": {"colour": "Цвет"}}
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["column_titles.colour.[key]"]


@pytest.mark.parametrize(
    ("role", "status"), [("head", 403), ("reservist", 403), ("stranger", 404)]
)
def test_patch_is_the_coordinators(request, api_client, role, status, form, draft):
    user = request.getfixturevalue(role)

    response = patch(api_client(user), form, draft, {"sections": [{"title": "Одна"}]})

    assert response.status_code == status
    assert PlanFormSection.objects.filter(version=draft).count() == 2


# -------------------------------------------------------------------- approve


def test_approve_records_the_requisites(api_client, coordinator, form, draft):
    response = api_client(coordinator).post(
        f"{URL}/{form.pk}/versions/{draft.pk}/approve", APPROVAL, content_type=JSON
    )

    assert response.status_code == 200
    version = response.json()
    assert version["status"] == "approved"
    assert version["approval_number"] == "112"
    assert version["approved_at"] is not None


def test_approve_refuses_an_approved_version(api_client, coordinator, form, approved):
    response = api_client(coordinator).post(
        f"{URL}/{form.pk}/versions/{approved.pk}/approve", APPROVAL, content_type=JSON
    )

    assert response.status_code == 400
    approved.refresh_from_db()
    assert approved.approval_number != "112"


def test_approve_requires_the_requisites(api_client, coordinator, form, draft):
    response = api_client(coordinator).post(
        f"{URL}/{form.pk}/versions/{draft.pk}/approve",
        {"approval_document": "", "approval_date": "2026-08-20"},
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "approval_document": ["Поле не может быть пустым."],
        "approval_number": ["Обязательное поле."],
    }
    draft.refresh_from_db()
    assert draft.status == PlanFormVersion.Status.DRAFT


@pytest.mark.parametrize(
    ("role", "status"), [("head", 403), ("mentor", 403), ("stranger", 404)]
)
def test_approve_is_the_coordinators(request, api_client, role, status, form, draft):
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        f"{URL}/{form.pk}/versions/{draft.pk}/approve", APPROVAL, content_type=JSON
    )

    assert response.status_code == status
    draft.refresh_from_db()
    assert draft.status == PlanFormVersion.Status.DRAFT
