"""The coordinator's plan forms: the list, a draft version's columns, sections and
suggested items, approval with requisites, read-only approved versions."""

from datetime import date

import pytest
from django.urls import reverse

from plans import services
from plans.models import PlanForm, PlanFormVersion, SuggestedItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

HTMX = {"HX-Request": "true"}


@pytest.fixture
def plan_form(municipality):
    """A new form with its draft first version (the default sections)."""
    return services.create_plan_form(municipality=municipality, name="Форма ИПП")


@pytest.fixture
def draft(plan_form):
    return plan_form.versions.get()


def _url(name: str, version: PlanFormVersion, *extra) -> str:
    return reverse(name, args=[version.form_id, version.number, *extra])


def _structure(version, sections: list[tuple[int | None, str]], **changes) -> dict:
    """The structure form's data: `sections` are (id or None for a new one, title)."""
    data = {f"title_{k}": version.title_of(k) for k in version.column_titles}
    ids = ["" if pk is None else str(pk) for pk, _title in sections]
    titles = [title for _pk, title in sections]
    return {**data, "section_ids": ids, "sections": titles, **changes}


def _rows(version) -> list[tuple[int | None, str]]:
    return [(s.pk, s.title) for s in version.sections.all()]


def _suggestion_sections(version) -> dict[str, tuple[int, str]]:
    """Each suggestion's activity: the position and title of its section."""
    return {
        s.activity: (s.section.position, s.section.title)
        for s in SuggestedItem.objects.filter(section__version=version).select_related(
            "section"
        )
    }


def _approve(version) -> PlanFormVersion:
    return services.approve_form_version(
        version=version,
        approval_document="приказ Управления образования",
        approval_number="45-о",
        approval_date=date(2026, 8, 20),
    )


def test_forms_list_shows_versions_with_requisites(client, coordinator, plan_form):
    _approve(plan_form.versions.get())
    services.new_form_version(form=plan_form)
    client.force_login(coordinator)
    content = client.get(reverse("plans:forms")).content.decode()
    assert "<h1>Формы планов</h1>" in content
    assert "Форма ИПП" in content
    assert "Версия 2" in content and "черновик" in content
    assert "приказ Управления образования № 45-о от 20 августа 2026 г." in content
    assert "Новая форма" in content


def test_coordinator_creates_a_form(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(reverse("plans:forms"), {"name": "Новая форма ИПП"})
    plan_form = PlanForm.objects.get()
    assert response["Location"] == plan_form.get_absolute_url()
    assert plan_form.municipality == municipality
    response = client.get(plan_form.get_absolute_url())
    assert response["Location"] == reverse("plans:form_version", args=[plan_form.pk, 1])


def test_form_name_is_required(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("plans:forms"), {"name": ""})
    assert "Обязательное поле." in response.content.decode()
    assert not PlanForm.objects.exists()


def test_a_mentor_sees_forms_without_editing(client, mentor, draft):
    client.force_login(mentor)
    content = client.get(reverse("plans:forms")).content.decode()
    assert "Новая форма" not in content
    content = client.get(_url("plans:form_version", draft)).content.decode()
    assert "Сохранить структуру" not in content
    assert "Утвердить версию" not in content


def test_draft_version_page_offers_every_editing_control(client, coordinator, draft):
    client.force_login(coordinator)
    content = client.get(_url("plans:form_version", draft)).content.decode()
    assert "«Форма ИПП», версия 1" in content
    assert "Заголовки столбцов" in content
    assert 'value="Теоретическая подготовка"' in content
    assert "Переместить раздел 2 выше" in content
    first = draft.sections.first()
    assert f'name="section_ids" value="{first.pk}"' in content
    assert "привязаны к месту раздела" not in content
    assert "Предложить мероприятие" in content
    assert "Утвердить версию" in content
    assert "Создать новую версию" not in content  # a draft exists already


def test_structure_renames_columns_and_adds_a_section(client, coordinator, draft):
    client.force_login(coordinator)
    rows = [*_rows(draft), (None, "Стажировка")]
    response = client.post(
        _url("plans:form_structure", draft),
        _structure(draft, rows, title_activity="Содержание работы", op="save"),
        headers=HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="version-body">')
    assert "Структура сохранена." in content
    draft = PlanFormVersion.objects.get(pk=draft.pk)
    assert draft.title_of("activity") == "Содержание работы"
    assert [s.title for s in draft.sections.all()][-1] == "Стажировка"


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        ("up:1", ["Б", "А", "В"]),
        ("down:0", ["Б", "А", "В"]),
        ("remove:1", ["А", "В"]),
        ("up:0", ["А", "Б", "В"]),  # the first cannot go higher
    ],
)
def test_structure_moves_and_removes_sections(client, coordinator, draft, op, expected):
    first, second, third, *_rest = draft.sections.all()
    rows = [(first.pk, "А"), (second.pk, "Б"), (third.pk, "В"), (None, "")]
    client.force_login(coordinator)
    client.post(_url("plans:form_structure", draft), _structure(draft, rows, op=op))
    assert [s.title for s in draft.sections.all()] == expected


def test_structure_moves_a_section_with_its_suggestions(client, coordinator, draft):
    first, second, *_rest = draft.sections.all()
    services.add_suggested_item(section=first, activity="Первое")
    services.add_suggested_item(section=second, activity="Второе")
    client.force_login(coordinator)
    client.post(
        _url("plans:form_structure", draft),
        _structure(draft, [*_rows(draft), (None, "")], op="down:0"),
    )
    assert _suggestion_sections(draft) == {
        "Первое": (2, first.title),
        "Второе": (1, second.title),
    }


def test_structure_removes_a_middle_section_and_only_its_suggestions(
    client, coordinator, draft
):
    first, second, third, *_rest = draft.sections.all()
    for section, activity in [(first, "Первое"), (second, "Второе"), (third, "Третье")]:
        services.add_suggested_item(section=section, activity=activity)
    client.force_login(coordinator)
    client.post(
        _url("plans:form_structure", draft),
        _structure(draft, [*_rows(draft), (None, "")], op="remove:1"),
    )
    assert draft.sections.count() == 4
    assert _suggestion_sections(draft) == {
        "Первое": (1, first.title),
        "Третье": (2, third.title),
    }


def test_structure_refuses_a_section_of_another_version(client, coordinator, draft):
    services.add_suggested_item(section=draft.sections.first(), activity="Было")
    _approve(draft)
    new = services.new_form_version(form=draft.form)
    foreign = draft.sections.first()
    client.force_login(coordinator)
    response = client.post(
        _url("plans:form_structure", new),
        _structure(new, [*_rows(new), (foreign.pk, "Чужой")]),
    )
    assert "Список разделов не соответствует версии формы." in (
        response.content.decode()
    )
    assert [s.title for s in new.sections.all()] == [
        s.title for s in draft.sections.all()
    ]
    assert foreign.title == "Теоретическая подготовка"
    assert draft.sections.get(pk=foreign.pk).title == foreign.title


def test_structure_refuses_a_damaged_list_and_shows_the_saved_one(
    client, coordinator, draft
):
    data = _structure(draft, _rows(draft))
    data["section_ids"] = data["section_ids"][:-1]
    client.force_login(coordinator)
    response = client.post(_url("plans:form_structure", draft), data)
    content = response.content.decode()
    assert "Список разделов не соответствует версии формы." in content
    assert content.count('name="sections"') == 6  # the five and a new one
    assert draft.sections.count() == 5


def test_structure_needs_a_title_for_every_section(client, coordinator, draft):
    rows = _rows(draft)
    rows[1] = (rows[1][0], " ")
    client.force_login(coordinator)
    response = client.post(_url("plans:form_structure", draft), _structure(draft, rows))
    assert "У каждого раздела должно быть название." in response.content.decode()
    assert draft.sections.count() == 5


@pytest.mark.parametrize("op", ["up:²", "down:-1", "remove:99", "jump:1"])
def test_structure_ignores_an_operation_it_does_not_know(
    client, coordinator, draft, op
):
    rows = _rows(draft)
    client.force_login(coordinator)
    response = client.post(
        _url("plans:form_structure", draft), _structure(draft, rows, op=op)
    )
    assert response.status_code == 200
    assert _rows(draft) == rows


def test_structure_needs_a_section(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(
        _url("plans:form_structure", draft),
        _structure(draft, [(None, ""), (None, " ")]),
    )
    assert "В форме должен быть хотя бы один раздел." in response.content.decode()
    assert draft.sections.count() == 5


def test_coordinator_suggests_and_removes_an_item(client, coordinator, draft):
    section = draft.sections.first()
    client.force_login(coordinator)
    response = client.post(
        _url("plans:suggestion_add", draft, section.pk),
        {
            f"s{section.pk}-activity": "Изучение устава школы",
            f"s{section.pk}-form_of_work": "Самостоятельно",
            f"s{section.pk}-expected_result": "Конспект",
            f"s{section.pk}-months_from_start": "2",
        },
        headers=HTMX,
    )
    content = response.content.decode()
    assert "Предлагаемое мероприятие добавлено." in content
    assert "через 2 месяца от начала" in content
    suggestion = SuggestedItem.objects.get()
    assert (suggestion.section, suggestion.months_from_start) == (section, 2)
    response = client.post(
        _url("plans:suggestion_delete", draft, suggestion.pk), headers=HTMX
    )
    assert "Предлагаемое мероприятие удалено." in response.content.decode()
    assert not SuggestedItem.objects.exists()


def test_suggestion_errors_open_its_form(client, coordinator, draft):
    section = draft.sections.first()
    client.force_login(coordinator)
    response = client.post(
        _url("plans:suggestion_add", draft, section.pk),
        {f"s{section.pk}-activity": "", f"s{section.pk}-months_from_start": "x"},
    )
    content = response.content.decode()
    assert "Обязательное поле." in content
    assert "Введите целое число." in content
    assert not SuggestedItem.objects.exists()


def test_approval_needs_the_requisites(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(
        _url("plans:form_approve", draft),
        {"approval_document": "", "approval_number": "", "approval_date": ""},
    )
    assert response.content.decode().count("Обязательное поле.") == 3
    assert PlanFormVersion.objects.get(pk=draft.pk).status == "draft"


def test_approval_in_the_future_is_refused(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(
        _url("plans:form_approve", draft),
        {
            "approval_document": "приказ",
            "approval_number": "1",
            "approval_date": "2027-02-01",
        },
    )
    assert "Дата не может быть в будущем." in response.content.decode()
    assert PlanFormVersion.objects.get(pk=draft.pk).status == "draft"


def test_approved_version_is_read_only_with_its_requisites(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(
        _url("plans:form_approve", draft),
        {
            "approval_document": "приказ Управления образования",
            "approval_number": "45-о",
            "approval_date": "2026-08-20",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "Версия формы утверждена." in content
    assert 'id="requisites"' in content
    assert "45-о" in content and "20 августа 2026 г." in content
    assert "Сохранить структуру" not in content
    assert "Предложить мероприятие" not in content
    assert "Утвердить версию" not in content
    assert "Создать новую версию" in content


@pytest.mark.parametrize("action", ["structure", "suggestion", "delete", "approve"])
def test_a_forged_post_to_an_approved_version_is_refused(
    client, coordinator, draft, action
):
    section = draft.sections.first()
    suggestion = services.add_suggested_item(section=section, activity="Было")
    _approve(draft)
    urls = {
        "structure": (
            _url("plans:form_structure", draft),
            _structure(draft, [(None, "X")]),
        ),
        "suggestion": (
            _url("plans:suggestion_add", draft, section.pk),
            {f"s{section.pk}-activity": "Новое", f"s{section.pk}-months_from_start": 1},
        ),
        "delete": (_url("plans:suggestion_delete", draft, suggestion.pk), {}),
        "approve": (
            _url("plans:form_approve", draft),
            {
                "approval_document": "приказ",
                "approval_number": "2",
                "approval_date": "2026-09-01",
            },
        ),
    }
    url, data = urls[action]
    client.force_login(coordinator)
    response = client.post(url, data)
    assert response.status_code == (200 if action == "delete" else 422)
    assert (
        "Утверждённую версию формы изменить нельзя: создайте новую версию."
        in response.content.decode()
    )
    draft = PlanFormVersion.objects.get(pk=draft.pk)
    assert draft.approval_number == "45-о"
    assert draft.sections.first().title == "Теоретическая подготовка"
    assert list(SuggestedItem.objects.values_list("activity", flat=True)) == ["Было"]


def test_new_version_copies_the_newest(client, coordinator, draft):
    services.add_suggested_item(section=draft.sections.first(), activity="Было")
    _approve(draft)
    client.force_login(coordinator)
    response = client.post(reverse("plans:form_new", args=[draft.form_id]))
    assert response["Location"] == reverse(
        "plans:form_version", args=[draft.form_id, 2]
    )
    new = PlanFormVersion.objects.get(form=draft.form, number=2)
    assert new.status == "draft"
    assert SuggestedItem.objects.filter(section__version=new).count() == 1


def test_new_version_while_a_draft_exists_shows_the_refusal(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.post(reverse("plans:form_new", args=[draft.form_id]), follow=True)
    assert "У формы уже есть версия-черновик." in response.content.decode()


def test_unknown_version_is_not_found(client, coordinator, draft):
    client.force_login(coordinator)
    url = reverse("plans:form_version", args=[draft.form_id, 9])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("n", [3, 12])
def test_version_page_query_count_does_not_grow(
    client, coordinator, draft, n, django_assert_max_num_queries
):
    for i in range(n):
        services.add_suggested_item(
            section=draft.sections.all()[i % 5], activity=f"Мероприятие {i}"
        )
    client.force_login(coordinator)
    # session, user, roles, person, form, version, sections, suggestions,
    # versions, sections of the structure form
    with django_assert_max_num_queries(10):
        response = client.get(_url("plans:form_version", draft))
    assert response.content.decode().count("Мероприятие ") >= n


@pytest.mark.parametrize("n", [3, 12])
def test_forms_list_query_count_does_not_grow(
    client, coordinator, municipality, n, django_assert_max_num_queries
):
    for i in range(n):
        services.create_plan_form(municipality=municipality, name=f"Форма {i}")
    client.force_login(coordinator)
    # session, user, roles, person, municipality, forms, versions
    with django_assert_max_num_queries(7):
        response = client.get(reverse("plans:forms"))
    assert response.content.decode().count('class="card section-card"') == n
