"""The mentors' registry with their load, on the page and in Excel."""

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from core.excel import export_workbook, noting, xlsx_response
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from mentorships import permissions, queries
from mentorships.exports import MENTOR_COLUMNS
from mentorships.forms import MentorFilterForm
from organizations.permissions import visible_organizations
from people.models import PersonQuerySet, PersonViewLog
from people.permissions import visible_people
from people.services import record_people_access

if TYPE_CHECKING:
    from mentorships.queries import ListedMentor


def _filtered_mentors(
    request: HttpRequest,
) -> tuple[MentorFilterForm, PersonQuerySet]:
    if not permissions.may_view_mentors(request.user):
        raise PermissionDenied
    form = MentorFilterForm(
        request.GET, organizations=visible_organizations(request.user)
    )
    people = form.filter(visible_people(request.user))
    return form, queries.mentors_in_list_order(people)


@login_required
def mentor_list(request: HtmxHttpRequest) -> HttpResponse:
    form, mentors = _filtered_mentors(request)
    page = paginate(mentors, request.GET.get("page"), annotate=queries.annotate_mentors)
    template = (
        "mentorships/mentors.html#rows" if request.htmx else "mentorships/mentors.html"
    )
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


def _exported_people(mentor: "ListedMentor") -> list[int]:
    """The mentor and the reservists named in the mentor's row."""
    return [mentor.pk, *(x.reserve_entry.person_id for x in mentor.current_mentorships)]


@login_required
def mentor_export(request: HttpRequest) -> HttpResponse:
    _form, mentors = _filtered_mentors(request)
    exported: list[int] = []  # the people written out, for the access log
    listed = queries.annotate_mentors(mentors)
    rows = noting(listed.iterator(chunk_size=2000), _exported_people, exported)
    content = export_workbook(_("Mentors"), MENTOR_COLUMNS, rows)
    record_people_access(
        people_ids=exported, user=request.user, channel=PersonViewLog.Channel.EXPORT
    )
    return xlsx_response(content, "mentors.xlsx")
