"""Internships: their form, dates, programme and the supervisor's conclusion (clause 8.3)."""

from django.apps import AppConfig


class InternshipsConfig(AppConfig):
    name = "internships"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the receivers of lower apps' signals (Django's documented place).
        from internships import receivers  # noqa: F401, PLC0415
