"""Who may see and do what in the study of legal acts (clause 8.8).

An assignment is seen by its mentor and reservist, by the head of the
reservist's organisation and by the municipality's coordinator. The mentor
(while the mentorship lasts) assigns, builds the test, records the interview,
evaluates the application, answers and re-opens; the reservist marks studied,
asks, takes the test and describes the application.

Which options of a test are right is the key: the mentor of the assignment, the
coordinator and a superuser read it; the reservist reads it only in a submitted
attempt and only when the mentor allowed it; a head never. The question banks
are the coordinator's and are read by the municipality's mentors only."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from core.scopes import any_of
from legal_acts.models import LegalAct, LegalActQuerySet
from mentorships.models import Mentorship, MentorshipQuerySet
from plans.models import PlanItem
from studies.models import (
    PracticeCase,
    QuestionBank,
    QuizAttempt,
    QuizQuestion,
    StudyAssignment,
    StudyAssignmentQuerySet,
    StudyQuestion,
)

AnyUser = User | AnonymousUser
RESERVIST = "mentorship__reserve_entry__person"


# Assignments in scope ----------------------------------------------------------------


def visible_assignments(user: AnyUser) -> StudyAssignmentQuerySet:
    """One's own as mentor or reservist, a headed organisation's reservists', a
    coordinated municipality's; all for a superuser."""
    p = principal(user)
    if not p.is_authenticated:
        return StudyAssignment.objects.none()
    if p.is_superuser:
        return StudyAssignment.objects.all()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        StudyAssignment.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(**{f"{RESERVIST}__organization_id__in": headed}) if headed else None,
        Q(mentorship__mentor_id=person_id) if person_id else None,
        Q(**{f"{RESERVIST}_id": person_id}) if person_id else None,
    )


def get_assignment(user: AnyUser, pk: int) -> StudyAssignment:
    """A visible assignment with what its card reads; Http404 if unseen."""
    try:
        return (
            StudyAssignment.objects.for_card()
            .filter(pk__in=visible_assignments(user).values("pk"))
            .get(pk=pk)
        )
    except (StudyAssignment.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def own_assignments(user: AnyUser) -> StudyAssignmentQuerySet:
    """The user's assignments as the reservist."""
    person_id = principal(user).person_id
    if person_id is None:
        return StudyAssignment.objects.none()
    return StudyAssignment.objects.filter(**{f"{RESERVIST}_id": person_id})


def mentored_assignments(user: AnyUser) -> StudyAssignmentQuerySet:
    """The assignments the user gave as the mentor."""
    person_id = principal(user).person_id
    if person_id is None:
        return StudyAssignment.objects.none()
    return StudyAssignment.objects.filter(mentorship__mentor_id=person_id)


def assignments_to_recheck(user: AnyUser) -> StudyAssignmentQuerySet:
    """The mentor's to-do: passed checks a new edition of the act calls into
    question, in the user's active mentorships."""
    return mentored_assignments(user).filter(
        status=StudyAssignment.Status.RECHECK,
        mentorship__status=Mentorship.Status.ACTIVE,
    )


def mentorships_to_assign(user: AnyUser) -> MentorshipQuerySet:
    """The user's active mentorships as the mentor: whose reservists they set acts
    to study."""
    p = principal(user)
    if p.person_id is None or not p.holds_mentor_role:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        mentor_id=p.person_id, status=Mentorship.Status.ACTIVE
    )


def plan_items_to_link(mentorship: Mentorship) -> QuerySet[PlanItem]:
    """The items of the reservist's plans an assignment may be linked to (and
    complete): not cancelled."""
    return PlanItem.objects.filter(
        plan__reserve_entry_id=mentorship.reserve_entry_id
    ).exclude(status=PlanItem.Status.CANCELLED)


# Who one is to an assignment ---------------------------------------------------------


def _is_mentor(user: AnyUser, assignment: StudyAssignment) -> bool:
    person_id = principal(user).person_id
    return person_id is not None and person_id == assignment.mentorship.mentor_id


def _is_reservist(user: AnyUser, assignment: StudyAssignment) -> bool:
    person_id = principal(user).person_id
    return (
        person_id is not None
        and person_id == assignment.mentorship.reserve_entry.person_id
    )


def _lasts(assignment: StudyAssignment) -> bool:
    return assignment.mentorship.status == Mentorship.Status.ACTIVE


def is_active_mentor(user: AnyUser, assignment: StudyAssignment) -> bool:
    return _is_mentor(user, assignment) and _lasts(assignment)


def is_active_reservist(user: AnyUser, assignment: StudyAssignment) -> bool:
    return _is_reservist(user, assignment) and _lasts(assignment)


# Rights ------------------------------------------------------------------------------


def may_view_studies(user: AnyUser) -> bool:
    """The list of assignments: mentors, reservists, heads, coordinators."""
    p = principal(user)
    if p.is_superuser or p.is_coordinator or p.is_head:
        return True
    if p.person_id is None:
        return False
    return p.holds_mentor_role or p.holds_reservist_role


def may_assign(user: AnyUser) -> bool:
    """Setting acts to study is a mentor's."""
    p = principal(user)
    return p.person_id is not None and p.holds_mentor_role


def may_change_assignment(user: AnyUser, assignment: StudyAssignment) -> bool:
    """The active mentor corrects the assignment, builds the test, records the
    interview, answers and re-opens."""
    return is_active_mentor(user, assignment)


def may_delete_assignment(user: AnyUser, assignment: StudyAssignment) -> bool:
    return is_active_mentor(user, assignment) and assignment.is_open


def may_mark_studied(user: AnyUser, assignment: StudyAssignment) -> bool:
    return (
        is_active_reservist(user, assignment)
        and assignment.status == StudyAssignment.Status.ASSIGNED
    )


def may_ask(user: AnyUser, assignment: StudyAssignment) -> bool:
    return is_active_reservist(user, assignment)


def may_answer(user: AnyUser, assignment: StudyAssignment) -> bool:
    return is_active_mentor(user, assignment)


def may_take_test(user: AnyUser, assignment: StudyAssignment) -> bool:
    """Only the reservist takes their test, while the check is open."""
    return (
        is_active_reservist(user, assignment)
        and assignment.is_test
        and assignment.is_open
    )


def may_answer_test(user: AnyUser, assignment: StudyAssignment) -> bool:
    """The reservist starts and submits attempts at their test while the
    mentorship lasts; a closed check, the deadline and the attempt limit are the
    services' refusals (with their message)."""
    return is_active_reservist(user, assignment) and assignment.is_test


def may_build_test(user: AnyUser, assignment: StudyAssignment) -> bool:
    """The active mentor adds, corrects and removes the test's questions while the
    check is open and its round has no attempt yet (one query)."""
    return (
        is_active_mentor(user, assignment)
        and assignment.is_test
        and assignment.is_open
        and not assignment.attempts.filter(check_round=assignment.check_round).exists()
    )


def may_record_interview(user: AnyUser, assignment: StudyAssignment) -> bool:
    return (
        is_active_mentor(user, assignment)
        and not assignment.is_test
        and assignment.is_open
    )


def may_reopen(user: AnyUser, assignment: StudyAssignment) -> bool:
    return is_active_mentor(user, assignment) and not assignment.is_open


def may_submit_practice_case(user: AnyUser, assignment: StudyAssignment) -> bool:
    if not is_active_reservist(user, assignment):
        return False
    case = getattr(assignment, "practice_case", None)
    return case is None or case.evaluation != PracticeCase.Evaluation.CORRECT


def may_evaluate_practice_case(user: AnyUser, assignment: StudyAssignment) -> bool:
    return is_active_mentor(user, assignment)


def may_view_key(user: AnyUser, assignment: StudyAssignment) -> bool:
    """The right options of the assignment's test: its mentor, the coordinator of
    its municipality, a superuser. Never the reservist (see may_view_attempt_key)
    nor a head."""
    if _is_mentor(user, assignment):
        return True
    return principal(user).coordinates(assignment.municipality_id)


def may_view_attempt_key(
    user: AnyUser, assignment: StudyAssignment, attempt: QuizAttempt
) -> bool:
    """The right options beside a submitted attempt: whoever reads the key, and
    the reservist when the mentor allows it."""
    if attempt.submitted_at is None:
        return False
    if may_view_key(user, assignment):
        return True
    return _is_reservist(user, assignment) and assignment.show_answers


def get_attempt(user: AnyUser, assignment: StudyAssignment, pk: int) -> QuizAttempt:
    """An attempt of an assignment got through get_assignment; Http404 otherwise."""
    try:
        attempt = assignment.attempts.get(pk=pk)
    except (QuizAttempt.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    attempt.assignment = assignment
    return attempt


def open_attempt_ids(assignment: StudyAssignment) -> set[int]:
    """The attempts of the current check round begun and not submitted."""
    return set(
        assignment.attempts.filter(
            check_round=assignment.check_round, submitted_at__isnull=True
        ).values_list("pk", flat=True)
    )


def get_study_question(
    user: AnyUser, assignment: StudyAssignment, pk: int
) -> StudyQuestion:
    try:
        return assignment.study_questions.get(pk=pk)
    except (StudyQuestion.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def get_test_question(
    user: AnyUser, assignment: StudyAssignment, pk: int
) -> QuizQuestion:
    """A question of the assignment's test, for its mentor to change; Http404 for
    anyone who may not read the key."""
    if not may_view_key(user, assignment):
        raise Http404
    try:
        return assignment.questions.get(pk=pk)
    except (QuizQuestion.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


# Question banks ----------------------------------------------------------------------


def may_view_banks(user: AnyUser) -> bool:
    """The banks hold right answers: the coordinator and mentors only."""
    p = principal(user)
    if p.is_superuser or p.is_coordinator:
        return True
    return p.person_id is not None and p.holds_mentor_role and bool(p.municipality_ids)


def bank_acts(user: AnyUser) -> LegalActQuerySet:
    """The acts whose banks the user reads: of their municipalities."""
    p = principal(user)
    if not may_view_banks(user):
        return LegalAct.objects.none()
    if p.is_superuser:
        return LegalAct.objects.all()
    return LegalAct.objects.filter(municipality_id__in=p.municipality_ids)


def get_bank_act(user: AnyUser, act_pk: int, *, write: bool = False) -> LegalAct:
    """An act whose bank the user reads; Http404 if unseen, PermissionDenied for a
    write by anyone but its coordinator."""
    try:
        act = bank_acts(user).get(pk=act_pk)
    except (LegalAct.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not principal(user).coordinates(act.municipality_id):
        raise PermissionDenied
    return act


def get_bank_question(user: AnyUser, bank: QuestionBank, pk: int) -> QuizQuestion:
    try:
        return bank.questions.get(pk=pk)
    except (QuizQuestion.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def may_manage_bank(user: AnyUser, act: LegalAct) -> bool:
    return principal(user).coordinates(act.municipality_id)


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied
