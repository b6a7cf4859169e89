from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from core.excel import xlsx_response
from core.pagination import paginate
from imports import permissions, progress, services
from imports.forms import UploadForm
from imports.kinds import KINDS
from imports.models import ImportBatch
from imports.planning import ImportKind
from organizations.models import Municipality

PREVIEW_PAGE_SIZE = 100


@login_required
def index(request: HttpRequest) -> HttpResponse:
    permissions.get_import_municipality(request.user)
    batches = permissions.visible_batches(request.user).for_list()[:20]
    context = {"kinds": KINDS.values(), "batches": batches}
    return render(request, "imports/index.html", context)


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    municipality = permissions.get_import_municipality(request.user)
    content = services.build_template(kind=kind, municipality=municipality)
    return xlsx_response(content, f"{kind}-template.xlsx")


def _start_page(
    request: HttpRequest,
    import_kind: ImportKind,
    municipality: Municipality,
    form: UploadForm,
    status: int = 200,
) -> HttpResponse:
    """The upload page of the kind, with the kind's rules in the municipality."""
    context = {
        "kind": import_kind,
        "rules": import_kind.empty_cell_rules(municipality=municipality),
        "form": form,
    }
    return render(request, "imports/start.html", context, status=status)


@login_required
def start(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    municipality = permissions.get_import_municipality(request.user)
    import_kind = KINDS[kind]
    if request.method != "POST":
        return _start_page(request, import_kind, municipality, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            batch, plan = services.preview_upload(
                user=request.user, municipality=municipality, kind=kind, upload=file
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            if batch is not None:
                return redirect(batch)
            context = {"kind": import_kind, "plan": plan, "name": file.name}
            return render(request, "imports/preview.html", context, status=400)
    return _start_page(request, import_kind, municipality, form, status=400)


def _batch_context(batch: ImportBatch) -> dict[str, Any]:
    """What the batch page and its polled status show."""
    return {
        "kind": KINDS[batch.kind],
        "name": batch.original_name,
        "batch": batch,
        "progress": progress.of_batch(batch),
    }


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = services.fail_if_stalled(batch=permissions.get_batch(request.user, pk))
    context = _batch_context(batch)
    if batch.status == ImportBatch.Status.PREVIEWED:
        rows = batch.preview_rows.order_by("row")
        context["page"] = paginate(rows, request.GET.get("page"), PREVIEW_PAGE_SIZE)
    return render(request, "imports/preview.html", context)


@login_required
def batch_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a confirmed batch, then its outcome: polled by htmx."""
    batch = services.fail_if_stalled(batch=permissions.get_batch(request.user, pk))
    return render(request, "imports/preview.html#status", _batch_context(batch))


@login_required
@require_POST
def batch_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.get_batch(request.user, pk)
    try:
        services.confirm_batch(batch=batch)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(batch)
