from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from accounts.permissions import principal
from core.conflicts import CONFLICT_MESSAGE, add_conflict_error, form_status
from core.excel import build_workbook, noting, xlsx_response
from core.forms import add_service_error
from core.history import history_of
from core.pagination import paginate, to_int
from mentorships import permissions, queries, services
from mentorships.forms import (
    EndMentorshipForm,
    MentorFilterForm,
    OrderFilterForm,
    OrderForm,
    OrderLineFormSet,
    OrderTemplateForm,
    ReadinessForm,
    ScanForm,
    mentor_choices,
    reservist_choices,
)
from mentorships.models import MentorOrder, Mentorship
from organizations.models import Organization
from organizations.permissions import (
    can_view_history,
    managed_municipalities,
    visible_organizations,
)
from people.models import Person, PersonViewLog
from people.permissions import get_person, visible_people
from people.services import record_people_access
from reserve.permissions import visible_reserve_entries

# ---------------------------------------------------------------- readiness


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


# ------------------------------------------------------------------ mentors


def _filtered_mentors(request: HttpRequest):
    if not permissions.can_view_mentors(request.user):
        raise PermissionDenied
    form = MentorFilterForm(
        request.GET, organizations=visible_organizations(request.user)
    )
    return form, form.filter(queries.mentors_for_list(visible_people(request.user)))


@login_required
def mentor_list(request: HttpRequest) -> HttpResponse:
    form, mentors = _filtered_mentors(request)
    page = paginate(mentors, request.GET.get("page"))
    template = (
        "mentorships/mentors.html#rows" if request.htmx else "mentorships/mentors.html"
    )
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


def _exported_people(mentor: Person) -> list[int]:
    """The mentor and the reservists named in the mentor's row."""
    return [mentor.pk, *(x.reserve_entry.person_id for x in mentor.current_mentorships)]


@login_required
def mentor_export(request: HttpRequest) -> HttpResponse:
    _form, mentors = _filtered_mentors(request)
    exported: list[int] = []  # the people written out, for the access log
    headers = [
        pgettext("person", "Full name"),
        _("Organisation"),
        _("Position"),
        _("Management experience, years"),
        _("Readiness confirmed on"),
        _("Meets the conditions"),
        _("Reservists now"),
        _("Limit"),
        _("Reservists"),
    ]
    rows = (
        [
            m.full_name,
            m.organization.short_name,
            m.position.name,
            float(m.management_experience),
            m.mentor_readiness.confirmed_on if hasattr(m, "mentor_readiness") else None,
            _("yes") if m.is_eligible else _("no"),
            m.n_current,
            m.organization.municipality.mentor_max_load,
            ", ".join(x.reserve_entry.person.full_name for x in m.current_mentorships),
        ]
        for m in noting(mentors.iterator(chunk_size=2000), _exported_people, exported)
    )
    content = build_workbook(_("Mentors"), headers, rows)
    record_people_access(
        people_ids=exported, user=request.user, channel=PersonViewLog.Channel.EXPORT
    )
    return xlsx_response(content, "mentors.xlsx")


# ------------------------------------------------------------------- orders


def _filtered_orders(request: HttpRequest):
    form = OrderFilterForm(
        request.GET, organizations=visible_organizations(request.user)
    )
    orders = permissions.visible_orders(request.user).for_list()
    return form, form.filter(orders)


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    form, orders = _filtered_orders(request)
    page = paginate(orders, request.GET.get("page"))
    template = (
        "mentorships/orders.html#rows" if request.htmx else "mentorships/orders.html"
    )
    context = {
        "form": form,
        "page": page,
        "can_create": permissions.can_create_orders(request.user),
        "can_templates": permissions.can_manage_order_templates(request.user),
    }
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def order_export(request: HttpRequest) -> HttpResponse:
    _form, orders = _filtered_orders(request)
    headers = [
        _("Organisation"),
        _("Number"),
        _("Date"),
        _("Title"),
        _("Signed by"),
        _("Lines"),
        _("Status"),
        _("Registered at"),
    ]
    rows = (
        [
            o.organization.short_name,
            o.number,
            o.date,
            o.title,
            f"{o.signatory_position} {o.signatory_name}",
            o.n_lines,
            o.get_status_display(),
            o.registered_at,
        ]
        for o in orders.iterator(chunk_size=2000)
    )
    return xlsx_response(build_workbook(_("Orders"), headers, rows), "orders.xlsx")


def _order_organization(request: HttpRequest) -> Organization | None:
    """The organisation the order is for: the only one the user heads, or the one
    chosen (?organization=); None when a choice is still to be made."""
    organizations = permissions.order_organizations(request.user).select_related(
        "municipality", "head__position"
    )
    chosen = request.POST.get("organization") or request.GET.get("organization")
    if chosen:
        return get_object_or_404(organizations, pk=to_int(chosen, 0))
    if len(found := list(organizations[:2])) == 1:
        return found[0]
    if not found:
        raise PermissionDenied
    return None


def _line_formset(request: HttpRequest, organization: Organization, **kwargs):
    mentors = queries.eligible_mentors(organization)
    reservists = queries.reservists_for_order(organization)
    form_kwargs = {
        "people": visible_people(request.user).filter(organization=organization),
        "entries": visible_reserve_entries(request.user).filter(
            person__organization=organization
        ),
        "mentors": mentor_choices(mentors, organization.municipality.mentor_max_load),
        "reservists": reservist_choices(reservists),
    }
    return OrderLineFormSet(prefix="lines", form_kwargs=form_kwargs, **kwargs)


@login_required
def order_create(request: HttpRequest) -> HttpResponse:
    organization = _order_organization(request)
    if organization is None:
        organizations = permissions.order_organizations(request.user)
        return render(
            request, "mentorships/order_pick.html", {"organizations": organizations}
        )
    form = OrderForm(request.POST or None, organization=organization)
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
    status = form_status(form)
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


def _render_order(
    request: HttpRequest, order: MentorOrder, scan_form=None, status: int = 200
) -> HttpResponse:
    is_coordinator = can_view_history(request.user, order.organization.municipality_id)
    may_write = permissions.may_create_order(request.user, order.organization_id)
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
        "may_write": may_write,
        "scan_form": scan_form or ScanForm(),
        "history": history_of(order) if is_coordinator else None,
    }
    return render(request, "mentorships/order.html", context, status=status)


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_order(request, permissions.get_order(request.user, pk))


@login_required
@require_POST
def order_register(request: HttpRequest, pk: int) -> HttpResponse:
    order = permissions.get_order(request.user, pk, write=True)
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


@login_required
def order_scan(request: HttpRequest, pk: int) -> FileResponse:
    from mentorships.document_services import scan_filename

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
    # Imported here: the renderers pull in docxtpl and WeasyPrint.
    from mentorships.document_services import FORMATS, render_order

    order = permissions.get_order(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    try:
        content, filename, content_type = render_order(order, fmt)
    except ValidationError as e:  # a municipality's template that cannot be filled
        messages.error(request, " ".join(e.messages))
        return redirect(order)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -------------------------------------------------------------- mentorships


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
    if not permissions.can_view_own_mentees(request.user):
        raise PermissionDenied
    mentorships = queries.my_reservists(request.user)
    return render(
        request, "mentorships/my_reservists.html", {"mentorships": mentorships}
    )


@login_required
def my_mentor(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_own_mentor(request.user):
        raise PermissionDenied
    mentorships = (
        permissions.visible_mentorships(request.user)
        .filter(reserve_entry__person_id=principal(request.user).person_id)
        .for_list()
    )
    context = {
        "current": [m for m in mentorships if m.status != Mentorship.Status.ENDED],
        "past": [m for m in mentorships if m.status == Mentorship.Status.ENDED],
    }
    return render(request, "mentorships/my_mentor.html", context)


# ---------------------------------------------------------- order templates


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    from mentorships.documents import PLACEHOLDERS_HELP

    municipality = managed_municipalities(request.user).first()
    if municipality is None:
        raise PermissionDenied
    form = OrderTemplateForm(
        request.POST or None,
        request.FILES or None,
        organizations=municipality.organizations.order_by("short_name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_order_template(municipality=municipality, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The order template has been saved."))
            return redirect("mentorships:templates")
    templates = (
        permissions.visible_order_templates(request.user)
        .filter(municipality=municipality)
        .select_related("organization")
        .order_by("organization__short_name")
    )
    context = {"form": form, "templates": templates, "placeholders": PLACEHOLDERS_HELP}
    return render(request, "mentorships/templates.html", context)


@login_required
def template_file(request: HttpRequest, pk: int) -> FileResponse:
    template = permissions.get_order_template(request.user, pk)
    return FileResponse(
        template.file.open("rb"),
        as_attachment=True,
        filename=PurePath(template.file.name).name,
    )


@login_required
def template_builtin(request: HttpRequest) -> FileResponse:
    from mentorships.documents import BUILTIN_DOCX

    if not permissions.can_manage_order_templates(request.user):
        raise PermissionDenied
    return FileResponse(
        BUILTIN_DOCX.open("rb"), as_attachment=True, filename="order-template.docx"
    )


@login_required
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = permissions.get_order_template(request.user, pk)
    services.delete_order_template(template=template)
    messages.success(request, _("The order template has been deleted."))
    return redirect("mentorships:templates")
