"""Key competencies of a head (clauses 2–3): the municipality's framework, kept in
versions like the plan form, and the assessments at three points of a mentorship
(the reservist's own and the mentor's), each on the version it was made on."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import CopiesMunicipality, TimeStampedModel

# The fixed scale of a level.
MIN_LEVEL, MAX_LEVEL = 1, 5
LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))


class Framework(TimeStampedModel):
    """The municipality's competency framework: its versions."""

    municipality = models.OneToOneField(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="competency_framework",
    )

    class Meta:
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")

    def __str__(self) -> str:
        return str(self.municipality)


class FrameworkVersion(TimeStampedModel):
    """One version of a framework: a draft is edited, an approved one never."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="competency_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework} v{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Competency(models.Model):
    """A competency of a version with its level descriptors (1–5)."""

    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="competencies",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Five descriptors, of levels 1 to 5 in order.
    levels = models.JSONField(_("level descriptors"), default=list)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def level_rows(self) -> list[tuple[int, str]]:
        return list(zip(LEVELS, self.levels, strict=False))


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def in_list_order(self) -> Self:
        return self.order_by("-submitted_at", "-pk")

    def for_list(self) -> Self:
        return self.select_related(
            "version", "mentorship__mentor", "mentorship__reserve_entry__person"
        ).prefetch_related("ratings__competency")


class Assessment(CopiesMunicipality, TimeStampedModel):
    """One person's assessment of the reservist at one point, submitted whole."""

    municipality_source = ("mentorship",)

    class Point(models.TextChoices):
        START = "start", _("start of the mentorship")
        MIDDLE = "middle", _("middle of the mentorship")
        END = "end", _("end of the mentorship")

    class Role(models.TextChoices):
        SELF = "self", _("self-assessment")
        MENTOR = "mentor", _("mentor's assessment")

    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.PROTECT,
        related_name="competency_assessments",
    )
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    point = models.CharField(_("point"), max_length=16, choices=Point.choices)
    role = models.CharField(_("assessor"), max_length=16, choices=Role.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "point", "role"],
                name="competency_assessment_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["municipality", "-submitted_at", "-id"],
                name="competency_assessment_list",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_point_display()}: {self.get_role_display()}"


class Rating(models.Model):
    """The level of one competency in an assessment, with an optional comment."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["competency__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency"], name="competency_rating_once"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="competency_rating_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.level}"
