"""Every write for mentors and their orders (regulation, clauses 5–7)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import create_validated, update_validated
from core.uploads import check_upload
from mentorships.models import MentorOrder, MentorReadiness, Mentorship, OrderTemplate
from mentorships.signals import mentorship_started
from organizations.models import Municipality, Organization
from people.models import Person
from reserve.models import ReserveEntry

SCAN_TYPES = ("pdf", "jpeg", "png")
SCAN_EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png"}
SCAN_MAX_SIZE = 10 * 1024 * 1024
TEMPLATE_MAX_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True)
class EligibilityCheck:
    """One condition of clause 6: what it asks and, when it fails, why."""

    condition: str
    failure: str | None


def eligibility_checks(
    person: Person, *, is_ready: bool | None = None
) -> list[EligibilityCheck]:
    """Each condition of clause 6 for the person, with the reason it fails or None.

    `is_ready` saves the readiness query when the caller loaded it already."""
    municipality = person.organization.municipality
    is_administrative = person.position.is_administrative
    is_experienced = person.management_experience >= municipality.mentor_min_experience
    if is_ready is None:
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


def eligibility_failures(person: Person, *, is_ready: bool | None = None) -> list[str]:
    """Which conditions of clause 6 the person fails; empty when eligible."""
    return [
        c.failure for c in eligibility_checks(person, is_ready=is_ready) if c.failure
    ]


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


def _lock_mentors(mentor_ids: set[int]) -> dict[int, Person]:
    """The mentors with what clause 6 looks at, their rows locked until the
    transaction ends, in one query.

    Locked in pk order so that two orders naming the same mentors wait for each
    other instead of deadlocking: load is counted only after the lock, so two
    concurrent orders cannot both fit under the limit."""
    mentors = (
        Person.objects.select_for_update(of=("self",))
        .filter(pk__in=mentor_ids)
        .select_related("position", "organization__municipality", "mentor_readiness")
        .order_by("pk")
    )
    return {mentor.pk: mentor for mentor in mentors}


def _is_ready(mentor: Person) -> bool:
    """Whether readiness was loaded with the mentor (select_related), no query."""
    return hasattr(mentor, "mentor_readiness")


def _current_by_entry(entry_ids: set[int]) -> dict[int, dict[str, Mentorship]]:
    """The pending and active mentorship of each entry by status, in one query."""
    current: dict[int, dict[str, Mentorship]] = {pk: {} for pk in entry_ids}
    for m in (
        Mentorship.objects.current()
        .filter(reserve_entry_id__in=entry_ids)
        .select_related("order")
    ):
        current[m.reserve_entry_id][m.status] = m
    return current


def _check_lines(
    organization: Organization, lines: list[OrderLine]
) -> dict[int, dict[str, Mentorship]]:
    """Lock the mentors, then check every line against clause 6, the load limit
    and the reservists' current mentors, in a fixed number of queries.

    Returns the current mentorships of each entry by status; raises
    ValidationError listing every problem, by line number."""
    errors: list[str] = []
    if not lines:
        raise ValidationError(_("Add at least one mentor and reservist to the order."))
    mentors = _lock_mentors({line.mentor.pk for line in lines})
    loads = dict(
        Mentorship.objects.current()
        .filter(mentor_id__in=mentors)
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
    )
    entries = {
        entry.pk: entry
        for entry in ReserveEntry.objects.filter(
            pk__in={line.reserve_entry.pk for line in lines}
        ).select_related("person")
    }
    current_by_entry = _current_by_entry(set(entries))
    max_load = organization.municipality.mentor_max_load
    seen_entries: set[int] = set()
    for n, line in enumerate(lines, start=1):
        entry, mentor = entries[line.reserve_entry.pk], mentors[line.mentor.pk]

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
        for failure in eligibility_failures(mentor, is_ready=_is_ready(mentor)):
            add(failure)
        loads[mentor.pk] = loads.get(mentor.pk, 0) + 1
        if loads[mentor.pk] > max_load:
            add(
                _("%(name)s would have %(n)s reservists; the limit is %(max)s.")
                % {"name": mentor.full_name, "n": loads[mentor.pk], "max": max_load}
            )
        if line.planned_end_on <= line.starts_on:
            add(_("The planned end must be after the start."))
        current = current_by_entry[entry.pk]
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
    return current_by_entry


def _save_line(mentorship: Mentorship) -> None:
    """Insert a line that `_check_lines` has checked.

    The relations are the checked rows and the constraints were checked for all
    lines at once, so `full_clean` skips both (a few queries less per line); a
    concurrent order slipping past the checks still meets the database constraints.
    Raises ValidationError then."""
    mentorship.full_clean(
        exclude=["mentor", "reserve_entry", "order", "replaces"],
        validate_constraints=False,
    )
    # No savepoint of its own (two queries a line): the error leaves the order's
    # transaction at once, and that transaction rolls back.
    try:
        mentorship.save()
    except IntegrityError as e:
        raise ValidationError(
            _("%(name)s already has a mentor pending another order.")
            % {"name": mentorship.reserve_entry.person.full_name}
        ) from e


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
    current_by_entry = _check_lines(organization, lines)
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
        _save_line(
            Mentorship(
                mentor=line.mentor,
                reserve_entry=line.reserve_entry,
                order=order,
                replaces=current_by_entry[line.reserve_entry.pk].get(
                    Mentorship.Status.ACTIVE
                ),
                starts_on=line.starts_on,
                planned_end_on=line.planned_end_on,
            )
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


def _load_errors(pending: list[Mentorship], mentors: dict[int, Person]) -> list[str]:
    """Whether the mentors stay within the limit once the order is registered:
    their active mentorships, less those the order replaces, plus its lines."""
    replaced = [m.replaces_id for m in pending if m.replaces_id]
    loads = Counter(m.mentor_id for m in pending)
    loads.update(
        dict(
            Mentorship.objects.filter(
                mentor_id__in=mentors, status=Mentorship.Status.ACTIVE
            )
            .exclude(pk__in=replaced)
            .values_list("mentor_id")
            .annotate(n=Count("pk"))
        )
    )
    errors = []
    for mentor_id, n in sorted(loads.items()):
        mentor = mentors[mentor_id]
        max_load = mentor.organization.municipality.mentor_max_load
        if n > max_load:
            errors.append(
                _("%(name)s would have %(n)s reservists; the limit is %(max)s.")
                % {"name": mentor.full_name, "n": n, "max": max_load}
            )
    return errors


@transaction.atomic
def register_order(*, order: MentorOrder) -> MentorOrder:
    """Register a signed order: its mentorships become active, replaced ones end.

    Raises ValidationError if it is registered already or a line no longer holds
    (the reservist left, the mentor is no longer eligible or over the limit)."""
    if _locked_status(order) != MentorOrder.Status.DRAFT:
        raise ValidationError(_("The order is already registered."))
    pending = list(
        order.mentorships.select_related("reserve_entry__person", "replaces").order_by(
            "pk"
        )
    )
    mentors = _lock_mentors({m.mentor_id for m in pending})
    errors = []
    for m in pending:
        m.mentor = mentors[m.mentor_id]
        if m.reserve_entry.status != ReserveEntry.Status.ACTIVE:
            errors.append(
                _("%(name)s has left the reserve.") % {"name": m.reserve_entry.person}
            )
        errors += eligibility_failures(m.mentor, is_ready=_is_ready(m.mentor))
    errors += _load_errors(pending, mentors)
    if errors:
        raise ValidationError(errors)
    for m in pending:
        if m.replaces and m.replaces.status == Mentorship.Status.ACTIVE:
            _end(m.replaces, reason=Mentorship.EndReason.REPLACED, on=m.starts_on)
        m.status = Mentorship.Status.ACTIVE
        m.save(update_fields=["status"])
        mentorship_started.send(sender=Mentorship, mentorship=m)
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
    _delete_on_commit(order.scan)
    order.delete()


def _delete_on_commit(field_file: FieldFile) -> None:
    """Delete the stored file once the transaction commits: until then the row
    still points to it, and a rollback keeps both the row and the file."""
    storage, name = field_file.storage, field_file.name
    if not name:  # what makes a FieldFile false: there is no file
        return
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def attach_scan(*, order: MentorOrder, file: UploadedFile) -> MentorOrder:
    """Attach the signed copy (PDF, JPEG or PNG up to 10 MB); raises ValidationError.

    The file is stored under a random name with the extension of its real type:
    the uploader's name decides nothing (an HTML page called scan.pdf)."""
    kind = check_upload(file, allowed=SCAN_TYPES, max_size=SCAN_MAX_SIZE)
    _delete_on_commit(order.scan)
    order.scan.save(f"{uuid4().hex}{SCAN_EXTENSIONS[kind]}", file, save=False)
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
    """End an active mentorship; raises ValidationError if it is not active or
    the date is before its start or in the future."""
    # Read the status under a row lock: two concurrent ends must not both pass.
    status = (
        Mentorship.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=mentorship.pk)
    )
    if status != Mentorship.Status.ACTIVE:
        raise ValidationError(_("Only an active mentorship can be ended."))
    if ended_on < mentorship.starts_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("The date cannot be in the future.")})
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
    # docxtpl is heavy and only this write needs it: loading it with the services
    # would put it in every process's start-up (receivers import the services).
    from mentorships.documents import check_order_template  # noqa: PLC0415

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
    _delete_on_commit(template.file)
    # A random name: the uploader's name decides nothing, and the content is a DOCX.
    template.file.save(f"{uuid4().hex}.docx", file, save=False)
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def delete_order_template(*, template: OrderTemplate) -> None:
    """Delete an uploaded template; the built-in one applies again."""
    _delete_on_commit(template.file)
    template.delete()
