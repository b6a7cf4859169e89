from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("mine/", views.my_events, name="mine"),
    path("kinds/", views.kinds, name="kinds"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_card, name="card"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/delete/", views.event_delete, name="delete"),
    path("<int:pk>/materials/", views.material_add, name="material_add"),
    path("<int:pk>/involve/", views.involve, name="involve"),
    path("<int:pk>/invite/", views.invite_many, name="invite_many"),
    path(
        "<int:pk>/registration.<str:fmt>",
        views.registration_sheet,
        name="registration",
    ),
    path("materials/<int:pk>/", views.material_file, name="material"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("involvements/<int:pk>/respond/", views.respond, name="respond"),
    path("involvements/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("involvements/<int:pk>/file/", views.outcome_file, name="outcome_file"),
    path("involvements/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("involvements/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
