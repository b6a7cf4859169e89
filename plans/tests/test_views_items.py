"""Rows of the plan on its page: add, edit in place (with the version check and its
409), remove, reorder and set deadlines, in a draft and after approval."""

from datetime import date

import pytest
from django.urls import reverse

from plans import services
from plans.models import IndividualPlan, PlanItem, Revision
from plans.tests.view_helpers import add, approve, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

HTMX = {"HX-Request": "true"}


def _url(name: str, plan, item=None) -> str:
    return reverse(name, args=[plan.pk, item.pk] if item else [plan.pk])


def _item_data(plan, **changes) -> dict:
    data = {
        "section": plan.form_version.sections.all()[1].pk,
        "activity": "Стажировка у директора школы",
        "form_of_work": "Стажировка",
        "deadline": "2027-03-01",
        "responsible": "Петров Д. И.",
        "expected_result": "Отчёт",
    }
    return {**data, **changes}


# Add ---------------------------------------------------------------------------------


def test_mentor_adds_an_item_with_htmx_and_gets_the_new_body(client, plan, mentor):
    client.force_login(mentor)
    response = client.post(_url("plans:item_add", plan), _item_data(plan), headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-body"
    assert response["HX-Reswap"] == "outerHTML"
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="plan-body">')
    assert "Мероприятие добавлено." in content
    assert "Стажировка у директора школы" in content
    item = PlanItem.objects.get()
    assert (item.section.position, item.deadline) == (2, date(2027, 3, 1))


def test_reservist_adds_an_item_without_htmx(client, plan, reservist):
    client.force_login(reservist)
    response = client.post(_url("plans:item_add", plan), _item_data(plan))
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert PlanItem.objects.count() == 1


def test_adding_an_item_outside_the_period_shows_the_error_and_saves_nothing(
    client, plan, mentor
):
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_add", plan),
        _item_data(plan, deadline="2028-01-01"),
        headers=HTMX,
    )
    content = response.content.decode()
    assert "Срок должен быть в пределах периода плана (01.09.2026 – 31.08.2027)." in (
        content
    )
    assert 'id="add-item" class="add-item" open' in content
    assert not PlanItem.objects.exists()


def test_adding_an_item_without_an_activity_shows_the_form_error(client, plan, mentor):
    client.force_login(mentor)
    response = client.post(_url("plans:item_add", plan), _item_data(plan, activity=""))
    assert response.status_code == 422
    assert "Обязательное поле." in response.content.decode()
    assert not PlanItem.objects.exists()


def test_adding_an_item_to_a_submitted_plan_is_refused(client, plan, mentor):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    client.force_login(mentor)
    response = client.post(_url("plans:item_add", plan), _item_data(plan))
    assert "План находится на утверждении" in response.content.decode()
    assert PlanItem.objects.count() == 1


def test_coordinator_cannot_add_items(client, plan, coordinator):
    client.force_login(coordinator)
    response = client.post(_url("plans:item_add", plan), _item_data(plan))
    assert response.status_code == 403
    assert not PlanItem.objects.exists()


# Edit in place -----------------------------------------------------------------------


def test_edit_with_htmx_returns_the_row_as_a_form(client, plan, reservist):
    item = add(plan, reservist, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(reservist)
    response = client.get(_url("plans:item_edit", plan, item), headers=HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith(f'<tr id="item-{item.pk}" class="edit-row">')
    assert f'name="version" value="{item.version}"' in content
    assert "Мероприятие 1.1: изменение" in content
    cancel = client.get(_url("plans:item", plan, item), headers=HTMX)
    assert cancel.content.decode().lstrip().startswith(f'<tr id="item-{item.pk}"')


def test_edit_without_htmx_opens_the_row_on_the_page(client, plan, mentor):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.get(_url("plans:item_edit", plan, item))
    assert response.status_code == 200
    assert response.context["editing"] == item.pk
    assert 'class="edit-row"' in response.content.decode()


def test_edit_saves_the_row_and_returns_the_body(client, plan, mentor):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_edit", plan, item),
        _item_data(plan, version=item.version),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-body"
    assert "Мероприятие сохранено." in response.content.decode()
    item = fresh(item)
    assert (item.activity, item.version) == ("Стажировка у директора школы", 2)
    assert not Revision.objects.exists()  # a draft keeps no revisions


def test_stale_edit_with_htmx_is_a_conflict_showing_the_fresh_row(
    client, plan, mentor, reservist
):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.update_item(
        item=item, by=reservist, expected_version=1, responsible="Петров Д. И."
    )
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_edit", plan, item),
        _item_data(plan, activity="Моя правка", version=1),
        headers=HTMX,
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert content.lstrip().startswith(f'<tr id="item-{item.pk}"')
    assert "Кто-то уже изменил эти данные, пока вы их редактировали." in content
    assert "Петров Д. И." in content  # the other person's change
    assert fresh(item).activity == "Изучить устав школы"


def test_stale_edit_without_htmx_is_a_conflict_on_the_page(
    client, plan, mentor, reservist
):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.update_item(
        item=item, by=reservist, expected_version=1, responsible="Петров Д. И."
    )
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_edit", plan, item),
        _item_data(plan, activity="Моя правка", version=1),
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "<h1>План индивидуальной подготовки" in content
    assert "Кто-то уже изменил эти данные" in content
    assert fresh(item).activity == "Изучить устав школы"


def test_edit_errors_come_back_in_the_row(client, plan, mentor):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_edit", plan, item),
        _item_data(plan, deadline="2026-01-01", version=1),
        headers=HTMX,
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'class="edit-row"' in content
    assert "Срок должен быть в пределах периода плана" in content
    assert fresh(item).deadline == date(2026, 10, 1)


def test_edit_after_approval_is_recorded_as_a_revision(
    client, plan, mentor, coordinator
):
    approve(plan, mentor, coordinator)
    item = plan.items.get()
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_edit", plan, item),
        _item_data(plan, activity=item.activity, version=item.version),
        headers=HTMX,
    )
    content = response.content.decode()
    assert "изменён после утверждения" in content
    assert "ожидает повторного утверждения" in content
    assert Revision.objects.count() == 1
    assert fresh(plan).has_unapproved_changes


# Remove, reorder, deadlines ----------------------------------------------------------


def test_remove_deletes_a_row_of_a_draft(client, plan, mentor):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_remove", plan, item), {"version": 1}, headers=HTMX
    )
    assert "Мероприятие удалено." in response.content.decode()
    assert not PlanItem.objects.exists()


def test_remove_cancels_a_row_of_an_approved_plan(client, plan, mentor, coordinator):
    approve(plan, mentor, coordinator)
    item = plan.items.get()
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_remove", plan, item), {"version": item.version}, follow=True
    )
    content = response.content.decode()
    assert "Мероприятие исключено из плана." in content
    assert "Отменено мероприятие «Изучить устав школы»." in content
    assert fresh(item).status == PlanItem.Status.CANCELLED


def test_stale_remove_is_a_conflict(client, plan, mentor):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_remove", plan, item), {"version": 7}, headers=HTMX
    )
    assert response.status_code == 409
    assert PlanItem.objects.count() == 1


def test_move_swaps_a_row_with_its_neighbour_in_the_section(client, plan, mentor):
    first = add(plan, mentor, "Первое", date(2026, 10, 1))
    second = add(plan, mentor, "Второе", date(2026, 10, 1))
    other = add(plan, mentor, "Другой раздел", date(2026, 10, 1), section=1)
    client.force_login(mentor)
    client.post(_url("plans:item_move", plan, second), {"direction": "up"})
    order = list(plan.items.order_by("section__position", "position"))
    assert order == [second, first, other]
    # The last row of a section does not leave it.
    client.post(_url("plans:item_move", plan, first), {"direction": "down"})
    assert list(plan.items.order_by("section__position", "position")) == order


def test_move_with_htmx_returns_the_body(client, plan, mentor):
    add(plan, mentor, "Первое", date(2026, 10, 1))
    second = add(plan, mentor, "Второе", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(
        _url("plans:item_move", plan, second), {"direction": "up"}, headers=HTMX
    )
    content = response.content.decode()
    assert "Порядок мероприятий изменён." in content
    assert content.index("Второе") < content.index("Первое")


def test_deadlines_are_set_for_the_ticked_rows(client, plan, mentor):
    first = add(plan, mentor, "Первое", date(2026, 10, 1))
    second = add(plan, mentor, "Второе", date(2026, 10, 1))
    third = add(plan, mentor, "Третье", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(
        _url("plans:deadlines", plan),
        {"items": [first.pk, third.pk], "deadline": "2027-02-01"},
        headers=HTMX,
    )
    assert "Срок установлен для 2 мероприятий." in response.content.decode()
    assert [fresh(i).deadline for i in (first, second, third)] == [
        date(2027, 2, 1),
        date(2026, 10, 1),
        date(2027, 2, 1),
    ]


def test_deadlines_skip_finished_rows_and_say_how_many(
    client, plan, mentor, coordinator
):
    first = add(plan, mentor, "Первое", date(2026, 10, 1))
    second = add(plan, mentor, "Второе", date(2026, 10, 1))
    approve(plan, mentor, coordinator)
    services.mark_item(
        item=first,
        status=PlanItem.Status.DONE,
        done_on=date(2027, 1, 10),
        evidence_text="Сделано",
    )
    client.force_login(mentor)
    response = client.post(
        _url("plans:deadlines", plan),
        {"items": [first.pk, second.pk], "deadline": "2027-02-01"},
        headers=HTMX,
    )
    content = response.content.decode()
    assert "Срок установлен для 1 мероприятия." in content
    assert (
        "Пропущено завершённых мероприятий (выполнено, не выполнено или исключено): 1."
        in content
    )
    assert fresh(first).deadline == date(2026, 10, 1)
    assert fresh(second).deadline == date(2027, 2, 1)


def test_deadlines_need_ticked_rows_and_a_date_within_the_period(client, plan, mentor):
    item = add(plan, mentor, "Первое", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(_url("plans:deadlines", plan), {"deadline": "2027-02-01"})
    assert "Отметьте мероприятия, которым нужно установить срок." in (
        response.content.decode()
    )
    response = client.post(
        _url("plans:deadlines", plan), {"items": [item.pk], "deadline": "2029-01-01"}
    )
    assert "Срок должен быть в пределах периода плана" in response.content.decode()
    assert fresh(item).deadline == date(2026, 10, 1)


def test_deadlines_refuse_rows_of_another_plan(client, plan, mentor, school):
    from plans.tests.factories import PlanItemFactory

    foreign = PlanItemFactory(plan__organization=school)
    client.force_login(mentor)
    response = client.post(
        _url("plans:deadlines", plan), {"items": [foreign.pk], "deadline": "2027-02-01"}
    )
    assert response.status_code == 422
    assert fresh(foreign).deadline != date(2027, 2, 1)
    assert IndividualPlan.objects.get(pk=plan.pk).status == IndividualPlan.Status.DRAFT


# Only the mentor restructures an approved plan -----------------------------------


def test_reservist_sees_no_reorder_exclude_or_bulk_deadline_on_an_approved_plan(
    client, plan, mentor, reservist, coordinator
):
    approve(plan, mentor, coordinator)
    client.force_login(reservist)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert "Изменить" in content  # the reservist still edits their rows
    assert 'id="deadlines-form"' not in content
    assert 'name="direction"' not in content
    assert "/remove/" not in content
    client.force_login(mentor)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert 'id="deadlines-form"' in content
    assert 'name="direction"' in content
    assert "/remove/" in content


def test_reservist_may_not_reorder_exclude_or_redate_an_approved_plan(
    client, plan, mentor, reservist, coordinator
):
    approve(plan, mentor, coordinator)
    item = plan.items.get()
    client.force_login(reservist)
    move = client.post(_url("plans:item_move", plan, item), {"direction": "up"})
    remove = client.post(
        _url("plans:item_remove", plan, item), {"version": item.version}
    )
    deadlines = client.post(
        _url("plans:deadlines", plan), {"items": [item.pk], "deadline": "2027-03-01"}
    )
    assert (move.status_code, remove.status_code, deadlines.status_code) == (
        403,
        403,
        403,
    )
    assert fresh(item).status == PlanItem.Status.PLANNED


def test_reservist_reorders_and_removes_rows_of_a_draft(client, plan, reservist):
    item = add(plan, reservist, "Первое", date(2027, 2, 1))
    client.force_login(reservist)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert 'id="deadlines-form"' in content
    response = client.post(
        _url("plans:item_remove", plan, item), {"version": item.version}
    )
    assert response.status_code == 302
    assert not PlanItem.objects.exists()


def test_an_approved_row_offers_exclude_from_the_plan_without_a_double_negative(
    client, plan, mentor, coordinator
):
    approve(plan, mentor, coordinator)
    client.force_login(mentor)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert ">Исключить из плана</button>" in content
    assert 'hx-confirm="Исключить мероприятие из плана? Изменение будет' in content
    assert 'data-confirm-yes="Исключить" data-confirm-no="Оставить"' in content
    assert 'id="confirm-dialog"' in content
    assert "Отменить" not in content


def test_the_add_form_offers_the_reservist_as_responsible(client, plan, mentor):
    client.force_login(mentor)
    content = client.get(plan.get_absolute_url()).content.decode()
    name = plan.reserve_entry.person.full_name
    assert f'name="responsible" value="{name}"' in content
