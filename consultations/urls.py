from django.urls import path

from consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("mine/", views.my_consultations, name="mine"),
    path("<int:pk>/", views.consultation_card, name="card"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/steps/<int:step_id>/done/", views.step_done, name="step_done"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_card, name="request"),
    path("requests/<int:pk>/schedule/", views.request_schedule, name="schedule"),
    path("requests/<int:pk>/reply/", views.request_reply, name="reply"),
]
