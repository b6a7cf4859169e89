"""What the catalogue of legal acts tells the apps above it: the lower service
sends a signal inside its transaction, and the higher app's `receivers.py` acts
on it (a failure there rolls the whole change back)."""

from django.dispatch import Signal

# A new edition of an act was recorded.
# Arguments: edition (LegalActEdition).
edition_added = Signal()
