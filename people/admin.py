from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from people.models import Person, PersonViewLog, Position


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_administrative", "municipality"]
    list_filter = ["is_administrative", "municipality"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = [
        "last_name",
        "first_name",
        "middle_name",
        "organization",
        "position",
    ]
    list_select_related = ["organization", "position"]
    search_fields = ["last_name", "first_name"]
    raw_id_fields = ["organization", "position", "user"]


@admin.register(PersonViewLog)
class PersonViewLogAdmin(admin.ModelAdmin):
    list_display = ["viewed_at", "user", "person", "channel"]
    list_select_related = ["user", "person"]
    raw_id_fields = ["person", "user"]
