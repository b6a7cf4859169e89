from django.urls import path

from legal_acts import views

app_name = "legal_acts"
urlpatterns = [
    path("", views.act_list, name="list"),
    path("export/", views.act_export, name="export"),
    path("new/", views.act_create, name="create"),
    path("<int:pk>/", views.act_card, name="card"),
    path("<int:pk>/edit/", views.act_edit, name="edit"),
    path("<int:pk>/editions/new/", views.edition_create, name="edition_create"),
]
