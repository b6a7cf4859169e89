"""The compliance table's filters, shared by the page, its export and (as
their rules) the API."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from compliance.rules import RULES, Status
from core.forms import TextCheckedForm
from organizations.models import Organization
from people.models import Person

OBLIGATION_CHOICES = [(rule.key, f"{rule.clause}. {rule.title}") for rule in RULES]
STATUS_CHOICES = Status.choices


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class ComplianceFilterForm(TextCheckedForm, forms.Form):
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )
    mentor = MentorChoiceField(
        label=_("Mentor"), required=False, queryset=None, empty_label=_("all")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any")), *STATUS_CHOICES],
        help_text=_(
            "Without an obligation: rows with any obligation in this status "
            "(«met»: every obligation met)."
        ),
    )
    obligation = forms.ChoiceField(
        label=_("Obligation"),
        required=False,
        choices=[("", _("any")), *OBLIGATION_CHOICES],
    )

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization],
        mentors: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organization = self.fields["organization"]
        mentor = self.fields["mentor"]
        assert isinstance(organization, forms.ModelChoiceField)
        assert isinstance(mentor, forms.ModelChoiceField)
        # Only what an option shows: a region's list has hundreds of them.
        organization.queryset = organizations.only("pk", "short_name")
        mentor.queryset = mentors.only("pk", "last_name", "first_name", "middle_name")

    def filters(self) -> dict[str, Any]:
        """The valid input as compliance.queries.filtered's keywords."""
        data = self.cleaned_data
        return {
            "organization_id": data["organization"].pk
            if data["organization"]
            else None,
            "mentor_id": data["mentor"].pk if data["mentor"] else None,
            "status": data["status"] or None,
            "obligation": data["obligation"] or None,
        }
