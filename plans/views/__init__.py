"""The HTML side of plans: forms of plans, plans, rows, progress, control."""
