from django.urls import path

from compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.table, name="table"),
    path("export.xlsx", views.export, name="export"),
]
