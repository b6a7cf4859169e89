"""`/internships`: see internships/__init__.py."""

from ninja import Router

router = Router()
