"""The plan page: its title block, progress, approval by status and right,
revisions, the discussions and the documents."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import PersonViewLog
from plans import services
from plans.models import Comment, IndividualPlan
from plans.tests.view_helpers import PDF, add, approve, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def _page(plan) -> str:
    return reverse("plans:plan", args=[plan.pk])


def _post(client, name: str, plan, data=None, **headers):
    return client.post(reverse(name, args=[plan.pk]), data or {}, **headers)


def test_plan_page_shows_the_title_block_in_russian(client, plan, mentor):
    version = plan.form_version
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.get(_page(plan))
    content = response.content.decode()
    person = plan.reserve_entry.person
    assert f"План индивидуальной подготовки: {person.full_name}" in content
    assert "Директор школы" in content  # the target position
    assert "1 сентября 2026 г. — 31 августа 2027 г." in content
    assert (
        f"утверждена: приказ Управления образования № {version.approval_number} "
        "от 20 августа 2026 г."
    ) in content
    assert ">черновик</span>" in content
    assert "изменён после утверждения" not in content
    assert reverse("plans:document", args=[plan.pk, "docx"]) in content
    assert reverse("plans:document", args=[plan.pk, "pdf"]) in content


def test_plan_page_has_the_layouts_htmx_config_only(client, plan, mentor):
    client.force_login(mentor)
    content = client.get(_page(plan)).content.decode()
    head, body = content.split("</head>")
    assert head.count('<meta name="htmx-config"') == 1
    assert "htmx-config" not in body


def test_plan_page_groups_items_by_section_under_the_forms_titles(client, plan, mentor):
    version = plan.form_version
    version.column_titles = {**version.column_titles, "activity": "Содержание работы"}
    version.save()
    add(plan, mentor, "Второй раздел", date(2026, 10, 1), section=1)
    add(plan, mentor, "Первый раздел", date(2026, 11, 1), section=0)
    client.force_login(mentor)
    response = client.get(_page(plan))
    content = response.content.decode()
    assert "<th>Содержание работы</th>" in content
    assert content.index("Первый раздел") < content.index("Второй раздел")
    assert [i.number for i in response.context["page"].items] == ["1.1", "2.1"]
    assert "В разделе пока нет мероприятий." in content


def test_progress_bar_counts_each_state_with_accessible_text(
    client, plan, mentor, coordinator
):
    on_time = add(plan, mentor, "В срок", date(2026, 10, 1))
    late = add(plan, mentor, "С опозданием", date(2026, 10, 1))
    add(plan, mentor, "Просрочено", date(2026, 12, 1))
    add(plan, mentor, "Впереди", date(2027, 5, 1))
    approve(plan, mentor, coordinator)
    services.mark_item(
        item=fresh(on_time),
        status="done",
        done_on=date(2026, 9, 30),
        evidence_text="Да",
    )
    services.mark_item(
        item=fresh(late), status="done", done_on=date(2026, 10, 5), evidence_text="Да"
    )
    client.force_login(mentor)
    content = client.get(_page(plan)).content.decode()
    assert (
        'aria-label="Мероприятий: 4; выполнено в срок: 1, выполнено с опозданием: 1, '
        'просрочено: 1, не выполнено: 0, предстоит: 1."'
    ) in content
    assert "Выполнено: 2 из 4 (50 %)." in content
    assert "Просрочено: <strong>1</strong>" in content
    assert content.count('class="seg seg-') == 4  # no empty segment


def test_draft_shows_the_last_remarks_prominently(client, plan, mentor, coordinator):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    services.return_plan(plan=fresh(plan), remarks="Добавьте стажировку.")
    client.force_login(mentor)
    content = client.get(_page(plan)).content.decode()
    assert 'id="remarks"' in content
    assert "План возвращён на доработку. Замечания:" in content
    assert "Добавьте стажировку." in content


# Status changes ----------------------------------------------------------------------


def test_mentor_submits_a_draft(client, plan, mentor):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    content = client.get(_page(plan)).content.decode()
    assert "Отправить на утверждение" in content
    response = _post(client, "plans:submit", plan, {"version": plan.version})
    assert response.status_code == 302
    assert fresh(plan).status == IndividualPlan.Status.SUBMITTED
    content = client.get(_page(plan)).content.decode()
    assert "План отправлен на утверждение." in content
    assert "План находится на утверждении" in content
    assert "Добавить мероприятие" not in content  # no editing while submitted


def test_submitting_an_empty_draft_shows_the_services_refusal(client, plan, mentor):
    client.force_login(mentor)
    response = _post(client, "plans:submit", plan, {"version": 1}, follow=True)
    assert "Перед отправкой на утверждение добавьте в план хотя бы одно" in (
        response.content.decode()
    )
    assert fresh(plan).status == IndividualPlan.Status.DRAFT


def test_the_reservist_sees_no_submit_button(client, plan, reservist, mentor):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(reservist)
    content = client.get(_page(plan)).content.decode()
    assert "Отправить на утверждение" not in content
    assert "Добавить мероприятие" in content


def test_coordinator_approves_and_returns_a_submitted_plan(
    client, plan, mentor, coordinator
):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    client.force_login(coordinator)
    content = client.get(_page(plan)).content.decode()
    assert ">Утвердить</button>" in content
    assert "Вернуть на доработку" in content
    assert "Добавить мероприятие" not in content
    response = _post(client, "plans:approve", plan, {"version": 2}, follow=True)
    assert "План утверждён." in response.content.decode()
    plan = fresh(plan)
    assert (plan.status, plan.approved_by) == (plan.Status.APPROVED, coordinator)


def test_returning_needs_remarks_and_changes_nothing_without_them(
    client, plan, mentor, coordinator
):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    client.force_login(coordinator)
    response = _post(client, "plans:return", plan, {"version": 2, "remarks": " "})
    assert response.status_code == 422
    assert "Обязательное поле." in response.content.decode()
    assert fresh(plan).status == IndividualPlan.Status.SUBMITTED
    response = _post(
        client, "plans:return", plan, {"version": 2, "remarks": "Уточните сроки."}
    )
    assert response.status_code == 302
    plan = fresh(plan)
    assert (plan.status, plan.remarks) == (plan.Status.DRAFT, "Уточните сроки.")


def test_approving_a_version_seen_before_a_change_is_refused(
    client, plan, mentor, coordinator
):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    client.force_login(coordinator)
    response = _post(client, "plans:approve", plan, {"version": 1}, follow=True)
    assert "Кто-то уже изменил эти данные" in response.content.decode()
    assert fresh(plan).status == IndividualPlan.Status.SUBMITTED


def test_changes_after_approval_are_listed_and_reapproved(
    client, plan, mentor, coordinator
):
    approve(plan, mentor, coordinator)
    item = plan.items.get()
    services.update_item(
        item=item, by=mentor, expected_version=item.version, responsible="Директор"
    )
    client.force_login(coordinator)
    content = client.get(_page(plan)).content.decode()
    assert "изменён после утверждения" in content
    assert "Изменения после утверждения" in content
    assert "Изменено мероприятие «Изучить устав школы»" in content
    assert "ожидает повторного утверждения" in content
    assert "Утвердить изменения" in content
    assert "Завершить план" not in content
    plan = fresh(plan)
    response = _post(
        client, "plans:approve", plan, {"version": plan.version}, follow=True
    )
    content = response.content.decode()
    assert "ожидает повторного утверждения" not in content
    assert "утверждено 15 января 2027 г." in content
    assert not fresh(plan).has_unapproved_changes


def test_completing_a_plan_with_open_items_is_refused_with_a_message(
    client, plan, mentor, coordinator
):
    approve(plan, mentor, coordinator)
    client.force_login(mentor)
    plan = fresh(plan)
    response = _post(
        client, "plans:complete", plan, {"version": plan.version}, follow=True
    )
    assert "Не закрыто мероприятий: 1." in response.content.decode()
    assert fresh(plan).status == IndividualPlan.Status.APPROVED


def test_mentor_completes_a_plan_whose_items_are_closed(
    client, plan, mentor, coordinator
):
    approve(plan, mentor, coordinator)
    services.mark_item(item=plan.items.get(), status="not_done", not_done_reason="Нет")
    client.force_login(mentor)
    plan = fresh(plan)
    response = _post(
        client, "plans:complete", plan, {"version": plan.version}, follow=True
    )
    assert "План завершён." in response.content.decode()
    assert fresh(plan).status == IndividualPlan.Status.COMPLETED


# Comments ----------------------------------------------------------------------------


def test_comment_on_the_plan_with_htmx_returns_the_thread(client, plan, reservist):
    services.add_comment(plan=plan, author=reservist, text="Первый")
    client.force_login(reservist)
    response = _post(
        client,
        "plans:comment",
        plan,
        {"text": "Второй"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div class="thread" id="thread-plan">')
    assert content.index("Первый") < content.index("Второй")  # newest at the bottom
    assert "15 января 2027 г., 12:00" in content
    assert reservist.person.short_name in content


def test_comment_on_an_item_goes_to_its_thread(client, plan, mentor):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = _post(
        client,
        "plans:comment",
        plan,
        {"text": "Начните с устава.", "item": item.pk},
        headers={"HX-Request": "true"},
    )
    assert f'id="thread-{item.pk}"' in response.content.decode()
    assert Comment.objects.get().item == item
    page = client.get(_page(plan)).content.decode()
    assert "Обсуждение (1)" in page


def test_empty_comment_is_refused_and_nothing_saved(client, plan, mentor):
    client.force_login(mentor)
    response = _post(
        client, "plans:comment", plan, {"text": "  "}, headers={"HX-Request": "true"}
    )
    assert "Обязательное поле." in response.content.decode()
    response = _post(client, "plans:comment", plan, {"text": ""})
    assert response.status_code == 422
    assert "Обязательное поле." in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_without_htmx_returns_to_the_thread(client, plan, mentor):
    client.force_login(mentor)
    response = _post(client, "plans:comment", plan, {"text": "Готово"})
    assert response["Location"] == f"{_page(plan)}#thread-plan"


def test_comment_on_an_item_of_another_plan_is_not_found(client, plan, mentor, school):
    from plans.tests.factories import PlanItemFactory

    foreign = PlanItemFactory(plan__organization=school)
    client.force_login(mentor)
    response = _post(client, "plans:comment", plan, {"text": "x", "item": foreign.pk})
    assert response.status_code == 404


# Documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "magic"), [("docx", b"PK"), ("pdf", b"%PDF")], ids=["docx", "pdf"]
)
def test_plan_document_downloads(client, plan, mentor, fmt, magic):
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.get(reverse("plans:document", args=[plan.pk, fmt]))
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].startswith("attachment;")


def test_plan_document_in_an_unknown_format_is_not_found(client, plan, mentor):
    client.force_login(mentor)
    response = client.get(reverse("plans:document", args=[plan.pk, "odt"]))
    assert response.status_code == 404


# Query counts ------------------------------------------------------------------------


@pytest.mark.parametrize("n", [5, 20])
def test_plan_page_query_count_does_not_grow_with_rows(
    client, plan, mentor, reservist, coordinator, n, django_assert_max_num_queries
):
    for i in range(n):
        item = add(plan, mentor, f"Мероприятие {i}", date(2026, 10, 1), section=i % 5)
        services.add_comment(plan=plan, author=reservist, text=f"К {i}", item=item)
        services.add_comment(plan=plan, author=mentor, text=f"План {i}")
    approve(plan, mentor, coordinator)
    for item in plan.items.all()[:n]:
        services.add_evidence(
            item=item,
            file=SimpleUploadedFile(f"{item.pk}.pdf", PDF, "application/pdf"),
            by=reservist,
        )
        services.update_item(
            item=fresh(item), by=mentor, expected_version=None, responsible="Я"
        )
    client.force_login(mentor)
    # session, user, roles, person, plan, the access log's INSERT, sections,
    # items, files, comments, revisions, status history
    with django_assert_max_num_queries(12):
        response = client.get(_page(plan))
    assert response.content.decode().count('class="item-row') == n
    # the next request reads the roles and the person from the cache
    with django_assert_max_num_queries(10):
        response = client.get(_page(plan))
    assert response.content.decode().count('class="item-row') == n


def test_plan_page_and_document_log_the_reservist_and_the_mentor(
    client, plan, mentor, reservist
):
    client.force_login(mentor)
    page = reverse("plans:plan", args=[plan.pk])
    document = reverse("plans:document", args=[plan.pk, "docx"])
    assert client.get(page).status_code == 200
    assert client.get(document).status_code == 200
    rows = {
        (log.person_id, log.channel, log.source)
        for log in PersonViewLog.objects.filter(user=mentor)
    }
    people = {reservist.person.pk, mentor.person.pk}
    assert rows == {
        *((pk, PersonViewLog.Channel.PAGE, page) for pk in people),
        *((pk, PersonViewLog.Channel.DOCUMENT, document) for pk in people),
    }


def test_plan_page_is_not_logged_for_a_stranger(client, plan, stranger):
    client.force_login(stranger)
    assert client.get(reverse("plans:plan", args=[plan.pk])).status_code == 404
    assert not PersonViewLog.objects.exists()
