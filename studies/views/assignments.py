"""Pages: assignments (being built)."""

from django.urls import URLPattern

urls: list[URLPattern] = []
