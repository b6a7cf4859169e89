"""`/compliance`: the table of the regulation's obligations per reservist in
the reserve (compliance.rules), with the page's filters and permissions: the
coordinator's municipality, a head's organisation, a mentor's reservists;
anybody else 403. A filter out of scope or not among the choices is 422."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate

from api.auth import caller
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS
from api.schemas.compliance import ComplianceFilter, ComplianceRowOut
from api.validation import INVALID_CHOICE
from compliance import permissions, queries
from people.models import PersonViewLog
from people.services import record_people_access
from reserve.models import ReserveEntryQuerySet

router = Router(tags=["compliance"])


def _out(row: queries.Row) -> dict[str, Any]:
    entry, mentorship = row.entry, row.mentor
    return {
        "reserve_entry_id": entry.pk,
        "person_id": entry.person_id,
        "full_name": entry.person.full_name,
        "organization_id": entry.person.organization_id,
        "organization": entry.person.organization.short_name,
        "target_position": entry.target_position.name,
        "mentor": None
        if mentorship is None
        else {
            "id": mentorship.mentor_id,
            "full_name": mentorship.mentor.full_name,
            "status": mentorship.status,
        },
        "cells": [
            {
                "obligation": c.rule.key,
                "clause": c.rule.clause,
                "title": str(c.rule.title),
                "status": c.status,
                "status_label": c.label,
                "due_on": c.due_on,
                "url": c.url,
            }
            for c in row.cells
        ],
    }


class CompliancePagination(ApiPagination):
    """ApiPagination whose page's rows get their cells (one query per
    obligation) and whose reservists are logged (152-ФЗ)."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        user = caller(request)
        rows = queries.page_rows(user, page[self.items_attribute], timezone.localdate())
        record_people_access(
            people_ids=[row.entry.person_id for row in rows],
            user=user,
            channel=PersonViewLog.Channel.API,
            source=request.path,
        )
        return {**page, self.items_attribute: [_out(row) for row in rows]}


def _not_chosen(*fields: str) -> NinjaValidationError:
    return NinjaValidationError(
        [{"loc": ("query", f), "type": INVALID_CHOICE, "msg": ""} for f in fields]
    )


@router.get("/compliance", response={200: list[ComplianceRowOut], **READ_ERRORS})
@paginate(
    CompliancePagination,
    annotate=queries.for_rows,
    pick_keys=ReserveEntryQuerySet.page_keys,
)
def list_compliance(
    request: HttpRequest, filters: Query[ComplianceFilter]
) -> ReserveEntryQuerySet:
    """One row per reservist in the reserve in the caller's scope, by name,
    with a cell per obligation of the regulation: met / not_due / overdue, the
    due date and the link to the thing itself where the caller may open it."""
    user = caller(request)
    permissions.require(permissions.may_view_compliance(user))
    wrong = []
    if (
        filters.organization_id is not None
        and not permissions.visible_filter_organizations(user)
        .filter(pk=filters.organization_id)
        .exists()
    ):
        wrong.append("organization_id")
    if (
        filters.mentor_id is not None
        and not permissions.visible_filter_mentors(user)
        .filter(pk=filters.mentor_id)
        .exists()
    ):
        wrong.append("mentor_id")
    if wrong:
        raise _not_chosen(*wrong)
    entries = queries.in_list_order(permissions.visible_compliance_entries(user))
    return queries.filtered(
        entries,
        today=timezone.localdate(),
        organization_id=filters.organization_id,
        mentor_id=filters.mentor_id,
        status=filters.status,
        obligation=filters.obligation,
    )
