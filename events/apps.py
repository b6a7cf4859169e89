"""Events: meetings, seminars, conferences and the reservists involved in them (clause 8.2)."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the receivers of lower apps' signals (Django's documented place).
        from events import receivers  # noqa: F401, PLC0415
