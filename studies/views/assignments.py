"""Pages of study assignments (clause 8.8): the list, the mentor's form, the card
and the actions on it — marking studied, questions and answers, the interview,
the case of application and its evaluation, re-opening the check."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from core.forms import add_service_error, render_form
from core.history import history_of
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from legal_acts.models import LegalAct
from legal_acts.permissions import may_view_legal_acts
from organizations.permissions import may_view_history
from people.models import PersonViewLog
from people.services import record_people_access
from studies import permissions, queries, services
from studies.forms import (
    AnswerForm,
    AssignmentFilterForm,
    AssignmentForm,
    EvaluationForm,
    InterviewForm,
    PracticeCaseForm,
    QuestionForm,
)
from studies.models import StudyAssignment, StudyAssignmentQuerySet, StudyQuestion

# The list ----------------------------------------------------------------------------


@login_required
def assignment_list(request: HtmxHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_studies(request.user))
    visible = permissions.visible_assignments(request.user)
    acts = LegalAct.objects.filter(pk__in=visible.order_by().values("act_id")).order_by(
        "title", "pk"
    )
    form = AssignmentFilterForm(request.GET, acts=acts)
    page = paginate(
        form.filter(visible.in_list_order()),
        request.GET.get("page"),
        annotate=StudyAssignmentQuerySet.for_list,
    )
    record_people_access(
        people_ids=[a.mentorship.reserve_entry.person_id for a in page],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    template = "studies/list.html"
    response = render(
        request,
        f"{template}#rows" if request.htmx else template,
        {
            "form": form,
            "page": page,
            "may_assign": permissions.may_assign(request.user),
            "today": timezone.localdate(),
        },
        # A bad filter: its Russian errors and no rows, 422 so that htmx swaps.
        status=200 if form.is_valid() else 422,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


# The mentor's form -------------------------------------------------------------------


@login_required
def assignment_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_assign(request.user))
    entry = request.GET.get("entry")
    if entry is not None:
        chosen = permissions.get_mentorship_to_assign(request.user, entry)
        mentorships, offered = None, [chosen]
    else:
        chosen = None
        mentorships = permissions.mentorships_to_assign(request.user)
        offered = list(mentorships)
    data = request.POST if request.method == "POST" else None
    form = AssignmentForm(
        data,
        mentorships=mentorships,
        acts=permissions.acts_to_assign(request.user, chosen),
        plan_items=permissions.plan_items_to_link(offered),
    )
    if data is not None and form.is_valid():
        mentorship = chosen or form.cleaned_data["mentorship"]
        try:
            assignment = services.assign(
                mentorship=mentorship, by=request.user, **form.assignment_fields()
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The act has been assigned to study."))
            return redirect(assignment)
    context = {"form": form, "assignment": None, "mentorship": chosen}
    return render_form(request, "studies/form.html", context)


@login_required
def assignment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_change_assignment(request.user, assignment))
    data = request.POST if request.method == "POST" else None
    initial = {
        name: getattr(assignment, name)
        for name in services.ASSIGNMENT_FIELDS
        if name != "plan_item"
    }
    initial["plan_item"] = assignment.plan_item_id
    form = AssignmentForm(
        data,
        mentorships=None,
        acts=None,
        plan_items=permissions.plan_items_to_link(
            [assignment.mentorship], current=assignment.plan_item
        ),
        is_test=assignment.is_test,
        initial=initial,
    )
    if data is not None and form.is_valid():
        try:
            services.update_assignment(
                assignment=assignment, **form.assignment_fields()
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The assignment has been saved."))
            return redirect(assignment)
    context = {"form": form, "assignment": assignment, "mentorship": None}
    return render_form(request, "studies/form.html", context)


@login_required
def assignment_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_delete_assignment(request.user, assignment))
    if request.method == "POST":
        try:
            services.delete_assignment(assignment=assignment)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(assignment)
        messages.success(request, _("The assignment has been withdrawn."))
        return redirect("studies:list")
    return render(request, "studies/delete.html", {"assignment": assignment})


# The card ----------------------------------------------------------------------------


def _shown(given: Any, allowed: bool, make: Callable[[], Any]) -> Any:
    """The form a refused POST gives back, else a fresh one; none when the user
    may not act."""
    if not allowed:
        return None
    return given if given is not None else make()


def _render_card(
    request: HttpRequest, assignment: StudyAssignment, **given: Any
) -> HttpResponse:
    """The card with the forms of what the user may do; `given` holds the form a
    refused POST shows again with its errors."""
    user = request.user
    case = getattr(assignment, "practice_case", None)
    may_answer = permissions.may_answer(user, assignment)
    failed_answer = given.get("answer_form")

    def answer_form(q: StudyQuestion) -> AnswerForm | None:
        prefix = f"answer{q.pk}"
        if failed_answer is not None and failed_answer.prefix == prefix:
            return _shown(failed_answer, may_answer, AnswerForm)
        return _shown(
            None,
            may_answer,
            lambda: AnswerForm(initial={"answer": q.answer}, prefix=prefix),
        )

    questions = [(q, answer_form(q)) for q in assignment.study_questions.all()]
    context = {
        "a": assignment,
        "today": timezone.localdate(),
        "questions": questions,
        "interviews": list(assignment.interviews.all()),
        "case": case,
        "quiz": queries.quiz_summary(assignment) if assignment.is_test else None,
        "quiz_url": (
            reverse("studies:quiz", args=[assignment.pk])
            if assignment.is_test
            else None
        ),
        "may_view_act": may_view_legal_acts(user),
        "may_change": permissions.may_change_assignment(user, assignment),
        "may_delete": permissions.may_delete_assignment(user, assignment),
        "may_mark_studied": permissions.may_mark_studied(user, assignment),
        "may_reopen": permissions.may_reopen(user, assignment),
        "may_take_test": permissions.may_take_test(user, assignment),
        "question_form": _shown(
            given.get("question_form"),
            permissions.may_ask(user, assignment),
            QuestionForm,
        ),
        "interview_form": _shown(
            given.get("interview_form"),
            permissions.may_record_interview(user, assignment),
            lambda: InterviewForm(initial={"held_on": timezone.localdate()}),
        ),
        "case_form": _shown(
            given.get("case_form"),
            permissions.may_submit_practice_case(user, assignment),
            lambda: PracticeCaseForm(
                initial={"description": case.description if case else ""}
            ),
        ),
        "evaluation_form": _shown(
            given.get("evaluation_form"),
            case is not None
            and permissions.may_evaluate_practice_case(user, assignment),
            lambda: EvaluationForm(
                initial={
                    "evaluation": case.evaluation if case else "",
                    "evaluation_comment": case.evaluation_comment if case else "",
                }
            ),
        ),
        "history": history_of(assignment)
        if may_view_history(user, assignment.municipality_id)
        else None,
    }
    nested = [f for _q, f in questions if f is not None]
    return render_form(request, "studies/card.html", context, nested=nested)


@login_required
def assignment_card(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_card(request, permissions.get_assignment(request.user, pk))


@login_required
@require_POST
def mark_studied(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_mark_studied(request.user, assignment))
    try:
        services.mark_studied(assignment=assignment)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The act is marked studied."))
    return redirect(assignment)


@login_required
@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_ask(request.user, assignment))
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.ask(assignment=assignment, text=form.cleaned_data["text"])
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The question has been sent to the mentor."))
            return redirect(assignment)
    return _render_card(request, assignment, question_form=form)


@login_required
@require_POST
def answer(
    request: AuthenticatedHttpRequest, pk: int, question_pk: int
) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_answer(request.user, assignment))
    question = permissions.get_study_question(request.user, assignment, question_pk)
    form = AnswerForm(request.POST, prefix=f"answer{question.pk}")
    if form.is_valid():
        try:
            services.answer(
                question=question, text=form.cleaned_data["answer"], by=request.user
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The answer has been saved."))
            return redirect(assignment)
    return _render_card(request, assignment, answer_form=form)


@login_required
@require_POST
def record_interview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_record_interview(request.user, assignment))
    form = InterviewForm(request.POST, prefix=None)
    if form.is_valid():
        try:
            services.record_interview(
                assignment=assignment, by=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The interview has been recorded."))
            return redirect(assignment)
    return _render_card(request, assignment, interview_form=form)


@login_required
@require_POST
def submit_practice_case(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_submit_practice_case(request.user, assignment))
    form = PracticeCaseForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.submit_practice_case(
                assignment=assignment,
                description=form.cleaned_data["description"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The application has been sent to the mentor."))
            return redirect(assignment)
    return _render_card(request, assignment, case_form=form)


@login_required
def practice_file(request: HttpRequest, pk: int) -> FileResponse:
    assignment = permissions.get_assignment(request.user, pk)
    case = permissions.get_practice_file(request.user, assignment)
    return FileResponse(
        case.file.open("rb"),
        as_attachment=True,
        filename=case.file_name or case.file.name.rsplit("/", 1)[-1],
    )


@login_required
@require_POST
def evaluate_practice_case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(
        permissions.may_evaluate_practice_case(request.user, assignment)
    )
    case = getattr(assignment, "practice_case", None)
    if case is None:
        messages.error(
            request, _("The reservist has not described an application yet.")
        )
        return redirect(assignment)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            services.evaluate_practice_case(
                case=case,
                evaluation=form.cleaned_data["evaluation"],
                comment=form.cleaned_data["evaluation_comment"],
                by=request.user,
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The application has been evaluated."))
            return redirect(assignment)
    return _render_card(request, assignment, evaluation_form=form)


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment(request.user, pk)
    permissions.require(permissions.may_reopen(request.user, assignment))
    try:
        services.reopen(assignment=assignment)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The check has been re-opened."))
    return redirect(assignment)


urls: list[URLPattern] = [
    path("", assignment_list, name="list"),
    path("new/", assignment_create, name="create"),
    path("<int:pk>/", assignment_card, name="card"),
    path("<int:pk>/edit/", assignment_edit, name="edit"),
    path("<int:pk>/delete/", assignment_delete, name="delete"),
    path("<int:pk>/studied/", mark_studied, name="studied"),
    path("<int:pk>/questions/", ask, name="ask"),
    path("<int:pk>/questions/<int:question_pk>/answer/", answer, name="answer"),
    path("<int:pk>/interview/", record_interview, name="interview"),
    path("<int:pk>/application/", submit_practice_case, name="application"),
    path("<int:pk>/application/file/", practice_file, name="application_file"),
    path("<int:pk>/application/evaluate/", evaluate_practice_case, name="evaluate"),
    path("<int:pk>/reopen/", reopen, name="reopen"),
]
