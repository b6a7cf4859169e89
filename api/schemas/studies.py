"""Shapes of the study of legal acts (clause 8.8): assignments, their tests,
attempts, interviews, applications in practice, questions on the act, and the
coordinator's question banks.

Which options are right (the key) travels only in the `…KeyOut` shapes, whose
`key` is `"shown"`; the shapes the reservist gets before submitting have no
correctness field at all (and `key` `"hidden"`), not an empty one."""

import datetime
from typing import Annotated, ClassVar, Literal

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema, ReasonableDate
from api.schemas.enums import (
    InterviewMark,
    PracticeCaseEvaluation,
    QuizQuestionKind,
    StudyAssignmentCheckMethod,
    StudyAssignmentStatus,
)
from studies.models import (
    MAX_ATTEMPTS_LIMIT,
    MAX_THRESHOLD,
    MAX_TIME_LIMIT,
    MIN_THRESHOLD,
    PracticeCase,
    QuizAttempt,
    QuizQuestion,
    StudyAssignment,
)

Threshold = Annotated[
    int, Field(ge=MIN_THRESHOLD, le=MAX_THRESHOLD, description="Per cent, 1–100.")
]
Attempts = Annotated[int, Field(ge=1, le=MAX_ATTEMPTS_LIMIT, description="1–10.")]
TimeLimit = Annotated[
    int, Field(ge=1, le=MAX_TIME_LIMIT, description="Minutes, 1–240; none: no limit.")
]
KEY_SHOWN = "Which options are right: `shown` with `is_correct` on every option."
KEY_HIDDEN = "`hidden`: the options carry no field of correctness."


class StudyPersonOut(Schema):
    id: int
    full_name: str


class StudyActOut(Schema):
    id: int
    number: str
    title: str
    adopted_on: datetime.date


class StudyEditionOut(Schema):
    id: int
    effective_on: datetime.date
    note: str = Field(description="What the edition changed.")


class StudyAssignmentOut(Schema):
    id: int
    mentorship_id: int
    reserve_entry_id: int
    reservist: StudyPersonOut
    mentor: StudyPersonOut
    act: StudyActOut
    articles: str = Field(description="Empty: the whole act.")
    aim: str
    due_on: datetime.date
    check_method: StudyAssignmentCheckMethod
    status: StudyAssignmentStatus
    status_display: str
    check_round: int = Field(description="1, and one more at each re-opening.")
    plan_item_id: int | None = Field(description="Completed when the check passes.")
    pass_threshold: int
    max_attempts: int
    time_limit_minutes: int | None
    show_answers: bool = Field(
        description="The reservist sees the right options after submitting."
    )
    studied_at: datetime.datetime | None
    checked_at: datetime.datetime | None
    recheck_edition: StudyEditionOut | None = Field(
        description="The new edition that calls a passed check into question."
    )
    created_at: datetime.datetime

    @staticmethod
    def resolve_reserve_entry_id(obj: StudyAssignment) -> int:
        return obj.mentorship.reserve_entry_id

    @staticmethod
    def resolve_reservist(obj: StudyAssignment) -> object:
        return obj.mentorship.reserve_entry.person

    @staticmethod
    def resolve_mentor(obj: StudyAssignment) -> object:
        return obj.mentorship.mentor

    @staticmethod
    def resolve_status_display(obj: StudyAssignment) -> str:
        return obj.get_status_display()


class StudyAssignmentDetailOut(StudyAssignmentOut):
    checked_edition: StudyEditionOut | None = Field(
        description="The act's edition in force when the check passed; "
        "empty: the original."
    )


class StudyAssignmentFilter(Schema):
    status: StudyAssignmentStatus | None = None
    act_id: FilterId | None = None
    reserve_entry_id: FilterId | None = Field(None, description="The reservist.")
    mentorship_id: FilterId | None = None


class QuizSettingsIn(InSchema):
    pass_threshold: Threshold = 70
    max_attempts: Attempts = 3
    time_limit_minutes: TimeLimit | None = None
    show_answers: bool = False


class StudyAssignmentIn(QuizSettingsIn):
    multiline: ClassVar[frozenset[str]] = frozenset({"aim"})

    mentorship_id: int | None = Field(
        None, description="An active mentorship of the caller; or `reserve_entry_id`."
    )
    reserve_entry_id: int | None = Field(
        None, description="The reservist of an active mentorship of the caller."
    )
    act_id: int = Field(description="An act of the municipality's catalogue.")
    articles: str = Field("", max_length=300)
    aim: str = Field(min_length=1, max_length=2000)
    due_on: ReasonableDate = Field(description="Today or later.")
    check_method: StudyAssignmentCheckMethod
    plan_item_id: int | None = Field(
        None, description="An item of the reservist's plan, marked done on passing."
    )


class StudyAssignmentPatch(PatchSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"aim"})
    nullable = frozenset({"plan_item_id", "time_limit_minutes"})

    articles: str | None = Field(None, max_length=300)
    aim: str | None = Field(None, min_length=1, max_length=2000)
    due_on: ReasonableDate | None = None
    plan_item_id: int | None = None
    pass_threshold: Threshold | None = None
    max_attempts: Attempts | None = None
    time_limit_minutes: TimeLimit | None = None
    show_answers: bool | None = None


# ----------------------------------------------------------- questions on the act


class StudyQuestionOut(Schema):
    id: int
    text: str
    answer: str = Field(description="The mentor's; empty until answered.")
    answered_at: datetime.datetime | None
    created_at: datetime.datetime


class StudyQuestionIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"text"})

    text: str = Field(min_length=1, max_length=4000)


class StudyAnswerIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"answer"})

    answer: str = Field(min_length=1, max_length=4000)


# ------------------------------------------------------------------ questions


class OptionOut(Schema):
    """An option as the reservist sees it: no correctness."""

    id: int
    text: str


class OptionKeyOut(Schema):
    id: int
    text: str
    is_correct: bool


class QuestionOut(Schema):
    id: int
    text: str
    kind: QuizQuestionKind
    options: list[OptionOut]

    @staticmethod
    def resolve_options(obj: QuizQuestion) -> list:
        return list(obj.options.all())


class QuestionKeyOut(Schema):
    id: int
    text: str
    kind: QuizQuestionKind
    options: list[OptionKeyOut]

    @staticmethod
    def resolve_options(obj: QuizQuestion) -> list:
        return list(obj.options.all())


class OptionIn(InSchema):
    text: str = Field(max_length=500)
    is_correct: bool = False


class QuestionIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"text"})

    text: str = Field(min_length=1, max_length=2000)
    kind: QuizQuestionKind
    options: list[OptionIn] = Field(
        max_length=20,
        description="2–10 distinct options; one right for `single`, "
        "at least one for `multiple`.",
    )


class FromBankIn(InSchema):
    question_ids: list[int] = Field(
        max_length=200, description="Questions of the act's bank to copy."
    )


class QuizSettingsOut(Schema):
    assignment_id: int
    pass_threshold: int
    max_attempts: int
    time_limit_minutes: int | None
    show_answers: bool
    attempts_left: int = Field(description="In the current check round.")


class QuizOut(QuizSettingsOut):
    """The test for whoever may not read the key."""

    key: Literal["hidden"] = Field(description=KEY_HIDDEN)
    questions: list[QuestionOut]


class QuizKeyOut(QuizSettingsOut):
    """The test with the key: its mentor, the coordinator."""

    key: Literal["shown"] = Field(description=KEY_SHOWN)
    questions: list[QuestionKeyOut]


# ------------------------------------------------------------------- attempts


class AttemptSummaryOut(Schema):
    id: int
    check_round: int
    number: int
    started_at: datetime.datetime
    deadline_at: datetime.datetime | None = Field(
        description="When the time runs out; empty without a time limit."
    )
    submitted_at: datetime.datetime | None
    right: int
    total: int
    score: int = Field(description="Per cent of questions answered right.")
    passed: bool
    timed_out: bool


class AttemptOut(AttemptSummaryOut):
    """An attempt without the key: the questions to answer, or the result."""

    key: Literal["hidden"] = Field(description=KEY_HIDDEN)
    answers: dict[str, list[int]] = Field(
        description="The chosen option ids by question id, as submitted."
    )
    questions: list[QuestionOut]


class AttemptKeyOut(AttemptSummaryOut):
    """A submitted attempt with the right options beside the chosen ones."""

    key: Literal["shown"] = Field(description=KEY_SHOWN)
    answers: dict[str, list[int]]
    questions: list[QuestionKeyOut]


class SubmitIn(InSchema):
    answers: dict[str, list[int]] = Field(
        max_length=200,
        description='`{"<question id>": [option ids]}`; an unanswered question '
        "counts as wrong.",
    )


def attempt_data(attempt: QuizAttempt, questions: list[QuizQuestion]) -> dict:
    """The fields of an attempt shape, with the questions given."""
    fields = AttemptSummaryOut.model_fields
    return {name: getattr(attempt, name) for name in fields} | {
        "answers": attempt.answers,
        "questions": questions,
    }


# ------------------------------------------------------------------ interview


class InterviewOut(Schema):
    id: int
    check_round: int
    held_on: datetime.date
    mark: InterviewMark
    mark_display: str
    passed: bool
    comment: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_mark_display(obj: object) -> str:
        return obj.get_mark_display()  # type: ignore[attr-defined]


class InterviewIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"comment"})

    held_on: ReasonableDate = Field(description="Not in the future.")
    mark: InterviewMark = Field(
        description="`pass`/`fail` (зачтено / не зачтено) or a mark 2–5."
    )
    comment: str = Field("", max_length=4000)


# ---------------------------------------------------------------- application


class PracticeCaseOut(Schema):
    assignment_id: int
    description: str
    file_name: str = Field(description="Empty without a file; see `…/file`.")
    submitted_at: datetime.datetime
    evaluation: PracticeCaseEvaluation | None = Field(
        description="Empty until the mentor evaluates."
    )
    evaluation_display: str
    evaluation_comment: str
    evaluated_at: datetime.datetime | None

    @staticmethod
    def resolve_file_name(obj: PracticeCase) -> str:
        return obj.file_name if obj.file else ""

    @staticmethod
    def resolve_evaluation(obj: PracticeCase) -> str | None:
        return obj.evaluation or None

    @staticmethod
    def resolve_evaluation_display(obj: PracticeCase) -> str:
        return obj.get_evaluation_display() if obj.evaluation else ""


class PracticeCaseIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"description"})

    description: str = Field(min_length=1, max_length=10000)


class EvaluationIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"evaluation_comment"})

    evaluation: PracticeCaseEvaluation
    evaluation_comment: str = Field(
        "", max_length=4000, description="Required unless `correct`."
    )


# ---------------------------------------------------------------- question banks


class QuestionBankOut(Schema):
    act: StudyActOut
    questions_count: int

    @staticmethod
    def resolve_act(obj: object) -> object:
        return obj


class QuestionBankDetailOut(Schema):
    act: StudyActOut
    may_manage: bool = Field(description="The caller keeps this bank (coordinator).")
    questions: list[QuestionKeyOut]


class QuestionBankFilter(Schema):
    q: str = Field("", max_length=100, description="Number or title of the act.")
