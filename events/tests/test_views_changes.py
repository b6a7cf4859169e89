"""Changing events on the pages: edit, materials, withdraw, delete, decline."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Event, EventMaterial, Involvement

PDF = b"%PDF-1.4\n% test\n"


def test_mentor_edits_their_event(client, mentor, seminar):
    client.force_login(mentor)
    response = client.post(
        reverse("events:edit", args=[seminar.pk]),
        {
            "kind": seminar.kind_id,
            "title": "Новое название",
            "starts_at": "2027-01-14T10:00",
            "ends_at": "2027-01-14T13:00",
            "place": "Зал",
        },
    )
    assert response.status_code == 302
    seminar.refresh_from_db()
    assert seminar.title == "Новое название"


def test_reservist_may_not_edit(client, reservist, involvement):
    client.force_login(reservist)
    url = reverse("events:edit", args=[involvement.event_id])
    assert client.get(url).status_code == 403


def test_material_is_attached_and_downloaded(client, mentor, reservist, involvement):
    client.force_login(mentor)
    event_id = involvement.event_id
    response = client.post(
        reverse("events:material_add", args=[event_id]),
        {"file": SimpleUploadedFile("programme.pdf", PDF)},
    )
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    client.force_login(reservist)
    response = client.get(reverse("events:material", args=[material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    response = client.post(reverse("events:material_delete", args=[material.pk]))
    assert response.status_code == 403


def test_material_of_an_unseen_event_is_a_404(client, commission, seminar, mentor):
    client.force_login(mentor)
    client.post(
        reverse("events:material_add", args=[seminar.pk]),
        {"file": SimpleUploadedFile("programme.pdf", PDF)},
    )
    client.force_login(commission)
    material = EventMaterial.objects.get()
    assert client.get(reverse("events:material", args=[material.pk])).status_code == 404


def test_mentor_withdraws_an_invitation(client, mentor, involvement):
    client.force_login(mentor)
    response = client.post(reverse("events:withdraw", args=[involvement.pk]))
    assert response.status_code == 302
    assert not Involvement.objects.exists()


def test_head_may_not_withdraw(client, head, involvement):
    client.force_login(head)
    response = client.post(reverse("events:withdraw", args=[involvement.pk]))
    assert response.status_code == 403
    assert Involvement.objects.exists()


def test_delete_is_refused_while_reservists_are_involved(client, mentor, involvement):
    client.force_login(mentor)
    client.post(reverse("events:delete", args=[involvement.event_id]))
    assert Event.objects.exists()
    Involvement.objects.all().delete()
    client.post(reverse("events:delete", args=[involvement.event_id]))
    assert not Event.objects.exists()


def test_decline_needs_a_reason_on_the_page(client, reservist, involvement):
    client.force_login(reservist)
    url = reverse("events:respond", args=[involvement.pk])
    response = client.post(url, {"answer": "decline"})
    assert response.status_code == 422
    involvement.refresh_from_db()
    assert involvement.status == Involvement.Status.INVITED
    response = client.post(
        url, {"answer": "decline", "decline_reason": "Болею", "next": "mine"}
    )
    assert response["Location"] == reverse("events:mine")


def test_other_mentor_may_not_answer_for_the_reservist(client, mentor, involvement):
    client.force_login(mentor)
    url = reverse("events:respond", args=[involvement.pk])
    assert client.post(url, {"answer": "accept"}).status_code == 403


def test_my_events_is_the_reservists(client, mentor, reservist, involvement):
    client.force_login(mentor)
    assert client.get(reverse("events:mine")).status_code == 403
    client.force_login(reservist)
    response = client.get(reverse("events:mine"))
    assert [i.pk for i in response.context["involvements"]] == [involvement.pk]


def test_kinds_are_the_coordinators(client, mentor):
    client.force_login(mentor)
    assert client.get(reverse("events:kinds")).status_code == 403
