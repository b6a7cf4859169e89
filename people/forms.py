from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from organizations.models import Organization
from people.models import (
    Person,
    PersonQuerySet,
    PersonViewLog,
    PersonViewLogQuerySet,
    Position,
)

YES_NO = {"yes": True, "no": False}


class PersonFilterForm(TextCheckedForm, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    # The querysets come from __init__, so the models are named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )
    position: "forms.ModelChoiceField[Position]" = forms.ModelChoiceField(
        label=_("Position"), required=False, queryset=None, empty_label=_("all")
    )
    administrative = forms.ChoiceField(
        label=_("Administrative position"),
        required=False,
        choices=[("", _("all")), ("yes", _("yes")), ("no", _("no"))],
    )

    def __init__(self, *args, organizations, positions, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what an option shows: a region's list has hundreds of them.
        self.fields["organization"].queryset = organizations.only("pk", "short_name")
        self.fields["position"].queryset = positions

    def filter(self, people: PersonQuerySet) -> PersonQuerySet:
        """The people the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return people
        data = self.cleaned_data
        organization, position = data["organization"], data["position"]
        return people.filtered(
            q=data["q"],
            organization_id=organization.pk if organization else None,
            position_id=position.pk if position else None,
            is_administrative=YES_NO.get(data["administrative"]),
        )


class AccessLogFilterForm(TextCheckedForm, forms.Form):
    person = forms.CharField(label=_("Whose data"), required=False, max_length=100)
    viewer = forms.CharField(label=_("Who viewed"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("all")), *PersonViewLog.Channel.choices],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    person_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def filter(self, logs: PersonViewLogQuerySet) -> PersonViewLogQuerySet:
        """The rows the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return logs
        data = self.cleaned_data
        return logs.filtered(
            person=data["person"],
            person_id=data["person_id"],
            viewer=data["viewer"],
            channel=data["kind"],
            since=data["since"],
            until=data["until"],
        )


class PersonForm(TextCheckedForm, forms.ModelForm):
    """Shape of a person; choices limited to the user's scope."""

    def __init__(self, *args, organizations, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["position"].queryset = positions

    class Meta:
        model = Person
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            "organization",
            "position",
            "position_since",
            "management_experience",
            "teaching_experience",
            "email",
            "phone",
        ]
        widgets = {
            "position_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }


class PositionForm(TextCheckedForm, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["name", "is_administrative"]


# A login: what people type at the sign-in form, so only unambiguous characters.
LOGIN_VALIDATOR = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?\Z",
    _(
        "A login consists of small Latin letters, digits, dots, hyphens and "
        "underscores, and begins and ends with a letter or a digit."
    ),
)


class AccountForm(TextCheckedForm, forms.Form):
    """A new account for a person: login, e-mail for the invitation, roles (the
    ones the inviting user may grant, given by the view)."""

    username = forms.CharField(
        label=_("Login"), min_length=3, max_length=150, validators=[LOGIN_VALIDATOR]
    )
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The invitation is sent to this address.")
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = roles  # type: ignore[attr-defined]
