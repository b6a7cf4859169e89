"""`/competencies`, `/assessments` and `/reservists/{id}/competency-profile` (also
as a document): the key competencies of a head (clauses 2–3) and their
assessments.

The mentor's assessment at a point is hidden from the reservist until the
reservist has submitted their own there (competencies.permissions)."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.choices import chosen
from api.files import DOCX, PDF, file_response
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.competencies import (
    AssessmentFilter,
    AssessmentIn,
    AssessmentOut,
    CompetencyOut,
    CompetencyProfileOut,
    ProfileDocumentQuery,
)
from competencies import permissions, queries, services
from competencies.document_services import render_profile
from competencies.models import Assessment, AssessmentQuerySet, Competency
from competencies.services import RatingData
from people.models import PersonViewLog
from people.services import record_person_view

router = Router(tags=["competencies"])


@router.get("/competencies", response=list[CompetencyOut])
@paginate(ApiPagination)
def list_competencies(request: HttpRequest) -> QuerySet[Competency]:
    """The competencies of the current approved version of the caller's
    municipality's framework (none for a caller without a municipality)."""
    user = caller(request)
    municipality = permissions.own_municipality(user)
    if municipality is None:
        return Competency.objects.none()
    return services.current_version(municipality).competencies.order_by(
        "position", "pk"
    )


def _reservist(row: Assessment) -> list[int]:
    return [row.mentorship.reserve_entry.person_id]


@router.get("/assessments", response=list[AssessmentOut])
@paginate(PeoplePagination, people_ids=_reservist, annotate=AssessmentQuerySet.for_list)
def list_assessments(
    request: HttpRequest, filters: Query[AssessmentFilter]
) -> QuerySet[Assessment]:
    """The assessments the caller sees, the latest first."""
    found = permissions.visible_assessments(caller(request)).in_list_order()
    if filters.mentorship_id is not None:
        found = found.filter(mentorship_id=filters.mentorship_id)
    if filters.reserve_entry_id is not None:
        found = found.filter(mentorship__reserve_entry_id=filters.reserve_entry_id)
    if filters.point:
        found = found.filter(point=filters.point)
    if filters.role:
        found = found.filter(role=filters.role)
    return found


@router.get("/assessments/{int:pk}", response={200: AssessmentOut, **READ_ERRORS})
def get_assessment(request: HttpRequest, pk: int) -> Assessment:
    """One assessment with its ratings; 404 for the mentor's one hidden from the
    reservist."""
    return permissions.get_assessment(caller(request), pk)


@router.post("/assessments", response={201: AssessmentOut, **WRITE_ERRORS})
def create_assessment(request: HttpRequest, payload: AssessmentIn) -> Status:
    """Submit a whole assessment: every competency once, level 1–5. 422 for a
    mentorship not the caller's; 403 for the wrong role or an ended mentorship;
    400 for a second one at the point or a competency missing."""
    user = caller(request)
    mentorship = chosen(
        permissions.assessable_mentorships(user).select_related("reserve_entry"),
        payload.mentorship_id,
        "mentorship_id",
    )
    permissions.require(permissions.may_assess(user, mentorship, payload.role))
    assessment = services.submit_assessment(
        mentorship=mentorship,
        point=payload.point,
        role=payload.role,
        by=user,
        ratings=[
            RatingData(r.competency_id, r.level, r.comment) for r in payload.ratings
        ],
    )
    return Status(201, permissions.get_assessment(user, assessment.pk))


@router.get(
    "/reservists/{int:pk}/competency-profile",
    response={200: CompetencyProfileOut, **READ_ERRORS},
)
def competency_profile(request: HttpRequest, pk: int) -> dict:
    """Per point: self vs mentor for each competency and the largest gaps; 404
    unless the caller sees the reservist's card."""
    user = caller(request)
    entry = permissions.get_reservist(user, pk)
    record_person_view(
        person=entry.person,
        user=user,
        channel=PersonViewLog.Channel.API,
        source=request.path,
    )
    return {"reserve_entry_id": entry.pk, "points": queries.profile(user, entry)}


@router.get(
    "/reservists/{int:pk}/competency-profile/document",
    response={**READ_ERRORS, 400: ErrorOut},
    openapi_extra=file_response("The competency profile as DOCX or PDF.", DOCX, PDF),
)
def competency_profile_document(
    request: HttpRequest, pk: int, query: Query[ProfileDocumentQuery]
) -> HttpResponse:
    """The profile with its growth chart, levels and largest gaps as a document
    to download (format=docx|pdf); 400 while the caller sees no assessment."""
    user = caller(request)
    entry = permissions.get_reservist(user, pk)
    content, filename, content_type = render_profile(user, entry, query.format)
    record_person_view(
        person=entry.person,
        user=user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
