"""Progress of an approved plan's rows: marks with evidence, the mentor's
confirmation, the evidence files (served only to users in scope)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.conflicts import StaleVersionError
from core.forms import add_service_error
from core.htmx import HtmxHttpRequest
from plans import permissions, services
from plans.forms import PlanVersionForm, ProgressForm
from plans.views.common import plan_changed, render_plan_page, render_row, stale
from plans.views.items import editable


@login_required
def item_progress(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, item = editable(request, pk, item_pk)
    initial = ProgressForm.initial_of(item)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        auto_id=f"mark{item.pk}_%s",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_item_with_files(
                item=item,
                by=request.user,
                files=form.cleaned_data["files"],
                **form.mark_arguments(),
            )
        except StaleVersionError as e:
            return stale(request, plan, item, e)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return plan_changed(request, plan, _("The progress has been recorded."))
    return render_row(request, plan, item.pk, "progress_row", progress_form=form)


@login_required
@require_POST
def item_confirm(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan = permissions.get_plan(request.user, pk)
    permissions.require(permissions.may_confirm(request.user, plan))
    item = permissions.get_item(request.user, plan, item_pk)
    form = PlanVersionForm(request.POST)
    expected = form.cleaned_data["version"] if form.is_valid() else -1
    try:
        services.confirm_item(item=item, by=request.user, expected_version=expected)
    except StaleVersionError as e:
        return stale(request, plan, item, e)
    except ValidationError as e:
        return render_plan_page(request, plan, alert=" ".join(e.messages))
    return plan_changed(request, plan, _("The item has been confirmed."))


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = permissions.get_evidence(request.user, pk)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
