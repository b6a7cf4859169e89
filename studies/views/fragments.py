"""Pages: fragments (being built)."""

from django.urls import URLPattern

urls: list[URLPattern] = []
