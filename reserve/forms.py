from typing import TYPE_CHECKING

from django import forms
from django.db.models import Field
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.validators import reasonable_date
from organizations.models import Organization
from people.widgets import PersonSearchField
from reserve.models import ReserveEntry, ReserveEntryQuerySet, TargetPosition

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = {"yes": True, "no": False}
# The purpose of the inclusion's person search (people.search; reserve.views).
INCLUSION_SEARCH = "reserve-inclusion"


def _label(name: str) -> "StrOrPromise":
    field = ReserveEntry._meta.get_field(name)
    assert isinstance(field, Field)  # the forms label the entry's own fields only
    return capfirst(field.verbose_name)


class ReserveFilterForm(TextCheckedForm, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    # The querysets come from __init__, so the models are named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )
    target_position: "forms.ModelChoiceField[TargetPosition]" = forms.ModelChoiceField(
        label=_("Target position"),
        required=False,
        queryset=None,
        empty_label=_("all"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *ReserveEntry.Status.choices],
    )
    has_mentor = forms.ChoiceField(
        label=_("Has a mentor"),
        required=False,
        choices=[("", _("all")), ("yes", _("yes")), ("no", _("no"))],
    )

    plan_approved = forms.ChoiceField(
        label=_("Plan approved"),
        required=False,
        choices=[("", _("all")), ("yes", _("yes")), ("no", _("no"))],
    )

    def __init__(self, *args, organizations, target_positions, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what an option shows: a region's list has hundreds of them.
        self.fields["organization"].queryset = organizations.only("pk", "short_name")
        self.fields["target_position"].queryset = target_positions

    def filter(self, entries: ReserveEntryQuerySet) -> ReserveEntryQuerySet:
        """The entries the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        organization, target = data["organization"], data["target_position"]
        return entries.filtered(
            q=data["q"],
            organization_id=organization.pk if organization else None,
            target_position_id=target.pk if target else None,
            status=data["status"],
            has_mentor=YES_NO.get(data["has_mentor"]),
            has_approved_plan=YES_NO.get(data["plan_approved"]),
        )


class EntryFieldsForm(TextCheckedForm, forms.Form):
    """The fields of an entry the coordinator fills in and may correct later."""

    target_position = forms.ModelChoiceField(
        label=_label("target_position"), queryset=TargetPosition.objects.none()
    )
    basis_number = forms.CharField(label=_label("basis_number"), max_length=50)
    basis_date = forms.DateField(
        validators=[reasonable_date], label=_label("basis_date"), widget=DATE_WIDGET
    )
    included_on = forms.DateField(
        validators=[reasonable_date], label=_label("included_on"), widget=DATE_WIDGET
    )
    term_until = forms.DateField(
        validators=[reasonable_date], label=_label("term_until"), widget=DATE_WIDGET
    )

    def __init__(self, *args, target_positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_position"].queryset = target_positions


class InclusionForm(EntryFieldsForm):
    """Shape of an inclusion in the reserve; the term may be left to the default."""

    person = PersonSearchField(label=_label("person"), purpose=INCLUSION_SEARCH)
    field_order = ["person"]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["included_on"].initial = timezone.localdate
        self.fields["term_until"].required = False
        self.fields["term_until"].help_text = _(
            "Leave empty for the municipality's default term."
        )


class AppointForm(TextCheckedForm, forms.Form):
    appointed_position = forms.CharField(
        label=_("Position appointed to"), max_length=255
    )
    appointed_on = forms.DateField(
        validators=[reasonable_date],
        label=_label("appointed_on"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )


class ExcludeForm(TextCheckedForm, forms.Form):
    exclusion_reason = forms.CharField(
        label=_label("exclusion_reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    excluded_on = forms.DateField(
        validators=[reasonable_date],
        label=_label("excluded_on"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )


class TargetPositionForm(TextCheckedForm, forms.Form):
    name = forms.CharField(
        label=capfirst(TargetPosition._meta.get_field("name").verbose_name),
        max_length=255,
    )
