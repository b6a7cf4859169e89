"""A person's account, from their card: its state, and for the person's
coordinator or head its creation with an invitation, a new invitation,
deactivation and reactivation (the rules: people.permissions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services as accounts_services
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role, RoleAssignment, User
from accounts.queries import suggest_username
from core.forms import add_service_error
from people import permissions, services
from people.account_notes import notes_for
from people.forms import AccountForm
from people.models import Person


def _account_form(request: AuthenticatedHttpRequest, person: Person) -> AccountForm:
    labels = dict(Role.choices)
    roles = [
        (role, str(capfirst(labels[role])))
        for role in permissions.grantable_roles(request.user, person)
    ]
    initial = {
        "username": suggest_username(
            last_name=person.last_name,
            first_name=person.first_name,
            middle_name=person.middle_name,
        ),
        "email": person.email,
    }
    return AccountForm(request.POST or None, roles=roles, initial=initial)


def _render_account(
    request: AuthenticatedHttpRequest,
    person: Person,
    form: AccountForm | None = None,
    status: int = 200,
) -> HttpResponse:
    account = person.user
    context = {
        "person": person,
        "form": form,
        "roles": RoleAssignment.objects.filter(user=account).for_scope()
        if account
        else [],
        "pending": account is not None
        and accounts_services.invitation_is_pending(account),
        "can_manage": permissions.may_manage_account_of(request.user, person),
        # What apps above people say of the person before the account is made
        # (attestation: a commission member gets the role `commission` only
        # when the coordinator ticks it here).
        "account_notes": notes_for(request, person)
        if account is None and form is not None
        else [],
    }
    return render(request, "people/account.html", context, status=status)


@login_required
def person_account(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The account's state; without one, the form that creates it and invites."""
    person = permissions.get_person_for_account(request.user, pk)
    if person.user is not None:
        if request.method == "POST":
            messages.error(request, _("This person already has an account."))
            return _render_account(request, person, status=409)
        return _render_account(request, person)
    form = _account_form(request, person)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_account_for_person(
                person=person, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request, _("The account has been created and the invitation sent.")
            )
            return redirect("people:account", pk=person.pk)
    return _render_account(request, person, form, status=422 if form.errors else 200)


def _managed_account(request: AuthenticatedHttpRequest, pk: int) -> tuple[Person, User]:
    """The person and their account, for one who may manage it; Http404 if the
    person is unseen, PermissionDenied otherwise."""
    person = permissions.get_person_for_account(request.user, pk)
    if person.user is None or not permissions.may_manage_account_of(
        request.user, person
    ):
        raise PermissionDenied
    return person, person.user


@login_required
@require_POST
def resend_invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Send a new invitation (the earlier links end); 409 once the password is set."""
    person, account = _managed_account(request, pk)
    try:
        accounts_services.send_invitation(user=account, invited_by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return _render_account(request, person, status=409)
    messages.success(request, _("The invitation has been sent again."))
    return redirect("people:account", pk=person.pk)


@login_required
@require_POST
def deactivate_account(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Close the account: no sign-in, its API tokens revoked."""
    person, account = _managed_account(request, pk)
    accounts_services.deactivate_account(user=account)
    messages.success(request, _("The account has been deactivated."))
    return redirect("people:account", pk=person.pk)


@login_required
@require_POST
def reactivate_account(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open the account again."""
    person, account = _managed_account(request, pk)
    accounts_services.reactivate_account(user=account)
    messages.success(request, _("The account has been reactivated."))
    return redirect("people:account", pk=person.pk)
