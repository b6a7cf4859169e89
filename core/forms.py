"""Form helpers shared by the apps' HTML views."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from core.text import multiline_text, single_line_text


class TextCheckedForm(forms.BaseForm):
    """Every form of the pages mixes this in (a test checks it): its text fields
    refuse control, invisible and text-direction characters (core.text), and a
    text field that is not a <textarea> refuses tab and line breaks too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators.append(
                    multiline_text if multiline else single_line_text
                )


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form
    has that field, above the form otherwise (never a 500 for a field the form
    does not show)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
