"""The account's own API tokens: see them and revoke one (the other account pages
are Django's views, see urls.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions, services
from accounts.http import AuthenticatedHttpRequest


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
