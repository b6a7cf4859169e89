"""The models' choices as the API's enums, each under its own OpenAPI name.

pydantic names an enum's component after its class, and the models nest theirs
(`PlanItem.Status`, `ReserveEntry.Status`, …): ninja merges every schema's
components into one document, so the enums that share a class name overwrote
each other there and the answers broke their documented schema. Annotate a field
with an alias from here, never with a model's enum itself
(api/tests/test_openapi_responses.py checks it)."""

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema

from attestation.models import Attestation, Membership
from competencies.models import Assessment
from consultations.models import Consultation, ConsultationRequest
from legal_acts.models import LegalAct
from mentorships.models import MentorOrder, Mentorship
from municipal_report.models import ReportJob
from organizations.models import Organization
from plan_reports.models import PlanReport
from plans.models import IndividualPlan, PlanFormVersion, PlanItem
from reserve.models import ReserveEntry
from studies.models import Interview, PracticeCase, QuizQuestion, StudyAssignment


@dataclass(frozen=True)
class _OwnName:
    """Publish the enum as a component named after its qualified class name:
    `PlanItem.Status` as `PlanItemStatus`."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler.resolve_ref_schema(handler(source))
        name = source.__qualname__.replace(".", "")
        metadata = {
            **schema.get("metadata", {}),
            "pydantic_js_updates": {"title": name},
        }
        return {**schema, "ref": f"{name}:{id(source)}", "metadata": metadata}


OrganizationKind = Annotated[Organization.Kind, _OwnName()]
ReserveEntryStatus = Annotated[ReserveEntry.Status, _OwnName()]
MentorOrderStatus = Annotated[MentorOrder.Status, _OwnName()]
MentorshipStatus = Annotated[Mentorship.Status, _OwnName()]
MentorshipEndReason = Annotated[Mentorship.EndReason, _OwnName()]
PlanFormVersionStatus = Annotated[PlanFormVersion.Status, _OwnName()]
IndividualPlanStatus = Annotated[IndividualPlan.Status, _OwnName()]
PlanItemStatus = Annotated[PlanItem.Status, _OwnName()]
ConsultationFormat = Annotated[Consultation.Format, _OwnName()]
ConsultationArea = Annotated[Consultation.Area, _OwnName()]
ConsultationVisibility = Annotated[Consultation.Visibility, _OwnName()]
ConsultationStatus = Annotated[Consultation.Status, _OwnName()]
ConsultationRequestStatus = Annotated[ConsultationRequest.Status, _OwnName()]
LegalActLevel = Annotated[LegalAct.Level, _OwnName()]
LegalActKind = Annotated[LegalAct.Kind, _OwnName()]

CompetencyAssessmentPoint = Annotated[Assessment.Point, _OwnName()]
CompetencyAssessmentRole = Annotated[Assessment.Role, _OwnName()]
PlanReportStatus = Annotated[PlanReport.Status, _OwnName()]
PlanReportRecommendation = Annotated[PlanReport.Recommendation, _OwnName()]

StudyAssignmentStatus = Annotated[StudyAssignment.Status, _OwnName()]
StudyAssignmentCheckMethod = Annotated[StudyAssignment.CheckMethod, _OwnName()]
QuizQuestionKind = Annotated[QuizQuestion.Kind, _OwnName()]
InterviewMark = Annotated[Interview.Mark, _OwnName()]
PracticeCaseEvaluation = Annotated[PracticeCase.Evaluation, _OwnName()]
AttestationStatus = Annotated[Attestation.Status, _OwnName()]
AttestationDecision = Annotated[Attestation.Decision, _OwnName()]
AttestationInvitation = Annotated[Attestation.Invitation, _OwnName()]
CommissionRole = Annotated[Membership.Role, _OwnName()]
ReportJobStatus = Annotated[ReportJob.Status, _OwnName()]
