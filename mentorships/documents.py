"""Pure renderers of the head's order on mentors (приказ о закреплении наставников).

They take the plain data of `document_services.order_context()` and return bytes;
they never query. The DOCX comes from a docxtpl template (the built-in
`templates/mentorships/documents/order.docx`, rebuilt by `manage.py
build_order_template`, or a municipality's own upload); the PDF from the HTML
template `templates/mentorships/documents/order.html` through WeasyPrint.

Placeholders a DOCX template may use (the keys of the context):

- ``authority_name``: the education authority (the founder), printed above the
  organisation's name.
- ``municipality_name``: the municipality as named in the catalogue.
- ``municipality_genitive``: the municipality in the genitive, for the preamble
  ("городского округа Стрежевой").
- ``place``: the place of compilation ("г. Стрежевой").
- ``organization_full_name``, ``organization_short_name``,
  ``organization_address``, ``organization_phone``, ``organization_email``,
  ``organization_inn``: the organisation issuing the order.
- ``order_number``: the registration number.
- ``order_date``: the date in words ("24 ноября 2026 г.").
- ``order_date_numeric``: the date in digits ("24.11.2026").
- ``order_title``: the title to the text; a standard title agrees in number
  with the lines («О закреплении наставника за резервистом» for one pair).
- ``is_draft``: the order is not registered yet (the built-in layouts print
  «ПРОЕКТ»).
- ``plural``: the order has more than one line; ``several_mentors``,
  ``several_reservists``: it names more than one mentor, more than one reservist
  (for «наставника»/«наставников», «резервисту»/«резервистам» in the text).
- ``regulation_act``: the act that approved the regulation on mentoring, in the
  instrumental, after «утверждённым» («приказом Управления образования
  от 14.08.2026 № 44-о»), or empty; ``regulation_date`` («14.08.2026»),
  ``regulation_number``: its date and number alone (a municipality setting).
- ``blank_date``: «__.__.20__», a date to write by hand.
- ``period_start``, ``period_end``: the term shared by every line, or empty when
  the lines have different terms.
- ``lines``: the table rows, each with ``n``, ``mentor_name``,
  ``mentor_short_name``, ``mentor_position``, ``reservist_name``,
  ``reservist_short_name``, ``reservist_position``, ``target_position``,
  ``starts_on``, ``ends_on``, ``replaced_mentor_name``.
- ``replacements``: the lines that replace an earlier mentor, each with ``n``,
  ``reservist_name``, ``mentor_name``, ``mentor_position`` (the mentor who is
  replaced), ``order_number``, ``order_date`` (the order that assigned them),
  ``ends_on``, ``new_mentor_name``.
- ``acquaintances``: everyone to sign «С приказом ознакомлены», each with
  ``name`` and ``short_name``.
- ``signatory_position``: the position of who signs the order.
- ``signatory_name``: initials and surname as a signature is decoded
  ("А. П. Кузнецов").
"""

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

DOCUMENTS_DIR = Path(__file__).resolve().parent / "templates/mentorships/documents"
BUILTIN_DOCX = DOCUMENTS_DIR / "order.docx"
HTML_TEMPLATE = "mentorships/documents/order.html"

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
PDF_CONTENT_TYPE = "application/pdf"

# The template text is the municipality's own form letter, so the help shown on
# the upload page is written in Russian right here, like the template itself.
PLACEHOLDERS_HELP: list[tuple[str, str]] = [
    ("authority_name", "Наименование органа управления образованием (учредителя)"),
    ("municipality_name", "Наименование муниципального образования"),
    (
        "municipality_genitive",
        "Муниципальное образование в родительном падеже "
        "(«городского округа Стрежевой»)",
    ),
    ("place", "Место составления документа («г. Стрежевой»)"),
    ("organization_full_name", "Полное наименование организации"),
    ("organization_short_name", "Сокращённое наименование организации"),
    ("organization_address", "Адрес организации"),
    ("organization_phone", "Телефон организации"),
    ("organization_email", "Электронная почта организации"),
    ("organization_inn", "ИНН организации"),
    ("order_number", "Номер приказа"),
    ("order_date", "Дата приказа словесно-цифровым способом («24 ноября 2026 г.»)"),
    ("order_date_numeric", "Дата приказа цифрами («24.11.2026»)"),
    (
        "order_title",
        "Заголовок к тексту приказа; стандартный заголовок согласован с числом "
        "строк («О закреплении наставника за резервистом» для одной пары)",
    ),
    (
        "is_draft",
        "Приказ ещё не зарегистрирован (проект): {% if is_draft %}ПРОЕКТ{% endif %}",
    ),
    ("plural", "В приказе больше одной пары наставник – резервист"),
    (
        "several_mentors",
        "В приказе больше одного наставника: {% if several_mentors %}наставников"
        "{% else %}наставника{% endif %}",
    ),
    (
        "several_reservists",
        "В приказе больше одного резервиста: {% if several_reservists %}резервистами"
        "{% else %}резервистом{% endif %}",
    ),
    (
        "regulation_act",
        "Акт, утвердивший Положение о наставничестве, в творительном падеже "
        "(«приказом Управления образования от 14.08.2026 № 44-о»); пусто, если "
        "не указан в реквизитах муниципалитета",
    ),
    ("regulation_date", "Дата акта, утвердившего Положение («14.08.2026»)"),
    ("regulation_number", "Номер акта, утвердившего Положение"),
    ("blank_date", "Дата для заполнения от руки («__.__.20__»)"),
    (
        "period_start",
        "Начало срока наставничества, если он у всех строк один; иначе пусто",
    ),
    (
        "period_end",
        "Окончание срока наставничества, если он у всех строк один; иначе пусто",
    ),
    (
        "lines",
        "Строки таблицы закрепления: {%tr for line in lines %} в отдельной строке "
        "таблицы, затем строка с полями line.…, затем {%tr endfor %}",
    ),
    ("line.n", "Номер строки по порядку"),
    ("line.mentor_name", "Наставник: фамилия, имя, отчество"),
    ("line.mentor_short_name", "Наставник: фамилия и инициалы"),
    ("line.mentor_position", "Должность наставника"),
    ("line.reservist_name", "Резервист: фамилия, имя, отчество"),
    ("line.reservist_short_name", "Резервист: фамилия и инициалы"),
    ("line.reservist_position", "Должность резервиста"),
    ("line.target_position", "Целевая должность резервиста"),
    ("line.starts_on", "Начало наставничества («01.12.2026»)"),
    ("line.ends_on", "Окончание наставничества («30.11.2027»)"),
    (
        "line.replaced_mentor_name",
        "Прежний наставник, которого заменяют; пусто, если замены нет",
    ),
    (
        "replacements",
        "Строки с заменой наставника: {%p for replacement in replacements %} … {%p endfor %}",
    ),
    ("replacement.n", "Номер замены по порядку (для подпунктов 2.1, 2.2…)"),
    ("replacement.reservist_name", "Резервист: фамилия, имя, отчество"),
    ("replacement.mentor_name", "Прежний наставник: фамилия, имя, отчество"),
    ("replacement.mentor_position", "Должность прежнего наставника"),
    (
        "replacement.order_number",
        "Номер приказа, которым был закреплён прежний наставник",
    ),
    ("replacement.order_date", "Дата приказа, которым был закреплён прежний наставник"),
    ("replacement.ends_on", "Дата прекращения прежнего наставничества"),
    ("replacement.new_mentor_name", "Новый наставник: фамилия, имя, отчество"),
    (
        "acquaintances",
        "Все, кто знакомится с приказом: {%tr for person in acquaintances %} … "
        "{%tr endfor %}",
    ),
    ("person.name", "Фамилия, имя, отчество"),
    ("person.short_name", "Фамилия и инициалы"),
    ("signatory_position", "Должность подписывающего приказ"),
    ("signatory_name", "Инициалы и фамилия подписывающего («А. П. Кузнецов»)"),
]

PLACEHOLDERS: frozenset[str] = frozenset(
    name for name, _description in PLACEHOLDERS_HELP if "." not in name
)

# Which loop variable of PLACEHOLDERS_HELP documents the items of which list.
_ITEM_PREFIXES = {
    "lines": "line",
    "replacements": "replacement",
    "acquaintances": "person",
}


def _environment() -> SandboxedEnvironment:
    # A template is uploaded by a user: the sandbox stops `{{ x.__class__ … }}`
    # from reaching Python internals, and autoescape keeps «&» and «<» in names
    # from breaking the document's XML.
    return SandboxedEnvironment(autoescape=True)


def _sample_context() -> dict[str, Any]:
    """Placeholder values to try a template with: each field holds its own name."""
    context: dict[str, Any] = {name: name for name in PLACEHOLDERS}
    for collection, prefix in _ITEM_PREFIXES.items():
        item: dict[str, Any] = {
            name.removeprefix(f"{prefix}."): name
            for name, _description in PLACEHOLDERS_HELP
            if name.startswith(f"{prefix}.")
        }
        if "n" in item:
            item["n"] = 1
        context[collection] = [item]
    return context


def _open_template(template_bytes: bytes) -> DocxTemplate:
    """A docxtpl template of the bytes; raises ValidationError unless it is a DOCX."""
    not_docx = ValidationError(
        _("The file is not a DOCX document. Save the template in Word as .docx.")
    )
    try:
        with zipfile.ZipFile(BytesIO(template_bytes)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise not_docx
    except zipfile.BadZipFile as e:
        raise not_docx from e
    template = DocxTemplate(BytesIO(template_bytes))
    try:
        template.init_docx()
    except Exception as e:  # python-docx raises many kinds on a damaged package
        raise not_docx from e
    return template


def _syntax_error(error: TemplateError) -> ValidationError:
    return ValidationError(
        _("The template cannot be read: %(error)s") % {"error": error.message}
    )


def template_placeholders(template_bytes: bytes) -> set[str]:
    """The top-level placeholders the DOCX template uses.

    Raises ValidationError when it is not a DOCX or its tags cannot be parsed."""
    template = _open_template(template_bytes)
    try:
        return set(template.get_undeclared_template_variables(_environment()))
    except TemplateSyntaxError as e:
        raise _syntax_error(e) from e


def check_order_template(template_bytes: bytes) -> None:
    """Raises ValidationError when the file is not a DOCX, its tags cannot be
    parsed, it uses unknown placeholders, or it fails on sample data."""
    unknown = template_placeholders(template_bytes) - PLACEHOLDERS
    if unknown:
        raise ValidationError(
            _(
                "The template has unknown fields: %(unknown)s. Allowed fields: %(allowed)s."
            )
            % {
                "unknown": ", ".join(f"{{{{ {name} }}}}" for name in sorted(unknown)),
                "allowed": ", ".join(
                    f"{{{{ {name} }}}}" for name, _d in PLACEHOLDERS_HELP
                ),
            }
        )
    render_order_docx(_sample_context(), template_bytes)


def render_order_docx(context: dict[str, Any], template_bytes: bytes | None) -> bytes:
    """The order as DOCX from the template (the built-in one when None).

    Raises ValidationError when the template cannot be filled in."""
    if template_bytes is None:
        template_bytes = BUILTIN_DOCX.read_bytes()
    template = _open_template(template_bytes)
    try:
        template.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateSyntaxError as e:
        raise _syntax_error(e) from e
    except TemplateError as e:
        raise ValidationError(
            _("The template cannot be filled in: %(error)s") % {"error": e.message}
        ) from e
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def render_order_pdf(context: dict[str, Any]) -> bytes:
    """The order as PDF (A4, fonts embedded) from the HTML template.

    Nothing is fetched: only data: URLs would be read, and the template has none."""
    # Imported here: WeasyPrint needs Pango at import time, and the rest of the
    # module (DOCX, template checks) must work without it.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    html = render_to_string(HTML_TEMPLATE, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
