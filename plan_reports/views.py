"""Pages of the joint report on the plan (8.10): the list for the coordinator,
the head and the mentor, «My report» of the reservist, the report of a plan,
the report page with each side's part and the actions, its documents."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from core.conflicts import StaleVersionError
from core.forms import add_service_error, render_form
from core.history import history_of
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from organizations.permissions import visible_organizations
from people.models import PersonViewLog
from people.services import record_people_access
from plan_reports import permissions, queries, services
from plan_reports.document_services import data_sections, render_report
from plan_reports.forms import PART_FORMS, ReportFilterForm, ReturnForm, VersionForm
from plan_reports.models import PlanReport, PlanReportQuerySet
from reserve.permissions import get_reserve_entry


def _people(report: PlanReport) -> list[int]:
    return [report.plan.reserve_entry.person_id, report.plan.mentor_id]


@login_required
def report_list(request: HtmxHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_reports(request.user))
    form = ReportFilterForm(
        request.GET, organizations=visible_organizations(request.user)
    )
    page = paginate(
        form.filter(permissions.visible_reports(request.user).in_list_order()),
        request.GET.get("page"),
        annotate=PlanReportQuerySet.for_list,
    )
    record_people_access(
        people_ids=[pk for r in page for pk in _people(r)],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    template = "plan_reports/list.html"
    context = {
        "form": form,
        "page": page,
        "by_organization": permissions.may_filter_by_organization(request.user),
    }
    response = render(
        request, f"{template}#rows" if request.htmx else template, context
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def my_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_own_report(request.user))
    reports = list(
        permissions.own_reports(request.user).for_list().order_by("-plan__period_start")
    )
    plans = permissions.own_plans_to_report(request.user)
    if len(reports) == 1 and not plans:
        return redirect(reports[0])
    context = {"reports": reports, "plans": plans}
    return render(request, "plan_reports/mine.html", context)


@login_required
def entry_report(request: AuthenticatedHttpRequest, entry_pk: int) -> HttpResponse:
    """From the reservist's card: the current report, or its plan's offer."""
    entry = get_reserve_entry(request.user, entry_pk)
    report = queries.report_for_entry(entry)
    if report is not None:
        return redirect(report)
    plan = permissions.reportable_plan_of(request.user, entry)
    if plan is not None:
        return redirect("plan_reports:plan", plan.pk)
    messages.info(request, _("No report yet: a report is drafted on an approved plan."))
    return redirect(entry)


@login_required
def plan_report(request: AuthenticatedHttpRequest, plan_pk: int) -> HttpResponse:
    """The report of a plan, or the offer to draft it (POST drafts it)."""
    plan = permissions.get_plan(request.user, plan_pk)
    report = PlanReport.objects.filter(plan=plan).only("pk").first()
    if report is not None:
        return redirect(report)
    may_draft = permissions.may_draft_report(request.user, plan)
    error = None
    if request.method == "POST":
        permissions.require(may_draft)
        try:
            report = services.create_report(plan=plan, by=request.user)
        except ValidationError as e:
            error = " ".join(e.messages)
        else:
            messages.success(request, _("The report has been drafted from the plan."))
            return redirect(report)
    context = {"plan": plan, "may_draft": may_draft, "error": error}
    return render(
        request, "plan_reports/start.html", context, status=400 if error else 200
    )


def _render_report(
    request: AuthenticatedHttpRequest,
    report: PlanReport,
    *,
    part_form: VersionForm | None = None,
    return_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = permissions.report_actions(request.user, report)
    if part_form is None and actions.may_write:
        assert actions.side is not None
        fields = services.PARTS[actions.side]
        initial = {name: getattr(report, name) for name in fields}
        part_form = PART_FORMS[actions.side](
            initial={**initial, "version": report.version}
        )
    if return_form is None and actions.may_review:
        return_form = ReturnForm(initial={"version": report.version})
    record_people_access(
        people_ids=_people(report),
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    context = {
        "report": report,
        "plan": report.plan,
        "actions": actions,
        "sections": data_sections(report.data_view),
        "part_form": part_form,
        "return_form": return_form,
        "history": history_of(report),
    }
    return render_form(request, "plan_reports/report.html", context, status=status)


@login_required
def report_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render_report(request, permissions.get_report(request.user, pk))


@login_required
@require_POST
def report_part(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = permissions.get_report(request.user, pk)
    side = permissions.side_of(request.user, report)
    permissions.require(side is not None)
    assert side is not None
    form = PART_FORMS[side](request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        # The other side's fields, if sent, reach the service, which refuses them.
        others = set().union(*services.PARTS.values()) - services.PARTS[side]
        data.update({k: request.POST[k] for k in others if k in request.POST})
        try:
            services.update_part(report=report, side=side, version=version, **data)
        except StaleVersionError as e:
            add_service_error(form, e)
            return _render_report(request, report, part_form=form, status=409)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("Your part of the report has been saved."))
            return redirect(report)
    return _render_report(request, report, part_form=form)


def _action(
    request: AuthenticatedHttpRequest,
    pk: int,
    allowed: Callable[[PlanReport], bool],
    act: Callable[[PlanReport, int], object],
    done: str,
) -> HttpResponse:
    """One button of the report page: check the right, the version, act, say."""
    report = permissions.get_report(request.user, pk)
    permissions.require(allowed(report))
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form is out of date. Reload the page."))
        return _render_report(request, report, status=400)
    try:
        act(report, form.cleaned_data["version"])
    except StaleVersionError as e:
        messages.error(request, " ".join(e.messages))
        return _render_report(request, report, status=409)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return _render_report(request, report, status=400)
    messages.success(request, done)
    return redirect(report)


@login_required
@require_POST
def report_refresh(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda r: permissions.may_write(request.user, r),
        lambda r, v: services.refresh_report(
            report=r, side=permissions.side_of(request.user, r), version=v
        ),
        _("The data of the report has been refreshed."),
    )


@login_required
@require_POST
def report_agree(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda r: permissions.may_write(request.user, r),
        lambda r, v: services.agree_report(
            report=r, side=permissions.side_of(request.user, r), version=v
        ),
        _("You have agreed to the report."),
    )


@login_required
@require_POST
def report_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda r: permissions.may_write(request.user, r),
        lambda r, v: services.submit_report(report=r, by=request.user, version=v),
        _("The report has been submitted to the coordinator."),
    )


@login_required
@require_POST
def report_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda r: permissions.may_review(request.user, r),
        lambda r, v: services.accept_report(report=r, by=request.user, version=v),
        _("The report has been accepted."),
    )


@login_required
@require_POST
def report_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = permissions.get_report(request.user, pk)
    permissions.require(permissions.may_review(request.user, report))
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_report(
                report=report,
                by=request.user,
                remarks=form.cleaned_data["remarks"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The report has been returned with remarks."))
            return redirect(report)
    return _render_report(request, report, return_form=form)


@login_required
def report_document(
    request: AuthenticatedHttpRequest, pk: int, fmt: str
) -> HttpResponse:
    report = permissions.get_report(request.user, pk)
    try:
        content, filename, content_type = render_report(report, fmt)
    except ValidationError as e:
        raise Http404(" ".join(e.messages)) from e
    record_people_access(
        people_ids=_people(report),
        user=request.user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
