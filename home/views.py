import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from home import queries
from people.models import PersonViewLog
from people.permissions import get_person, may_export_person_data
from people.services import record_person_view
from studies.queries import study_todo


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The role cards with the real figures of the user's scope."""
    cards = queries.cards(request.user)
    # Only the coordinator's and the head's cards show the registries' counts.
    counts = (
        queries.home_counts(request.user) if cards.coordinator or cards.head else None
    )
    context = {
        "cards": cards,
        "counts": counts,
        "work": queries.work_summary(request.user),
        "plans": queries.plan_summary(request.user),
        "studies": study_todo(
            request.user, mentor=cards.mentor, reservist=cards.reservist
        ),
        "reports": queries.report_summary(request.user),
        "attestation": queries.attestation_summary(request.user),
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
