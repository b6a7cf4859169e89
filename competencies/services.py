"""All writes of competencies: the framework's versions and the assessments."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from competencies.defaults import DEFAULT_COMPETENCIES
from competencies.models import (
    LEVELS,
    Assessment,
    Competency,
    Framework,
    FrameworkVersion,
    Rating,
)
from mentorships.models import Mentorship
from organizations.models import Municipality


@dataclass(frozen=True)
class RatingData:
    competency_id: int
    level: int
    comment: str = ""


@transaction.atomic
def framework_of(municipality: Municipality) -> Framework:
    """The municipality's framework; a first call creates it with the default
    competencies approved as version 1."""
    framework, created = Framework.objects.get_or_create(municipality=municipality)
    if created:
        version = FrameworkVersion.objects.create(
            framework=framework,
            number=1,
            status=FrameworkVersion.Status.APPROVED,
            approved_at=timezone.now(),
        )
        Competency.objects.bulk_create(
            Competency(
                version=version,
                position=i,
                name=name,
                description=description,
                levels=levels,
            )
            for i, (name, description, levels) in enumerate(DEFAULT_COMPETENCIES, 1)
        )
    return framework


def current_version(municipality: Municipality) -> FrameworkVersion:
    """The latest approved version of the municipality's framework."""
    framework = framework_of(municipality)
    version = (
        framework.versions.filter(status=FrameworkVersion.Status.APPROVED)
        .order_by("-number")
        .first()
    )
    assert version is not None  # framework_of approves version 1.
    return version


@transaction.atomic
def new_draft(framework: Framework) -> FrameworkVersion:
    """A draft copying the latest version; the existing draft if there is one."""
    draft = framework.versions.filter(status=FrameworkVersion.Status.DRAFT).first()
    if draft is not None:
        return draft
    latest = framework.versions.order_by("-number").first()
    draft = FrameworkVersion.objects.create(
        framework=framework, number=(latest.number + 1) if latest else 1
    )
    if latest is not None:
        Competency.objects.bulk_create(
            Competency(
                version=draft,
                position=c.position,
                name=c.name,
                description=c.description,
                levels=list(c.levels),
            )
            for c in latest.competencies.all()
        )
    return draft


@transaction.atomic
def save_competency(
    version: FrameworkVersion,
    *,
    name: str,
    description: str,
    levels: list[str],
    competency: Competency | None = None,
) -> Competency:
    """Add or change a competency of a draft; an approved version is not edited."""
    if version.is_approved:
        raise ValidationError(_("An approved version is not edited."))
    if len(levels) != len(LEVELS) or not all(s.strip() for s in levels):
        raise ValidationError(_("Describe each of the levels 1 to 5."))
    if competency is None:
        competency = Competency(
            version=version, position=version.competencies.count() + 1
        )
    competency.name, competency.description = name, description
    competency.levels = [s.strip() for s in levels]
    competency.save()
    return competency


@transaction.atomic
def approve(version: FrameworkVersion) -> FrameworkVersion:
    """Approve a draft with at least one competency."""
    if version.is_approved:
        raise ValidationError(_("The version is already approved."))
    if not version.competencies.exists():
        raise ValidationError(_("A version without competencies is not approved."))
    version.status = FrameworkVersion.Status.APPROVED
    version.approved_at = timezone.now()
    version.save(update_fields=["status", "approved_at", "updated_at"])
    return version


@transaction.atomic
def submit_assessment(
    *,
    mentorship: Mentorship,
    point: str,
    role: str,
    by: User,
    ratings: list[RatingData],
) -> Assessment:
    """Save one assessment whole: every competency of the current version rated
    once on the scale 1–5. The caller has checked the right (permissions.may_assess)."""
    if point not in Assessment.Point.values:
        raise ValidationError(_("Choose the point of the mentorship."))
    if role not in Assessment.Role.values:
        raise ValidationError(_("Choose who assesses."))
    if Assessment.objects.filter(
        mentorship=mentorship, point=point, role=role
    ).exists():
        raise ValidationError(
            _("This assessment at this point has already been submitted.")
        )
    version = current_version(mentorship.municipality)
    competency_ids = set(version.competencies.values_list("pk", flat=True))
    given = [r.competency_id for r in ratings]
    if len(given) != len(set(given)) or set(given) != competency_ids:
        raise ValidationError(_("Rate every competency of the framework once."))
    for r in ratings:
        if r.level not in LEVELS:
            raise ValidationError(_("A level must be from 1 to 5."))
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                mentorship=mentorship,
                version=version,
                point=point,
                role=role,
                author=by,
                submitted_at=timezone.now(),
            )
    except IntegrityError as e:
        raise ValidationError(
            _("This assessment at this point has already been submitted.")
        ) from e
    Rating.objects.bulk_create(
        Rating(
            assessment=assessment,
            competency_id=r.competency_id,
            level=r.level,
            comment=r.comment.strip(),
        )
        for r in ratings
    )
    return assessment
