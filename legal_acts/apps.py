from django.apps import AppConfig


class LegalActsConfig(AppConfig):
    name = "legal_acts"
    default_auto_field = "django.db.models.BigAutoField"
