from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page and the menu: the top floor, gathering every domain."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
