"""Pages of consultations (clauses 8.4–8.7): the mentor's log, its form and card,
the reservist's consultations, next steps and requests, the mentor's incoming
requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from consultations import permissions, services
from consultations.forms import (
    ConsultationFilterForm,
    ConsultationForm,
    MarkDoneForm,
    ReplyForm,
    RequestForm,
    ScheduleForm,
    step_formset,
)
from consultations.models import ConsultationQuerySet
from core.forms import add_service_error, render_form
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from people.models import PersonViewLog
from people.services import record_people_access

# Consultations ------------------------------------------------------------------------


@login_required
def consultation_list(request: HtmxHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_consultations(request.user))
    visible = permissions.visible_consultations(request.user)
    form = ConsultationFilterForm(request.GET)
    page = paginate(
        form.filter(visible.in_list_order()),
        request.GET.get("page"),
        annotate=ConsultationQuerySet.for_list,
    )
    record_people_access(
        people_ids=[c.mentorship.reserve_entry.person_id for c in page],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    template = "consultations/list.html"
    response = render(
        request,
        f"{template}#rows" if request.htmx else template,
        {
            "form": form,
            "page": page,
            "may_log": permissions.may_log_consultations(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def consultation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_log_consultations(request.user))
    data = request.POST if request.method == "POST" else None
    form = ConsultationForm(
        data,
        mentorships=permissions.mentorships_to_consult(request.user),
        initial={"mentorship": request.GET.get("mentorship")},
    )
    steps = step_formset(data)
    if data is not None and form.is_valid() and steps.is_valid():
        try:
            consultation = services.create_consultation(
                mentorship=form.cleaned_data["mentorship"],
                by=request.user,
                next_steps=steps.steps(),
                **form.consultation_fields(),
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The consultation has been logged."))
            return redirect(consultation)
    context = {"form": form, "steps": steps, "consultation": None}
    return render_form(request, "consultations/form.html", context)


@login_required
def consultation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    consultation = permissions.get_consultation(request.user, pk, write=True)
    data = request.POST if request.method == "POST" else None
    initial = {
        name: getattr(consultation, name) for name in services.CONSULTATION_FIELDS
    }
    form = ConsultationForm(data, mentorships=None, initial=initial)
    steps = step_formset(data)
    if data is not None and form.is_valid() and steps.is_valid():
        try:
            services.update_consultation(
                consultation=consultation,
                new_steps=steps.steps(),
                **form.consultation_fields(),
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The consultation has been saved."))
            return redirect(consultation)
    context = {"form": form, "steps": steps, "consultation": consultation}
    return render_form(request, "consultations/form.html", context)


@login_required
def consultation_card(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = permissions.get_consultation(request.user, pk)
    may_mark = permissions.may_mark_step_done(request.user, consultation)
    return render(
        request,
        "consultations/card.html",
        {
            "consultation": consultation,
            "may_change": permissions.may_change_consultation(
                request.user, consultation
            ),
            "markable": {s.pk for s in consultation.next_steps.all()}
            if may_mark
            else (),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def step_done(request: AuthenticatedHttpRequest, pk: int, step_id: int) -> HttpResponse:
    consultation = permissions.get_consultation(request.user, pk)
    permissions.require(permissions.may_mark_step_done(request.user, consultation))
    step = permissions.get_next_step(request.user, consultation, step_id)
    form = MarkDoneForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(m) for e in form.errors.values() for m in e])
        services.mark_step_done(
            step=step, by=request.user, done_on=form.cleaned_data["done_on"]
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The step has been marked done."))
    if request.POST.get("next") == "mine":
        return redirect("consultations:mine")
    return redirect(consultation)


# The reservist's page -----------------------------------------------------------------


@login_required
def my_consultations(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_own_consultations(request.user))
    steps = list(
        permissions.own_next_steps(request.user)
        .select_related("consultation__mentorship__reserve_entry")
        .in_task_order()[:200]
    )
    markable = {
        s.pk
        for s in steps
        if permissions.may_mark_step_done(request.user, s.consultation)
    }
    consultations = paginate(
        permissions.own_consultations(request.user).in_list_order(),
        request.GET.get("page"),
        annotate=ConsultationQuerySet.for_list,
    )
    return render(
        request,
        "consultations/mine.html",
        {
            "steps": steps,
            "markable": markable,
            "page": consultations,
            "requests": list(
                permissions.own_requests(request.user).for_list().in_list_order()[:50]
            ),
            "mentorship": permissions.mentorship_to_request(request.user),
            "today": timezone.localdate(),
        },
    )


# Requests ----------------------------------------------------------------------------


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_own_consultations(request.user))
    mentorship = permissions.mentorship_to_request(request.user)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_request(mentorship=mentorship, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("Your request has been sent to the mentor."))
            return redirect("consultations:mine")
    return render_form(
        request,
        "consultations/request_form.html",
        {"form": form, "mentorship": mentorship},
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_log_consultations(request.user))
    page = paginate(
        permissions.incoming_requests(request.user).in_list_order(),
        request.GET.get("page"),
        annotate=lambda rows: rows.for_list(),
    )
    return render(request, "consultations/requests.html", {"page": page})


def _render_request(request: HttpRequest, found, **forms) -> HttpResponse:
    may_answer = permissions.may_answer_request(request.user, found)
    context = {
        "found": found,
        "may_answer": may_answer and found.is_pending,
        "schedule_form": forms.get("schedule_form") or ScheduleForm.for_request(found),
        "reply_form": forms.get("reply_form") or ReplyForm(prefix="reply"),
    }
    return render_form(request, "consultations/request.html", context)


@login_required
def request_card(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_request(request, permissions.get_request(request.user, pk))


@login_required
@require_POST
def request_schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_request(request.user, pk)
    permissions.require(permissions.may_answer_request(request.user, found))
    form = ScheduleForm.for_request(found, request.POST)
    if form.is_valid():
        try:
            services.schedule_request(
                request=found, by=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The consultation has been scheduled."))
            assert found.consultation is not None
            return redirect(found.consultation)
    return _render_request(request, found, schedule_form=form)


@login_required
@require_POST
def request_reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_request(request.user, pk)
    permissions.require(permissions.may_answer_request(request.user, found))
    form = ReplyForm(request.POST, prefix="reply")
    if form.is_valid():
        try:
            services.reply_to_request(
                request=found, by=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The answer has been sent."))
            return redirect(found)
    return _render_request(request, found, reply_form=form)
