from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.validators import reasonable_date
from events.models import EventKind, Involvement
from mentorships.models import Mentorship
from organizations.models import Organization
from plans.models import PlanItem
from reserve.models import ReserveEntry, ReserveEntryQuerySet

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)
AUTHORITY = "authority"


class EventFilterForm(TextCheckedForm, forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DATE_WIDGET,
        validators=[reasonable_date],
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DATE_WIDGET, validators=[reasonable_date]
    )
    kind: "forms.ModelChoiceField[EventKind]" = forms.ModelChoiceField(
        label=_("Kind"), required=False, queryset=None, empty_label=_("all")
    )
    organizer = forms.ChoiceField(label=_("Organiser"), required=False)

    def __init__(
        self,
        *args: Any,
        kinds: QuerySet[EventKind],
        organizations: QuerySet[Organization],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ModelChoiceField)  # declared above
        kind.queryset = kinds
        organizer = self.fields["organizer"]
        assert isinstance(organizer, forms.ChoiceField)  # declared above
        organizer.choices = [
            ("", _("all")),
            (AUTHORITY, _("the education authority")),
            *((str(o.pk), o.short_name) for o in organizations),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid one is left out)."""
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        kind = data.get("kind")
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "kind_id": kind.pk if kind else None,
            "organizer": data.get("organizer") or "",
        }


class EventForm(TextCheckedForm, forms.Form):
    organizer = forms.ChoiceField(label=_("Organiser"))
    kind: "forms.ModelChoiceField[EventKind]" = forms.ModelChoiceField(
        label=_("Kind"), queryset=None
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    link = forms.URLField(
        label=_("Link"), max_length=500, required=False, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self,
        *args: Any,
        kinds: QuerySet[EventKind],
        organizations: QuerySet[Organization] | None = None,
        authority: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ModelChoiceField)  # declared above
        kind.queryset = kinds
        if organizations is None:  # editing: the organiser stays
            del self.fields["organizer"]
            return
        organizer = self.fields["organizer"]
        assert isinstance(organizer, forms.ChoiceField)  # declared above
        organizer.choices = [
            *([(AUTHORITY, _("the education authority"))] if authority else []),
            *((str(o.pk), o.short_name) for o in organizations),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        return data


class MaterialForm(TextCheckedForm, forms.Form):
    file = forms.FileField(label=_("File"))


class MentorshipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        return obj.reserve_entry.person.full_name


class PlanItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        return f"{obj.plan.reserve_entry.person.short_name}: {obj.activity}"


class InvolveForm(TextCheckedForm, forms.Form):
    mentorship = MentorshipChoiceField(label=_("Reservist"), queryset=None)
    degree = forms.ChoiceField(
        label=_("Degree of participation"), choices=Involvement.Degree.choices
    )
    task = forms.CharField(
        label=_("Task"),
        max_length=500,
        required=False,
        help_text=_("E.g. the topic of the talk."),
    )
    prepare_by = forms.DateField(
        label=_("Prepare by"),
        required=False,
        widget=DATE_WIDGET,
        validators=[reasonable_date],
    )
    plan_item = PlanItemChoiceField(
        label=_("Plan item"),
        queryset=None,
        required=False,
        empty_label=_("none"),
        help_text=_(
            "When the reservist attends, the item is marked done with the outcome."
        ),
    )

    def __init__(
        self,
        *args: Any,
        mentorships: QuerySet[Mentorship],
        plan_items: QuerySet[PlanItem],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        mentorship = self.fields["mentorship"]
        assert isinstance(mentorship, forms.ModelChoiceField)  # declared above
        mentorship.queryset = mentorships
        item = self.fields["plan_item"]
        assert isinstance(item, forms.ModelChoiceField)  # declared above
        item.queryset = plan_items


class EntriesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ReserveEntry) -> str:
        return f"{obj.person.full_name} ({obj.person.organization.short_name})"


INVITE_LIST_LIMIT = 50


class InviteFilterForm(TextCheckedForm, forms.Form):
    """Narrows the reservists the invite page lists: without an organisation or a
    name it lists none, with them at most INVITE_LIST_LIMIT."""

    # The queryset comes from __init__, so the model is named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )
    q = forms.CharField(label=_("Reservist's name"), required=False, max_length=100)

    def __init__(
        self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)  # declared above
        # Only what an option shows: a region's list has hundreds of them.
        field.queryset = organizations.only("pk", "short_name").order_by(
            "short_name", "pk"
        )

    def is_narrowed(self) -> bool:
        """An organisation or a name is given (and valid)."""
        return self.is_valid() and bool(
            self.cleaned_data["organization"] or self.cleaned_data["q"].strip()
        )

    def filter(self, entries: ReserveEntryQuerySet) -> ReserveEntryQuerySet:
        """The entries the valid input leaves; none when it narrows nothing."""
        if not self.is_narrowed():
            return entries.none()
        organization = self.cleaned_data["organization"]
        if organization is not None:
            entries = entries.filter(person__organization_id=organization.pk)
        q = self.cleaned_data["q"].strip()
        return entries.search(q) if q else entries


class InviteManyForm(TextCheckedForm, forms.Form):
    entries = EntriesField(
        label=_("Reservists"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Reservist %(value)s cannot be invited to this event: "
                "not an active reservist of its municipality, or already involved."
            )
        },
    )
    degree = forms.ChoiceField(
        label=_("Degree of participation"), choices=Involvement.Degree.choices
    )
    task = forms.CharField(label=_("Task"), max_length=500, required=False)
    prepare_by = forms.DateField(
        label=_("Prepare by"),
        required=False,
        widget=DATE_WIDGET,
        validators=[reasonable_date],
    )

    def __init__(
        self,
        *args: Any,
        entries: QuerySet[ReserveEntry],
        shown: list[ReserveEntry],
        **kwargs: Any,
    ) -> None:
        """`entries` is the whole scope a posted id is checked against; `shown` the
        bounded rows the page offers as checkboxes."""
        super().__init__(*args, **kwargs)
        field = self.fields["entries"]
        assert isinstance(field, EntriesField)  # declared above
        field.queryset = entries
        field.widget.choices = [(e.pk, field.label_from_instance(e)) for e in shown]


class RespondForm(TextCheckedForm, forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("I accept")), ("decline", _("I decline"))],
        widget=forms.RadioSelect,
    )
    decline_reason = forms.CharField(
        label=_("Reason for declining"), max_length=500, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "decline" and not data.get("decline_reason"):
            self.add_error("decline_reason", _("State the reason."))
        return data


class OutcomeForm(TextCheckedForm, forms.Form):
    outcome_text = forms.CharField(
        label=_("Theses, outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    outcome_link = forms.URLField(
        label=_("Link"), max_length=500, required=False, assume_scheme="https"
    )
    file = forms.FileField(
        label=_("Presentation or other file"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT, JPEG or PNG up to 10 MB."),
    )


class AttendanceForm(TextCheckedForm, forms.Form):
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=[
            (Involvement.Attendance.ATTENDED, _("attended")),
            (Involvement.Attendance.ABSENT, _("did not attend")),
        ],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    complete_item = forms.BooleanField(
        label=_("Mark the linked plan item done"), required=False, initial=True
    )


class KindForm(TextCheckedForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


def check_file_field(form: forms.Form, error: ValidationError) -> None:
    """A file refused by the service goes on the form's file field."""
    form.add_error("file" if "file" in form.fields else None, error)
