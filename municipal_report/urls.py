from django.urls import path

from municipal_report import views

app_name = "municipal_report"
urlpatterns = [
    path("", views.report_page, name="page"),
    path("report.xlsx", views.report_download, name="download"),
]
