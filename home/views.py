import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from home import queries
from people.models import PersonViewLog
from people.permissions import get_person, may_export_person_data
from people.services import record_person_view
from studies.queries import study_todo


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's to-do first, then the real figures of the user's scope."""
    user = request.user
    cards = queries.cards(user)
    today, now = timezone.localdate(), timezone.now()
    # Only the coordinator's and the head's cards show the registries' counts.
    registries = cards.coordinator or cards.head
    assessments = queries.split_assessments(
        user, today, mentor=cards.mentor, reservist=cards.reservist
    )
    context = {
        "cards": cards,
        "today": today,
        "counts": queries.home_counts(user) if registries else None,
        "work": queries.work_summary(user),
        "plans": queries.plan_summary(user),
        "studies": study_todo(user, mentor=cards.mentor, reservist=cards.reservist),
        "reports": queries.report_summary(user),
        "attestation": queries.attestation_summary(user),
        "coordinator": queries.coordinator_todo(user) if cards.coordinator else None,
        "head": queries.head_todo(user) if cards.head else None,
        "mentor": queries.mentor_todo(user, today, now) if cards.mentor else None,
        "reservist": queries.reservist_todo(user, now) if cards.reservist else None,
        "supervisor": queries.supervisor_todo(user, today),
        "mentor_assessments": assessments[0],
        "own_assessments": assessments[1],
    }
    return render(request, "home/home.html", context)


@login_required
def person_data(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's data in one JSON file, for a subject's request (152-ФЗ)."""
    person = get_person(request.user, pk)
    if not may_export_person_data(request.user, person):
        raise PermissionDenied
    record_person_view(
        person=person,
        user=request.user,
        channel=PersonViewLog.Channel.SUBJECT,
        source=request.path,
    )
    data = queries.person_data(person)
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    disposition = content_disposition_header(True, f"person-{person.pk}.json")
    assert disposition is not None  # None only for an inline file without a name
    response["Content-Disposition"] = disposition
    return response
