from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organizations.models import Municipality, Organization


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["short_name", "full_name"]
    list_select_related = ["municipality"]
    raw_id_fields = ["head"]
