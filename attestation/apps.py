from django.apps import AppConfig


class AttestationConfig(AppConfig):
    name = "attestation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The note on the account-creation page of a commission member (people
        # may not import attestation, so attestation registers it there).
        from attestation.account_notes import commission_seats  # noqa: PLC0415
        from people.account_notes import register  # noqa: PLC0415

        register(commission_seats)
