from django.contrib import admin
from django.urls import include, path

from api.api import api

urlpatterns = [
    path("", include("home.urls")),
    path("accounts/", include("accounts.urls")),
    path("organizations/", include("organizations.urls")),
    path("people/", include("people.urls")),
    path("reserve/", include("reserve.urls")),
    path("mentorships/", include("mentorships.urls")),
    path("plans/", include("plans.urls")),
    path("imports/", include("imports.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
