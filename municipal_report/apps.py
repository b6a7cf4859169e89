from django.apps import AppConfig


class MunicipalReportConfig(AppConfig):
    name = "municipal_report"
    default_auto_field = "django.db.models.BigAutoField"
