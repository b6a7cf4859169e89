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
    raises ValidationError on bad data and then leaves obj as it was."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if not changed:
        return obj
    old = {name: getattr(obj, name) for name in changed}
    for name in changed:
        setattr(obj, name, fields[name])
    try:
        obj.full_clean()
    except ValidationError:
        for name, value in old.items():
            setattr(obj, name, value)
        raise
    # update_fields skips auto_now fields unless they are named.
    touched = [
        f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)
    ]
    obj.save(update_fields=[*changed, *touched])
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
