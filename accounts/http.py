"""The request type of views that only a signed-in account reaches."""

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user has signed in, as behind @login_required, for views
    that hand the account to a service. For annotations only (the pattern
    django-stubs documents); Django still passes its own HttpRequest."""

    user: User
