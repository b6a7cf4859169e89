from django.contrib import admin

from imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "original_name",
        "status",
        "user",
        "municipality",
        "n_created",
        "n_updated",
    ]
    list_filter = ["kind", "status", "municipality"]
    search_fields = ["original_name", "user__username"]
    list_select_related = ["user", "municipality"]
    readonly_fields = [
        "user",
        "kind",
        "municipality",
        "original_name",
        "file",
        "status",
        "n_rows",
        "n_created",
        "n_updated",
        "n_unchanged",
        "error_message",
        "created_at",
        "applied_at",
    ]

    def has_add_permission(self, request) -> bool:
        # A batch comes only from an upload, through the import pages.
        return False
