"""The study of normative legal acts (clause 8.8): the mentor's assignments to
study an act, the checks of knowledge (a test or an interview), the reservist's
cases of applying the act in practice, and the coordinator's question banks.

A test's questions are the assignment's own: built by the mentor or copied from
the act's question bank, so that a later change of the bank does not alter what
an attempt was scored on. Which options are correct is never sent to the
reservist before an attempt is submitted (see studies.permissions)."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel

# The bounds of a test's settings.
MIN_THRESHOLD, MAX_THRESHOLD = 1, 100
MAX_ATTEMPTS_LIMIT = 10
MAX_TIME_LIMIT = 240
# A submission this many seconds past the time limit is still accepted (network).
TIME_LIMIT_GRACE_SECONDS = 30
MIN_OPTIONS, MAX_OPTIONS = 2, 10


class StudyAssignmentQuerySet(models.QuerySet["StudyAssignment"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list: the nearest deadline first."""
        return self.order_by("due_on", "pk")

    def for_list(self) -> Self:
        """Everything a list row shows, in one query."""
        return self.select_related(
            "act", "mentorship__mentor", "mentorship__reserve_entry__person"
        )

    def for_card(self) -> Self:
        """What the card and the rights read."""
        return self.select_related(
            "act",
            "checked_edition",
            "recheck_edition",
            "plan_item__plan",
            "mentorship__mentor",
            "mentorship__reserve_entry__person__organization",
        )

    def needing_recheck(self) -> Self:
        return self.filter(status=StudyAssignment.Status.RECHECK)


class StudyAssignment(CopiesMunicipality, TimeStampedModel):
    """The mentor's assignment to study an act (or some of its articles) by a
    date, with the way the knowledge is checked."""

    municipality_source = ("mentorship",)

    class Status(models.TextChoices):
        ASSIGNED = "assigned", pgettext_lazy("study", "assigned")
        STUDIED = "studied", pgettext_lazy("study", "studied")
        PASSED = "passed", pgettext_lazy("study", "check passed")
        FAILED = "failed", pgettext_lazy("study", "check failed")
        RECHECK = "recheck", pgettext_lazy("study", "re-check required")

    class CheckMethod(models.TextChoices):
        TEST = "test", pgettext_lazy("check method", "test")
        INTERVIEW = "interview", pgettext_lazy("check method", "interview")

    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.PROTECT,
        related_name="study_assignments",
    )
    act = models.ForeignKey(
        "legal_acts.LegalAct",
        verbose_name=_("act"),
        on_delete=models.PROTECT,
        related_name="study_assignments",
    )
    articles = models.CharField(
        _("articles"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to study the whole act, e.g. «ст. 28, 47, 48»."),
    )
    aim = models.TextField(_("aim"), max_length=2000)
    due_on = models.DateField(_("deadline"))
    check_method = models.CharField(
        _("check of knowledge"), max_length=10, choices=CheckMethod.choices
    )
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        verbose_name=_("plan item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="study_assignments",
        help_text=_("Marked done when the check is passed."),
    )
    # The test's settings (a test only).
    pass_threshold = models.PositiveSmallIntegerField(
        _("pass threshold, %"), default=70
    )
    max_attempts = models.PositiveSmallIntegerField(_("attempts"), default=3)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit, minutes"), null=True, blank=True
    )
    show_answers = models.BooleanField(
        _("show the right answers after submission"), default=False
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED
    )
    # Each re-opening of the check starts a new round with its own attempts.
    check_round = models.PositiveSmallIntegerField(_("check round"), default=1)
    studied_at = models.DateTimeField(_("marked studied"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    # The act's edition in force when the check was passed (none: the original).
    checked_edition = models.ForeignKey(
        "legal_acts.LegalActEdition",
        verbose_name=_("checked on the edition"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The new edition that made a passed check need repeating.
    recheck_edition = models.ForeignKey(
        "legal_acts.LegalActEdition",
        verbose_name=_("new edition"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = StudyAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("study assignment")
        verbose_name_plural = _("study assignments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_threshold__gte=MIN_THRESHOLD)
                & Q(pass_threshold__lte=MAX_THRESHOLD),
                name="study_pass_threshold_range",
                violation_error_message=_("The pass threshold must be 1 to 100%."),
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1)
                & Q(max_attempts__lte=MAX_ATTEMPTS_LIMIT),
                name="study_max_attempts_range",
                violation_error_message=_("Allow from 1 to 10 attempts."),
            ),
            models.CheckConstraint(
                condition=Q(time_limit_minutes__isnull=True)
                | (
                    Q(time_limit_minutes__gte=1)
                    & Q(time_limit_minutes__lte=MAX_TIME_LIMIT)
                ),
                name="study_time_limit_range",
                violation_error_message=_(
                    "The time limit must be from 1 to 240 minutes."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "due_on", "id"],
                name="study_municipality_due",
            ),
            models.Index(
                fields=["mentorship", "due_on", "id"], name="study_mentorship_due"
            ),
            models.Index(fields=["act", "status"], name="study_act_status"),
        ]

    def __str__(self) -> str:
        return f"{self.act} — {self.mentorship.reserve_entry.person}"

    def get_absolute_url(self) -> str:
        return reverse("studies:card", args=[self.pk])

    @property
    def is_test(self) -> bool:
        return self.check_method == self.CheckMethod.TEST

    @property
    def is_open(self) -> bool:
        """The check may still be taken or recorded."""
        return self.status in (self.Status.ASSIGNED, self.Status.STUDIED)


class QuestionBank(TimeStampedModel):
    """The coordinator's shared questions on one act, from which mentors take the
    questions of their tests."""

    act = models.OneToOneField(
        "legal_acts.LegalAct",
        verbose_name=_("act"),
        on_delete=models.CASCADE,
        related_name="question_bank",
    )

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self) -> str:
        return str(self.act)

    def get_absolute_url(self) -> str:
        return reverse("studies:bank", args=[self.act_id])


class QuizQuestion(TimeStampedModel):
    """A question with options: of an assignment's test or of an act's bank."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("one right option")
        MULTIPLE = "multiple", _("several right options")

    assignment = models.ForeignKey(
        StudyAssignment,
        verbose_name=_("study assignment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
    )
    bank = models.ForeignKey(
        QuestionBank,
        verbose_name=_("question bank"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
    )
    text = models.TextField(pgettext_lazy("quiz", "question"), max_length=2000)
    kind = models.CharField(
        _("answer"), max_length=10, choices=Kind.choices, default=Kind.SINGLE
    )
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        verbose_name = pgettext_lazy("quiz", "question")
        verbose_name_plural = pgettext_lazy("quiz", "questions")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignment__isnull=True, bank__isnull=False)
                | Q(assignment__isnull=False, bank__isnull=True),
                name="quiz_question_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class QuizOption(models.Model):
    question = models.ForeignKey(
        QuizQuestion,
        verbose_name=pgettext_lazy("quiz", "question"),
        on_delete=models.CASCADE,
        related_name="options",
    )
    text = models.CharField(pgettext_lazy("quiz", "option"), max_length=500)
    is_correct = models.BooleanField(_("right"), default=False)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        verbose_name = pgettext_lazy("quiz", "option")
        verbose_name_plural = pgettext_lazy("quiz", "options")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class QuizAttempt(TimeStampedModel):
    """One attempt at an assignment's test: started, then submitted with the
    answers and scored on the server."""

    assignment = models.ForeignKey(
        StudyAssignment,
        verbose_name=_("study assignment"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    check_round = models.PositiveSmallIntegerField(_("check round"))
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("started"))
    deadline_at = models.DateTimeField(_("time runs out"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # {"<question id>": [<option id>, …]} as submitted.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    right = models.PositiveSmallIntegerField(_("right answers"), default=0)
    total = models.PositiveSmallIntegerField(_("questions"), default=0)
    score = models.PositiveSmallIntegerField(_("score, %"), default=0)
    passed = models.BooleanField(_("passed"), default=False)
    timed_out = models.BooleanField(_("time ran out"), default=False)

    class Meta:
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        ordering = ["check_round", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "check_round", "number"],
                name="quiz_attempt_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}/{self.check_round}/{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Interview(TimeStampedModel):
    """The mentor's record of a check by interview."""

    class Mark(models.TextChoices):
        PASS = "pass", _("passed (зачтено)")
        FAIL = "fail", _("not passed (не зачтено)")
        FIVE = "5", _("5 (excellent)")
        FOUR = "4", _("4 (good)")
        THREE = "3", _("3 (satisfactory)")
        TWO = "2", _("2 (unsatisfactory)")

    PASSING = frozenset({Mark.PASS, Mark.FIVE, Mark.FOUR, Mark.THREE})

    assignment = models.ForeignKey(
        StudyAssignment,
        verbose_name=_("study assignment"),
        on_delete=models.CASCADE,
        related_name="interviews",
    )
    check_round = models.PositiveSmallIntegerField(_("check round"))
    held_on = models.DateField(_("date"))
    mark = models.CharField(_("mark"), max_length=4, choices=Mark.choices)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["check_round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "check_round"], name="interview_one_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.get_mark_display()}"

    @property
    def passed(self) -> bool:
        return self.mark in self.PASSING


def application_path(instance: "PracticeCase", filename: str) -> str:
    return f"studies/{instance.assignment_id}/{filename}"


class PracticeCase(TimeStampedModel):
    """The reservist's case of applying the act in practice, evaluated by the
    mentor («и их применение в практической деятельности»)."""

    class Evaluation(models.TextChoices):
        CORRECT = "correct", _("applied correctly")
        REMARKS = "remarks", _("applied with remarks")
        NOT_APPLIED = "not_applied", _("not applied")

    assignment = models.OneToOneField(
        StudyAssignment,
        verbose_name=_("study assignment"),
        on_delete=models.CASCADE,
        related_name="practice_case",
    )
    description = models.TextField(_("the case"), max_length=10000)
    file = models.FileField(
        _("file"), upload_to=application_path, max_length=300, blank=True
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("submitted"))
    evaluation = models.CharField(
        _("evaluation"), max_length=12, choices=Evaluation.choices, blank=True
    )
    evaluation_comment = models.TextField(
        _("mentor's comment"), max_length=4000, blank=True
    )
    evaluated_at = models.DateTimeField(_("evaluated"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application in practice")
        verbose_name_plural = _("applications in practice")

    def __str__(self) -> str:
        return self.description[:60]


class StudyQuestion(TimeStampedModel):
    """The reservist's question on the act and the mentor's answer."""

    assignment = models.ForeignKey(
        StudyAssignment,
        verbose_name=_("study assignment"),
        on_delete=models.CASCADE,
        related_name="study_questions",
    )
    text = models.TextField(pgettext_lazy("study", "question"), max_length=4000)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("question on the act")
        verbose_name_plural = _("questions on the act")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
