"""The shape of what plan pages accept; business rules are the services' job."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Field, Model, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from organizations.models import Organization
from plans.models import (
    COLUMN_KEYS,
    DEFAULT_COLUMN_TITLES,
    IndividualPlan,
    IndividualPlanQuerySet,
    PlanFormSection,
    PlanFormVersion,
    PlanItem,
    PlanItemQuerySet,
    SuggestedItem,
)
from plans.services import add_months, validate_period_date
from reserve.models import ReserveEntry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_SECTIONS = 30
# The largest primary key (BigAutoField) and version (PositiveIntegerField): a
# bigger number is a 400, not an OverflowError in the database driver.
MAX_ID = 2**63 - 1
MAX_VERSION = 2**31 - 1


def _id_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=1, max_value=MAX_VERSION, widget=forms.HiddenInput
    )


def _period_field(label: "StrOrPromise") -> forms.DateField:
    """A date of a plan's period, within the range the services accept."""
    return forms.DateField(
        label=label, widget=DATE_WIDGET, validators=[validate_period_date]
    )


def _label(model: type[Model], name: str) -> "StrOrPromise":
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # the forms label the models' own fields only
    return capfirst(field.verbose_name)


def _is_number(text: str) -> bool:
    """Only ASCII digits: str.isdigit() passes «²», which int() refuses."""
    return text.isascii() and text.isdigit()


# Plan forms --------------------------------------------------------------------------


class PlanFormCreateForm(TextCheckedForm, forms.Form):
    name = forms.CharField(
        label=_("Name of the form"),
        max_length=300,
        initial=_("Individual training plan of a reservist"),
    )


class StructureForm(TextCheckedForm, forms.Form):
    """Column titles and the list of sections of a draft form version.

    Each section arrives as two repeated fields, in order: `section_ids` (the
    section's id, empty for a new one) and `sections` (its title). `op` moves or
    removes one of them (`up:2`, `down:0`, `remove:3`) before saving."""

    op = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    data: QueryDict  # request.POST: the sections come as repeated fields

    def __init__(self, *args: Any, version: PlanFormVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in COLUMN_KEYS:
            self.fields[f"title_{key}"] = forms.CharField(
                label=DEFAULT_COLUMN_TITLES[key],
                max_length=100,
                required=False,
                initial=version.title_of(key),
            )
        self.version = version
        self.section_rows: list[tuple[int | None, str]] = []
        if not self.is_bound:
            self.section_rows = self._saved_rows()

    def _saved_rows(self) -> list[tuple[int | None, str]]:
        return [(s.pk, s.title) for s in self.version.sections.all()]

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"title_{key}"] for key in COLUMN_KEYS]

    def clean(self) -> dict[str, Any]:
        super().clean()  # Form.clean() gives back self.cleaned_data
        data = self.cleaned_data
        ids = self.data.getlist("section_ids")
        titles = [t.strip() for t in self.data.getlist("sections")]
        if len(ids) != len(titles) or not all(i == "" or _is_number(i) for i in ids):
            self.section_rows = self._saved_rows()  # what can be shown again
            raise ValidationError(
                _("The list of sections does not match the form version.")
            )
        rows = [(int(i) if i else None, t) for i, t in zip(ids, titles, strict=True)]
        self.section_rows = rows
        if len(rows) > MAX_SECTIONS:
            raise ValidationError(_("A form may have at most 30 sections."))
        if any(len(t) > 300 for t in titles):
            raise ValidationError(_("A section title may have at most 300 characters."))
        action, _sep, index = (data.get("op") or "").partition(":")
        i = int(index) if _is_number(index) else -1
        other = i - 1 if action == "up" else i + 1
        if action == "remove" and 0 <= i < len(rows):
            rows.pop(i)
        elif action in ("up", "down") and 0 <= min(i, other) < max(i, other) < len(
            rows
        ):
            rows[i], rows[other] = rows[other], rows[i]
        # A new section left blank (the empty line at the end) is no section.
        self.section_rows = [(pk, t) for pk, t in rows if pk is not None or t]
        data["sections"] = list(self.section_rows)
        data["column_titles"] = {key: data[f"title_{key}"] for key in COLUMN_KEYS}
        return data


class SuggestedItemForm(TextCheckedForm, forms.Form):
    activity = forms.CharField(
        label=_label(SuggestedItem, "activity"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    form_of_work = forms.CharField(
        label=_label(SuggestedItem, "form_of_work"), max_length=300, required=False
    )
    expected_result = forms.CharField(
        label=_label(SuggestedItem, "expected_result"), max_length=500, required=False
    )
    months_from_start = forms.IntegerField(
        label=_("Months from the start"), min_value=0, max_value=60, initial=1
    )


class ApproveVersionForm(TextCheckedForm, forms.Form):
    approval_document = forms.CharField(
        label=_label(PlanFormVersion, "approval_document"),
        max_length=300,
        help_text=_("E.g. «приказ Управления образования»."),
    )
    approval_number = forms.CharField(
        label=_label(PlanFormVersion, "approval_number"), max_length=50
    )
    approval_date = forms.DateField(
        label=_label(PlanFormVersion, "approval_date"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )


# Plans -------------------------------------------------------------------------------


class PlanFilterForm(TextCheckedForm, forms.Form):
    # The queryset comes from __init__, so the model is named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *IndividualPlan.Status.choices],
    )
    overdue = forms.BooleanField(label=_("Has overdue items"), required=False)
    entry = _id_field(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, organizations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)  # declared above
        # Only what an option shows: a region's list has hundreds of them.
        field.queryset = organizations.only("pk", "short_name")

    def filter(self, plans: IndividualPlanQuerySet) -> IndividualPlanQuerySet:
        """Apply the valid filters to the plans (no annotation needed)."""
        if not self.is_valid():
            return plans
        data = self.cleaned_data
        if data["organization"]:
            plans = plans.filter(
                reserve_entry__person__organization=data["organization"]
            )
        if data["status"]:
            plans = plans.filter(status=data["status"])
        if data["overdue"]:
            plans = plans.with_overdue_items()
        if data["entry"]:
            plans = plans.filter(reserve_entry_id=data["entry"])
        return plans


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: IndividualPlan) -> str:
        return str(obj)


class PlanCreateForm(TextCheckedForm, forms.Form):
    EMPTY, SUGGESTIONS, COPY = "empty", "suggestions", "copy"

    period_start = _period_field(_label(IndividualPlan, "period_start"))
    period_end = _period_field(_label(IndividualPlan, "period_end"))
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            (SUGGESTIONS, _("the activities the approved form suggests")),
            (COPY, _("a copy of another plan (deadlines are shifted)")),
            (EMPTY, _("an empty plan")),
        ],
        initial=SUGGESTIONS,
        widget=forms.RadioSelect,
    )
    copy_from = PlanChoiceField(
        label=_("Plan to copy"),
        required=False,
        queryset=IndividualPlan.objects.none(),
        empty_label="—",
    )

    def __init__(self, *args: Any, plans: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["copy_from"]
        assert isinstance(field, forms.ModelChoiceField)  # declared above
        field.queryset = plans

    @classmethod
    def initial_for(cls, entry: ReserveEntry) -> dict[str, Any]:
        """A year from today, or up to the end of the term in the reserve."""
        today = timezone.localdate()
        end = add_months(today, 12) - timedelta(days=1)
        if today < entry.term_until < end:
            end = entry.term_until
        return {"period_start": today, "period_end": end}

    def clean(self) -> dict[str, Any]:
        super().clean()  # Form.clean() gives back self.cleaned_data
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", _("The period must end after it starts."))
        if data.get("start") == self.COPY and not data.get("copy_from"):
            self.add_error("copy_from", _("Choose the plan to copy."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "from_suggestions": data["start"] == self.SUGGESTIONS,
            "copy_from": data["copy_from"] if data["start"] == self.COPY else None,
        }


# The form's column that titles each field of a row.
FIELD_COLUMNS = {
    "activity": "activity",
    "form_of_work": "form",
    "deadline": "deadline",
    "responsible": "responsible",
    "expected_result": "expected_result",
}


class ItemForm(TextCheckedForm, forms.Form):
    """A row of the plan; `version` is the row's version the user has seen."""

    section = forms.TypedChoiceField(label=_label(PlanItem, "section"), coerce=int)
    activity = forms.CharField(
        label=_label(PlanItem, "activity"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    form_of_work = forms.CharField(
        label=_label(PlanItem, "form_of_work"), max_length=300, required=False
    )
    deadline = forms.DateField(label=_label(PlanItem, "deadline"), widget=DATE_WIDGET)
    responsible = forms.CharField(
        label=_label(PlanItem, "responsible"), max_length=300, required=False
    )
    expected_result = forms.CharField(
        label=_label(PlanItem, "expected_result"), max_length=500, required=False
    )

    def __init__(
        self, *args: Any, sections: list[PlanFormSection], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = {s.pk: s for s in sections}
        field = self.fields["section"]
        assert isinstance(field, forms.ChoiceField)  # declared above
        field.choices = [(s.pk, s.title) for s in sections]
        if sections:
            for name, key in FIELD_COLUMNS.items():
                self.fields[name].label = sections[0].version.title_of(key)

    def clean_section(self) -> PlanFormSection:
        return self.sections[self.cleaned_data["section"]]


class ItemEditForm(ItemForm):
    """A row being changed, with the row's version the user has seen."""

    version = _version_field()

    @classmethod
    def initial_of(cls, item: PlanItem) -> dict[str, Any]:
        return {
            "section": item.section_id,
            "activity": item.activity,
            "form_of_work": item.form_of_work,
            "deadline": item.deadline,
            "responsible": item.responsible,
            "expected_result": item.expected_result,
            "version": item.version,
        }

    def fields_for_update(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class DeadlinesForm(TextCheckedForm, forms.Form):
    items = forms.TypedMultipleChoiceField(
        label=_("Items"),
        coerce=int,
        error_messages={"required": _("Tick the items whose deadline to set.")},
    )
    deadline = forms.DateField(label=_("New deadline"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, item_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["items"]
        assert isinstance(field, forms.ChoiceField)  # declared above
        field.choices = [(pk, pk) for pk in item_ids]


class MoveForm(TextCheckedForm, forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class PlanVersionForm(TextCheckedForm, forms.Form):
    """The version of the plan (or row) the user has seen, so that two people
    acting at once don't overwrite each other."""

    version = _version_field()


class ApproveForm(PlanVersionForm):
    comment = forms.CharField(
        label=_("Comment on the approval (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(PlanVersionForm):
    remarks = forms.CharField(
        label=_("Remarks: what should be corrected"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(TextCheckedForm, forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    item = _id_field(required=False, widget=forms.HiddenInput)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


# plan.js shows a field of the mark form only for the marks in its
# data-mark-for; without JavaScript every field shows and the services check.
_FOR_DONE = {"data-mark-for": PlanItem.Status.DONE}
_FOR_NOT_DONE = {"data-mark-for": PlanItem.Status.NOT_DONE}


class ProgressForm(TextCheckedForm, forms.Form):
    status = forms.ChoiceField(
        label=_("Mark"),
        choices=[
            (PlanItem.Status.IN_PROGRESS, _("in progress")),
            (PlanItem.Status.DONE, _("done")),
            (PlanItem.Status.NOT_DONE, _("not done")),
            (PlanItem.Status.PLANNED, _("planned")),
        ],
        widget=forms.RadioSelect(attrs={"data-mark": ""}),
    )
    done_on = forms.DateField(
        label=_label(PlanItem, "done_on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", **_FOR_DONE}, format="%Y-%m-%d"),
    )
    evidence_text = forms.CharField(
        label=_("What was done (evidence)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, **_FOR_DONE}),
    )
    evidence_link = forms.URLField(
        label=_label(PlanItem, "evidence_link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs=_FOR_DONE),
    )
    # Form's metaclass takes the field out of the class, so it does not hide
    # BaseForm.files as django-stubs' declaration of the attribute says.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Files"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT, JPEG or PNG, at most 10 MB each."),
        widget=MultipleFileInput(attrs=_FOR_DONE),
    )
    not_done_reason = forms.CharField(
        label=_label(PlanItem, "not_done_reason"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=_FOR_NOT_DONE),
    )
    version = _version_field()

    @classmethod
    def initial_of(cls, item: PlanItem) -> dict[str, Any]:
        return {
            "status": PlanItem.Status.DONE
            if item.status == PlanItem.Status.PLANNED
            else item.status,
            "done_on": item.done_on or timezone.localdate(),
            "evidence_text": item.evidence_text,
            "evidence_link": item.evidence_link,
            "not_done_reason": item.not_done_reason,
            "version": item.version,
        }

    def mark_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "expected_version": data["version"],
            "done_on": data["done_on"],
            "evidence_text": data["evidence_text"],
            "evidence_link": data["evidence_link"],
            "not_done_reason": data["not_done_reason"],
        }


class ControlFilterForm(TextCheckedForm, forms.Form):
    reservist = forms.TypedChoiceField(
        label=_("Reservist"), required=False, coerce=int, empty_value=None
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args: Any, reservists: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["reservist"]
        assert isinstance(field, forms.ChoiceField)  # declared above
        field.choices = [("", _("all")), *reservists]

    def filter(self, items: PlanItemQuerySet) -> PlanItemQuerySet:
        """Apply the valid filters to the control list."""
        if not self.is_valid():
            return items
        if self.cleaned_data["reservist"]:
            items = items.filter(
                plan__reserve_entry__person_id=self.cleaned_data["reservist"]
            )
        if self.cleaned_data["overdue"]:
            items = items.overdue()
        return items
