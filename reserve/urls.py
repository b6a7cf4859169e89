from django.urls import path

from reserve import views

app_name = "reserve"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export.xlsx", views.entry_export, name="export"),
    path("new/", views.entry_create, name="create"),
    path("<int:pk>/", views.entry_card, name="card"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/appoint/", views.entry_appoint, name="appoint"),
    path("<int:pk>/exclude/", views.entry_exclude, name="exclude"),
    path("positions/", views.position_list, name="positions"),
    path("positions/<int:pk>/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/delete/", views.position_delete, name="position_delete"),
]
