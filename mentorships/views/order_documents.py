"""Files of an order to download: the signed copy and the order as a document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from mentorships import permissions
from mentorships.document_services import FORMATS, render_order, scan_filename
from mentorships.queries import order_people_ids
from people.models import PersonViewLog
from people.services import record_people_access


@login_required
def order_scan(request: HttpRequest, pk: int) -> FileResponse:
    order = permissions.get_order(request.user, pk)
    if not order.scan:
        raise Http404
    return FileResponse(
        order.scan.open("rb"),
        as_attachment=True,
        filename=scan_filename(order),
    )


@login_required
def order_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    order = permissions.get_order(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    try:
        content, filename, content_type = render_order(order, fmt)
    except ValidationError as e:  # a municipality's template that cannot be filled
        messages.error(request, " ".join(e.messages))
        return redirect(order)
    record_people_access(
        people_ids=order_people_ids(order),
        user=request.user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
