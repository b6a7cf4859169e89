"""The login form, guarded against password guessing (accounts.throttling)."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.throttling import TooManyAttempts, authenticate_limited
from core.conflicts import TOO_MANY_ATTEMPTS
from core.forms import TextCheckedForm


class LoginForm(TextCheckedForm, AuthenticationForm):
    """Django's login form, signing in through the shared login limits."""

    error_messages = {
        **AuthenticationForm.error_messages,
        TOO_MANY_ATTEMPTS: _(
            "Too many failed login attempts. Try again in 15 minutes."
        ),
    }

    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = authenticate_limited(
                    self.request, username=username, password=password
                )
            except TooManyAttempts:
                raise ValidationError(
                    self.error_messages[TOO_MANY_ATTEMPTS],
                    code=TOO_MANY_ATTEMPTS,
                ) from None
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
