"""Whether a person may mentor (clause 6) and their confirmed readiness."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.conflicts import add_conflict_error, form_status
from core.forms import add_service_error
from mentorships import permissions, services
from mentorships.forms import ReadinessForm
from people.permissions import get_person


def _render_readiness(request: HttpRequest, person, form=None) -> HttpResponse:
    """The eligibility page; the form only for those who may confirm."""
    readiness = getattr(person, "mentor_readiness", None)
    if form is None and permissions.may_confirm_readiness(request.user, person):
        form = ReadinessForm(
            initial={"confirmed_on": readiness.confirmed_on, "note": readiness.note}
            if readiness
            else None
        )
    context = {
        "person": person,
        "checks": services.eligibility_checks(person),
        "readiness": readiness,
        "form": form,
    }
    status = form_status(form)
    return render(request, "mentorships/readiness.html", context, status=status)


@login_required
def readiness(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = get_person(request.user, person_pk)
    if request.method != "POST":
        return _render_readiness(request, person)
    if not permissions.may_confirm_readiness(request.user, person):
        raise PermissionDenied
    form = ReadinessForm(request.POST)
    if form.is_valid():
        try:
            services.confirm_readiness(person=person, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        except IntegrityError:
            add_conflict_error(form)
            person = get_person(request.user, person_pk)  # without the rolled back
        else:
            messages.success(request, _("Readiness to mentor has been confirmed."))
            return redirect("mentorships:readiness", person.pk)
    return _render_readiness(request, person, form)


@login_required
@require_POST
def readiness_withdraw(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = get_person(request.user, person_pk)
    if not permissions.may_confirm_readiness(request.user, person):
        raise PermissionDenied
    try:
        services.withdraw_readiness(person=person)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Readiness to mentor has been withdrawn."))
    return redirect("mentorships:readiness", person.pk)
