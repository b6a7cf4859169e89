import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_redirects_anonymous_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_login_page_is_russian(client, db):
    response = client.get(reverse("accounts:login"))
    assert "Вход" in response.content.decode()
