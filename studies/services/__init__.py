"""Every write of the study of legal acts: assignments, tests and their attempts,
interviews, cases of application, questions on the act, question banks, and the
re-check a new edition of an act calls for.

Every function checks its rule and raises ValidationError with a Russian message
before writing anything; the caller (a page or the API) has checked the rights.
Callers use the package (`from studies import services`); each seam has its
module: the assignments and what follows them, the checks of knowledge, and
what both share."""

from studies.services.assignments import (
    answer,
    ask,
    assign,
    delete_assignment,
    evaluate_practice_case,
    flag_recheck,
    mark_studied,
    reopen,
    submit_practice_case,
    update_assignment,
)
from studies.services.checks import (
    OptionData,
    add_question,
    attempts_left,
    bank_of,
    copy_from_bank,
    delete_question,
    record_interview,
    start_attempt,
    submit_attempt,
    update_question,
)
from studies.services.common import ASSIGNMENT_FIELDS, SETTINGS_FIELDS

__all__ = [
    "ASSIGNMENT_FIELDS",
    "SETTINGS_FIELDS",
    "OptionData",
    "add_question",
    "answer",
    "ask",
    "assign",
    "attempts_left",
    "bank_of",
    "copy_from_bank",
    "delete_assignment",
    "delete_question",
    "evaluate_practice_case",
    "flag_recheck",
    "mark_studied",
    "record_interview",
    "reopen",
    "start_attempt",
    "submit_attempt",
    "submit_practice_case",
    "update_assignment",
    "update_question",
]
