"""`/consultations`: see consultations/__init__.py."""

from ninja import Router

router = Router()
