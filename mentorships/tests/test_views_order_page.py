"""The orders' list, the order page and its actions: register, delete, signed
copy, documents; the coordinator's order templates."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tests.utils import xlsx_rows
from mentorships import services
from mentorships.models import MentorOrder, Mentorship, OrderTemplate
from mentorships.tests.factories import MentorOrderFactory, MentorshipFactory
from people.models import PersonViewLog

pytestmark = pytest.mark.django_db

ORDERS = reverse("mentorships:orders")
PDF = b"%PDF-1.4\n" + b"0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def _draft(organization, n_lines=1, **kwargs) -> MentorOrder:
    order = MentorOrderFactory.create(organization=organization, **kwargs)
    for _ in range(n_lines):
        MentorshipFactory(
            order=order,
            reserve_entry__person__organization=organization,
            status=Mentorship.Status.PENDING,
        )
    return order


def _url(name: str, order: MentorOrder, *args) -> str:
    return reverse(f"mentorships:{name}", args=[order.pk, *args])


# ---------------------------------------------------------------- the list


def test_coordinator_sees_orders_of_all_organisations_and_filters(
    client, coordinator, school, other_school, far_school
):
    a = _draft(school, number="1")
    b = _draft(other_school, number="2", status=MentorOrder.Status.REGISTERED)
    _draft(far_school, number="3")
    client.force_login(coordinator)

    def pks(**params):
        return {o.pk for o in client.get(ORDERS, params).context["page"].object_list}

    assert pks() == {a.pk, b.pk}
    assert pks(organization=other_school.pk) == {b.pk}
    assert pks(status="draft") == {a.pk}
    content = client.get(ORDERS).content.decode()
    assert reverse("mentorships:order_create") not in content
    assert reverse("mentorships:templates") in content


def test_head_sees_own_orders_and_the_register_button(
    client, head, school, other_school
):
    a = _draft(school)
    _draft(other_school)
    client.force_login(head)
    response = client.get(ORDERS)
    assert [o.pk for o in response.context["page"].object_list] == [a.pk]
    assert reverse("mentorships:order_create") in response.content.decode()


def test_mentor_sees_only_orders_naming_them(client, mentor, school):
    mine = _draft(school)
    mine.mentorships.update(mentor=mentor.person)
    _draft(school)
    client.force_login(mentor)
    assert [o.pk for o in client.get(ORDERS).context["page"].object_list] == [mine.pk]


@pytest.mark.parametrize("n", [3, 12])
def test_orders_query_count_is_constant(
    client, coordinator, school, n, django_assert_max_num_queries
):
    for _ in range(n):
        _draft(school, n_lines=2)
    client.force_login(coordinator)
    # session, user, roles, person, count, the page's keys, the page annotated,
    # organisations
    with django_assert_max_num_queries(8):
        response = client.get(ORDERS)
    assert len(response.context["page"].object_list) == n
    assert {o.n_lines for o in response.context["page"].object_list} == {2}


def test_orders_export(client, coordinator, school):
    _draft(school, number="7-н", n_lines=2)
    client.force_login(coordinator)
    rows = xlsx_rows(client.get(reverse("mentorships:orders_export")))
    assert len(rows) == 2
    assert rows[1][1] == "7-н"
    assert rows[1][5] == 2


# ---------------------------------------------------------------- the page


def test_head_sees_the_draft_with_its_actions(client, head, school):
    order = _draft(school, n_lines=2)
    client.force_login(head)
    response = client.get(order.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert _url("order_register", order) in content
    assert _url("order_delete", order) in content
    assert _url("order_scan_upload", order) in content
    assert _url("order_document", order, "docx") in content
    assert _url("order_document", order, "pdf") in content
    assert content.count("<tr>") == 3
    assert 'id="h-history"' not in content


def test_coordinator_reads_the_order_with_history_but_no_actions(
    client, coordinator, school
):
    order = _draft(school)
    client.force_login(coordinator)
    content = client.get(order.get_absolute_url()).content.decode()
    assert 'id="h-history"' in content
    assert _url("order_register", order) not in content


@pytest.mark.parametrize("who", ["stranger", "mentor", "commission"])
def test_order_out_of_scope_is_404(client, school, who, request):
    order = _draft(school)
    client.force_login(request.getfixturevalue(who))
    assert client.get(order.get_absolute_url()).status_code == 404


# ------------------------------------------------------------ registration


def test_head_registers_the_order_and_replaced_mentor_ends(client, head, school):
    old = MentorshipFactory(reserve_entry__person__organization=school)
    order = MentorOrderFactory(organization=school, date=date(2026, 10, 1))
    new = MentorshipFactory(
        order=order,
        reserve_entry=old.reserve_entry,
        replaces=old,
        status=Mentorship.Status.PENDING,
        starts_on=date(2026, 10, 1),
    )
    client.force_login(head)
    response = client.post(_url("order_register", order))
    assert response.status_code == 302
    order.refresh_from_db()
    old.refresh_from_db()
    new.refresh_from_db()
    assert order.status == MentorOrder.Status.REGISTERED
    assert new.status == Mentorship.Status.ACTIVE
    assert (old.status, old.end_reason) == ("ended", "replaced")


def test_register_twice_shows_a_message(client, head, school):
    order = _draft(school, status=MentorOrder.Status.REGISTERED)
    client.force_login(head)
    response = client.post(_url("order_register", order), follow=True)
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_register_asks_to_confirm_listing_pairs_and_replaced_mentors(
    client, head, school, django_assert_num_queries
):
    old = MentorshipFactory(
        reserve_entry__person__organization=school, mentor__last_name="Прежний"
    )
    order = _draft(school, n_lines=2)
    MentorshipFactory(
        order=order,
        reserve_entry=old.reserve_entry,
        replaces=old,
        mentor__last_name="Новый",
        status=Mentorship.Status.PENDING,
    )
    client.force_login(head)

    # session, user, roles, linked person, order, lines with mentors, reservists
    # and replaced mentors
    with django_assert_num_queries(6):
        response = client.get(_url("order_register", order))

    assert response.status_code == 200
    content = response.content.decode()
    assert f"Зарегистрировать «{order.heading}»?" in content
    assert content.count("<tr>") == 1 + 3  # the head row and three pairs
    assert old.mentor.full_name in content
    assert "Заменяет наставника" in content
    assert '<button type="submit" id="confirm-register">Зарегистрировать</button>' in (
        content
    )
    order.refresh_from_db()
    assert order.status == MentorOrder.Status.DRAFT


def test_order_page_links_to_the_confirmation_not_a_register_button(
    client, head, school
):
    order = _draft(school)
    client.force_login(head)

    content = client.get(order.get_absolute_url()).content.decode()

    assert f'href="{_url("order_register", order)}"' in content
    assert f'action="{_url("order_register", order)}"' not in content


def test_register_is_the_heads(client, head, coordinator, school):
    order = _draft(school)
    client.force_login(coordinator)
    assert client.get(_url("order_register", order)).status_code == 403
    assert client.post(_url("order_register", order)).status_code == 403
    order.refresh_from_db()
    assert order.status == MentorOrder.Status.DRAFT


def test_head_deletes_a_draft(client, head, school):
    order = _draft(school, n_lines=2)
    client.force_login(head)
    assert client.get(_url("order_delete", order)).status_code == 200
    response = client.post(_url("order_delete", order))
    assert response["Location"] == ORDERS
    assert not MentorOrder.objects.exists()
    assert not Mentorship.objects.exists()


def test_a_registered_order_is_not_deleted(client, head, school):
    order = _draft(school, status=MentorOrder.Status.REGISTERED)
    client.force_login(head)
    response = client.post(_url("order_delete", order), follow=True)
    assert MentorOrder.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


# ------------------------------------------------------------ signed copy


def test_a_scan_without_a_multipart_boundary_is_400_in_russian(client, head, school):
    order = _draft(school)
    client.force_login(head)

    response = client.post(
        _url("order_scan_upload", order),
        b"--x\r\n\r\n--x--",
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert "multipart/form-data с разделителем (boundary)" in response.content.decode()


def test_head_attaches_and_anyone_in_scope_downloads_the_scan(
    client, head, coordinator, school
):
    order = _draft(school)
    client.force_login(head)
    upload = SimpleUploadedFile("подписан.pdf", PDF, content_type="application/pdf")
    response = client.post(_url("order_scan_upload", order), {"scan": upload})
    assert response.status_code == 302
    client.force_login(coordinator)
    response = client.get(_url("order_scan", order))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    number = order.number.replace("-н", "-n")  # «15-н» is written in Latin letters
    expected = f"prikaz-{number}-ot-{order.date:%Y-%m-%d}-podpisannyj.pdf"
    assert expected in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_a_png_scan_is_accepted(client, head, school):
    order = _draft(school)
    client.force_login(head)
    upload = SimpleUploadedFile("scan.png", PNG, content_type="image/png")
    assert (
        client.post(_url("order_scan_upload", order), {"scan": upload}).status_code
        == 302
    )


def test_a_text_file_named_pdf_is_refused(client, head, school):
    order = _draft(school)
    client.force_login(head)
    upload = SimpleUploadedFile(
        "scan.pdf", b"just text", content_type="application/pdf"
    )
    response = client.post(_url("order_scan_upload", order), {"scan": upload})
    assert response.status_code == 422
    assert response.context["scan_form"].errors["scan"]
    order.refresh_from_db()
    assert not order.scan


def test_a_scan_over_the_limit_is_refused(client, head, school, monkeypatch):
    monkeypatch.setattr(services, "SCAN_MAX_SIZE", 50)
    order = _draft(school)
    client.force_login(head)
    upload = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    response = client.post(_url("order_scan_upload", order), {"scan": upload})
    assert response.status_code == 422
    assert response.context["scan_form"].errors["scan"]
    order.refresh_from_db()
    assert not order.scan


def test_scan_is_the_heads_to_attach_and_hidden_out_of_scope(
    client, coordinator, stranger, head, school
):
    order = _draft(school)
    upload = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    client.force_login(coordinator)
    assert (
        client.post(_url("order_scan_upload", order), {"scan": upload}).status_code
        == 403
    )
    assert client.get(_url("order_scan", order)).status_code == 404  # none yet
    client.force_login(head)
    upload.seek(0)
    client.post(_url("order_scan_upload", order), {"scan": upload})
    client.force_login(stranger)
    assert client.get(_url("order_scan", order)).status_code == 404


# ---------------------------------------------------------------- documents


def test_order_downloads_as_docx(client, head, school):
    order = _draft(school, number="15-н")
    client.force_login(head)
    response = client.get(_url("order_document", order, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith(b"PK")


def test_unknown_format_is_404_and_stranger_gets_404(client, head, stranger, school):
    order = _draft(school)
    client.force_login(head)
    assert client.get(_url("order_document", order, "odt")).status_code == 404
    client.force_login(stranger)
    assert client.get(_url("order_document", order, "docx")).status_code == 404


# ---------------------------------------------------------------- templates

TEMPLATES = reverse("mentorships:templates")


def _builtin() -> bytes:
    from mentorships.documents import BUILTIN_DOCX

    return BUILTIN_DOCX.read_bytes()


def test_coordinator_uploads_a_template_for_one_organisation(
    client, coordinator, school
):
    client.force_login(coordinator)
    response = client.get(TEMPLATES)
    assert response.status_code == 200
    assert "order_number" in response.content.decode()
    upload = SimpleUploadedFile("мой.docx", _builtin())
    response = client.post(TEMPLATES, {"organization": school.pk, "file": upload})
    assert response.status_code == 302
    template = OrderTemplate.objects.get()
    assert template.organization == school
    download = client.get(reverse("mentorships:template_file", args=[template.pk]))
    assert b"".join(download.streaming_content) == _builtin()


def test_a_second_upload_replaces_the_template(client, coordinator, school):
    client.force_login(coordinator)
    for _ in range(2):
        upload = SimpleUploadedFile("t.docx", _builtin())
        client.post(TEMPLATES, {"organization": "", "file": upload})
    assert OrderTemplate.objects.count() == 1


def test_a_file_that_is_not_docx_is_refused(client, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("t.docx", b"not a zip at all")
    response = client.post(TEMPLATES, {"organization": "", "file": upload})
    assert response.status_code == 422
    assert response.context["form"].errors
    assert not OrderTemplate.objects.exists()


def test_templates_are_the_coordinators(client, head, stranger, coordinator, school):
    client.force_login(coordinator)
    client.post(TEMPLATES, {"file": SimpleUploadedFile("t.docx", _builtin())})
    template = OrderTemplate.objects.get()
    client.force_login(head)
    assert client.get(TEMPLATES).status_code == 403
    assert client.get(reverse("mentorships:template_builtin")).status_code == 403
    client.force_login(stranger)
    url = reverse("mentorships:template_file", args=[template.pk])
    assert client.get(url).status_code == 404


def test_coordinator_deletes_a_template_and_gets_the_builtin(client, coordinator):
    client.force_login(coordinator)
    client.post(TEMPLATES, {"file": SimpleUploadedFile("t.docx", _builtin())})
    template = OrderTemplate.objects.get()
    url = reverse("mentorships:template_delete", args=[template.pk])
    assert client.post(url).status_code == 302
    assert not OrderTemplate.objects.exists()
    builtin = client.get(reverse("mentorships:template_builtin"))
    assert b"".join(builtin.streaming_content) == _builtin()


def test_mentor_named_in_an_order_can_open_it(client, mentor, school):
    order = _draft(school)
    order.mentorships.update(mentor=mentor.person)
    client.force_login(mentor)
    assert client.get(order.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [3, 8])
def test_order_page_query_count_is_constant(
    client, coordinator, school, n, django_assert_max_num_queries
):
    order = _draft(school, n_lines=n)
    client.force_login(coordinator)
    # session, user, roles, person, order, lines, history: records, users, org
    with django_assert_max_num_queries(9):
        response = client.get(order.get_absolute_url())
    assert response.content.decode().count("<tr>") == n + 1


def test_reservist_sees_the_order_with_only_their_own_card_linked(
    client, reservist, school
):
    order = _draft(school, n_lines=1)
    own = MentorshipFactory(
        order=order,
        reserve_entry__person=reservist.person,
        status=Mentorship.Status.PENDING,
    )
    other = order.mentorships.exclude(pk=own.pk).get()
    client.force_login(reservist)
    content = client.get(_url("order", order)).content.decode()
    assert own.reserve_entry.get_absolute_url() in content
    assert other.reserve_entry.person.full_name in content
    assert other.reserve_entry.get_absolute_url() not in content


def test_order_document_logs_the_people_it_names(client, head, school):
    order = _draft(school, n_lines=2)
    client.force_login(head)
    url = _url("order_document", order, "docx")
    assert client.get(url).status_code == 200
    logs = PersonViewLog.objects.all()
    named = {
        pk
        for m in order.mentorships.all()
        for pk in (m.mentor_id, m.reserve_entry.person_id)
    }
    assert {log.person_id for log in logs} == named
    assert {(log.user, log.channel, log.source) for log in logs} == {
        (head, PersonViewLog.Channel.DOCUMENT, url)
    }


def test_order_page_heading_has_the_date_in_words(client, head, school):
    order = _draft(school, number="15-н", date=date(2026, 12, 3))
    client.force_login(head)

    content = client.get(order.get_absolute_url()).content.decode()

    assert "<h1>Приказ № 15-н от 3 декабря 2026 г.</h1>" in content
