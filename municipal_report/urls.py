from django.urls import path

from municipal_report import views

app_name = "municipal_report"
urlpatterns = [
    path("", views.report_page, name="page"),
    path("<int:pk>/", views.job_page, name="job"),
    path("<int:pk>/report.xlsx", views.job_download, name="download"),
]
