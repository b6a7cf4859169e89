"""Schemas of /events."""
