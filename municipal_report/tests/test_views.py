"""The coordinator's page and download, for every role; the period's checks."""

from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from core.excel import XLSX_CONTENT_TYPE
from people.models import PersonViewLog

PAGE = reverse("municipal_report:page")
DOWNLOAD = reverse("municipal_report:download")
ROLES_DENIED = ["head", "mentor", "reservist", "commission"]


def _download(client, **params):
    return client.get(
        DOWNLOAD, {"date_from": "2026-01-01", "date_to": "2026-12-31", **params}
    )


@time_machine.travel("2026-12-04 10:00 +07:00", tick=False)
def test_the_page_offers_the_current_year(client, coordinator):
    client.force_login(coordinator)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Отчёт муниципалитета</h1>" in html
    assert 'value="2026-01-01"' in html and 'value="2026-12-31"' in html
    assert "Скачать отчёт (Excel)" in html
    assert f'action="{DOWNLOAD}"' in html


def test_the_menu_offers_the_report_to_the_coordinator_only(client, coordinator, head):
    client.force_login(coordinator)
    assert f'href="{PAGE}"' in client.get(reverse("home:index")).content.decode()
    client.force_login(head)
    assert f'href="{PAGE}"' not in client.get(reverse("home:index")).content.decode()


def test_the_coordinator_downloads_the_report(client, coordinator, unit):
    client.force_login(coordinator)
    response = _download(client)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert (
        'filename="municipal-report-20260101-20261231.xlsx"'
        in response["Content-Disposition"]
    )
    book = load_workbook(BytesIO(response.content))
    assert book["Сводка"]["A3"].value == "Town, за период с 01.01.2026 по 31.12.2026"
    # The people it names are logged as exported (152-ФЗ).
    logged = PersonViewLog.objects.filter(
        user=coordinator, channel=PersonViewLog.Channel.EXPORT
    )
    assert unit.a.person_id in set(logged.values_list("person_id", flat=True))


@pytest.mark.parametrize("role", ROLES_DENIED)
def test_other_roles_are_refused(client, request, role, unit):
    client.force_login(request.getfixturevalue(role))
    assert client.get(PAGE).status_code == 403
    assert _download(client).status_code == 403
    assert not PersonViewLog.objects.filter(
        channel=PersonViewLog.Channel.EXPORT
    ).exists()


def test_a_coordinator_of_another_municipality_gets_only_their_own(
    client, stranger, municipality, unit
):
    client.force_login(stranger)
    assert _download(client, municipality=municipality.pk).status_code == 404
    assert client.get(PAGE, {"municipality": municipality.pk}).status_code == 404
    response = _download(client)
    book = load_workbook(BytesIO(response.content))
    assert book["Сводка"]["A3"].value.startswith("Elsewhere,")


def test_a_superuser_chooses_the_municipality(
    client, superuser, municipality, far_school
):
    client.force_login(superuser)
    html = client.get(PAGE).content.decode()
    assert 'name="municipality"' in html and "Elsewhere" in html and "Town" in html
    response = _download(client, municipality=municipality.pk)
    book = load_workbook(BytesIO(response.content))
    assert book["Сводка"]["A3"].value.startswith("Town,")


def test_anonymous_is_sent_to_sign_in(client):
    response = _download(client)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "message"),
    [
        ("2026-12-31", "2026-01-01", "Конец периода раньше его начала."),
        ("2020-01-01", "2026-01-01", "Отчёт охватывает не более 5 лет."),
        ("1900-01-01", "2026-01-01", "01.01.2000"),
        ("2026-13-01", "2026-12-31", "Введите правильную дату."),
        ("", "2026-12-31", "Обязательное поле."),
    ],
)
def test_a_wrong_period_is_refused_with_a_russian_message(
    client, coordinator, unit, date_from, date_to, message
):
    client.force_login(coordinator)
    response = client.get(DOWNLOAD, {"date_from": date_from, "date_to": date_to})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert not PersonViewLog.objects.filter(
        channel=PersonViewLog.Channel.EXPORT
    ).exists()


def test_a_period_of_one_day_is_fine(client, coordinator):
    client.force_login(coordinator)
    response = _download(client, date_from="2026-05-20", date_to="2026-05-20")
    assert response.status_code == 200
