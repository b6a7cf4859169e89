"""The shapes of the attestation pages' input."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from attestation.models import Attestation, Membership
from core.forms import TextCheckedForm
from core.validators import reasonable_date
from people.widgets import PersonSearchField
from reserve.models import ReserveEntry

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# The purpose of the member's person search (people.search; attestation.views).
MEMBER_SEARCH = "attestation-member"


class _EntryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReserveEntry) -> str:
        person = obj.person
        return f"{person.full_name} ({person.organization.short_name})"


class _EntriesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ReserveEntry) -> str:
        person = obj.person
        return f"{person.full_name} ({person.organization.short_name})"


class _MembershipField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.person.full_name} — {obj.get_role_display()}"


class SettingsForm(TextCheckedForm, forms.Form):
    quorum_percent = forms.IntegerField(
        label=_("Quorum: more than this share of the members present, %"),
        min_value=1,
        max_value=99,
        help_text=_("50: more than half of the commission's members."),
    )
    plain_decision = forms.BooleanField(
        label=_("Plain decision without votes"),
        required=False,
        help_text=_(
            "The secretary records the commission's decision without a vote "
            "of each member (the quorum is still required)."
        ),
    )


class OrderForm(TextCheckedForm, forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=50)
    date = forms.DateField(
        label=_("Order date"), validators=[reasonable_date], widget=DATE_WIDGET
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        initial=_("On the attestation commission"),
    )


class AppointForm(TextCheckedForm, forms.Form):
    person = PersonSearchField(label=_("Person"), purpose=MEMBER_SEARCH)
    role = forms.ChoiceField(
        label=_("Role in the commission"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
    )

    def __init__(self, *args: Any, people: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people.select_related("organization")


class RemoveForm(TextCheckedForm, forms.Form):
    membership = _MembershipField(label=_("Member"), queryset=None)

    def __init__(self, *args: Any, memberships: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = memberships


class SessionForm(TextCheckedForm, forms.Form):
    date = forms.DateField(
        label=_("Date"), validators=[reasonable_date], widget=DATE_WIDGET
    )
    time = forms.TimeField(label=_("Time"), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Venue"), max_length=300)
    number = forms.CharField(
        label=_("Minutes number"),
        max_length=50,
        required=False,
        help_text=_("Empty: the next number of the year."),
    )
    entries = _EntriesField(
        label=_("Reservists to attest"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose reservists in the reserve: %(value)s is not one of them."
            ),
        },
    )

    def __init__(self, *args: Any, entries: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["entries"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = entries


class AgendaForm(TextCheckedForm, forms.Form):
    entry = _EntryField(
        label=_("Reservist"),
        queryset=None,
        error_messages={
            "invalid_choice": _("Choose a reservist who is in the reserve."),
        },
    )

    def __init__(self, *args: Any, entries: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["entry"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = entries


class AttendanceForm(TextCheckedForm, forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, people: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = people


class VoteForm(TextCheckedForm, forms.Form):
    """One's own vote, or (the secretary) a present member's."""

    member = forms.TypedChoiceField(label=_("Member"), coerce=int, required=False)
    choice = forms.ChoiceField(
        label=_("Vote"),
        choices=Attestation.Decision.choices,
        widget=forms.RadioSelect,
    )

    def __init__(
        self, *args: Any, members: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.TypedChoiceField)
        if members is None:
            del self.fields["member"]
        else:
            field.choices = members
            field.required = True


class DecisionForm(TextCheckedForm, forms.Form):
    """The details of the decision; the decision itself in the plain mode only."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Attestation.Decision.choices,
        widget=forms.RadioSelect,
    )
    new_term_until = forms.DateField(
        label=_("New term in the reserve"),
        required=False,
        validators=[reasonable_date],
        widget=DATE_WIDGET,
        help_text=_("For «continue the training»."),
    )
    exclusion_reason = forms.CharField(
        label=_("Exclusion reason"),
        required=False,
        max_length=500,
        help_text=_("For «exclude from the reserve»."),
    )

    def __init__(self, *args: Any, plain: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not plain:
            del self.fields["decision"]


class RespondForm(TextCheckedForm, forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("I will attend")), ("no", _("I cannot attend"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class RecommendationForm(TextCheckedForm, forms.Form):
    text = forms.CharField(
        label=_("Recommendation of the mentor to the commission"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
