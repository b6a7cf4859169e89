"""The question banks' pages: the coordinator keeps the questions on each act,
the municipality's mentors read them; no one else sees them."""

import pytest
from django.urls import reverse

from legal_acts.tests.conftest import make_act
from studies import services
from studies.models import QuestionBank, QuizOption, QuizQuestion
from studies.services import OptionData

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"studies:{name}", args=args)


def _add(act, text="Кто назначает руководителя ОО?") -> QuizQuestion:
    return services.add_question(
        bank=services.bank_of(act),
        text=text,
        kind=QuizQuestion.Kind.SINGLE,
        options=[OptionData("Учредитель", True), OptionData("Педсовет")],
    )


def _post(**fields) -> dict:
    data = {
        "text": "Что такое локальный акт?",
        "kind": "multiple",
        "option_1": "Приказ директора",
        "correct_1": "on",
        "option_2": "Положение ОО",
        "correct_2": "on",
        "option_3": "Федеральный закон",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


# The list ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "mentor"])
def test_the_coordinator_and_mentors_see_the_banks(request, client, role, act, far_act):
    _add(act)
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url("banks"))
    assert response.status_code == 200
    text = response.content.decode()
    assert act.title in text
    assert far_act.title not in text
    assert response.context["page"].object_list[0].n_bank_questions == 1


@pytest.mark.parametrize("role", ["head", "reservist", "commission"])
def test_the_banks_are_forbidden_to_others(request, client, role, act):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url("banks")).status_code == 403


def test_a_stranger_sees_only_their_municipality(client, stranger, act, far_act):
    client.force_login(stranger)
    text = client.get(_url("banks")).content.decode()
    assert far_act.title in text
    assert act.title not in text


def test_the_banks_ask_to_log_in(client):
    response = client.get(_url("banks"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_banks_search(client, coordinator, act, municipality):
    make_act(municipality, number="44-ФЗ", title="О контрактной системе")
    client.force_login(coordinator)
    text = client.get(_url("banks"), {"q": "КОНТРАКТН"}).content.decode()
    assert "О контрактной системе" in text
    assert act.title not in text


@pytest.mark.parametrize("n", [3, 12])
def test_the_banks_cost_the_same_at_any_size(
    client, coordinator, municipality, n, django_assert_num_queries
):
    for i in range(n):
        act = make_act(municipality, number=f"{i}-ФЗ", title=f"Закон {i}")
        _add(act)
    client.force_login(coordinator)
    # session, user, roles, person (the principal, then cached), the count, the
    # page's keys, the page's rows with their numbers of questions
    with django_assert_num_queries(7):
        response = client.get(_url("banks"))
    assert len(response.context["page"].object_list) == n


# The bank ------------------------------------------------------------------------------


def test_the_coordinator_keeps_the_bank(client, coordinator, act):
    _add(act)
    client.force_login(coordinator)
    text = client.get(_url("bank", act.pk)).content.decode()
    assert "Кто назначает руководителя ОО?" in text
    assert "✓ верный" in text
    assert "Добавить вопрос" in text


def test_a_mentor_reads_the_bank_without_changing_it(client, mentor, act):
    _add(act)
    client.force_login(mentor)
    response = client.get(_url("bank", act.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "✓ верный" in text
    assert "Добавить вопрос" not in text


def test_an_empty_bank_is_shown_without_creating_it(client, coordinator, act):
    client.force_login(coordinator)
    assert (
        "В банке пока нет вопросов" in client.get(_url("bank", act.pk)).content.decode()
    )
    assert not QuestionBank.objects.exists()


@pytest.mark.parametrize("role", ["head", "reservist", "stranger"])
def test_the_bank_is_not_found_for_others(request, client, role, act):
    question = _add(act)
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url("bank", act.pk)).status_code == 404
    assert client.post(_url("bank_add", act.pk), _post()).status_code == 404
    edit = client.post(_url("bank_edit", act.pk, question.pk), _post())
    assert edit.status_code == 404
    assert client.post(_url("bank_delete", act.pk, question.pk)).status_code == 404
    assert QuizQuestion.objects.get().text == question.text


def test_a_mentor_may_not_write_the_bank(client, mentor, act):
    question = _add(act)
    client.force_login(mentor)
    assert client.get(_url("bank_add", act.pk)).status_code == 403
    assert client.post(_url("bank_add", act.pk), _post()).status_code == 403
    assert (
        client.post(_url("bank_edit", act.pk, question.pk), _post()).status_code == 403
    )
    assert client.post(_url("bank_delete", act.pk, question.pk)).status_code == 403
    assert QuizQuestion.objects.get().text == question.text


def test_the_bank_asks_to_log_in(client, act):
    response = client.get(_url("bank", act.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_coordinator_adds_edits_and_deletes(client, coordinator, act):
    client.force_login(coordinator)
    assert client.get(_url("bank_add", act.pk)).status_code == 200
    response = client.post(_url("bank_add", act.pk), _post())
    assert response.status_code == 302
    question = QuizQuestion.objects.get(bank__act=act)
    assert question.kind == QuizQuestion.Kind.MULTIPLE
    assert [o.is_correct for o in question.options.all()] == [True, True, False]
    form = client.get(_url("bank_edit", act.pk, question.pk)).content.decode()
    assert 'value="Положение ОО"' in form
    response = client.post(
        _url("bank_edit", act.pk, question.pk), _post(text="Что относится к ЛНА?")
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Что относится к ЛНА?"
    response = client.post(_url("bank_delete", act.pk, question.pk))
    assert response.status_code == 302
    assert not QuizQuestion.objects.exists()
    assert not QuizOption.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"option_2": "", "correct_2": None, "option_3": ""},
            "Укажите не менее двух вариантов",
        ),
        ({"correct_1": None, "correct_2": None}, "Отметьте верный вариант"),
        ({"kind": "single"}, "отмечено верными: 2"),
        ({"option_4": "", "correct_4": "on"}, "Впишите вариант или снимите"),
        ({"option_1": "Приказ\u202eдиректора"}, ""),
    ],
)
def test_a_bad_bank_question_is_refused(client, coordinator, act, fields, message):
    question = _add(act)
    client.force_login(coordinator)
    response = client.post(_url("bank_add", act.pk), _post(**fields))
    assert response.status_code == 422
    assert message in response.content.decode()
    response = client.post(_url("bank_edit", act.pk, question.pk), _post(**fields))
    assert response.status_code == 422
    assert list(QuizQuestion.objects.values_list("text", flat=True)) == [question.text]
    assert question.options.count() == 2


def test_a_question_of_another_bank_is_not_found(
    client, coordinator, act, municipality
):
    other = _add(make_act(municipality, number="44-ФЗ", title="О закупках"))
    client.force_login(coordinator)
    response = client.post(_url("bank_edit", act.pk, other.pk), _post())
    assert response.status_code == 404
    assert client.post(_url("bank_delete", act.pk, other.pk)).status_code == 404
    other.refresh_from_db()
    assert other.text == "Кто назначает руководителя ОО?"


def test_a_test_question_is_not_a_bank_question(
    client, coordinator, act, test_assignment
):
    question = test_assignment.questions.first()
    _add(act)
    client.force_login(coordinator)
    assert client.post(_url("bank_delete", act.pk, question.pk)).status_code == 404
    assert test_assignment.questions.count() == 2


def test_the_catalogue_links_the_coordinator_to_the_banks(client, coordinator, act):
    client.force_login(coordinator)
    text = client.get(reverse("legal_acts:list")).content.decode()
    assert _url("banks") in text
    text = client.get(reverse("legal_acts:card", args=[act.pk])).content.decode()
    assert _url("bank", act.pk) in text
