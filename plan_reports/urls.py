from django.urls import URLPattern

app_name = "plan_reports"
urlpatterns: list[URLPattern] = []
