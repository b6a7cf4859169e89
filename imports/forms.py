from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm

XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(TextCheckedForm, forms.Form):
    """A file to import; its size, type and content are checked by the service."""

    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Fill in the template and upload it here."),
        widget=forms.FileInput(attrs={"accept": XLSX_TYPES}),
    )
