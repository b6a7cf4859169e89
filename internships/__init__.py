"""Internships: their form, dates, programme and the supervisor's conclusion (clause 8.3)."""
