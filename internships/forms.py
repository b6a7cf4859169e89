"""The shapes of the internship pages' input."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.validators import reasonable_date
from internships.models import Internship, InternshipForm, InternshipQuerySet
from mentorships.models import Mentorship
from organizations.models import Organization
from people.widgets import PersonSearchField
from plans.models import PlanItem


def _offer(form: forms.BaseForm, name: str, choices: QuerySet) -> None:
    """Set the queryset of a choice field (the form's scope)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = choices


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The purpose of the supervisor's person search (people.search; internships.views).
SUPERVISOR_SEARCH = "internship-supervisor"


class InternshipFilterForm(TextCheckedForm, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *Internship.Status.choices],
    )
    form: "forms.ModelChoiceField[InternshipForm]" = forms.ModelChoiceField(
        label=_("Form of internship"),
        required=False,
        queryset=None,
        empty_label=_("all"),
    )

    def __init__(self, *args: Any, internship_forms: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "form", internship_forms)

    def filter(self, internships: InternshipQuerySet) -> InternshipQuerySet:
        """The internships the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return internships
        data = self.cleaned_data
        return internships.filtered(
            q=data["q"],
            status=data["status"],
            form_id=data["form"].pk if data["form"] else None,
        )


class _PlanItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        person = obj.plan.reserve_entry.person
        return f"{person.last_name}: {obj.activity} ({obj.deadline:%d.%m.%Y})"


class _MentorshipField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        return obj.reserve_entry.person.full_name


class InternshipFieldsForm(TextCheckedForm, forms.Form):
    """The form, host, supervisor, dates, goal and plan item of an internship."""

    form: "forms.ModelChoiceField[InternshipForm]" = forms.ModelChoiceField(
        label=_("Form of internship"), queryset=None
    )
    host_organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Host organisation"), queryset=None
    )
    supervisor = PersonSearchField(
        label=_("Internship supervisor"), purpose=SUPERVISOR_SEARCH
    )
    starts_on = forms.DateField(
        label=_("Starts on"), validators=[reasonable_date], widget=DATE_WIDGET
    )
    ends_on = forms.DateField(
        label=_("Ends on"), validators=[reasonable_date], widget=DATE_WIDGET
    )
    goal = forms.CharField(
        label=_("Goal of the internship"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan_item = _PlanItemField(
        label=_("Item of the individual plan"),
        required=False,
        queryset=None,
        empty_label=_("not linked"),
        help_text=_(
            "When the internship is completed with a conclusion, the item is "
            "marked done."
        ),
    )

    def __init__(
        self,
        *args: Any,
        internship_forms: QuerySet,
        organizations: QuerySet,
        people: QuerySet,
        plan_items: QuerySet,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _offer(self, "form", internship_forms)
        hosts = organizations.only("pk", "short_name").order_by("short_name")
        _offer(self, "host_organization", hosts)
        _offer(self, "supervisor", people.select_related("organization"))
        _offer(self, "plan_item", plan_items)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The internship cannot end before it starts."))
        return data


class InternshipCreateForm(InternshipFieldsForm):
    """A new internship: whose (one of the mentor's active mentorships) first."""

    mentorship = _MentorshipField(label=_("Reservist"), queryset=None)
    field_order = ["mentorship"]

    def __init__(self, *args: Any, mentorships: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mentorships = mentorships.select_related("reserve_entry__person")
        _offer(
            self,
            "mentorship",
            mentorships.order_by("reserve_entry__person__last_name", "pk"),
        )
        self.fields["mentorship"].error_messages["invalid_choice"] = _(
            "Choose one of your own reservists."
        )


class TaskForm(TextCheckedForm, forms.Form):
    title = forms.CharField(label=_("Task"), max_length=500)
    starts_on = forms.DateField(
        label=_("From"), validators=[reasonable_date], widget=DATE_WIDGET
    )
    ends_on = forms.DateField(
        label=_("To"), validators=[reasonable_date], widget=DATE_WIDGET
    )


class ConclusionForm(TextCheckedForm, forms.Form):
    work_done = forms.CharField(
        label=_("What was done"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    assessment = forms.ChoiceField(
        label=_("Assessment"), choices=Internship.Assessment.choices
    )
    recommendation = forms.CharField(
        label=_("Recommendation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    concluded_on = forms.DateField(
        label=_("Conclusion date"), validators=[reasonable_date], widget=DATE_WIDGET
    )


class InternshipFormForm(TextCheckedForm, forms.Form):
    """A form of internship in the catalogue."""

    name = forms.CharField(label=_("Name"), max_length=255)
    is_active = forms.BooleanField(
        label=_("Offered for new internships"), required=False, initial=True
    )
