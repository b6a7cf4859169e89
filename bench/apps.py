from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark: region-scale data (`manage.py generate_region`), the bare
    reference view and the query counter served under BENCH, and `make bench`'s
    runner (`manage.py run_bench`)."""

    name = "bench"
    default_auto_field = "django.db.models.BigAutoField"
