from django.urls import URLPattern

app_name = "attestation"
urlpatterns: list[URLPattern] = []
