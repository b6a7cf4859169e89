from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.validators import reasonable_date
from core.widgets import PersonSearchInput
from mentorships.models import (
    MentorOrder,
    MentorOrderQuerySet,
    MentorReadiness,
    Mentorship,
)
from mentorships.services import OrderLine
from organizations.models import Organization
from people.models import Person, PersonQuerySet
from people.widgets import PersonSearchField
from reserve.models import ReserveEntry
from reserve.services import add_years

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from mentorships.queries import EligibleMentor, OrderReservist

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = ("", "---------")


def _label(model: type[Model], name: str) -> "StrOrPromise":
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # the forms label the models' own fields only
    return capfirst(field.verbose_name)


class ReadinessForm(TextCheckedForm, forms.Form):
    confirmed_on = forms.DateField(
        validators=[reasonable_date],
        label=_label(MentorReadiness, "confirmed_on"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )
    note = forms.CharField(
        label=_label(MentorReadiness, "note"),
        max_length=255,
        required=False,
        help_text=_("E.g. a written statement."),
    )


class EndMentorshipForm(TextCheckedForm, forms.Form):
    ended_on = forms.DateField(
        validators=[reasonable_date],
        label=_label(Mentorship, "ended_on"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )
    reason = forms.ChoiceField(
        label=_label(Mentorship, "end_reason"),
        choices=[
            (Mentorship.EndReason.COMPLETED, Mentorship.EndReason.COMPLETED.label),
            (Mentorship.EndReason.OTHER, Mentorship.EndReason.OTHER.label),
        ],
    )
    note = forms.CharField(
        label=_label(Mentorship, "end_note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OrderFilterForm(TextCheckedForm, forms.Form):
    # The queryset comes from __init__, so the model is named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *MentorOrder.Status.choices],
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what an option shows: a region's list has hundreds of them.
        self.fields["organization"].queryset = organizations.only("pk", "short_name")

    def filter(self, orders: MentorOrderQuerySet) -> MentorOrderQuerySet:
        """The orders the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return orders
        organization = self.cleaned_data["organization"]
        return orders.filtered(
            organization_id=organization.pk if organization else None,
            status=self.cleaned_data["status"],
        )


class MentorFilterForm(TextCheckedForm, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    # The queryset comes from __init__, so the model is named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what an option shows: a region's list has hundreds of them.
        self.fields["organization"].queryset = organizations.only("pk", "short_name")

    def filter(self, mentors: PersonQuerySet) -> PersonQuerySet:
        """The mentors the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return mentors
        organization = self.cleaned_data["organization"]
        return mentors.filtered(
            q=self.cleaned_data["q"],
            organization_id=organization.pk if organization else None,
        )


class OrderForm(TextCheckedForm, forms.Form):
    """The order's requisites; the lines come in OrderLineFormSet."""

    number = forms.CharField(label=_label(MentorOrder, "number"), max_length=30)
    date = forms.DateField(
        validators=[reasonable_date],
        label=_label(MentorOrder, "date"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )
    title = forms.CharField(label=_label(MentorOrder, "title"), max_length=300)
    signatory_name = forms.CharField(
        label=_label(MentorOrder, "signatory_name"), max_length=150
    )
    signatory_position = forms.CharField(
        label=_label(MentorOrder, "signatory_position"), max_length=255
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = MentorOrder._meta.get_field("title").default
        if head := organization.head:
            self.fields["signatory_name"].initial = head.full_name
            self.fields["signatory_position"].initial = head.position.name


# The type-ahead selects of an order's line (people.search; registered by the view).
ORDER_MENTOR_SEARCH = "order-mentor"
ORDER_RESERVIST_SEARCH = "order-reservist"


def mentor_options(mentors: Iterable["EligibleMentor"]) -> list[tuple[int, str]]:
    """Options of the mentor search: name, load «2 of 3» and position."""
    return [
        (
            m.pk,
            _("%(name)s — %(n)s of %(max)s, %(position)s")
            % {
                "name": m.full_name,
                "position": m.position.name,
                "n": m.n_current,
                "max": m.max_load,
            },
        )
        for m in mentors
    ]


def reservist_label(entry: ReserveEntry, mentor: Person | None = None) -> str:
    values = {"name": entry.person.full_name, "target": entry.target_position.name}
    if mentor is None:
        return _("%(name)s — %(target)s") % values
    values["mentor"] = mentor.full_name
    return _("%(name)s — %(target)s (mentor: %(mentor)s)") % values


def reservist_options(entries: Iterable["OrderReservist"]) -> list[tuple[int, str]]:
    """Options of the reservist search: name, target position, current mentor."""
    return [
        (
            e.pk,
            reservist_label(
                e, e.active_mentorships[0].mentor if e.active_mentorships else None
            ),
        )
        for e in entries
    ]


class ReserveEntrySearchField(forms.ModelChoiceField):
    """A reserve entry chosen by its person's name (PersonSearchInput); the
    queryset (the form's scope) decides what is accepted, whatever id is posted."""

    default_error_messages = {
        "invalid_choice": _(
            "Choose a reservist from the matches: this one is not offered here."
        ),
    }

    def __init__(self, *, purpose: str, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", ReserveEntry.objects.none())
        super().__init__(widget=PersonSearchInput(purpose), **kwargs)

    def label_from_instance(self, obj: ReserveEntry) -> str:
        return reservist_label(obj)


class OrderLineForm(TextCheckedForm, forms.Form):
    """One line: the searches offer eligible mentors and active reservists of the
    organisation, but the form accepts anyone of it, so the service says what is
    wrong."""

    mentor = PersonSearchField(
        label=_label(Mentorship, "mentor"), purpose=ORDER_MENTOR_SEARCH
    )
    reserve_entry = ReserveEntrySearchField(
        label=_label(Mentorship, "reserve_entry"), purpose=ORDER_RESERVIST_SEARCH
    )
    starts_on = forms.DateField(
        validators=[reasonable_date],
        label=_label(Mentorship, "starts_on"),
        widget=DATE_WIDGET,
    )
    planned_end_on = forms.DateField(
        validators=[reasonable_date],
        label=_label(Mentorship, "planned_end_on"),
        widget=DATE_WIDGET,
    )

    def __init__(self, *args, organization, people, entries, **kwargs):
        super().__init__(*args, **kwargs)
        params = {"organization": organization.pk}
        self.fields["mentor"].queryset = people
        self.fields["mentor"].widget.params = params
        self.fields["reserve_entry"].queryset = entries
        self.fields["reserve_entry"].widget.params = params
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["planned_end_on"].initial = add_years(today, 1)

    def clean(self) -> dict[str, Any]:
        super().clean()  # Form.clean() gives back self.cleaned_data
        data = self.cleaned_data
        starts_on, planned_end_on = data.get("starts_on"), data.get("planned_end_on")
        if starts_on and planned_end_on and planned_end_on <= starts_on:
            self.add_error(
                "planned_end_on", _("The planned end must be after the start.")
            )
        return data


class BaseOrderLineFormSet(forms.BaseFormSet):
    def order_lines(self) -> list[OrderLine]:
        """The filled-in lines, for services.create_order."""
        return [
            OrderLine(
                mentor=f.cleaned_data["mentor"],
                reserve_entry=f.cleaned_data["reserve_entry"],
                starts_on=f.cleaned_data["starts_on"],
                planned_end_on=f.cleaned_data["planned_end_on"],
            )
            for f in self.forms
            if f.cleaned_data
        ]


OrderLineFormSet = forms.formset_factory(
    OrderLineForm,
    formset=BaseOrderLineFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=50,
    validate_max=True,
)


class ScanForm(TextCheckedForm, forms.Form):
    scan = forms.FileField(
        label=_("Signed copy"),
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            }
        ),
    )


class OrderTemplateForm(TextCheckedForm, forms.Form):
    # The queryset comes from __init__, so the model is named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=None,
        empty_label=_("all organisations of the municipality"),
    )
    file = forms.FileField(
        label=_("DOCX template"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
