"""What the reserve tells the apps above it. This is the one way a lower domain's
change reaches a higher one: the lower service sends a signal inside its
transaction, and the higher app's `receivers.py` acts on it (a failure there
rolls the whole change back)."""

from django.dispatch import Signal

# An active entry left the reserve (appointed or excluded).
# Arguments: entry (ReserveEntry), reason ("appointed" or "excluded"), on (date).
entry_ended = Signal()
