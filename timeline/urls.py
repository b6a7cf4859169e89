from django.urls import URLPattern

app_name = "timeline"
urlpatterns: list[URLPattern] = []
