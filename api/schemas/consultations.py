"""Schemas of /consultations."""
