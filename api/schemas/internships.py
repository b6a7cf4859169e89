"""Schemas of /internships."""
