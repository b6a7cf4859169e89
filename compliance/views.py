"""The compliance table (/compliance/) and its Excel export."""

from collections.abc import Iterable, Iterator
from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from compliance import permissions, queries
from compliance.exports import compliance_workbook
from compliance.forms import ComplianceFilterForm
from compliance.rules import RULES
from core.excel import xlsx_response
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from people.models import PersonViewLog
from people.services import record_people_access
from reserve.models import ReserveEntryQuerySet
from reserve.permissions import AnyUser

# The export computes the cells of this many reservists at a time.
EXPORT_CHUNK = 500


def _form(request: HttpRequest) -> ComplianceFilterForm:
    permissions.require(permissions.may_view_compliance(request.user))
    return ComplianceFilterForm(
        request.GET,
        organizations=permissions.visible_filter_organizations(request.user),
        mentors=permissions.visible_filter_mentors(request.user),
    )


def _rows(
    form: ComplianceFilterForm, user: AnyUser, today: date
) -> ReserveEntryQuerySet:
    entries = queries.in_list_order(permissions.visible_compliance_entries(user))
    if not form.is_valid():
        return entries.none()
    return queries.filtered(entries, today=today, **form.filters())


def _options(form: ComplianceFilterForm, name: str) -> list[tuple[str, str, bool]]:
    """A select's options as (value, label, selected), read as plain values and
    written by the template itself: Django's Select widget renders each of a
    region's thousand options through a template of its own, and a model
    instance per option costs as much again."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    chosen = str(form[name].value() or "")
    queryset = field.queryset
    assert queryset is not None
    rows: Iterable[tuple[int, str]]
    if name == "mentor":
        rows = (
            (pk, " ".join(part for part in names if part))
            for pk, *names in queryset.values_list(
                "pk", "last_name", "first_name", "middle_name"
            )
        )
    else:
        rows = queryset.values_list("pk", "short_name")
    return [(str(pk), label, str(pk) == chosen) for pk, label in rows]


@login_required
def table(request: HtmxHttpRequest) -> HttpResponse:
    """One row per reservist in the reserve, a cell per obligation; a bad
    filter: its Russian errors and no rows, 422 (htmx swaps it)."""
    form = _form(request)
    today = timezone.localdate()
    page = paginate(
        _rows(form, request.user, today),
        request.GET.get("page"),
        annotate=queries.for_rows,
        pick_keys=ReserveEntryQuerySet.page_keys,
    )
    rows = queries.page_rows(request.user, list(page.object_list), today)
    record_people_access(
        people_ids=[row.entry.person_id for row in rows],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    template = "compliance/table.html"
    response = render(
        request,
        f"{template}#rows" if request.htmx else template,
        {
            "form": form,
            "organization_options": _options(form, "organization"),
            "mentor_options": _options(form, "mentor"),
            "page": page,
            "rows": rows,
            "rules": RULES,
            "today": today,
        },
        status=200 if form.is_valid() else 422,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Every row the filters leave, as the page shows them, in one workbook."""
    form = _form(request)
    today = timezone.localdate()
    entries = _rows(form, request.user, today)
    if not form.is_valid():
        return table(request)  # type: ignore[arg-type]
    exported: list[int] = []

    def rows() -> Iterator[queries.Row]:
        keys = list(entries.values_list("pk", flat=True))
        for start in range(0, len(keys), EXPORT_CHUNK):
            chunk = keys[start : start + EXPORT_CHUNK]
            loaded = {
                e.pk: e
                for e in queries.for_rows(entries.model.objects.filter(pk__in=chunk))
            }
            ordered = [loaded[pk] for pk in chunk]
            for row in queries.page_rows(request.user, ordered, today):
                exported.append(row.entry.person_id)
                yield row

    content = compliance_workbook(rows(), today)
    record_people_access(
        people_ids=exported,
        user=request.user,
        channel=PersonViewLog.Channel.EXPORT,
        source=request.path,
    )
    return xlsx_response(content, "compliance.xlsx")
