from django.apps import AppConfig


class StudiesConfig(AppConfig):
    name = "studies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the receivers of lower apps' signals (Django's documented place).
        from studies import receivers  # noqa: F401, PLC0415
