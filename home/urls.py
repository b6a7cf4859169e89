from django.urls import path

from home import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="index"),
    path("people/<int:pk>/data.json", views.person_data, name="person_data"),
]
