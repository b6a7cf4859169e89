"""Tiny helpers that read settings from the environment (healthchecks style)."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    """Return a string variable; `NAME_FILE` (a path to a secret) wins over `NAME`."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Return a boolean variable; raises ImproperlyConfigured unless true/false."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    """Return an integer variable; raises ImproperlyConfigured on anything else."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as e:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from e


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated variable as a list without empty items."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]
