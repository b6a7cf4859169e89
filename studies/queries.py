"""Reads of the study of legal acts: the test of an assignment at a glance (its
card), the reservist's assignments in short on the reserve card, and the mentor's
and the reservist's to-do on the home page. The scope always comes from studies.permissions."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorships.models import Mentorship
from reserve.models import ReserveEntry
from studies.models import (
    Interview,
    PracticeCase,
    QuizAttempt,
    StudyAssignment,
    StudyQuestion,
)
from studies.permissions import (
    AnyUser,
    assignments_to_recheck,
    mentored_assignments,
    own_assignments,
    visible_assignments,
)

Status = StudyAssignment.Status
# The home page shows at most this many items of each list.
TODO_LIMIT = 10


def _summarised(found: QuerySet[StudyAssignment]) -> QuerySet[StudyAssignment]:
    """What a short row reads, in one query: the act, the new edition, the case of
    application, the best score and the interview's mark of the current round."""
    this_round = {
        "assignment": OuterRef("pk"),
        "check_round": OuterRef("check_round"),
    }
    best = (
        QuizAttempt.objects.filter(**this_round, submitted_at__isnull=False)
        .order_by("-score")
        .values("score")[:1]
    )
    mark = Interview.objects.filter(**this_round).values("mark")[:1]
    return found.select_related("act", "recheck_edition", "practice_case").annotate(
        best_score=Subquery(best), interview_mark=Subquery(mark)
    )


@dataclass(frozen=True)
class AssignmentRow:
    """An assignment in short: the act, its status and the result so far."""

    assignment: StudyAssignment
    result: str
    application: str

    @property
    def needs_recheck(self) -> bool:
        return self.assignment.status == Status.RECHECK


def _result(assignment: StudyAssignment) -> str:
    score = getattr(assignment, "best_score", None)
    mark = getattr(assignment, "interview_mark", None)
    if assignment.is_test and score is not None:
        return f"{score}%"
    if not assignment.is_test and mark:
        return str(Interview.Mark(mark).label)
    return ""


def _application(assignment: StudyAssignment) -> str:
    case: PracticeCase | None = getattr(assignment, "practice_case", None)
    if case is None:
        return ""
    if not case.evaluation:
        return _("submitted, awaiting evaluation")
    return case.get_evaluation_display()


def entry_assignments(user: AnyUser, entry: ReserveEntry) -> list[AssignmentRow]:
    """The entry's assignments the user sees, the flagged ones first, then by
    deadline (one query)."""
    found = _summarised(
        visible_assignments(user).filter(mentorship__reserve_entry=entry)
    )
    rows = [
        AssignmentRow(a, _result(a), _application(a))
        for a in found.order_by("due_on", "pk")
    ]
    return sorted(rows, key=lambda r: not r.needs_recheck)


@dataclass
class StudyTodo:
    """The home page's to-do of the study of legal acts."""

    # The mentor's: passed checks a new edition calls into question…
    to_recheck: list[StudyAssignment] = field(default_factory=list)
    # …and assignments with a question to answer, an application to evaluate or
    # an interview to hold.
    awaiting: list[StudyAssignment] = field(default_factory=list)
    # The reservist's: open assignments by their deadline (overdue before today).
    due: list[StudyAssignment] = field(default_factory=list)
    today: date | None = None


def _awaiting_mentor(user: AnyUser) -> QuerySet[StudyAssignment]:
    """The user's assignments as an active mentor with a question without an answer,
    an application not yet evaluated or an interview to hold, annotated with each."""
    unanswered = StudyQuestion.objects.filter(assignment=OuterRef("pk"), answer="")
    to_evaluate = PracticeCase.objects.filter(assignment=OuterRef("pk"), evaluation="")
    # Studied and checked by an interview: the mentor holds and records it.
    interview = Q(
        status=Status.STUDIED, check_method=StudyAssignment.CheckMethod.INTERVIEW
    )
    return (
        mentored_assignments(user)
        .filter(mentorship__status=Mentorship.Status.ACTIVE)
        .annotate(
            has_question=Exists(unanswered),
            has_case=Exists(to_evaluate),
            needs_interview=ExpressionWrapper(interview, output_field=BooleanField()),
        )
        .filter(Q(has_question=True) | Q(has_case=True) | interview)
    )


def study_todo(user: AnyUser, *, mentor: bool, reservist: bool) -> StudyTodo:
    """The user's to-do as the mentor and as the reservist (a query a list)."""
    todo = StudyTodo()
    person = "mentorship__reserve_entry__person"
    if mentor:
        todo.to_recheck = list(
            assignments_to_recheck(user)
            .select_related("act", "recheck_edition", person)
            .order_by("updated_at", "pk")[:TODO_LIMIT]
        )
        todo.awaiting = list(
            _awaiting_mentor(user)
            .select_related("act", person)
            .order_by("due_on", "pk")[:TODO_LIMIT]
        )
    if reservist:
        todo.today = timezone.localdate()
        todo.due = list(
            own_assignments(user)
            .filter(
                status__in=(Status.ASSIGNED, Status.STUDIED),
                mentorship__status=Mentorship.Status.ACTIVE,
            )
            .select_related("act")
            .order_by("due_on", "pk")[:TODO_LIMIT]
        )
    return todo


@dataclass(frozen=True)
class QuizSummary:
    """The test of the current check round at a glance (the card)."""

    used: int
    allowed: int
    best_score: int | None
    last: QuizAttempt | None


def quiz_summary(assignment: StudyAssignment) -> QuizSummary:
    """Attempts used of those allowed in the current round, the best score and the
    last submitted attempt (one query)."""
    attempts = list(assignment.attempts.filter(check_round=assignment.check_round))
    submitted = [a for a in attempts if a.submitted_at is not None]
    return QuizSummary(
        used=len(attempts),
        allowed=assignment.max_attempts,
        best_score=max((a.score for a in submitted), default=None),
        last=max(submitted, key=lambda a: a.number, default=None),
    )
