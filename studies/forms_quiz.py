"""The forms of the test pages: a question with its options (of a test or of a
bank), the choice of bank questions, the reservist's answer sheet."""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.text import single_line_text
from studies.models import MAX_OPTIONS, QuizQuestion
from studies.services import OptionData

# A question's form shows this many option rows (more when it has more options);
# empty rows are ignored, so no script is needed to add one.
OPTION_ROWS = 6
ANSWER_PREFIX = "answer-"


def option_rows_for(question: QuizQuestion | None) -> int:
    """The rows a question's form shows: six, or room for every option it has
    and one more, at most ten."""
    if question is None:
        return OPTION_ROWS
    return min(MAX_OPTIONS, max(OPTION_ROWS, len(question.options.all()) + 1))


class QuestionForm(TextCheckedForm, forms.Form):
    """A question, its kind and up to ten options, each maybe marked right."""

    text = forms.CharField(
        label=pgettext_lazy("quiz", "Question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label=_("Answer"),
        choices=QuizQuestion.Kind.choices,
        initial=QuizQuestion.Kind.SINGLE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, rows: int = OPTION_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_numbers = range(1, min(rows, MAX_OPTIONS) + 1)
        for n in self.row_numbers:
            option = forms.CharField(
                label=gettext("Option %(n)s") % {"n": n},
                max_length=500,
                required=False,
            )
            # Added after TextCheckedForm's check of the declared fields.
            option.validators.append(single_line_text)
            self.fields[f"option_{n}"] = option
            self.fields[f"correct_{n}"] = forms.BooleanField(
                label=pgettext_lazy("quiz option", "right"), required=False
            )

    @staticmethod
    def initial_of(question: QuizQuestion) -> dict[str, Any]:
        initial: dict[str, Any] = {"text": question.text, "kind": question.kind}
        for n, option in enumerate(question.options.all(), start=1):
            initial[f"option_{n}"] = option.text
            initial[f"correct_{n}"] = option.is_correct
        return initial

    def option_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"option_{n}"], self[f"correct_{n}"]) for n in self.row_numbers
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in self.row_numbers:
            if cleaned.get(f"correct_{n}") and not cleaned.get(f"option_{n}"):
                self.add_error(
                    f"option_{n}",
                    _("Write the option or clear its «right» mark."),
                )
        return cleaned

    def options(self) -> list[OptionData]:
        """The filled rows in their order; the empty ones are left out."""
        return [
            OptionData(
                self.cleaned_data[f"option_{n}"],
                bool(self.cleaned_data[f"correct_{n}"]),
            )
            for n in self.row_numbers
            if self.cleaned_data[f"option_{n}"].strip()
        ]


class BankPickForm(TextCheckedForm, forms.Form):
    """The bank's questions the mentor takes into the test."""

    questions = forms.TypedMultipleChoiceField(
        label=_("Questions of the bank"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose the questions to take."),
            "invalid_choice": _("Some of the questions are not in this act's bank."),
        },
    )

    def __init__(self, *args: Any, questions: list[QuizQuestion], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["questions"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(q.pk, q.text) for q in questions]


class AnswerSheetForm(TextCheckedForm, forms.Form):
    """The reservist's answers: `answer-<question id>` → the chosen option ids.

    The form reads only their shape; which questions and options belong to the
    test and how many may be chosen are the rules of services.submit_attempt."""

    def answers(self) -> dict[str, list[str]]:
        data = self.data
        assert isinstance(data, QueryDict)
        return {
            key.removeprefix(ANSWER_PREFIX): data.getlist(key)
            for key in data
            if key.startswith(ANSWER_PREFIX)
        }
