from django.apps import AppConfig


class AttestationConfig(AppConfig):
    name = "attestation"
    default_auto_field = "django.db.models.BigAutoField"
