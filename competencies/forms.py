"""The pages' forms: an assessment of every competency, a competency of a draft."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from competencies.models import LEVELS, MAX_LEVEL, MIN_LEVEL, Competency
from competencies.services import RatingData
from core.forms import TextCheckedForm
from core.text import multiline_text

LEVEL_MESSAGE = _("A level must be from 1 to 5.")


class AssessmentForm(TextCheckedForm, forms.Form):
    """A level 1–5 and an optional comment for each competency of the version."""

    def __init__(self, *args: Any, competencies: list[Competency], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for c in competencies:
            self.fields[f"level_{c.pk}"] = forms.IntegerField(
                label=c.name,
                min_value=MIN_LEVEL,
                max_value=MAX_LEVEL,
                help_text=c.description,
                error_messages={
                    "min_value": LEVEL_MESSAGE,
                    "max_value": LEVEL_MESSAGE,
                    "invalid": LEVEL_MESSAGE,
                    "required": _("Choose a level."),
                },
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # The comments are added after TextCheckedForm's check: check them here.
        for c in competencies:
            field = self.fields[f"comment_{c.pk}"]
            field.validators.append(multiline_text)

    def pairs(self) -> list[tuple[Competency, forms.BoundField, forms.BoundField]]:
        return [
            (c, self[f"level_{c.pk}"], self[f"comment_{c.pk}"])
            for c in self.competencies
        ]

    def ratings(self) -> list[RatingData]:
        return [
            RatingData(
                competency_id=c.pk,
                level=self.cleaned_data[f"level_{c.pk}"],
                comment=self.cleaned_data[f"comment_{c.pk}"],
            )
            for c in self.competencies
        ]


class CompetencyForm(TextCheckedForm, forms.Form):
    """A competency of a draft with its five level descriptors."""

    name = forms.CharField(label=_("Name"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    level_1 = forms.CharField(label=_("Level 1"), max_length=1000)
    level_2 = forms.CharField(label=_("Level 2"), max_length=1000)
    level_3 = forms.CharField(label=_("Level 3"), max_length=1000)
    level_4 = forms.CharField(label=_("Level 4"), max_length=1000)
    level_5 = forms.CharField(label=_("Level 5"), max_length=1000)

    def levels(self) -> list[str]:
        return [self.cleaned_data[f"level_{n}"] for n in LEVELS]
