from django.contrib import admin
from django.http import HttpRequest

from agenda.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Who has a feed and since when (the token's hash is not shown)."""

    list_display = ("user", "created_at")
    fields = ("user", "created_at")
    readonly_fields = ("user", "created_at")
    search_fields = ("user__username",)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
