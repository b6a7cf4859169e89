from django.apps import AppConfig


class PlanReportsConfig(AppConfig):
    name = "plan_reports"
    default_auto_field = "django.db.models.BigAutoField"
