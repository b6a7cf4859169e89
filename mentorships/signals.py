"""What mentorships tell the apps above them (see reserve/signals.py)."""

from django.dispatch import Signal

# A registered order made a mentorship active (a new mentor or a replacement).
# Arguments: mentorship (Mentorship).
mentorship_started = Signal()
