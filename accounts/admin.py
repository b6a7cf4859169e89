from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["municipality", "organization"]


@admin.register(User)
class NastavnikUserAdmin(UserAdmin, SimpleHistoryAdmin):
    inlines = [RoleInline]
