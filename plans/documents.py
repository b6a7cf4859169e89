"""Pure renderers of the individual training plan (план индивидуальной подготовки
резервиста) on the approved form.

They take the plain data of `document_services.plan_context()` and return bytes;
they never query. The DOCX comes from the docxtpl template
`templates/plans/documents/plan.docx` (rebuilt by `manage.py build_plan_template`);
the PDF from the HTML template `templates/plans/documents/plan.html` through
WeasyPrint. Both are A4 landscape with the margins of ГОСТ Р 7.0.97-2016.

The context (what a template may use):

- ``form_requisites``: «Форма утверждена приказом … от … № …», or empty.
- ``approver``: who approved the plan, with ``position``, ``organization``,
  ``name`` (initials and surname) and ``date`` («12.10.2026»); all empty until
  the plan is approved, and again while changes made since wait for
  re-approval; the template then prints lines to sign. A coordinator's
  position and name come from the person record linked to their account.
- ``unapproved_changes``: «Изменения, внесённые после утверждения …, ожидают
  повторного утверждения» on a plan changed since it was approved, else empty.
- ``blank_date``: «__.__.20__», the date line beside a signature; every
  printed date is in digits (ГОСТ Р 7.0.97-2016).
- ``reservist_name``, ``reservist_signature`` («Д. А. Петров»),
  ``reservist_position``, ``reservist_organization``: the reservist.
- ``target_position``: the position the reservist is prepared for.
- ``mentor_name``, ``mentor_signature``, ``mentor_position``,
  ``mentor_organization`` (empty when it is the reservist's own): the mentor.
- ``period_start``, ``period_end``: the period of preparation («01.12.2026»).
- ``columns``: the form version's column titles by key: ``activity``, ``form``,
  ``deadline``, ``responsible``, ``expected_result``, ``mark``.
- ``sections``: the form's sections in order, each with ``number``, ``title``
  and ``rows``; a row has ``number`` («1.2»), ``activity``, ``form``,
  ``deadline``, ``responsible``, ``expected_result`` and ``mark`` (the
  completion mark, empty while planned: «Выполнено 12.10.2026 в срок;
  подтверждено наставником» or «… с опозданием; не подтверждено
  наставником») and ``keep_with_next`` (the plan's last row, which keeps
  the signatures company on their page).
- ``has_agreement``: whether the head of the organisation agrees the plan
  (СОГЛАСОВАНО), that is, unless the head approves it; ``agreed`` then holds
  ``position``, ``organization`` and ``name`` (empty when unknown).
"""

from io import BytesIO
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

DOCUMENTS_DIR = Path(__file__).resolve().parent / "templates/plans/documents"
BUILTIN_DOCX = DOCUMENTS_DIR / "plan.docx"
HTML_TEMPLATE = "plans/documents/plan.html"

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
PDF_CONTENT_TYPE = "application/pdf"


def _environment() -> SandboxedEnvironment:
    # Autoescape keeps «&» and «<» in activities and names from breaking the XML.
    return SandboxedEnvironment(autoescape=True)


def render_plan_docx(context: dict[str, Any]) -> bytes:
    """The plan as DOCX from the built-in template."""
    template = DocxTemplate(BytesIO(BUILTIN_DOCX.read_bytes()))
    template.render(context, jinja_env=_environment(), autoescape=True)
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def render_plan_pdf(context: dict[str, Any]) -> bytes:
    """The plan as PDF (A4 landscape, fonts embedded) from the HTML template.

    Nothing is fetched: only data: URLs would be read, and the template has none."""
    # Imported here: WeasyPrint needs Pango at import time, and the DOCX must work
    # without it.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    html = render_to_string(HTML_TEMPLATE, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
