from django.urls import path

from attestation import views

app_name = "attestation"
urlpatterns = [
    path("", views.session_list, name="sessions"),
    path("commission/", views.commission_page, name="commission"),
    path("commission/settings/", views.settings_edit, name="settings"),
    path("commission/orders/new/", views.order_create, name="order_create"),
    path("commission/orders/<int:pk>/", views.order_card, name="order"),
    path("commission/orders/<int:pk>/appoint/", views.order_appoint, name="appoint"),
    path("commission/orders/<int:pk>/remove/", views.order_remove, name="remove"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_card, name="session"),
    path(
        "sessions/<int:pk>/attendance/",
        views.session_attendance,
        name="attendance",
    ),
    path("sessions/<int:pk>/agenda/", views.session_agenda_add, name="agenda_add"),
    path("sessions/<int:pk>/minutes.<str:fmt>", views.session_minutes, name="minutes"),
    path("<int:pk>/", views.attestation_card, name="attestation"),
    path("<int:pk>/respond/", views.attestation_respond, name="respond"),
    path(
        "<int:pk>/recommendation/",
        views.attestation_recommendation,
        name="recommendation",
    ),
    path("<int:pk>/vote/", views.attestation_vote, name="vote"),
    path("<int:pk>/decide/", views.attestation_decide, name="decide"),
    path("<int:pk>/confirm/", views.attestation_confirm, name="confirm"),
    path("<int:pk>/remove/", views.attestation_remove, name="remove_from_agenda"),
    path("<int:pk>/extract.<str:fmt>", views.attestation_extract, name="extract"),
    path("<int:pk>/pack/", views.pack_page, name="pack"),
    path("<int:pk>/pack.pdf", views.pack_pdf, name="pack_pdf"),
]
