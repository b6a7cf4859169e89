from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from people import signals  # noqa: PLC0415

        # Its changes drop the cached roles and scope of the accounts they move.
        signals.connect()
