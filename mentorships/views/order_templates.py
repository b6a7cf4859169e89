"""A municipality's own DOCX templates of the order (the coordinator's)."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error, render_form
from mentorships import permissions, services
from mentorships.documents import BUILTIN_DOCX, PLACEHOLDERS_HELP
from mentorships.forms import OrderTemplateForm
from organizations.permissions import managed_municipalities


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
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
    return render_form(request, "mentorships/templates.html", context)


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
    if not permissions.may_manage_order_templates(request.user):
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
