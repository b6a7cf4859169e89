from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.widgets import PersonSearchInput
from organizations.models import Municipality, Organization, OrganizationQuerySet

# The purpose of the head's person search (people.search; people.views).
HEAD_SEARCH = "organization-head"


class OrganizationFilterForm(TextCheckedForm, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("all")), *Organization.Kind.choices],
    )

    def filter(self, organizations: OrganizationQuerySet) -> OrganizationQuerySet:
        """The organisations the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return organizations
        data = self.cleaned_data
        return organizations.filtered(q=data["q"], kind=data["kind"])


class OrganizationForm(TextCheckedForm, forms.ModelForm):
    """Shape of an organisation; the service validates the rest."""

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        head = self.fields["head"]
        if self.instance.pk:  # a new organisation has no staff to choose from yet
            head.widget = PersonSearchInput(
                HEAD_SEARCH, params={"organization": self.instance.pk}
            )
            head.error_messages["invalid_choice"] = _(
                "Choose a person from the matches: this one is not offered here."
            )
        head.queryset = people if people is not None else head.queryset.none()

    class Meta:
        model = Organization
        fields = [
            "kind",
            "full_name",
            "short_name",
            "inn",
            "address",
            "phone",
            "email",
            "head",
        ]
        widgets = {"full_name": forms.TextInput()}


class MunicipalityForm(TextCheckedForm, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = [
            "name",
            "authority_name",
            "place",
            "mentor_min_experience",
            "mentor_max_load",
            "reserve_term_years",
            "personal_data_years",
            "plan_approver",
            "regulation_act",
            "regulation_date",
            "regulation_number",
        ]
        widgets = {
            "regulation_date": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            )
        }
