from django.apps import AppConfig
from django.utils import timezone


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Auth's models can be imported only once the app registry is ready.
        from django.contrib.auth import user_logged_in  # noqa: PLC0415
        from django.contrib.auth.models import update_last_login  # noqa: PLC0415

        from accounts import signals  # noqa: PLC0415

        # A change of a role drops the account's cached roles and scope.
        signals.connect()

        # Django's own receiver saves last_login, which django-simple-history would
        # record as an empty change of the account at every login.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_update_last_login, dispatch_uid="update_last_login")


def _update_last_login(sender, user, **kwargs) -> None:
    user.last_login = timezone.now()
    user.skip_history_when_saving = True
    try:
        user.save(update_fields=["last_login"])
    finally:
        del user.skip_history_when_saving
