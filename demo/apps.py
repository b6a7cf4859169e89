from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo municipality (`manage.py load_demo`), built through each app's
    services."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
