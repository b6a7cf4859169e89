from django.contrib import admin

from notifications.models import Notification, Preference, ReminderSettings


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "title",
        "read_at",
        "email_status",
    ]
    list_filter = ["kind", "email_status"]
    search_fields = ["title", "key", "recipient__username"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["key", "email_attempts", "email_sent_at", "email_error"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "in_app", "email"]
    raw_id_fields = ["user"]


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["municipality", "days_before"]
