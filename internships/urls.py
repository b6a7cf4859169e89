from django.urls import path

from internships import views

app_name = "internships"
urlpatterns = [
    path("", views.internship_list, name="list"),
    path("supervised/", views.supervised_list, name="supervised"),
    path("new/", views.internship_create, name="create"),
    path("<int:pk>/", views.internship_card, name="card"),
    path("<int:pk>/edit/", views.internship_edit, name="edit"),
    path("<int:pk>/tasks/", views.task_add, name="task_add"),
    path("<int:pk>/tasks/<int:task_pk>/delete/", views.task_delete, name="task_delete"),
    path("<int:pk>/start/", views.internship_start, name="start"),
    path("<int:pk>/complete/", views.internship_complete, name="complete"),
    path("<int:pk>/conclusion/", views.conclusion_edit, name="conclusion"),
    path("<int:pk>/<str:kind>.<str:fmt>", views.internship_document, name="document"),
    path("forms/", views.form_list, name="forms"),
    path("forms/<int:pk>/", views.form_edit, name="form_edit"),
]
