"""Demo data of competencies: the default framework approved, and assessments
at the start and the middle for Петров (the `reservist` account, mentored by
`mentor`), at the start only for the other active mentorships."""

from competencies import services
from competencies.models import Assessment
from competencies.services import RatingData
from mentorships.models import Mentorship
from organizations.models import Municipality

# Levels of the seven default competencies: the reservist's own, the mentor's.
SELF_LEVELS = {
    Assessment.Point.START: (3, 3, 2, 2, 3, 4, 4),
    Assessment.Point.MIDDLE: (4, 3, 3, 3, 4, 4, 4),
}
MENTOR_LEVELS = {
    Assessment.Point.START: (2, 3, 2, 1, 3, 3, 4),
    Assessment.Point.MIDDLE: (3, 3, 3, 2, 3, 4, 4),
}


def _submit(
    mentorship: Mentorship, point: str, role: str, levels: tuple[int, ...]
) -> None:
    person = (
        mentorship.reserve_entry.person
        if role == Assessment.Role.SELF
        else mentorship.mentor
    )
    if person.user is None:
        return
    if mentorship.competency_assessments.filter(point=point, role=role).exists():
        return
    version = services.current_version(mentorship.municipality)
    competencies = list(version.competencies.all())
    services.submit_assessment(
        mentorship=mentorship,
        point=point,
        role=role,
        by=person.user,
        ratings=[
            RatingData(c.pk, levels[i % len(levels)])
            for i, c in enumerate(competencies)
        ],
    )


def load_competencies(municipality: Municipality) -> None:
    """Idempotent: running it again changes nothing."""
    services.framework_of(municipality)
    mentorships = Mentorship.objects.filter(
        status=Mentorship.Status.ACTIVE, municipality=municipality
    ).select_related("mentor__user", "reserve_entry__person__user", "municipality")
    for mentorship in mentorships:
        user = mentorship.reserve_entry.person.user
        points = [Assessment.Point.START]
        if user is not None and user.username == "reservist":
            points.append(Assessment.Point.MIDDLE)
        for point in points:
            _submit(mentorship, point, Assessment.Role.SELF, SELF_LEVELS[point])
            _submit(mentorship, point, Assessment.Role.MENTOR, MENTOR_LEVELS[point])
