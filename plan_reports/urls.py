from django.urls import path

from plan_reports import views

app_name = "plan_reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("mine/", views.my_report, name="mine"),
    path("plan/<int:plan_pk>/", views.plan_report, name="plan"),
    path("entry/<int:entry_pk>/", views.entry_report, name="entry"),
    path("<int:pk>/", views.report_page, name="report"),
    path("<int:pk>/part/", views.report_part, name="part"),
    path("<int:pk>/refresh/", views.report_refresh, name="refresh"),
    path("<int:pk>/agree/", views.report_agree, name="agree"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/accept/", views.report_accept, name="accept"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/document/<str:fmt>/", views.report_document, name="document"),
]
