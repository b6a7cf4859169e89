"""The note on the page that creates a person's account when the person sits on
the attestation commission: the role `commission` is given only if the coordinator
ticks it there (registered with people.account_notes in AttestationConfig.ready)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Role
from attestation.queries import seats_of
from people.models import Person
from people.permissions import grantable_roles


def commission_seats(request: HttpRequest, person: Person) -> str:
    """The person's seats in force or to come, with the hint about the role."""
    seats = seats_of(person.pk, timezone.localdate())
    if not seats:
        return ""
    return render_to_string(
        "attestation/includes/account_seats.html",
        {
            "seats": seats,
            "may_grant_commission": Role.COMMISSION
            in grantable_roles(request.user, person),
        },
        request=request,
    )
