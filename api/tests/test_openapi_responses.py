"""Every JSON answer of the API matches the schema that /openapi.json publishes.

The sample holds a value of every enum the answers carry (a reserve entry of each
status, an ended mentorship, items of several statuses …), so a component that
documents another enum's values fails here."""

import json
import re
from datetime import UTC, date, datetime, time

import pytest
from jsonschema import Draft202012Validator

from api.tests.conftest import API, approve, make_eligible, make_order
from attestation import services as attestation_services
from competencies import services as competency_services
from competencies.services import RatingData
from consultations.services import StepData, create_consultation, create_request
from events import services as event_services
from events.models import EventKind
from internships import services as internship_services
from legal_acts import services as legal_act_services
from mentorships.models import MentorOrder
from municipal_report.models import ReportJob
from notifications.kinds import Kind
from notifications.services import notify
from people.tests.factories import PersonFactory
from plan_reports.services import create_report, update_part
from plans.models import PlanItem
from plans.services.comments import add_comment
from reserve.services import appoint_reservist, exclude_reservist
from reserve.tests.factories import ReserveEntryFactory
from studies import services as study_services
from studies.tests.conftest import add_questions, right_answers

pytestmark = pytest.mark.usefixtures("today")

JSON = "application/json"


@pytest.fixture(autouse=True)
def _public_docs(settings):
    settings.API_DOCS_PUBLIC = True


def _validator(spec: dict, schema: dict) -> Draft202012Validator:
    """A validator of one response schema whose `#/components/...` refs resolve
    against the published document's components (OpenAPI 3.1's schemas are JSON
    Schema 2020-12)."""
    document = {**schema, "components": spec["components"]}
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document)


@pytest.fixture
def sample(plan, coordinator, mentor_person, school):
    """Objects of every kind the GET endpoints answer with, each enum's values
    present: plan items planned, done and not done, entries active, appointed and
    excluded, mentorships active and ended, orders draft and registered."""
    approve(plan, by=coordinator)
    first, second = plan.items.order_by("pk")
    PlanItem.objects.filter(pk=first.pk).update(
        status=PlanItem.Status.DONE, done_on=date(2027, 1, 12)
    )
    PlanItem.objects.filter(pk=second.pk).update(
        status=PlanItem.Status.NOT_DONE, not_done_reason="Отменено"
    )
    add_comment(plan=plan, author=coordinator, text="Проверено", item=first)
    notify(
        [coordinator],
        Kind.PLAN_SUBMITTED,
        subject="План",
        key="1",
        due_on=date(2027, 1, 20),
    )
    appointed, excluded, waiting = (
        ReserveEntryFactory.create(person=PersonFactory(organization=school))
        for _ in range(3)
    )
    make_order(mentor_person, appointed, excluded, number="2")
    appoint_reservist(
        entry=appointed, position_name="Директор", appointed_on=date(2027, 1, 10)
    )
    exclude_reservist(entry=excluded, excluded_on=date(2027, 1, 10), reason="Сам")
    other = make_eligible(PersonFactory(organization=school))
    make_order(other, waiting, number="3", register=False)
    version = plan.form_version
    mentorship = plan.reserve_entry.mentorships.get()
    consultation = create_consultation(
        mentorship=mentorship,
        by=mentor_person.user,
        held_on=date(2027, 1, 12),
        duration_minutes=60,
        format="in_person",
        area="management",
        topic="Планирование",
        next_steps=[StepData("Составить план", date(2027, 2, 1))],
    )
    consultation_request = create_request(
        mentorship=mentorship, topic="Педсовет", preferred_from=date(2027, 1, 20)
    )
    internship = _internship(plan, coordinator)
    event = event_services.create_event(
        data=event_services.EventData(
            kind=EventKind.objects.filter(municipality=school.municipality).first(),
            title="Семинар",
            starts_at=datetime(2027, 1, 14, 10, tzinfo=UTC),
            ends_at=datetime(2027, 1, 14, 12, tzinfo=UTC),
            place="Зал",
        ),
        organization=school,
    )
    involvement = event_services.involve(
        event=event,
        mentorship=mentorship,
        degree="speaker",
        by=None,
    )
    legal_act = legal_act_services.create_legal_act(
        municipality=school.municipality,
        level="federal",
        kind="federal_law",
        number="273-ФЗ",
        adopted_on=date(2012, 12, 29),
        title="Об образовании в Российской Федерации",
        issued_by="Федеральное Собрание Российской Федерации",
        url="https://www.consultant.ru/document/cons_doc_LAW_140174/",
    )
    legal_act_services.add_edition(
        act=legal_act, effective_on=date(2020, 7, 31), note="304-ФЗ"
    )
    assessment = _assessment(mentorship, coordinator)
    quiz, attempt, oral = _studies(mentorship, legal_act)
    report = create_report(plan=plan, by=mentor_person.user)
    update_part(
        report=report, side="mentor", conclusion="Готов", recommendation="appoint"
    )
    attestation = _attestation(plan.reserve_entry, school)
    report_job = ReportJob.objects.create(
        user=coordinator,
        municipality=school.municipality,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 12, 31),
        status=ReportJob.Status.DONE,
        content=b"PK",
    )
    return {
        "attestation-commissions/{pk}": attestation.session.commission_id,
        "attestation-sessions/{pk}": attestation.session_id,
        "attestations/{pk}": attestation.pk,
        "attestations/{pk}/votes": attestation.pk,
        "attestation-settings/{municipality_id}": school.municipality_id,
        "attestation-settings/{municipality_id}/history": school.municipality_id,
        "study-assignments/{pk}": quiz.pk,
        "study-assignments/{pk}/questions": quiz.pk,
        "study-assignments/{pk}/test": quiz.pk,
        "study-assignments/{pk}/attempts": quiz.pk,
        "study-assignments/{pk}/attempts/{attempt_id}": (quiz.pk, attempt.pk),
        "study-assignments/{pk}/interview": oral.pk,
        "study-assignments/{pk}/application": oral.pk,
        "question-banks/{act_id}": legal_act.pk,
        "legal-acts/{pk}": legal_act.pk,
        "legal-acts/{pk}/editions": legal_act.pk,
        "assessments/{pk}": assessment.pk,
        "reservists/{pk}/competency-profile": plan.reserve_entry_id,
        "reservists/{pk}/competency-profile/document": plan.reserve_entry_id,
        "plans/{pk}/document": plan.pk,
        "internships/{pk}/document": internship.pk,
        "municipal-report": None,  # no id: the coordinator's own municipality
        "municipal-reports/{pk}": report_job.pk,
        "municipal-reports/{pk}/file": report_job.pk,
        "consultations/{pk}": consultation.pk,
        "consultation-requests/{pk}": consultation_request.pk,
        "municipalities/{pk}": plan.reserve_entry.person.organization.municipality_id,
        "organizations/{pk}": school.pk,
        "people/{pk}": plan.reserve_entry.person_id,
        "people/{pk}/eligibility": mentor_person.pk,
        "positions/{pk}": mentor_person.position_id,
        "target-positions/{pk}": plan.reserve_entry.target_position_id,
        "reserve-entries/{pk}": appointed.pk,
        "mentor-orders/{pk}": MentorOrder.objects.get(number="3").pk,
        "mentorships/{pk}": appointed.mentorships.get().pk,
        "plan-forms/{pk}": version.form_id,
        "plan-forms/{pk}/versions/{version_id}": (version.form_id, version.pk),
        "plans/{pk}": plan.pk,
        "plans/{pk}/comments": plan.pk,
        "plans/{pk}/items": plan.pk,
        "plans/{pk}/items/{item_id}": (plan.pk, first.pk),
        "internships/{pk}": internship.pk,
        "internships/{pk}/tasks": internship.pk,
        "events/{pk}": event.pk,
        "events/{pk}/involvements": event.pk,
        "involvements/{pk}": involvement.pk,
        "reservists/{pk}/timeline": plan.reserve_entry_id,
        "plan-reports/{pk}": report.pk,
        "users/{user_id}/notification-preferences": coordinator.pk,
    }


def _attestation(entry, school):
    """A session today with the reservist's decision taken by the chair's vote."""
    municipality = school.municipality
    attestation_services.update_settings(
        municipality=municipality, quorum_percent=60, plain_decision=False
    )
    order = attestation_services.issue_order(
        municipality=municipality, number="1-к", date=date(2026, 10, 1), title="О"
    )
    chair = PersonFactory(organization=school)
    attestation_services.appoint_member(order=order, person=chair, role="chair")
    session = attestation_services.schedule_session(
        municipality=municipality,
        date=date(2027, 1, 15),
        time=time(10),
        place="Зал",
        entries=[entry],
    )
    attestation = session.attestations.get()
    attestation_services.record_attendance(session=session, present_ids=[chair.pk])
    attestation_services.cast_vote(
        attestation=attestation, member=chair, choice="recommended"
    )
    return attestation_services.decide(attestation=attestation)


def _studies(mentorship, act):
    """A test passed at the first attempt (with a question on the act answered
    and a question in the act's bank), and an interview passed on an evaluated
    application."""
    quiz = study_services.assign(
        mentorship=mentorship,
        act=act,
        by=mentorship.mentor.user,
        aim="Знать права руководителя",
        due_on=date(2027, 2, 1),
        check_method="test",
        time_limit_minutes=30,
        plan_item=mentorship.reserve_entry.plans.get().items.order_by("pk").first(),
    )
    add_questions(quiz)
    study_services.copy_from_bank(
        assignment=quiz,
        question_ids=[
            study_services.add_question(
                bank=study_services.bank_of(act),
                text="Кто утверждает устав?",
                kind="single",
                options=[
                    study_services.OptionData("Учредитель", True),
                    study_services.OptionData("Директор"),
                ],
            ).pk
        ],
    )
    question = study_services.ask(assignment=quiz, text="Что такое ст. 28?")
    study_services.answer(question=question, text="Компетенция ОО.", by=None)
    attempt = study_services.start_attempt(assignment=quiz)
    study_services.submit_attempt(attempt=attempt, answers=right_answers(quiz), by=None)
    oral = study_services.assign(
        mentorship=mentorship,
        act=act,
        by=mentorship.mentor.user,
        aim="Применять на практике",
        due_on=date(2027, 2, 1),
        check_method="interview",
    )
    case = study_services.submit_practice_case(
        assignment=oral, description="Разработал положение"
    )
    study_services.evaluate_practice_case(
        case=case, evaluation="remarks", comment="Нет ссылки на статью", by=None
    )
    study_services.record_interview(
        assignment=oral, held_on=date(2027, 1, 15), mark="pass", comment="", by=None
    )
    attempt.refresh_from_db()
    return quiz, attempt, oral


def _assessment(mentorship, by):
    """The mentor's assessment at the start, every competency rated."""
    version = competency_services.current_version(mentorship.municipality)
    return competency_services.submit_assessment(
        mentorship=mentorship,
        point="start",
        role="mentor",
        by=by,
        ratings=[RatingData(c.pk, 3, "Хорошо") for c in version.competencies.all()],
    )


def _internship(plan, by):
    """An internship in progress of the plan's reservist, with a task and the
    conclusion (every field of the answer filled)."""
    entry = plan.reserve_entry
    host = entry.person.organization
    internship = internship_services.create_internship(
        mentorship=entry.mentorships.get(),
        form=host.municipality.internship_forms.first(),
        host_organization=host,
        supervisor=PersonFactory(organization=host),
        starts_on=date(2027, 1, 10),
        ends_on=date(2027, 2, 10),
        plan_item=plan.items.order_by("pk").last(),
    )
    internship_services.add_task(
        internship=internship,
        title="Совещание",
        starts_on=date(2027, 1, 11),
        ends_on=date(2027, 1, 12),
    )
    internship_services.start_internship(internship=internship)
    return internship_services.write_conclusion(
        internship=internship,
        by=by,
        work_done="Провёл совещание",
        assessment="good",
        recommendation="Продолжить подготовку",
        concluded_on=date(2027, 1, 15),
    )


def _url(path: str, sample: dict) -> str:
    """The path with the sample's ids in its placeholders; a path the sample does
    not cover fails the test, so a new endpoint must be added to it."""
    if "{" not in path:
        return path
    ids = sample[path.removeprefix(f"{API}/")]
    ids = ids if isinstance(ids, tuple) else (ids,)
    placeholders = re.findall(r"\{\w+\}", path)
    assert len(placeholders) == len(ids), path
    for placeholder, pk in zip(placeholders, ids, strict=True):
        path = path.replace(placeholder, str(pk))
    return path


def test_every_json_answer_matches_the_published_schema(
    client, api_client, coordinator, mentor, sample
):
    spec = client.get(f"{API}/openapi.json").json()
    as_coordinator, as_mentor = api_client(coordinator), api_client(mentor)
    checked, errors = 0, []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None or JSON not in get["responses"]["200"].get("content", {}):
            continue
        response = (as_mentor if path.startswith(f"{API}/me/") else as_coordinator).get(
            _url(path, sample)
        )
        assert response.status_code == 200, (path, response.content)
        body = json.loads(response.content)
        if isinstance(body, list):
            assert body, f"{path}: the sample should give at least one row"
        schema = get["responses"]["200"]["content"][JSON]["schema"]
        errors += [
            f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in _validator(spec, schema).iter_errors(body)
        ]
        checked += 1
    assert not errors, "\n".join(errors)
    assert checked >= 34  # 16 lists and 18 details in December 2026


def test_every_document_answer_has_a_documented_type(
    client, api_client, coordinator, sample
):
    """The GET endpoints whose 200 is a file (DOCX or PDF) that the sample covers
    answer 200 with a content type their OpenAPI names."""
    spec = client.get(f"{API}/openapi.json").json()
    as_coordinator = api_client(coordinator)
    checked = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        content = get["responses"]["200"].get("content", {}) if get else {}
        if not content or JSON in content:
            continue
        if path.removeprefix(f"{API}/") not in sample:
            continue
        response = as_coordinator.get(_url(path, sample))
        assert response.status_code == 200, (path, response.content[:300])
        assert response["Content-Type"] in content, path
        checked.append(path)
    assert f"{API}/reservists/{{pk}}/competency-profile/document" in checked
    assert f"{API}/municipal-report" in checked
    assert len(checked) == 5


def test_every_enum_has_its_own_component(client):
    """No two enums share a component name: each is named after its class."""
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]

    enums = {name: s["enum"] for name, s in schemas.items() if "enum" in s}

    assert enums["PlanItemStatus"] == [s.value for s in PlanItem.Status]
    assert enums["ReserveEntryStatus"] == ["active", "appointed", "excluded"]
    assert enums["IndividualPlanStatus"] == [
        "draft",
        "submitted",
        "approved",
        "completed",
    ]
    assert "Status" not in enums
    assert not [n for n in enums if "__" in n]
