"""Demo data of events (see events/__init__.py)."""

from organizations.models import Municipality


def load_events(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
