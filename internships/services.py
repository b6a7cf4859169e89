"""Every write of internships: the forms catalogue, internships, their
programme, status and conclusion, and the linked plan item (clause 8.3)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from internships.models import DEFAULT_FORMS, Internship, InternshipForm, InternshipTask
from mentorships.models import Mentorship
from organizations.models import Municipality, Organization
from people.models import Person
from plans.models import PlanItem
from plans.services import confirm_item, mark_item
from reserve.models import ReserveEntry

Status = Internship.Status

# What an internship's fields may be set to by create and update.
EDITABLE = ("form", "host_organization", "supervisor", "starts_on", "ends_on", "goal")


# The forms catalogue -----------------------------------------------------------------


@transaction.atomic
def add_default_forms(*, municipality: Municipality) -> list[InternshipForm]:
    """The default catalogue for a municipality that has no form yet (idempotent)."""
    if municipality.internship_forms.exists():
        return []
    # Data in the municipality's language, whatever the request's.
    with translation.override(settings.LANGUAGE_CODE):
        names = [str(name) for name in DEFAULT_FORMS]
    return [
        InternshipForm.objects.create(municipality=municipality, name=name, position=n)
        for n, name in enumerate(names, start=1)
    ]


def _save_form(form: InternshipForm) -> InternshipForm:
    form.full_clean()
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError as e:  # the same name added in the meantime
        raise ValidationError(
            {"name": _("An internship form with this name already exists.")}
        ) from e
    return form


@transaction.atomic
def create_internship_form(
    *, municipality: Municipality, name: str, is_active: bool = True
) -> InternshipForm:
    """Add a form to the catalogue; raises ValidationError for a repeated name."""
    last = municipality.internship_forms.order_by("-position").first()
    form = InternshipForm(
        municipality=municipality,
        name=name,
        is_active=is_active,
        position=(last.position + 1) if last else 1,
    )
    return _save_form(form)


@transaction.atomic
def update_internship_form(
    *, form: InternshipForm, name: str, is_active: bool
) -> InternshipForm:
    """Rename a form or stop offering it; raises ValidationError."""
    form.name, form.is_active = name, is_active
    return _save_form(form)


# Internships -------------------------------------------------------------------------


def _check_dates(internship: Internship) -> None:
    """The dates lie in order, within the reserve term, and hold the programme."""
    entry = internship.reserve_entry
    errors: dict[str, list[str]] = {}
    if internship.ends_on < internship.starts_on:
        errors.setdefault("ends_on", []).append(
            _("The internship cannot end before it starts.")
        )
    if internship.starts_on < entry.included_on:
        errors.setdefault("starts_on", []).append(
            _(
                "The internship cannot start before the reservist was included "
                "in the reserve (%(date)s)."
            )
            % {"date": entry.included_on.strftime("%d.%m.%Y")}
        )
    if internship.ends_on > entry.term_until:
        errors.setdefault("ends_on", []).append(
            _(
                "The internship cannot end after the reservist's term in the "
                "reserve (%(date)s)."
            )
            % {"date": entry.term_until.strftime("%d.%m.%Y")}
        )
    if internship.pk and not errors:
        outside = internship.tasks.exclude(
            starts_on__gte=internship.starts_on, ends_on__lte=internship.ends_on
        )
        if outside.exists():
            errors.setdefault("starts_on", []).append(
                _(
                    "Tasks of the programme fall outside these dates: change "
                    "their dates first."
                )
            )
    if errors:
        raise ValidationError(errors)


def _check_choices(internship: Internship) -> None:
    """The form, host and supervisor belong to the reservist's municipality."""
    municipality_id = internship.reserve_entry.municipality_id
    errors: dict[str, str] = {}
    if internship.form.municipality_id != municipality_id:
        errors["form"] = _("Choose a form of the reservist's municipality.")
    if internship.host_organization.municipality_id != municipality_id:
        errors["host_organization"] = _(
            "Choose an organisation of the reservist's municipality."
        )
    if internship.supervisor.municipality_id != municipality_id:
        errors["supervisor"] = _("Choose a person of the reservist's municipality.")
    if internship.supervisor_id == internship.reserve_entry.person_id:
        errors["supervisor"] = _("The reservist cannot supervise their own internship.")
    if errors:
        raise ValidationError(errors)


def _check_plan_item(internship: Internship) -> None:
    """A linked item belongs to a plan of the same reserve entry."""
    item = internship.plan_item
    if item is None:
        return
    if item.plan.reserve_entry_id != internship.reserve_entry_id:
        raise ValidationError(
            {"plan_item": _("Choose an item of the reservist's own plan.")}
        )


def _check_open(internship: Internship) -> None:
    if internship.status == Status.COMPLETED:
        raise ValidationError(
            _("The internship is completed and can no longer be changed.")
        )


@transaction.atomic
def create_internship(
    *,
    mentorship: Mentorship,
    form: InternshipForm,
    host_organization: Organization,
    supervisor: Person,
    starts_on: date,
    ends_on: date,
    goal: str = "",
    plan_item: PlanItem | None = None,
) -> Internship:
    """A planned internship of the mentorship's reservist, set by the mentor;
    raises ValidationError for an ended mentorship or bad dates and choices."""
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(
            _("An internship is set only within an active mentorship.")
        )
    entry = mentorship.reserve_entry
    if entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(_("The reservist is no longer in the reserve."))
    internship = Internship(
        reserve_entry=entry,
        mentorship=mentorship,
        mentor_id=mentorship.mentor_id,
        form=form,
        host_organization=host_organization,
        supervisor=supervisor,
        starts_on=starts_on,
        ends_on=ends_on,
        goal=goal,
        plan_item=plan_item,
    )
    _check_dates(internship)
    _check_choices(internship)
    _check_plan_item(internship)
    internship.full_clean(exclude=["reserve_entry", "mentorship", "mentor"])
    internship.save()
    return internship


@transaction.atomic
def update_internship(*, internship: Internship, **changes: Any) -> Internship:
    """Change the form, host, supervisor, dates, goal or the linked plan item of
    an open internship; raises ValidationError and leaves it unchanged then."""
    _lock(internship)
    _check_open(internship)
    unknown = set(changes) - {*EDITABLE, "plan_item"}
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if internship.status != Status.PLANNED and "starts_on" in changes:
        if changes["starts_on"] != internship.starts_on:
            raise ValidationError(
                {"starts_on": _("A started internship keeps its start date.")}
            )
    old = {name: getattr(internship, name) for name in changes}
    for name, value in changes.items():
        setattr(internship, name, value)
    try:
        _check_dates(internship)
        _check_choices(internship)
        _check_plan_item(internship)
        internship.full_clean(exclude=["reserve_entry", "mentorship", "mentor"])
    except ValidationError:
        for name, value in old.items():
            setattr(internship, name, value)
        raise
    fields = [f"{name}_id" if name in _RELATIONS else name for name in changes]
    internship.save(update_fields=[*fields, "updated_at"])
    return internship


_RELATIONS = ("form", "host_organization", "supervisor", "plan_item")


def _lock(internship: Internship) -> None:
    """Serialise changes of one internship and read its status afresh."""
    internship.status = (
        Internship.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=internship.pk)
    )


# The programme -----------------------------------------------------------------------


def _check_task_dates(internship: Internship, starts_on: date, ends_on: date) -> None:
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("A task cannot end before it starts.")
    elif starts_on < internship.starts_on or ends_on > internship.ends_on:
        errors["starts_on"] = _(
            "A task must lie within the internship's dates (%(start)s – %(end)s)."
        ) % {
            "start": internship.starts_on.strftime("%d.%m.%Y"),
            "end": internship.ends_on.strftime("%d.%m.%Y"),
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_task(
    *, internship: Internship, title: str, starts_on: date, ends_on: date
) -> InternshipTask:
    """A task of the programme within the internship's dates; raises
    ValidationError for dates outside them or a completed internship."""
    _lock(internship)
    _check_open(internship)
    _check_task_dates(internship, starts_on, ends_on)
    task = InternshipTask(
        internship=internship, title=title, starts_on=starts_on, ends_on=ends_on
    )
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def update_task(
    *, task: InternshipTask, title: str, starts_on: date, ends_on: date
) -> InternshipTask:
    """Change a task's text or dates; raises ValidationError."""
    internship = task.internship
    _lock(internship)
    _check_open(internship)
    _check_task_dates(internship, starts_on, ends_on)
    task.title, task.starts_on, task.ends_on = title, starts_on, ends_on
    task.full_clean()
    task.save(update_fields=["title", "starts_on", "ends_on", "updated_at"])
    return task


@transaction.atomic
def delete_task(*, task: InternshipTask) -> None:
    """Remove a task from an open internship's programme; raises ValidationError."""
    _lock(task.internship)
    _check_open(task.internship)
    task.delete()


# Status and conclusion ---------------------------------------------------------------


@transaction.atomic
def start_internship(*, internship: Internship) -> Internship:
    """Planned → in progress, on or after the start date; raises ValidationError."""
    _lock(internship)
    if internship.status != Status.PLANNED:
        raise ValidationError(_("Only a planned internship can be started."))
    today = timezone.localdate()
    if today < internship.starts_on:
        raise ValidationError(
            _("The internship starts on %(date)s: it cannot be started earlier.")
            % {"date": internship.starts_on.strftime("%d.%m.%Y")}
        )
    internship.status, internship.started_on = Status.IN_PROGRESS, today
    internship.save(update_fields=["status", "started_on", "updated_at"])
    return internship


@transaction.atomic
def write_conclusion(
    *,
    internship: Internship,
    by: Any,
    work_done: str,
    assessment: str,
    recommendation: str,
    concluded_on: date,
) -> Internship:
    """The supervisor's (or mentor's) conclusion on an internship in progress,
    dated from its start to today; raises ValidationError."""
    _lock(internship)
    if internship.status == Status.PLANNED:
        raise ValidationError(
            _("The internship has not started yet: a conclusion comes at its end.")
        )
    _check_open(internship)
    errors: dict[str, str] = {}
    if concluded_on < internship.starts_on:
        errors["concluded_on"] = _(
            "The conclusion cannot be dated before the internship starts (%(date)s)."
        ) % {"date": internship.starts_on.strftime("%d.%m.%Y")}
    elif concluded_on > timezone.localdate():
        errors["concluded_on"] = _("The date cannot be in the future.")
    if not work_done.strip():
        errors["work_done"] = _("Describe what was done.")
    if assessment not in Internship.Assessment.values:
        errors["assessment"] = _("Choose an assessment.")
    if not recommendation.strip():
        errors["recommendation"] = _("Give a recommendation.")
    if errors:
        raise ValidationError(errors)
    internship.work_done = work_done.strip()
    internship.assessment = assessment
    internship.recommendation = recommendation.strip()
    internship.concluded_on = concluded_on
    internship.concluded_by = by
    internship.save(
        update_fields=[
            "work_done",
            "assessment",
            "recommendation",
            "concluded_on",
            "concluded_by",
            "updated_at",
        ]
    )
    return internship


PLAN_REFUSED = _(
    "The internship was not completed: the linked plan item «%(item)s» cannot "
    "be marked done (%(reason)s). Ask for the plan to be approved, or unlink "
    "the item and complete again."
)


def _mark_plan_item(internship: Internship, by: Any, *, confirms: bool) -> None:
    """The linked plan item becomes done through the plan's own services, with
    the conclusion as its evidence; ValidationError says why the plan refused."""
    item = internship.plan_item
    if item is None:
        return
    item = PlanItem.objects.select_related("plan").get(pk=item.pk)
    if item.status == PlanItem.Status.DONE:
        return
    evidence = _("Internship completed; the supervisor's conclusion of %(date)s.") % {
        "date": internship.concluded_on.strftime("%d.%m.%Y")  # type: ignore[union-attr]
    }
    try:
        mark_item(
            item=item,
            status=PlanItem.Status.DONE,
            done_on=min(internship.concluded_on, timezone.localdate()),  # type: ignore[type-var]
            evidence_text=evidence,
        )
        if confirms:
            confirm_item(item=item, by=by)
    except ValidationError as e:
        reason = " ".join(getattr(e, "messages", [str(e)]))
        raise ValidationError(
            PLAN_REFUSED % {"item": item.activity, "reason": reason.rstrip(".")},
            code="plan_refused",
        ) from e


@transaction.atomic
def complete_internship(
    *, internship: Internship, by: Any, confirms_plan_item: bool = False
) -> Internship:
    """In progress → completed, once the conclusion is written; the linked plan
    item is marked done (and confirmed when `confirms_plan_item`, the plan's
    mentor completing). Raises ValidationError and changes nothing then."""
    _lock(internship)
    if internship.status != Status.IN_PROGRESS:
        raise ValidationError(_("Only an internship in progress can be completed."))
    if not internship.has_conclusion:
        raise ValidationError(
            _("Write the supervisor's conclusion before completing the internship.")
        )
    _mark_plan_item(internship, by, confirms=confirms_plan_item)
    internship.status = Status.COMPLETED
    internship.completed_on = timezone.localdate()
    internship.save(update_fields=["status", "completed_on", "updated_at"])
    return internship


@transaction.atomic
def follow_new_mentor(*, mentorship: Mentorship) -> int:
    """Open internships of the reservist pass to the mentor a registered order
    appointed; returns how many."""
    return Internship.objects.filter(
        reserve_entry_id=mentorship.reserve_entry_id,
        status__in=[Status.PLANNED, Status.IN_PROGRESS],
    ).update(mentorship=mentorship, mentor_id=mentorship.mentor_id)
