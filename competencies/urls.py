from django.urls import path

from competencies import views

app_name = "competencies"
urlpatterns = [
    path("", views.framework, name="framework"),
    path("draft/", views.draft_create, name="draft_create"),
    path("draft/approve/", views.draft_approve, name="draft_approve"),
    path("draft/competencies/new/", views.competency_edit, name="competency_create"),
    path("draft/competencies/<int:pk>/", views.competency_edit, name="competency_edit"),
    path("mine/", views.mine, name="mine"),
    path("assess/<int:pk>/<str:point>/", views.assess, name="assess"),
    path("reservists/<int:pk>/", views.profile, name="profile"),
    path("reservists/<int:pk>/chart/", views.profile_chart, name="profile_chart"),
    path(
        "reservists/<int:pk>/profile.<str:fmt>",
        views.profile_document,
        name="profile_document",
    ),
]
