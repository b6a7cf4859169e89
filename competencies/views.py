"""Pages of competencies: the coordinator's framework, «my competencies», the
assessment form and the reservist's profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competencies import charts, permissions, queries, services
from competencies.document_services import render_profile
from competencies.forms import AssessmentForm, CompetencyForm
from competencies.models import Assessment, Competency, FrameworkVersion
from core.forms import add_service_error, render_form
from people.models import PersonViewLog
from people.services import record_person_view

# The framework --------------------------------------------------------------------


@login_required
def framework(request: HttpRequest) -> HttpResponse:
    municipality = permissions.framework_municipality(request.user)
    found = services.framework_of(municipality)
    current = services.current_version(municipality)
    draft = found.versions.filter(status=FrameworkVersion.Status.DRAFT).first()
    return render(
        request,
        "competencies/framework.html",
        {
            "framework": found,
            "current": current,
            "draft": draft,
            "versions": found.versions.order_by("-number"),
        },
    )


@login_required
@require_POST
def draft_create(request: HttpRequest) -> HttpResponse:
    municipality = permissions.framework_municipality(request.user)
    services.new_draft(services.framework_of(municipality))
    return redirect("competencies:framework")


def _draft(request: HttpRequest) -> FrameworkVersion:
    municipality = permissions.framework_municipality(request.user)
    draft = (
        services.framework_of(municipality)
        .versions.filter(status=FrameworkVersion.Status.DRAFT)
        .first()
    )
    if draft is None:
        raise Http404
    return draft


@login_required
@require_POST
def draft_approve(request: HttpRequest) -> HttpResponse:
    draft = _draft(request)
    try:
        services.approve(draft)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("competencies:framework")
    messages.success(request, _("The version is approved."))
    return redirect("competencies:framework")


@login_required
def competency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    draft = _draft(request)
    competency = None
    if pk is not None:
        try:
            competency = draft.competencies.get(pk=pk)
        except Competency.DoesNotExist as e:
            raise Http404 from e
    initial = {}
    if competency is not None:
        initial = {"name": competency.name, "description": competency.description}
        initial |= {f"level_{n}": s for n, s in competency.level_rows}
    form = CompetencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_competency(
                draft,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                levels=form.levels(),
                competency=competency,
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect("competencies:framework")
    context = {"form": form, "competency": competency, "draft": draft}
    return render_form(request, "competencies/competency_form.html", context)


# The id of the growth chart's figures on the profile page and the reserve card.
CHART_ID = "growth-chart"

# Assessments ----------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_own_competencies(request.user))
    mentorships = list(
        permissions.assessable_mentorships(request.user)
        .select_related("mentor", "reserve_entry__person")
        .order_by("reserve_entry__person__last_name", "pk")
    )
    done = set(
        Assessment.objects.filter(
            mentorship__in=[m.pk for m in mentorships]
        ).values_list("mentorship_id", "point", "role")
    )
    rows = []
    for m in mentorships:
        role = permissions.role_in(request.user, m)
        points = [
            (value, label, (m.pk, value, role) in done)
            for value, label in Assessment.Point.choices
        ]
        rows.append({"mentorship": m, "role": role, "points": points})
    return render(request, "competencies/mine.html", {"rows": rows})


@login_required
def assess(request: HttpRequest, pk: int, point: str) -> HttpResponse:
    if point not in Assessment.Point.values:
        raise Http404
    mentorship = permissions.get_mentorship_to_assess(request.user, pk)
    role = permissions.role_in(request.user, mentorship)
    assert role is not None
    version = services.current_version(mentorship.municipality)
    form = AssessmentForm(
        request.POST or None, competencies=list(version.competencies.all())
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_assessment(
                mentorship=mentorship,
                point=point,
                role=role,
                by=request.user,  # type: ignore[arg-type]
                ratings=form.ratings(),
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The assessment is submitted."))
            return redirect("competencies:profile", mentorship.reserve_entry_id)
    context = {
        "form": form,
        "mentorship": mentorship,
        "point_label": Assessment.Point(point).label,
        "role": role,
        "is_self": role == Assessment.Role.SELF,
    }
    return render_form(request, "competencies/assess.html", context)


@login_required
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_reservist(request.user, pk)
    record_person_view(
        person=entry.person,
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    points = queries.profile(request.user, entry)
    chart = charts.page_chart(points, chart_id=CHART_ID)
    return render(
        request,
        "competencies/profile.html",
        {"entry": entry, "points": points, "chart": chart},
    )


@login_required
def profile_chart(request: HttpRequest, pk: int) -> HttpResponse:
    """The growth chart for the reserve card (htmx): nothing (204) before the
    first assessment the user sees. The card has logged the view."""
    entry = permissions.get_reservist(request.user, pk)
    chart = charts.page_chart(queries.profile(request.user, entry), chart_id=CHART_ID)
    if chart is None:
        return HttpResponse(status=204)
    context = {"entry": entry, "chart": chart, "link_profile": True}
    return render(request, "competencies/profile.html#chart", context)


@login_required
def profile_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    entry = permissions.get_reservist(request.user, pk)
    try:
        content, filename, content_type = render_profile(request.user, entry, fmt)
    except ValidationError as e:
        raise Http404(" ".join(e.messages)) from e
    record_person_view(
        person=entry.person,
        user=request.user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
