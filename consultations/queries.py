"""Reads of consultations for the home pages: the mentor's requests to answer
and the reservist's next steps. The scope comes from consultations.permissions."""

from consultations.models import (
    ConsultationRequest,
    ConsultationRequestQuerySet,
    NextStepQuerySet,
)
from consultations.permissions import AnyUser, incoming_requests, own_next_steps
from mentorships.models import Mentorship


def requests_to_answer(user: AnyUser) -> ConsultationRequestQuerySet:
    """Pending requests addressed to the user as the active mentor
    (may_answer_request as a query), the oldest first."""
    return (
        incoming_requests(user)
        .filter(
            status=ConsultationRequest.Status.PENDING,
            mentorship__status=Mentorship.Status.ACTIVE,
        )
        .for_list()
        .order_by("created_at", "pk")
    )


def open_steps(user: AnyUser) -> NextStepQuerySet:
    """The reservist's agreed next steps not done yet while the mentorship
    lasts (may_mark_step_done as a query), by their date."""
    return (
        own_next_steps(user)
        .open()
        .filter(consultation__mentorship__status=Mentorship.Status.ACTIVE)
        .select_related("consultation")
        .order_by("due_on", "pk")
    )
