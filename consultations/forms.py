"""The pages' forms of consultations, next steps and requests."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import (
    MAX_DURATION,
    MIN_DURATION,
    Consultation,
    ConsultationQuerySet,
    ConsultationRequest,
)
from consultations.services import StepData
from core.forms import TextCheckedForm
from core.models import normalize_search
from core.validators import reasonable_date
from mentorships.models import Mentorship, MentorshipQuerySet

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Empty rows of next steps under the form: no script adds rows.
STEP_ROWS = 3
DURATION_MESSAGE = _("The duration must be from 1 to 480 minutes.")


def _duration_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Duration, minutes"),
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        error_messages={"min_value": DURATION_MESSAGE, "max_value": DURATION_MESSAGE},
    )


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        validators=[reasonable_date],
    )


class MentorshipChoiceField(forms.ModelChoiceField):
    """A mentorship named by its reservist."""

    def label_from_instance(self, obj: Mentorship) -> str:
        return obj.reserve_entry.person.full_name


def _set_mentorships(field: forms.Field, mentorships: MentorshipQuerySet) -> None:
    """Offer the mentorships by their reservists' names."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = mentorships.select_related("reserve_entry__person").order_by(
        "reserve_entry__person__last_name", "pk"
    )


class ConsultationForm(TextCheckedForm, forms.Form):
    """An entry of the log: the reservist (one of the mentor's active
    mentorships), the consultation's details and its visibility."""

    mentorship = MentorshipChoiceField(
        label=_("Reservist"), queryset=Mentorship.objects.none()
    )
    held_on = _date_field(_("Date"))
    duration_minutes = _duration_field()
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Consultation.Status.choices,
        initial=Consultation.Status.HELD,
    )
    format = forms.ChoiceField(label=_("Format"), choices=Consultation.Format.choices)
    area = forms.ChoiceField(label=_("Area"), choices=Consultation.Area.choices)
    topic = forms.CharField(label=_("Topic"), max_length=300)
    summary = forms.CharField(
        label=_("Summary of the consultation"),
        required=False,
        max_length=10000,
        widget=forms.Textarea,
    )
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=Consultation.Visibility.choices,
        initial=Consultation.Visibility.SHARED,
        widget=forms.RadioSelect,
        help_text=_("A private note is seen by you alone, never by the reservist."),
    )

    def __init__(
        self, *args: Any, mentorships: MentorshipQuerySet | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if mentorships is None:
            # Editing: the reservist stays.
            del self.fields["mentorship"]
        else:
            _set_mentorships(self.fields["mentorship"], mentorships)

    def consultation_fields(self) -> dict[str, Any]:
        """The cleaned fields a service takes, without the mentorship."""
        return {k: v for k, v in self.cleaned_data.items() if k != "mentorship"}


class NextStepForm(TextCheckedForm, forms.Form):
    """A row of next steps; an empty row is skipped."""

    text = forms.CharField(label=_("Next step"), required=False, max_length=500)
    due_on = _date_field(_("Due date"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("due_on") and not data.get("text"):
            self.add_error("text", _("Describe the next step."))
        if data.get("text") and not data.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Give the next step a date."))
        return data

    def step(self) -> StepData | None:
        """The row's step; None for an empty row."""
        if not self.cleaned_data.get("text"):
            return None
        return StepData(self.cleaned_data["text"], self.cleaned_data["due_on"])


class BaseNextStepFormSet(forms.BaseFormSet):
    def steps(self) -> list[StepData]:
        """The filled rows' steps."""
        return [s for f in self.forms if (s := f.step()) is not None]


NextStepFormSet = forms.formset_factory(
    NextStepForm,
    formset=BaseNextStepFormSet,
    extra=STEP_ROWS,
    max_num=20,
    validate_max=True,
)


def step_formset(data: Any) -> BaseNextStepFormSet:
    """The rows of next steps under the consultation form."""
    return cast(BaseNextStepFormSet, NextStepFormSet(data, prefix="steps"))


class ConsultationFilterForm(TextCheckedForm, forms.Form):
    """The log's filters: the reservist's name, area, period (and, from a link, one
    mentorship). No list of reservists: the coordinator's would grow with the
    municipality."""

    q = forms.CharField(
        label=_("Reservist"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    mentorship = forms.IntegerField(
        required=False, min_value=1, widget=forms.HiddenInput
    )
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        choices=[("", _("all")), *Consultation.Area.choices],
    )
    date_from = _date_field(_("From"), required=False)
    date_to = _date_field(_("Until"), required=False)

    def filter(self, found: ConsultationQuerySet) -> ConsultationQuerySet:
        """The entries the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return found
        data = self.cleaned_data
        if data["q"]:
            found = found.filter(
                mentorship__reserve_entry__person__search_text__contains=(
                    normalize_search(data["q"])
                )
            )
        if data["mentorship"] is not None:
            found = found.filter(mentorship_id=data["mentorship"])
        if data["area"]:
            found = found.filter(area=data["area"])
        if data["date_from"]:
            found = found.filter(held_on__gte=data["date_from"])
        if data["date_to"]:
            found = found.filter(held_on__lte=data["date_to"])
        return found


class MarkDoneForm(TextCheckedForm, forms.Form):
    """The day a step was done (today when empty)."""

    done_on = _date_field(_("Done on"), required=False)


class RequestForm(TextCheckedForm, forms.Form):
    """The reservist's request for a consultation."""

    topic = forms.CharField(label=_("Topic"), max_length=300)
    preferred_from = _date_field(_("Preferred from"))
    preferred_to = _date_field(_("Preferred until"), required=False)
    note = forms.CharField(
        label=_("Details"), required=False, max_length=5000, widget=forms.Textarea
    )


class ScheduleForm(TextCheckedForm, forms.Form):
    """The mentor accepts a request by scheduling a consultation."""

    held_on = _date_field(_("Date"))
    duration_minutes = _duration_field()
    format = forms.ChoiceField(label=_("Format"), choices=Consultation.Format.choices)
    area = forms.ChoiceField(label=_("Area"), choices=Consultation.Area.choices)
    topic = forms.CharField(label=_("Topic"), max_length=300)

    @classmethod
    def for_request(
        cls, request: ConsultationRequest, data: Any = None
    ) -> "ScheduleForm":
        """The form filled with the request's topic and first preferred day."""
        initial: dict[str, Any] = {
            "topic": request.topic,
            "held_on": request.preferred_from,
            "duration_minutes": 60,
        }
        return cls(data, initial=initial, prefix="schedule")


class ReplyForm(TextCheckedForm, forms.Form):
    """The mentor answers a request in writing."""

    answer = forms.CharField(label=_("Answer"), max_length=10000, widget=forms.Textarea)
