from django.urls import URLPattern

app_name = "internships"
urlpatterns: list[URLPattern] = []
