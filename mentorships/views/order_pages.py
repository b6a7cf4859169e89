"""One order: its page, registration, deletion and the signed copy's upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.conflicts import CONFLICT_MESSAGE
from core.forms import render_form
from core.history import history_of
from mentorships import permissions, services
from mentorships.forms import ScanForm
from mentorships.models import MentorOrder
from organizations.permissions import may_view_history
from reserve.permissions import visible_reserve_entries


def _render_order(
    request: HttpRequest, order: MentorOrder, scan_form=None, status: int = 200
) -> HttpResponse:
    shows_history = may_view_history(request.user, order.organization.municipality_id)
    lines = list(order.mentorships.for_list().order_by("pk"))
    # Link only the cards the user may open (a reservist sees only their own).
    openable = set(
        visible_reserve_entries(request.user)
        .filter(pk__in=[m.reserve_entry_id for m in lines])
        .values_list("pk", flat=True)
    )
    for m in lines:
        m.card_openable = m.reserve_entry_id in openable
    context = {
        "order": order,
        "lines": lines,
        "may_change": permissions.may_change_order(request.user, order),
        "scan_form": scan_form or ScanForm(),
        "history": history_of(order) if shows_history else None,
    }
    return render_form(request, "mentorships/order.html", context, status=status)


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_order(request, permissions.get_order(request.user, pk))


@login_required
def order_register(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm (the pairs and the mentors they replace: registering
    takes legal effect); POST registers."""
    order = permissions.get_order(request.user, pk, write=True)
    if request.method != "POST":
        lines = order.mentorships.for_list().select_related("replaces__mentor")
        context = {"order": order, "lines": lines.order_by("pk")}
        return render(request, "mentorships/order_register.html", context)
    try:
        services.register_order(order=order)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    except IntegrityError:
        messages.error(request, CONFLICT_MESSAGE)
        order = permissions.get_order(request.user, pk)  # as saved, not as tried
        return _render_order(request, order, status=409)
    else:
        messages.success(
            request, _("The order has been registered: the mentorships are active.")
        )
    return redirect(order)


@login_required
def order_delete(request: HttpRequest, pk: int) -> HttpResponse:
    order = permissions.get_order(request.user, pk, write=True)
    if request.method != "POST":
        return render(request, "confirm_delete.html", {"object": order})
    try:
        services.delete_order(order=order)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(order)
    messages.success(request, _("The draft order has been deleted."))
    return redirect("mentorships:orders")


@login_required
@require_POST
def order_scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    order = permissions.get_order(request.user, pk, write=True)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_scan(order=order, file=form.cleaned_data["scan"])
        except ValidationError as e:
            form.add_error("scan", e)
        else:
            messages.success(request, _("The signed copy has been attached."))
            return redirect(order)
    return _render_order(request, order, scan_form=form)
