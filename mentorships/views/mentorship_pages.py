"""Ending a mentorship, and one's own: «My reservists» and «My mentor»."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.conflicts import add_conflict_error, form_status
from core.forms import add_service_error
from mentorships import permissions, queries, services
from mentorships.forms import EndMentorshipForm
from mentorships.models import Mentorship
from plans.queries import with_mentee_plans


@login_required
def mentorship_end(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship = permissions.get_mentorship(request.user, pk, write=True)
    form = EndMentorshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_mentorship(mentorship=mentorship, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        except IntegrityError:
            add_conflict_error(form)
        else:
            messages.success(request, _("The mentorship has been ended."))
            return redirect(mentorship.reserve_entry)
    context = {"form": form, "mentorship": mentorship}
    status = form_status(form)
    return render(request, "mentorships/end_form.html", context, status=status)


@login_required
def my_reservists(request: HttpRequest) -> HttpResponse:
    if not permissions.may_view_own_mentees(request.user):
        raise PermissionDenied
    mentorships = with_mentee_plans(request.user, queries.my_reservists(request.user))
    return render(
        request, "mentorships/my_reservists.html", {"mentorships": mentorships}
    )


@login_required
def my_mentor(request: HttpRequest) -> HttpResponse:
    if not permissions.may_view_own_mentor(request.user):
        raise PermissionDenied
    mentorships = permissions.visible_mentorships_as_reservist(request.user).for_list()
    context = {
        "current": [m for m in mentorships if m.status != Mentorship.Status.ENDED],
        "past": [m for m in mentorships if m.status == Mentorship.Status.ENDED],
    }
    return render(request, "mentorships/my_mentor.html", context)
