"""Every write for mentors and their orders (regulation, clauses 5–7)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import create_validated, update_validated
from core.uploads import check_upload
from mentorships.models import MentorOrder, MentorReadiness, Mentorship, OrderTemplate
from organizations.models import Municipality, Organization
from people.models import Person
from reserve.models import ReserveEntry

SCAN_TYPES = ("pdf", "jpeg", "png")
SCAN_MAX_SIZE = 10 * 1024 * 1024
TEMPLATE_MAX_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True)
class EligibilityCheck:
    """One condition of clause 6: what it asks and, when it fails, why."""

    condition: str
    failure: str | None


def eligibility_checks(person: Person) -> list[EligibilityCheck]:
    """Each condition of clause 6 for the person, with the reason it fails or None."""
    municipality = person.organization.municipality
    is_administrative = person.position.is_administrative
    is_experienced = person.management_experience >= municipality.mentor_min_experience
    is_ready = MentorReadiness.objects.filter(person=person).exists()
    years, min_years = (
        f"{Decimal(value).normalize():f}".replace(".", ",")
        for value in (person.management_experience, municipality.mentor_min_experience)
    )
    return [
        EligibilityCheck(
            _("Holds an administrative position."),
            None
            if is_administrative
            else _("%(name)s does not hold an administrative position (%(position)s).")
            % {"name": person.full_name, "position": person.position.name},
        ),
        EligibilityCheck(
            _("Has at least %(min)s years of management experience.")
            % {"min": min_years},
            None
            if is_experienced
            else _(
                "%(name)s has %(years)s years of management experience; "
                "at least %(min)s are required."
            )
            % {"name": person.full_name, "years": years, "min": min_years},
        ),
        EligibilityCheck(
            _("Has confirmed readiness to mentor."),
            None
            if is_ready
            else _("%(name)s has not confirmed readiness to mentor.")
            % {"name": person.full_name},
        ),
    ]


def eligibility_failures(person: Person) -> list[str]:
    """Which conditions of clause 6 the person fails; empty when eligible."""
    return [c.failure for c in eligibility_checks(person) if c.failure]


def check_eligible(person: Person) -> None:
    """Raises ValidationError naming every failed condition of clause 6."""
    failures = eligibility_failures(person)
    if failures:
        raise ValidationError(failures)


@transaction.atomic
def confirm_readiness(
    *, person: Person, confirmed_on: date, note: str = ""
) -> MentorReadiness:
    """Record that the person confirmed readiness to mentor; raises ValidationError."""
    if confirmed_on > timezone.localdate():
        raise ValidationError({"confirmed_on": _("The date cannot be in the future.")})
    readiness = MentorReadiness.objects.filter(person=person).first()
    if readiness:
        return update_validated(readiness, confirmed_on=confirmed_on, note=note)
    return create_validated(
        MentorReadiness, person=person, confirmed_on=confirmed_on, note=note
    )


@transaction.atomic
def withdraw_readiness(*, person: Person) -> None:
    """Withdraw readiness; raises ValidationError while the person mentors someone."""
    if Mentorship.objects.current().filter(mentor=person).exists():
        raise ValidationError(
            _("The person mentors reservists now: end those mentorships first.")
        )
    MentorReadiness.objects.filter(person=person).delete()


@dataclass(frozen=True)
class OrderLine:
    """One line of an order: a mentor for a reservist from a date to a date."""

    mentor: Person
    reserve_entry: ReserveEntry
    starts_on: date
    planned_end_on: date


def _check_lines(organization: Organization, lines: list[OrderLine]) -> None:
    """Raises ValidationError listing every problem, by line number."""
    errors: list[str] = []
    if not lines:
        raise ValidationError(_("Add at least one mentor and reservist to the order."))
    mentor_ids = {line.mentor.pk for line in lines}
    loads = dict(
        Mentorship.objects.current()
        .filter(mentor_id__in=mentor_ids)
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
    )
    max_load = organization.municipality.mentor_max_load
    seen_entries: set[int] = set()
    for n, line in enumerate(lines, start=1):
        entry, mentor = line.reserve_entry, line.mentor

        def add(message: str, n: int = n) -> None:
            errors.append(_("Line %(n)s: %(message)s") % {"n": n, "message": message})

        if entry.status != ReserveEntry.Status.ACTIVE:
            add(
                _("%(name)s is not in the reserve (status: %(status)s).")
                % {"name": entry.person.full_name, "status": entry.get_status_display()}
            )
        if entry.person.organization_id != organization.pk:
            add(
                _("%(name)s does not work in %(organization)s.")
                % {
                    "name": entry.person.full_name,
                    "organization": organization.short_name,
                }
            )
        if entry.pk in seen_entries:
            add(
                _("%(name)s appears in the order twice.")
                % {"name": entry.person.full_name}
            )
        seen_entries.add(entry.pk)
        if mentor.pk == entry.person_id:
            add(_("A reservist cannot mentor themself."))
        for failure in eligibility_failures(mentor):
            add(failure)
        loads[mentor.pk] = loads.get(mentor.pk, 0) + 1
        if loads[mentor.pk] > max_load:
            add(
                _("%(name)s would have %(n)s reservists; the limit is %(max)s.")
                % {"name": mentor.full_name, "n": loads[mentor.pk], "max": max_load}
            )
        if line.planned_end_on <= line.starts_on:
            add(_("The planned end must be after the start."))
        current = {m.status: m for m in entry.mentorships.current()}
        if Mentorship.Status.PENDING in current:
            add(
                _("%(name)s already has a mentor pending order %(order)s.")
                % {
                    "name": entry.person.full_name,
                    "order": current[Mentorship.Status.PENDING].order,
                }
            )
        active = current.get(Mentorship.Status.ACTIVE)
        if active and active.mentor_id == mentor.pk:
            add(
                _("%(mentor)s already mentors %(name)s.")
                % {"mentor": mentor.full_name, "name": entry.person.full_name}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_order(
    *,
    organization: Organization,
    number: str,
    date: date,
    signatory_name: str,
    signatory_position: str,
    lines: list[OrderLine],
    title: str = "",
) -> MentorOrder:
    """Create a draft order with its pending mentorships; a line for a reservist
    who has an active mentor replaces that mentor when the order is registered.

    Raises ValidationError listing every problem; nothing is saved then."""
    _check_lines(organization, lines)
    order = create_validated(
        MentorOrder,
        organization=organization,
        number=number.strip(),
        date=date,
        year=date.year,
        title=title.strip() or _("On assigning mentors to reservists"),
        signatory_name=signatory_name.strip(),
        signatory_position=signatory_position.strip(),
    )
    for line in lines:
        active = line.reserve_entry.mentorships.filter(
            status=Mentorship.Status.ACTIVE
        ).first()
        create_validated(
            Mentorship,
            mentor=line.mentor,
            reserve_entry=line.reserve_entry,
            order=order,
            replaces=active,
            starts_on=line.starts_on,
            planned_end_on=line.planned_end_on,
        )
    return order


def _locked_status(order: MentorOrder) -> str:
    """The order's status in the database, locking its row until the transaction ends
    (two clicks on «register» must not register twice)."""
    return (
        MentorOrder.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=order.pk)
    )


@transaction.atomic
def register_order(*, order: MentorOrder) -> MentorOrder:
    """Register a signed order: its mentorships become active, replaced ones end.

    Raises ValidationError if it is registered already or a line no longer holds."""
    if _locked_status(order) != MentorOrder.Status.DRAFT:
        raise ValidationError(_("The order is already registered."))
    pending = list(
        order.mentorships.select_related(
            "mentor__position",
            "mentor__organization__municipality",
            "reserve_entry__person",
            "replaces",
        )
    )
    errors = []
    for m in pending:
        if m.reserve_entry.status != ReserveEntry.Status.ACTIVE:
            errors.append(
                _("%(name)s has left the reserve.") % {"name": m.reserve_entry.person}
            )
        errors += eligibility_failures(m.mentor)
    if errors:
        raise ValidationError(errors)
    from plans.services import reassign_plans  # plans depend on mentorships

    for m in pending:
        if m.replaces and m.replaces.status == Mentorship.Status.ACTIVE:
            _end(m.replaces, reason=Mentorship.EndReason.REPLACED, on=m.starts_on)
        m.status = Mentorship.Status.ACTIVE
        m.save(update_fields=["status"])
        reassign_plans(entry=m.reserve_entry)
    order.status = MentorOrder.Status.REGISTERED
    order.registered_at = timezone.now()
    order.save(update_fields=["status", "registered_at"])
    return order


@transaction.atomic
def delete_order(*, order: MentorOrder) -> None:
    """Delete a draft order with its pending lines; raises ValidationError otherwise."""
    if _locked_status(order) != MentorOrder.Status.DRAFT:
        raise ValidationError(_("A registered order cannot be deleted."))
    order.mentorships.all().delete()
    order.delete()


@transaction.atomic
def attach_scan(*, order: MentorOrder, file: UploadedFile) -> MentorOrder:
    """Attach the signed copy (PDF, JPEG or PNG up to 10 MB); raises ValidationError."""
    check_upload(file, allowed=SCAN_TYPES, max_size=SCAN_MAX_SIZE)
    if order.scan:
        order.scan.delete(save=False)
    order.scan.save(file.name, file, save=False)
    order.save(update_fields=["scan"])
    return order


def _end(
    mentorship: Mentorship, *, reason: str, on: date, note: str = ""
) -> Mentorship:
    mentorship.status = Mentorship.Status.ENDED
    mentorship.ended_on = max(on, mentorship.starts_on)
    mentorship.end_reason = reason
    mentorship.end_note = note
    mentorship.save(update_fields=["status", "ended_on", "end_reason", "end_note"])
    return mentorship


@transaction.atomic
def end_mentorship(
    *, mentorship: Mentorship, ended_on: date, reason: str, note: str = ""
) -> Mentorship:
    """End an active mentorship; raises ValidationError if it is not active."""
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(_("Only an active mentorship can be ended."))
    if ended_on < mentorship.starts_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    return _end(mentorship, reason=reason, on=ended_on, note=note)


def end_mentorships_of_entry(*, entry: ReserveEntry, reason: str, on: date) -> None:
    """End the reservist's active mentorship and cancel a pending one (they left)."""
    for m in entry.mentorships.current():
        _end(m, reason=reason, on=on)


@transaction.atomic
def save_order_template(
    *,
    municipality: Municipality,
    organization: Organization | None,
    file: UploadedFile,
) -> OrderTemplate:
    """Upload a DOCX template of the order for one organisation or, without one,
    for all; it replaces the previous template. Raises ValidationError for a file
    that is not a DOCX template that can be filled in, or a foreign organisation."""
    # Imported here: the renderer pulls in docxtpl, which only this write needs.
    from mentorships.documents import check_order_template

    if organization is not None and organization.municipality_id != municipality.pk:
        raise ValidationError(
            {"organization": _("The organisation belongs to another municipality.")}
        )
    check_upload(file, allowed=("zip",), max_size=TEMPLATE_MAX_SIZE)
    file.seek(0)
    check_order_template(file.read())
    file.seek(0)
    template = OrderTemplate.objects.filter(
        municipality=municipality, organization=organization
    ).first() or OrderTemplate(municipality=municipality, organization=organization)
    if template.file:
        template.file.delete(save=False)
    template.file.save(file.name, file, save=False)
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def delete_order_template(*, template: OrderTemplate) -> None:
    """Delete an uploaded template; the built-in one applies again."""
    template.file.delete(save=False)
    template.delete()
