"""Schemas of the timeline."""
