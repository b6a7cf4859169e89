"""Demo data of internships (see internships/__init__.py)."""

from organizations.models import Municipality


def load_internships(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
