from django.urls import path

from organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("export.xlsx", views.organization_export, name="export"),
    path("new/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/delete/", views.organization_delete, name="delete"),
    path("municipality/<int:pk>/", views.municipality_edit, name="municipality"),
]
