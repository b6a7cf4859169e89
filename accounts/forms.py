"""The login form, guarded against password guessing."""

import hashlib

from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_LOGIN_FAILURES = 10
LOCKOUT_SECONDS = 15 * 60  # the message names 15 minutes


class LoginForm(AuthenticationForm):
    """Django's login form that refuses a username from an address after
    MAX_LOGIN_FAILURES failed attempts, until LOCKOUT_SECONDS after the first."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "too_many_attempts": _(
            "Too many failed login attempts. Try again in 15 minutes."
        ),
    }

    def clean(self) -> dict:
        key = self._failures_key()
        if cache.get(key, 0) >= MAX_LOGIN_FAILURES:
            raise ValidationError(
                self.error_messages["too_many_attempts"], code="too_many_attempts"
            )
        try:
            return super().clean()
        except ValidationError:
            # add() starts the window at the first failure; incr() keeps it.
            cache.add(key, 0, LOCKOUT_SECONDS)
            cache.incr(key)
            raise

    def _failures_key(self) -> str:
        username = (self.data.get("username") or "").strip().lower()
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        ident = hashlib.sha256(f"{username}\n{address}".encode()).hexdigest()
        return f"login-failures:{ident}"
