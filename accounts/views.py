"""The account's own API tokens: see them and revoke one; the link of an
invitation (the other account pages are Django's views, see urls.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions, services
from accounts.http import AuthenticatedHttpRequest
from accounts.models import User


@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The account's working tokens: beginning, issued, last used, expires."""
    tokens = permissions.visible_api_tokens(request.user)
    return render(request, "accounts/api_tokens.html", {"tokens": tokens})


@login_required
@require_POST
def revoke_api_token(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the account's own tokens; 404 for anyone else's."""
    token = permissions.get_api_token(request.user, pk)
    services.revoke_api_token(token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:api_tokens")


class InvitationConfirmView(PasswordResetConfirmView):
    """Django's set-password page for the link of an invitation
    (accounts.services.invitation_link), which a deactivated account's link no
    longer opens."""

    template_name = "accounts/invitation_confirm.html"

    def get_user(self, uidb64: str) -> User | None:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None
