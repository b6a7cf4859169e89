"""The pages' forms of the joint report: the filters of the list, each side's
part, the version an action was taken on, the coordinator's remarks."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from organizations.models import Organization
from plan_reports.models import MAX_PART, PlanReport, PlanReportQuerySet

# The largest version (PositiveIntegerField): a bigger number is a 422, not an
# error of the database driver.
MAX_VERSION = 2**31 - 1


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=1, max_value=MAX_VERSION, widget=forms.HiddenInput
    )


def _text(label: Any, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_PART,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class ReportFilterForm(TextCheckedForm, forms.Form):
    """The list's filters: the status and, for a coordinator, the organisation."""

    # The queryset comes from __init__, so the model is named here.
    organization: "forms.ModelChoiceField[Organization]" = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("all")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *PlanReport.Status.choices],
    )

    def __init__(self, *args: Any, organizations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)  # declared above
        # Only what an option shows: a region's list has hundreds of them.
        field.queryset = organizations.only("pk", "short_name")

    def filter(self, found: PlanReportQuerySet) -> PlanReportQuerySet:
        """The reports the valid filters leave; all of them when invalid."""
        if not self.is_valid():
            return found
        organization = self.cleaned_data["organization"]
        return found.filtered(
            status=self.cleaned_data["status"],
            organization_id=organization.pk if organization else None,
        )


class VersionForm(TextCheckedForm, forms.Form):
    """An action on the report as the user saw it (its version)."""

    version = _version_field()


class ReservistPartForm(VersionForm):
    self_analysis = _text(_("Self-analysis of the reservist"))


class MentorPartForm(VersionForm):
    conclusion = _text(_("Conclusion of the mentor"))
    recommendation = forms.ChoiceField(
        label=_("Recommendation to the attestation commission"),
        required=False,
        choices=[("", _("not chosen yet")), *PlanReport.Recommendation.choices],
    )


PART_FORMS: dict[str, type[VersionForm]] = {
    "reservist": ReservistPartForm,
    "mentor": MentorPartForm,
}


class ReturnForm(VersionForm):
    remarks = _text(_("Remarks"), required=True)
