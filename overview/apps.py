from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """The coordinator's overview: the effectiveness figures of the regulation
    (design.md §3, clauses 2–3), each with the list behind it."""

    name = "overview"
    default_auto_field = "django.db.models.BigAutoField"
