from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "organizations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from organizations import signals  # noqa: PLC0415

        # Its changes drop the cached roles and scope of the accounts they move.
        signals.connect()
