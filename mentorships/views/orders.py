"""The list of orders on mentors, its export and the form of a new order."""

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from core.conflicts import add_conflict_error, form_status
from core.excel import export_workbook, xlsx_response
from core.forms import add_service_error
from core.htmx import HtmxHttpRequest
from core.pagination import paginate, to_int
from mentorships import permissions, queries, services
from mentorships.exports import ORDER_COLUMNS
from mentorships.forms import (
    ORDER_MENTOR_SEARCH,
    ORDER_RESERVIST_SEARCH,
    OrderFilterForm,
    OrderForm,
    OrderLineFormSet,
    mentor_options,
    reservist_options,
)
from mentorships.models import MentorOrderQuerySet
from organizations.models import Organization
from organizations.permissions import visible_organizations
from people import search
from people.models import Person, PersonQuerySet
from people.permissions import visible_people
from reserve.permissions import visible_reserve_entries

if TYPE_CHECKING:
    from mentorships.queries import EligibleMentor


def _filtered_orders(
    request: HttpRequest,
) -> tuple[OrderFilterForm, MentorOrderQuerySet]:
    form = OrderFilterForm(
        request.GET, organizations=visible_organizations(request.user)
    )
    orders = permissions.visible_orders(request.user).in_list_order()
    return form, form.filter(orders)


@login_required
def order_list(request: HtmxHttpRequest) -> HttpResponse:
    form, orders = _filtered_orders(request)
    page = paginate(
        orders, request.GET.get("page"), annotate=MentorOrderQuerySet.for_list
    )
    template = (
        "mentorships/orders.html#rows" if request.htmx else "mentorships/orders.html"
    )
    context = {
        "form": form,
        "page": page,
        "may_create_order": permissions.may_create_any_order(request.user),
        "may_manage_templates": permissions.may_manage_order_templates(request.user),
    }
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def order_export(request: HttpRequest) -> HttpResponse:
    _form, orders = _filtered_orders(request)
    rows = orders.for_list().iterator(chunk_size=2000)
    content = export_workbook(_("Orders"), ORDER_COLUMNS, rows)
    return xlsx_response(content, "orders.xlsx")


def _order_organization(request: HttpRequest) -> Organization | None:
    """The organisation the order is for: the only one the user heads, or the one
    chosen (?organization=); None when a choice is still to be made."""
    organizations = permissions.visible_order_organizations(
        request.user
    ).select_related("municipality", "head__position")
    chosen = request.POST.get("organization") or request.GET.get("organization")
    if chosen:
        return get_object_or_404(organizations, pk=to_int(chosen, 0))
    if len(found := list(organizations[:2])) == 1:
        return found[0]
    if not found:
        raise PermissionDenied
    return None


def _line_formset(request: HttpRequest, organization: Organization, **kwargs):
    form_kwargs = {
        "organization": organization,
        "people": visible_people(request.user).filter(organization=organization),
        "entries": visible_reserve_entries(request.user)
        .filter(person__organization=organization)
        .select_related("person", "target_position"),
    }
    return OrderLineFormSet(prefix="lines", form_kwargs=form_kwargs, **kwargs)


def _searched_organization(request: HttpRequest) -> Organization:
    """The organisation an order line's search is for (?organization=): one the
    user may issue orders for (404 otherwise)."""
    organizations = permissions.visible_order_organizations(request.user)
    return get_object_or_404(
        organizations, pk=to_int(request.GET.get("organization"), 0)
    )


def _order_mentors(request: HttpRequest) -> PersonQuerySet:
    """Whom an order line's mentor search offers: the organisation's staff who meet
    clause 6, with their load («1 of 3»)."""
    organization = _searched_organization(request)
    people = visible_people(request.user)
    return cast(PersonQuerySet, queries.eligible_mentors(organization, among=people))


def _order_mentor_options(
    request: HttpRequest, people: list[Person]
) -> list[search.Option]:
    return mentor_options(cast("list[EligibleMentor]", people))


def _order_reservists(request: HttpRequest) -> PersonQuerySet:
    """Whom an order line's reservist search offers: the organisation's people in
    the reserve now (the options are their active entries)."""
    organization = _searched_organization(request)
    entries = visible_reserve_entries(request.user).active()
    return (
        visible_people(request.user)
        .filter(organization=organization)
        .filter(pk__in=entries.values("person_id"))
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def _order_reservist_options(
    request: HttpRequest, people: list[Person]
) -> list[search.Option]:
    if not people:
        return []
    entries = queries.reservists_for_order(people[0].organization).filter(
        person__in=people
    )
    return reservist_options(entries)


search.register(ORDER_MENTOR_SEARCH, _order_mentors, _order_mentor_options)
search.register(ORDER_RESERVIST_SEARCH, _order_reservists, _order_reservist_options)


@login_required
def order_create(request: HttpRequest) -> HttpResponse:
    organization = _order_organization(request)
    if organization is None:
        organizations = permissions.visible_order_organizations(request.user)
        return render(
            request, "mentorships/order_pick.html", {"organizations": organizations}
        )
    suggested = queries.next_order_number(organization, timezone.localdate())
    form = OrderForm(
        request.POST or None, organization=organization, initial={"number": suggested}
    )
    lines = _line_formset(request, organization, data=request.POST or None)
    if request.method == "POST" and all([form.is_valid(), lines.is_valid()]):
        try:
            order = services.create_order(
                organization=organization,
                lines=lines.order_lines(),
                **form.cleaned_data,
            )
        except ValidationError as e:
            add_service_error(form, e)
        except IntegrityError:  # e.g. the same number saved in the meantime
            add_conflict_error(form)
        else:
            messages.success(request, _("The draft order has been saved."))
            return redirect(order)
    context = {"form": form, "lines": lines, "organization": organization}
    status = form_status(form, lines)
    return render(request, "mentorships/order_form.html", context, status=status)


@login_required
def order_line(request: HttpRequest) -> HttpResponse:
    """One more empty line of the order form (htmx), numbered after the others."""
    organization = _order_organization(request)
    if organization is None:
        raise Http404
    index = to_int(request.GET.get("lines-TOTAL_FORMS"), 1)
    lines = _line_formset(request, organization)
    line = lines.form(
        prefix=lines.add_prefix(index),
        empty_permitted=True,
        use_required_attribute=False,
        **lines.get_form_kwargs(index),
    )
    context = {"line": line, "total": index + 1}
    return render(request, "mentorships/order_form.html#new_line", context)
