"""The minutes, the extract and the pack as DOCX and PDF: their texts, read back."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document

from attestation import document_services, services
from attestation.models import Attestation

D = Attestation.Decision


@pytest.fixture
def decided(attestation, mentor):
    session = attestation.session
    members = [m.person for m in session.commission.memberships.order_by("pk")]
    services.respond_to_invitation(attestation=attestation, accept=True)
    services.write_recommendation(attestation=attestation, text="Готов к назначению.")
    services.record_attendance(
        session=session, present_ids=[p.pk for p in members[:4]] + [mentor.person.pk]
    )
    for person, choice in zip(
        members[:4], [D.CONTINUE, D.CONTINUE, D.CONTINUE, D.EXCLUDE], strict=False
    ):
        services.cast_vote(attestation=attestation, member=person, choice=choice)
    return services.decide(attestation=attestation, new_term_until=date(2030, 9, 1))


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    tool = shutil.which("pdftotext")
    assert tool is not None
    return subprocess.run(  # noqa: S603 - a fixed tool on our own temporary file
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_minutes_docx(decided):
    content, name, _type = document_services.render_minutes(decided.session, "docx")
    text = _docx_text(content)
    assert name.startswith("minutes-2027-03-15")
    for expected in [
        "ПРОТОКОЛ",
        "заседания аттестационной комиссии",
        "15.03.2027",
        "№ 1",
        "ПОВЕСТКА ДНЯ",
        "Присутствуют 4 из 5 членов комиссии; кворум имеется.",
        "«продолжить подготовку» — 3",
        "«исключить из резерва» — 1",
        "продолжить подготовку в резерве управленческих кадров, установить срок "
        "пребывания в резерве до 01.09.2030",
        "Председатель комиссии",
        "Секретарь комиссии",
        "Рекомендация наставника: Готов к назначению.",
    ]:
        assert expected in text, expected
    doc = Document(io.BytesIO(content))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30


def test_minutes_pdf(decided, tmp_path):
    content, _name, content_type = document_services.render_minutes(
        decided.session, "pdf"
    )
    assert content_type == "application/pdf"
    text = _pdf_text(content, tmp_path)
    assert "РЕШИЛИ" in text and "Секретарь комиссии" in text
    assert "кворум имеется" in text


def test_extract_docx_and_pdf(decided, tmp_path):
    content, _name, _type = document_services.render_extract(decided, "docx")
    text = _docx_text(content)
    assert "ВЫПИСКА" in text and "Выписка верна." in text
    assert "— продолжить подготовку" in text
    pdf, _name, _type = document_services.render_extract(decided, "pdf")
    assert "Выписка верна." in _pdf_text(pdf, tmp_path)


def test_extract_repeats_the_minutes_requisites_for_its_item(decided, tmp_path):
    """A clerk's extract: the chair and the secretary, the quorum and the agenda's
    item of this reservist, before СЛУШАЛИ / ГОЛОСОВАЛИ / РЕШИЛИ."""
    name = decided.reserve_entry.person.full_name
    docx = _docx_text(document_services.render_extract(decided, "docx")[0])
    pdf = _pdf_text(document_services.render_extract(decided, "pdf")[0], tmp_path)
    for text in (docx, pdf):
        assert "Председатель — N. P. Chair." in text
        assert "Секретарь — N. P. Secretary." in text
        assert "ПОВЕСТКА ДНЯ" in text
        assert f"1. Об аттестации резервиста: {name}." in text
        assert text.index("ПОВЕСТКА ДНЯ") < text.index("СЛУШАЛИ")


def test_extract_keeps_the_decision_with_the_certification(decided):
    doc = Document(io.BytesIO(document_services.render_extract(decided, "docx")[0]))
    texts = [p.text for p in doc.paragraphs]
    decision = next(p for p in doc.paragraphs if "— продолжить подготовку" in p.text)
    assert decision.paragraph_format.keep_with_next
    verified = doc.paragraphs[texts.index("Выписка верна.")]
    assert verified.paragraph_format.keep_with_next


def test_extract_before_the_decision_is_refused(attestation):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        document_services.render_extract(attestation, "pdf")


def test_pack_pdf(decided, tmp_path):
    content, _name = document_services.render_pack(decided)
    text = _pdf_text(content, tmp_path)
    assert "Материалы к аттестации" in text
    assert "Совместный отчёт" in text
    assert "Готов к назначению." in text


def test_render_pages_to_look_at(decided, tmp_path):
    """Renders the first pages to PNG (ATTEST_PNG_DIR keeps them to look at)."""
    import os

    out = os.environ.get("ATTEST_PNG_DIR")
    for kind, (content, *_rest) in {
        "minutes": document_services.render_minutes(decided.session, "pdf"),
        "extract": document_services.render_extract(decided, "pdf"),
        "pack": document_services.render_pack(decided),
    }.items():
        pdf = tmp_path / f"{kind}.pdf"
        pdf.write_bytes(content)
        target = os.path.join(out or str(tmp_path), kind)
        tool = shutil.which("pdftoppm")
        assert tool is not None
        subprocess.run(  # noqa: S603 - a fixed tool on our own temporary file
            [tool, "-png", "-r", "60", str(pdf), target], check=True
        )
