from django.urls import path

from agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("feed/", views.regenerate_feed, name="regenerate_feed"),
    path("feed/revoke/", views.revoke_feed, name="revoke_feed"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
