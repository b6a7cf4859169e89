"""`/reservists/{id}/timeline`: see timeline/__init__.py."""

from ninja import Router

router = Router()
