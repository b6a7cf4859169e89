"""`/events`: see events/__init__.py."""

from ninja import Router

router = Router()
