"""Demo data of consultations (see consultations/__init__.py)."""

from organizations.models import Municipality


def load_consultations(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
