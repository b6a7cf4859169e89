"""Write helpers shared by the domain services."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


def create_validated(model: type[M], **fields: Any) -> M:
    """Insert a row after `full_clean()`; raises ValidationError on bad data."""
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    return obj


def update_validated(obj: M, **fields: Any) -> M:
    """Change the given fields, validate and save only what changed;
    raises ValidationError on bad data."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed:
        obj.full_clean()
        obj.save(update_fields=changed)
    return obj


def delete_protected(obj: models.Model) -> None:
    """Delete a row; raises ValidationError when other records still refer to it."""
    try:
        obj.delete()
    except ProtectedError as e:
        raise ValidationError(
            _("It cannot be deleted: other records refer to it (%(count)s).")
            % {"count": len(e.protected_objects)}
        ) from e
