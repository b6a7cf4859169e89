from django.urls import path

from people import account_views, views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.xlsx", views.person_export, name="export"),
    path("search/", views.person_search, name="search"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_delete, name="delete"),
    path("<int:pk>/anonymise/", views.person_anonymise, name="anonymise"),
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/export.xlsx", views.access_log_export, name="access_log_export"),
    path("<int:pk>/account/", account_views.person_account, name="account"),
    path(
        "<int:pk>/account/invite/",
        account_views.resend_invitation,
        name="account_invite",
    ),
    path(
        "<int:pk>/account/deactivate/",
        account_views.deactivate_account,
        name="account_deactivate",
    ),
    path(
        "<int:pk>/account/reactivate/",
        account_views.reactivate_account,
        name="account_reactivate",
    ),
    path("positions/", views.position_list, name="positions"),
    path("positions/export.xlsx", views.position_export, name="positions_export"),
    path("positions/<int:pk>/", views.position_edit, name="position_edit"),
]
