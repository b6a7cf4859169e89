"""Pages of tests and question banks: the test of an assignment (the mentor
builds it, the reservist takes it), an attempt (the answer sheet, then its
result), and the coordinator's banks of questions per act.

The reservist's answer sheet is built from studies.queries_quiz.sheet_to_take,
which never reads which options are right."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error, render_form
from core.pagination import paginate
from legal_acts.models import LegalAct
from studies import permissions, queries_quiz, services
from studies.forms_quiz import (
    AnswerSheetForm,
    BankPickForm,
    QuestionForm,
    option_rows_for,
)
from studies.models import QuizAttempt, QuizQuestion, StudyAssignment

BAD_REQUEST = 400


def _test_of(request: HttpRequest, pk: int) -> StudyAssignment:
    """A visible assignment checked by a test; Http404 otherwise."""
    assignment = permissions.get_assignment(request.user, pk)
    if not assignment.is_test:
        raise Http404
    return assignment


def _quiz_url(assignment: StudyAssignment) -> str:
    return reverse("studies:quiz", args=[assignment.pk])


def _attempt_url(attempt: QuizAttempt) -> str:
    return reverse("studies:quiz_attempt", args=[attempt.assignment_id, attempt.pk])


# The test ------------------------------------------------------------------------


def _quiz_page(
    request: HttpRequest,
    assignment: StudyAssignment,
    errors: list[str] | None = None,
) -> HttpResponse:
    """The test's page; with a refusal's messages at 400."""
    user = request.user
    with_key = permissions.may_view_key(user, assignment)
    context = {
        "assignment": assignment,
        "state": queries_quiz.test_state(assignment),
        "questions": assignment.questions.prefetch_related("options")
        if with_key
        else None,
        "may_build": permissions.may_build_test(user, assignment),
        "may_take": permissions.may_take_test(user, assignment),
        "is_taker": permissions.may_answer_test(user, assignment),
        "may_view_banks": permissions.may_view_banks(user),
        "errors": errors,
    }
    status = BAD_REQUEST if errors else 200
    return render(request, "studies/quiz.html", context, status=status)


@login_required
def quiz(request: HttpRequest, pk: int) -> HttpResponse:
    return _quiz_page(request, _test_of(request, pk))


def _question_page(
    request: HttpRequest,
    question: QuizQuestion | None,
    add: Callable[..., QuizQuestion],
    done_url: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The form of a question of a test or a bank: `add` writes a new one, an
    existing one is updated; back to `done_url` when saved."""
    data = request.POST if request.method == "POST" else None
    initial = QuestionForm.initial_of(question) if question is not None else None
    form = QuestionForm(data, initial=initial, rows=option_rows_for(question))
    if data is not None and form.is_valid():
        fields = {
            "text": form.cleaned_data["text"],
            "kind": form.cleaned_data["kind"],
            "options": form.options(),
        }
        try:
            if question is None:
                add(**fields)
            else:
                services.update_question(question=question, **fields)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The question has been saved."))
            return redirect(done_url)
    context |= {"form": form, "question": question, "cancel_url": done_url}
    return render_form(request, template, context)


def _save_question(
    request: HttpRequest, assignment: StudyAssignment, question: QuizQuestion | None
) -> HttpResponse:
    return _question_page(
        request,
        question,
        partial(services.add_question, assignment=assignment),
        _quiz_url(assignment),
        "studies/quiz_question_form.html",
        {"assignment": assignment, "act": assignment.act},
    )


@login_required
def quiz_question_create(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _test_of(request, pk)
    permissions.require(permissions.may_build_test(request.user, assignment))
    return _save_question(request, assignment, None)


@login_required
def quiz_question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    assignment = _test_of(request, pk)
    question = permissions.get_test_question(request.user, assignment, question_pk)
    permissions.require(permissions.may_build_test(request.user, assignment))
    return _save_question(request, assignment, question)


@login_required
@require_POST
def quiz_question_delete(
    request: HttpRequest, pk: int, question_pk: int
) -> HttpResponse:
    assignment = _test_of(request, pk)
    question = permissions.get_test_question(request.user, assignment, question_pk)
    permissions.require(permissions.may_build_test(request.user, assignment))
    try:
        services.delete_question(question=question)
    except ValidationError as e:
        return _quiz_page(request, assignment, e.messages)
    messages.success(request, _("The question has been deleted."))
    return redirect(_quiz_url(assignment))


@login_required
def quiz_from_bank(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _test_of(request, pk)
    permissions.require(permissions.may_build_test(request.user, assignment))
    questions = list(queries_quiz.bank_questions(assignment.act_id))
    data = request.POST if request.method == "POST" else None
    form = BankPickForm(data, questions=questions)
    if data is not None and form.is_valid():
        ids = form.cleaned_data["questions"]
        try:
            services.copy_from_bank(assignment=assignment, question_ids=ids)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The questions have been added to the test."))
            return redirect(_quiz_url(assignment))
    in_test = {
        t.casefold() for t in assignment.questions.values_list("text", flat=True)
    }
    context = {
        "form": form,
        "assignment": assignment,
        "questions": questions,
        "in_test": {q.pk for q in questions if q.text.casefold() in in_test},
        "chosen": {str(v) for v in form["questions"].value() or []},
    }
    return render_form(request, "studies/quiz_bank_pick.html", context)


# Attempts ------------------------------------------------------------------------


@login_required
@require_POST
def quiz_start(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _test_of(request, pk)
    permissions.require(permissions.may_answer_test(request.user, assignment))
    try:
        attempt = services.start_attempt(assignment=assignment)
    except ValidationError as e:
        return _quiz_page(request, assignment, e.messages)
    return redirect(_attempt_url(attempt))


@login_required
def quiz_attempt(request: HttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    assignment = _test_of(request, pk)
    attempt = permissions.get_attempt(request.user, assignment, attempt_pk)
    if request.method == "POST":
        permissions.require(permissions.may_answer_test(request.user, assignment))
        form = AnswerSheetForm(request.POST)
        if form.is_valid():
            try:
                services.submit_attempt(
                    attempt=attempt, answers=form.answers(), by=request.user
                )
            except ValidationError as e:
                add_service_error(form, e)
            else:
                return redirect(_attempt_url(attempt))
        return _attempt_page(request, attempt, form, status=BAD_REQUEST)
    return _attempt_page(request, attempt, AnswerSheetForm())


def _attempt_page(
    request: HttpRequest,
    attempt: QuizAttempt,
    form: AnswerSheetForm,
    status: int = 200,
) -> HttpResponse:
    """The result of a submitted attempt; the answer sheet of an open one for the
    reservist; that it is under way for anyone else."""
    assignment = attempt.assignment
    context = {"assignment": assignment, "attempt": attempt, "form": form}
    if attempt.is_submitted:
        with_key = permissions.may_view_attempt_key(request.user, assignment, attempt)
        context |= {
            "questions": queries_quiz.review(attempt, with_key=with_key),
            "with_key": with_key,
        }
        return render(request, "studies/quiz_result.html", context, status=status)
    if not permissions.may_answer_test(request.user, assignment):
        return render(request, "studies/quiz_under_way.html", context, status=status)
    context |= {
        "questions": queries_quiz.sheet_to_take(
            assignment, queries_quiz.chosen_in(form.answers() if form.is_bound else {})
        ),
        "minutes_left": queries_quiz.minutes_left(attempt),
        "seconds_left": queries_quiz.seconds_left(attempt),
    }
    return render(request, "studies/quiz_take.html", context, status=status)


# Question banks ------------------------------------------------------------------


@login_required
def banks(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_banks(request.user))
    acts = permissions.bank_acts(request.user).in_list_order()
    query = request.GET.get("q", "")[:100]
    if query.strip():
        acts = acts.filtered(q=query)
    page = paginate(
        acts, request.GET.get("page"), annotate=queries_quiz.with_bank_counts
    )
    return render(request, "studies/bank_list.html", {"page": page, "q": query})


@login_required
def bank(request: HttpRequest, act_pk: int) -> HttpResponse:
    act = permissions.get_bank_act(request.user, act_pk)
    context = {
        "act": act,
        "questions": queries_quiz.bank_questions(act.pk),
        "may_manage": permissions.may_manage_bank(request.user, act),
    }
    return render(request, "studies/bank.html", context)


def _save_bank_question(
    request: HttpRequest, act: LegalAct, question: QuizQuestion | None
) -> HttpResponse:
    def add(**fields: Any) -> QuizQuestion:
        return services.add_question(bank=services.bank_of(act), **fields)

    return _question_page(
        request,
        question,
        add,
        reverse("studies:bank", args=[act.pk]),
        "studies/bank_question_form.html",
        {"act": act},
    )


@login_required
def bank_question_create(request: HttpRequest, act_pk: int) -> HttpResponse:
    act = permissions.get_bank_act(request.user, act_pk, write=True)
    return _save_bank_question(request, act, None)


@login_required
def bank_question_edit(
    request: HttpRequest, act_pk: int, question_pk: int
) -> HttpResponse:
    act = permissions.get_bank_act(request.user, act_pk, write=True)
    bank = services.bank_of(act)
    question = permissions.get_bank_question(request.user, bank, question_pk)
    return _save_bank_question(request, act, question)


@login_required
@require_POST
def bank_question_delete(
    request: HttpRequest, act_pk: int, question_pk: int
) -> HttpResponse:
    act = permissions.get_bank_act(request.user, act_pk, write=True)
    bank = services.bank_of(act)
    question = permissions.get_bank_question(request.user, bank, question_pk)
    services.delete_question(question=question)
    messages.success(request, _("The question has been deleted."))
    return redirect("studies:bank", act.pk)


urls: list[URLPattern] = [
    path("<int:pk>/test/", quiz, name="quiz"),
    path("<int:pk>/test/questions/new/", quiz_question_create, name="quiz_add"),
    path(
        "<int:pk>/test/questions/<int:question_pk>/",
        quiz_question_edit,
        name="quiz_edit",
    ),
    path(
        "<int:pk>/test/questions/<int:question_pk>/delete/",
        quiz_question_delete,
        name="quiz_delete",
    ),
    path("<int:pk>/test/from-bank/", quiz_from_bank, name="quiz_from_bank"),
    path("<int:pk>/test/start/", quiz_start, name="quiz_start"),
    path("<int:pk>/test/attempts/<int:attempt_pk>/", quiz_attempt, name="quiz_attempt"),
    path("banks/", banks, name="banks"),
    path("banks/<int:act_pk>/", bank, name="bank"),
    path("banks/<int:act_pk>/questions/new/", bank_question_create, name="bank_add"),
    path(
        "banks/<int:act_pk>/questions/<int:question_pk>/",
        bank_question_edit,
        name="bank_edit",
    ),
    path(
        "banks/<int:act_pk>/questions/<int:question_pk>/delete/",
        bank_question_delete,
        name="bank_delete",
    ),
]
