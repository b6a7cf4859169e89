"""The pages' forms of study assignments: the mentor's assignment, the list's
filters, and the actions of the card (a question and its answer, the interview,
the case of application and its evaluation)."""

from itertools import groupby
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import TextCheckedForm
from core.models import normalize_search
from core.validators import reasonable_date
from legal_acts.models import LegalAct
from mentorships.models import Mentorship, MentorshipQuerySet
from plans.models import PlanItem
from studies.models import (
    MAX_ATTEMPTS_LIMIT,
    MAX_THRESHOLD,
    MAX_TIME_LIMIT,
    MIN_THRESHOLD,
    Interview,
    PracticeCase,
    StudyAssignment,
    StudyAssignmentQuerySet,
)
from studies.services import SETTINGS_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
THRESHOLD_MESSAGE = _("The pass threshold must be from 1 to 100 percent.")
ATTEMPTS_MESSAGE = _("Allow from 1 to 10 attempts.")
TIME_LIMIT_MESSAGE = _("The time limit must be from 1 to 240 minutes.")


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=DATE_WIDGET, validators=[reasonable_date]
    )


def _bounded(label: Any, low: int, high: int, message: Any, **kwargs: Any) -> Any:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={"min_value": message, "max_value": message},
        **kwargs,
    )


class MentorshipChoiceField(forms.ModelChoiceField):
    """A mentorship named by its reservist."""

    def label_from_instance(self, obj: Mentorship) -> str:
        return obj.reserve_entry.person.full_name


class ActChoiceField(forms.ModelChoiceField):
    """An act of the catalogue by its type, number and title."""

    def label_from_instance(self, obj: LegalAct) -> str:
        number = f" № {obj.number}" if obj.number else ""
        return f"{obj.title} ({obj.get_kind_display()}{number})"


class PlanItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        return f"{obj.activity} — {obj.deadline:%d.%m.%Y}"


class AssignmentForm(TextCheckedForm, forms.Form):
    """The mentor's assignment: to whom (when not given), the act and articles, the
    aim and deadline, the check and its test's settings, the plan item it
    completes. Editing keeps the reservist, the act and the way of the check."""

    mentorship = MentorshipChoiceField(
        label=_("Reservist"), queryset=Mentorship.objects.none()
    )
    act = ActChoiceField(label=_("Act"), queryset=LegalAct.objects.none())
    articles = forms.CharField(
        label=_("Articles"),
        required=False,
        max_length=300,
        help_text=_("Leave empty to study the whole act, e.g. «ст. 28, 47, 48»."),
    )
    aim = forms.CharField(
        label=_("Aim"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the reservist should know or be able to do."),
    )
    due_on = _date_field(_("Deadline"))
    check_method = forms.ChoiceField(
        label=_("Check of knowledge"),
        choices=StudyAssignment.CheckMethod.choices,
        initial=StudyAssignment.CheckMethod.TEST,
        widget=forms.RadioSelect,
    )
    plan_item = PlanItemChoiceField(
        label=_("Plan item"),
        required=False,
        queryset=PlanItem.objects.none(),
        empty_label=_("— not linked —"),
        help_text=_("Marked done when the check is passed."),
    )
    pass_threshold = _bounded(
        _("Pass threshold, %"),
        MIN_THRESHOLD,
        MAX_THRESHOLD,
        THRESHOLD_MESSAGE,
        initial=70,
    )
    max_attempts = _bounded(
        _("Attempts"), 1, MAX_ATTEMPTS_LIMIT, ATTEMPTS_MESSAGE, initial=3
    )
    time_limit_minutes = _bounded(
        _("Time limit, minutes"),
        1,
        MAX_TIME_LIMIT,
        TIME_LIMIT_MESSAGE,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    show_answers = forms.BooleanField(
        label=_("Show the right answers after submission"), required=False
    )

    ASSIGNMENT_NAMES = ("mentorship", "act", "articles", "aim", "due_on")

    def __init__(
        self,
        *args: Any,
        mentorships: MentorshipQuerySet | None,
        acts: QuerySet[LegalAct] | None,
        plan_items: QuerySet[PlanItem],
        is_test: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if mentorships is None:
            del self.fields["mentorship"]
        else:
            field = self.fields["mentorship"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = mentorships.select_related(
                "reserve_entry__person"
            ).order_by("reserve_entry__person__last_name", "pk")
        if acts is None:
            # Editing: the act and the way of the check stay.
            del self.fields["act"]
            del self.fields["check_method"]
        else:
            act_field = self.fields["act"]
            assert isinstance(act_field, forms.ModelChoiceField)
            act_field.queryset = acts
        item_field = self.fields["plan_item"]
        assert isinstance(item_field, forms.ModelChoiceField)
        item_field.queryset = plan_items
        item_field.choices = self._grouped_items(item_field, plan_items)
        if not is_test:
            for name in SETTINGS_FIELDS:
                del self.fields[name]

    @staticmethod
    def _grouped_items(field: forms.ModelChoiceField, items: QuerySet) -> list:
        """The items grouped by reservist (one query)."""
        rows = list(items)
        choices: list = [("", field.empty_label)]
        for person, group in groupby(rows, key=lambda i: i.plan.reserve_entry.person):
            choices.append(
                (
                    person.full_name,
                    [(i.pk, field.label_from_instance(i)) for i in group],
                )
            )
        return choices

    def clean(self) -> dict[str, Any]:
        """An interview has no test: the settings, hidden then, are not checked."""
        data = super().clean() or {}
        if data.get("check_method") == StudyAssignment.CheckMethod.INTERVIEW:
            for name in SETTINGS_FIELDS:
                self.errors.pop(name, None)
                data.pop(name, None)
        return data

    def settings_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in SETTINGS_FIELDS if n in self.fields]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[n]
            for n in self.fields
            if n not in SETTINGS_FIELDS and n not in ("check_method", "plan_item")
        ]

    def assignment_fields(self) -> dict[str, Any]:
        """The cleaned fields a service takes, without the mentorship."""
        return {k: v for k, v in self.cleaned_data.items() if k != "mentorship"}


class AssignmentFilterForm(TextCheckedForm, forms.Form):
    """The list's filters: the reservist's name, the status, the act."""

    q = forms.CharField(
        label=_("Reservist"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *StudyAssignment.Status.choices],
    )
    act = ActChoiceField(
        label=_("Act"),
        required=False,
        queryset=LegalAct.objects.none(),
        empty_label=_("all"),
    )

    def __init__(self, *args: Any, acts: QuerySet[LegalAct], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["act"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = acts

    def filter(self, found: StudyAssignmentQuerySet) -> StudyAssignmentQuerySet:
        """The assignments the valid input leaves; none when it is invalid (the
        form says what is wrong)."""
        if not self.is_valid():
            return found.none()
        data = self.cleaned_data
        if data["q"] and (folded := normalize_search(data["q"])):
            found = found.filter(
                mentorship__reserve_entry__person__search_text__contains=folded
            )
        if data["status"]:
            found = found.filter(status=data["status"])
        if data["act"] is not None:
            found = found.filter(act=data["act"])
        return found


class QuestionForm(TextCheckedForm, forms.Form):
    """The reservist's question on the act."""

    text = forms.CharField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(TextCheckedForm, forms.Form):
    """The mentor's answer to a question."""

    answer = forms.CharField(
        label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InterviewForm(TextCheckedForm, forms.Form):
    held_on = _date_field(_("Date of the interview"))
    mark = forms.ChoiceField(
        label=pgettext_lazy("interview", "Mark"), choices=Interview.Mark.choices
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PracticeCaseForm(TextCheckedForm, forms.Form):
    """The reservist's case of applying the act, with an optional file."""

    description = forms.CharField(
        label=_("How you applied the act"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The situation, what the act required and what you did."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Optional: PDF, DOCX, XLSX, ODT, JPG or PNG."),
    )


class EvaluationForm(TextCheckedForm, forms.Form):
    """The mentor's evaluation of the case."""

    evaluation = forms.ChoiceField(
        label=_("Evaluation"),
        choices=PracticeCase.Evaluation.choices,
        widget=forms.RadioSelect,
    )
    evaluation_comment = forms.CharField(
        label=pgettext_lazy("evaluation", "Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required with remarks or «not applied»."),
    )
