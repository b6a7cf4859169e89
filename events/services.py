"""Every write of events and involvements."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.models import DEFAULT_KINDS, Event, EventKind, EventMaterial, Involvement
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import notify, resolve
from organizations.models import Municipality, Organization
from plans.models import IndividualPlan, PlanItem
from plans.services.progress import (
    check_evidence_file,
    confirm_item,
    mark_item,
    mark_item_with_files,
)
from reserve.models import ReserveEntry


def _delete_on_commit(files: list[FieldFile]) -> None:
    """Remove stored files once their rows are surely gone or changed."""
    stored = [(f.storage, f.name) for f in files if f and f.name]

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


# ----------------------------------------------------------------- event kinds


def add_default_kinds(*, municipality: Municipality) -> None:
    """The defaults of a municipality's catalogue (those it lacks)."""
    for position, name in enumerate(DEFAULT_KINDS, start=1):
        EventKind.objects.get_or_create(
            municipality=municipality, name=name, defaults={"position": position}
        )


@transaction.atomic
def add_kind(*, municipality: Municipality, name: str) -> EventKind:
    """Add a kind to the catalogue; a second kind of the same name is refused."""
    name = name.strip()
    # Compared in Python: SQLite folds the case of ASCII letters only.
    names = EventKind.objects.filter(municipality=municipality).values_list(
        "name", flat=True
    )
    if name.casefold() in {n.casefold() for n in names}:
        raise ValidationError({"name": _("This kind of event already exists.")})
    last = EventKind.objects.filter(municipality=municipality).count()
    kind = EventKind(municipality=municipality, name=name, position=last + 1)
    kind.full_clean()
    kind.save()
    return kind


# ---------------------------------------------------------------------- events


@dataclass
class EventData:
    kind: EventKind
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    link: str = ""
    description: str = ""


def _check_event(event: Event) -> None:
    if event.ends_at <= event.starts_at:
        raise ValidationError(
            {"ends_at": _("The event must end after it starts.")}, code="ends_early"
        )
    if event.kind.municipality_id != event.municipality_id:
        raise ValidationError({"kind": _("Choose a kind of the event's municipality.")})
    if not (event.place.strip() or event.link.strip()):
        raise ValidationError({"place": _("State the place or give a link.")})


@transaction.atomic
def create_event(
    *,
    data: EventData,
    organization: Organization | None,
    municipality: Municipality | None = None,
    by: Any = None,
) -> Event:
    """An event of an organisation, or of the authority (organization None, the
    municipality given). Raises ValidationError."""
    if organization is not None:
        municipality_id = organization.municipality_id
    elif municipality is not None:
        municipality_id = municipality.pk
    else:
        raise ValidationError({"organization": _("Choose the organiser.")})
    event = Event(
        municipality_id=municipality_id,
        organization=organization,
        created_by=by if getattr(by, "pk", None) else None,
        kind=data.kind,
        title=data.title.strip(),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=data.place.strip(),
        link=data.link.strip(),
        description=data.description.strip(),
    )
    _check_event(event)
    event.full_clean()
    event.save()
    return event


EVENT_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "link", "description")


@transaction.atomic
def update_event(*, event: Event, **fields: Any) -> Event:
    """Change the event's own fields (not its organiser). Raises ValidationError."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here."))
    old = {name: getattr(event, name) for name in fields}
    for name, value in fields.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    try:
        _check_event(event)
        event.full_clean()
        _check_deadlines_fit(event)
    except ValidationError:
        for name, value in old.items():
            setattr(event, name, value)
        raise
    event.save(update_fields=[*fields, "updated_at"])
    return event


def _check_deadlines_fit(event: Event) -> None:
    late = event.involvements.filter(prepare_by__gt=_last_day(event)).exists()
    if late:
        raise ValidationError(
            {
                "ends_at": _(
                    "Some reservists' deadlines for preparation are after the "
                    "event's new dates: change them first."
                )
            }
        )


@transaction.atomic
def delete_event(*, event: Event) -> None:
    """Delete an event nobody is involved in; raises ValidationError otherwise."""
    if event.involvements.exists():
        raise ValidationError(
            _("Reservists are involved in the event: withdraw them first.")
        )
    _delete_on_commit([m.file for m in event.materials.all()])
    event.delete()


@transaction.atomic
def add_material(*, event: Event, file: UploadedFile, by: Any) -> EventMaterial:
    """Attach a file to the event: checked like plan evidence (by content)."""
    check_evidence_file(file)
    assert file.name is not None
    assert file.size is not None
    material = EventMaterial(
        event=event,
        original_name=file.name[:255],
        size=file.size,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    material.file.save(file.name, file, save=False)
    try:
        material.save()
    except Exception:
        material.file.delete(save=False)
        raise
    return material


@transaction.atomic
def remove_material(*, material: EventMaterial) -> None:
    _delete_on_commit([material.file])
    material.delete()


# ---------------------------------------------------------------- involvements


def _last_day(event: Event) -> date:
    return timezone.localdate(event.ends_at)


def _check_deadline(event: Event, prepare_by: date | None) -> None:
    if prepare_by is not None and prepare_by > _last_day(event):
        raise ValidationError(
            {
                "prepare_by": _(
                    "The deadline for preparation cannot be after the event (%(date)s)."
                )
                % {"date": date_format(_last_day(event), "SHORT_DATE_FORMAT")}
            }
        )


def _check_not_involved(event: Event, entry: ReserveEntry) -> None:
    if Involvement.objects.filter(event=event, reserve_entry=entry).exists():
        raise ValidationError(
            {
                "reserve_entry": _("%(name)s is already involved in this event.")
                % {"name": entry.person.full_name}
            },
            code="duplicate",
        )


def _insert(involvement: Involvement) -> Involvement:
    involvement.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            involvement.save()
    except IntegrityError as e:  # a race with the same reservist
        raise ValidationError(
            _("The reservist is already involved in this event."), code="duplicate"
        ) from e
    notify(
        [involvement.reserve_entry.person],
        Kind.EVENT_INVITATION,
        subject=str(involvement.event),
        key=f"involvement:{involvement.pk}",
        url=involvement.event.get_absolute_url(),
    )
    return involvement


@transaction.atomic
def involve(
    *,
    event: Event,
    mentorship: Mentorship,
    degree: str,
    by: Any,
    task: str = "",
    prepare_by: date | None = None,
    plan_item: PlanItem | None = None,
) -> Involvement:
    """The mentor involves the reservist of their active mentorship (8.2).
    Raises ValidationError."""
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(
            _("Only a reservist of an active mentorship is involved.")
        )
    entry = mentorship.reserve_entry
    if entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(_("The reservist is no longer in the reserve."))
    if entry.person.organization.municipality_id != event.municipality_id:
        raise ValidationError(_("The event is held in another municipality."))
    _check_deadline(event, prepare_by)
    _check_not_involved(event, entry)
    if plan_item is not None:
        if plan_item.plan.reserve_entry_id != entry.pk:
            raise ValidationError(
                {"plan_item": _("Choose an item of this reservist's plan.")}
            )
        if plan_item.status == PlanItem.Status.CANCELLED:
            raise ValidationError({"plan_item": _("The item is cancelled.")})
    return _insert(
        Involvement(
            event=event,
            reserve_entry=entry,
            degree=degree,
            task=task.strip(),
            prepare_by=prepare_by,
            plan_item=plan_item,
            invited_by=by if getattr(by, "pk", None) else None,
        )
    )


@transaction.atomic
def invite_many(
    *,
    event: Event,
    entries: list[ReserveEntry],
    degree: str,
    by: Any,
    task: str = "",
    prepare_by: date | None = None,
) -> list[Involvement]:
    """The coordinator invites several reservists at once; one already involved
    refuses the whole invitation (nothing is saved)."""
    if not entries:
        raise ValidationError({"entries": _("Choose at least one reservist.")})
    _check_deadline(event, prepare_by)
    made = []
    for entry in entries:
        if entry.status != ReserveEntry.Status.ACTIVE:
            raise ValidationError(_("The reservist is no longer in the reserve."))
        if entry.person.organization.municipality_id != event.municipality_id:
            raise ValidationError(_("The event is held in another municipality."))
        _check_not_involved(event, entry)
        made.append(
            _insert(
                Involvement(
                    event=event,
                    reserve_entry=entry,
                    degree=degree,
                    task=task.strip(),
                    prepare_by=prepare_by,
                    invited_by=by if getattr(by, "pk", None) else None,
                )
            )
        )
    return made


@transaction.atomic
def withdraw(*, involvement: Involvement) -> None:
    """Withdraw an invitation whose attendance is not marked."""
    if involvement.attendance != Involvement.Attendance.UNKNOWN:
        raise ValidationError(_("The attendance is marked: the invitation stays."))
    _delete_on_commit([involvement.outcome_file])
    involvement.delete()


@transaction.atomic
def respond(*, involvement: Involvement, accept: bool, reason: str = "") -> Involvement:
    """The reservist accepts or declines (with a reason)."""
    if involvement.attendance != Involvement.Attendance.UNKNOWN:
        raise ValidationError(_("The attendance is marked: the answer stays."))
    if not accept and not reason.strip():
        raise ValidationError({"decline_reason": _("State the reason.")})
    involvement.status = (
        Involvement.Status.ACCEPTED if accept else Involvement.Status.DECLINED
    )
    involvement.decline_reason = "" if accept else reason.strip()
    involvement.responded_at = timezone.now()
    involvement.full_clean(validate_unique=False, validate_constraints=False)
    involvement.save(
        update_fields=["status", "decline_reason", "responded_at", "updated_at"]
    )
    resolve(Kind.EVENT_INVITATION, f"involvement:{involvement.pk}")
    return involvement


@transaction.atomic
def record_outcome(
    *,
    involvement: Involvement,
    text: str = "",
    link: str = "",
    file: UploadedFile | None = None,
) -> Involvement:
    """The reservist records the outcome: theses, a link, a presentation file
    (checked like plan evidence). A new file replaces the former one."""
    if involvement.status != Involvement.Status.ACCEPTED:
        raise ValidationError(_("Accept the invitation first."))
    has_file = file is not None or bool(involvement.outcome_file)
    if not (text.strip() or link.strip() or has_file):
        raise ValidationError(
            {"outcome_text": _("Write the theses, give a link or attach a file.")}
        )
    if file is not None:
        try:
            check_evidence_file(file)
        except ValidationError as e:
            raise ValidationError({"file": e.messages}) from e
    involvement.outcome_text = text.strip()
    involvement.outcome_link = link.strip()
    involvement.outcome_at = timezone.now()
    involvement.full_clean(validate_unique=False, validate_constraints=False)
    fields = ["outcome_text", "outcome_link", "outcome_at", "updated_at"]
    if file is not None:
        assert file.name is not None
        if involvement.outcome_file:
            old = involvement.outcome_file
            _delete_on_commit([FieldFile(involvement, old.field, old.name)])
        involvement.outcome_file.save(file.name, file, save=False)
        involvement.outcome_file_name = file.name[:255]
        fields += ["outcome_file", "outcome_file_name"]
    try:
        involvement.save(update_fields=fields)
    except Exception:
        if file is not None:
            involvement.outcome_file.delete(save=False)
        raise
    return involvement


def _evidence_text(involvement: Involvement) -> str:
    event = involvement.event
    parts = [
        _("%(kind)s «%(title)s», %(date)s: %(degree)s.")
        % {
            "kind": event.kind.name,
            "title": event.title,
            "date": date_format(
                timezone.localdate(event.starts_at), "SHORT_DATE_FORMAT"
            ),
            "degree": involvement.get_degree_display(),
        }
    ]
    if involvement.task:
        parts.append(involvement.task)
    if involvement.outcome_text:
        parts.append(involvement.outcome_text)
    return " ".join(parts)


def _complete_plan_item(involvement: Involvement, by: Any, may_confirm: bool) -> None:
    """The linked row becomes done through the plan's own services, with the
    outcome as its evidence; confirmed when the mentor marks it."""
    assert involvement.plan_item_id is not None  # mark_attendance's condition
    item = PlanItem.objects.select_related("plan").get(pk=involvement.plan_item_id)
    if item.plan.status != IndividualPlan.Status.APPROVED:
        raise ValidationError(
            _(
                "The linked plan item cannot be marked done: the plan is not "
                "approved. Unlink the item or mark the attendance without it."
            )
        )
    if item.status == PlanItem.Status.CANCELLED:
        raise ValidationError(
            _(
                "The linked plan item cannot be marked done: it is cancelled. "
                "Mark the attendance without it."
            )
        )
    if item.status != PlanItem.Status.DONE:
        done_on = min(
            timezone.localdate(involvement.event.ends_at), timezone.localdate()
        )
        common: dict[str, Any] = {
            "item": item,
            "status": PlanItem.Status.DONE,
            "done_on": done_on,
            "evidence_text": _evidence_text(involvement),
            "evidence_link": involvement.outcome_link,
        }
        if involvement.outcome_file:
            with involvement.outcome_file.open("rb") as stored:
                copy = SimpleUploadedFile(
                    involvement.outcome_file_name or stored.name, stored.read()
                )
            mark_item_with_files(by=by, files=[copy], **common)
        else:
            mark_item(**common)
    if may_confirm and item.confirmed_at is None:
        confirm_item(item=item, by=by)


@transaction.atomic
def mark_attendance(
    *,
    involvement: Involvement,
    attended: bool,
    by: Any,
    feedback: str = "",
    complete_item: bool = True,
    confirm: bool = False,
) -> Involvement:
    """The mentor marks attendance and may leave feedback. When the reservist
    attended and the involvement is linked to a plan item, the item becomes done
    through the plan's services (`complete_item`), confirmed when `confirm` (the
    plan's active mentor). Raises ValidationError with the plan's reason."""
    if involvement.status == Involvement.Status.DECLINED:
        raise ValidationError(_("The reservist declined the invitation."))
    if involvement.event.starts_at > timezone.now():
        raise ValidationError(_("The attendance is marked once the event has begun."))
    involvement.attendance = (
        Involvement.Attendance.ATTENDED if attended else Involvement.Attendance.ABSENT
    )
    involvement.feedback = feedback.strip()
    involvement.attendance_marked_at = timezone.now()
    involvement.attendance_marked_by = by if getattr(by, "pk", None) else None
    involvement.full_clean(validate_unique=False, validate_constraints=False)
    involvement.save(
        update_fields=[
            "attendance",
            "feedback",
            "attendance_marked_at",
            "attendance_marked_by",
            "updated_at",
        ]
    )
    if attended and complete_item and involvement.plan_item_id is not None:
        _complete_plan_item(involvement, by, confirm)
    return involvement
