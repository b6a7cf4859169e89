"""The programme and the conclusion as DOCX and PDF: their data, the page, and
the signatures kept with the text before them."""

import shutil
import subprocess
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document

from internships import services
from internships.document_services import render_internship

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)


def _pdf_pages(content: bytes, tmp_path: Path) -> list[str]:
    """The text of each page of the PDF."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    tool = shutil.which("pdftotext")
    assert tool is not None
    text = subprocess.run(  # noqa: S603 - a fixed tool on our own temporary file
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def _docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def concluded(internship, supervisor, today):
    services.add_task(
        internship=internship,
        title="Участие в совещании при директоре",
        starts_on=date(2027, 1, 11),
        ends_on=date(2027, 1, 12),
    )
    services.start_internship(internship=internship)
    return services.write_conclusion(
        internship=internship,
        by=supervisor,
        work_done="Провёл совещание, подготовил справку.",
        assessment="excellent",
        recommendation="Рекомендуется к назначению.",
        concluded_on=today,
    )


def test_the_programme_docx_is_a4_with_gost_margins(concluded):
    content, name, _type = render_internship(concluded, "programme", "docx")
    section = Document(BytesIO(content)).sections[0]
    sizes = (section.page_width, section.page_height)
    margins = (section.left_margin, section.right_margin, section.top_margin)
    assert [round(length.mm) for length in sizes] == [210, 297]
    assert [round(length.mm) for length in margins] == [30, 10, 20]
    text = _docx_text(content)
    assert "ПРОГРАММА" in text
    assert "Участие в совещании при директоре" in text
    assert "11.01.2027 – 12.01.2027" in text
    assert "Место стажировки: " in text
    assert name == "internship-programme-reservist-2027-01-10.docx"


def test_the_conclusion_docx_holds_the_conclusion(concluded):
    text = _docx_text(render_internship(concluded, "conclusion", "docx")[0])
    assert "ОТЗЫВ" in text
    assert "Провёл совещание, подготовил справку." in text
    assert "отлично" in text
    assert "15.01.2027" in text


@needs_poppler
def test_the_conclusion_pdf_reads_back_in_russian(concluded, tmp_path):
    pages = _pdf_pages(render_internship(concluded, "conclusion", "pdf")[0], tmp_path)
    text = " ".join(pages)
    assert "руководителя стажировки о стажировке резервиста" in text
    assert "Рекомендуется к назначению." in text


@needs_poppler
def test_a_long_programme_keeps_its_last_task_with_the_signatures(internship, tmp_path):
    for n in range(40):
        day = internship.starts_on + timedelta(days=min(n, 30))  # in order
        services.add_task(
            internship=internship,
            title=f"Задание номер {n + 1}: изучение документов и участие в работе "
            "администрации школы",
            starts_on=day,
            ends_on=day,
        )
    pages = _pdf_pages(render_internship(internship, "programme", "pdf")[0], tmp_path)
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 1
    assert "С программой ознакомлен(а)" in pages[-1]
    assert "Задание номер 40" in pages[-1]  # never the signatures alone


def test_a_conclusion_before_it_is_written_is_refused(internship):
    with pytest.raises(Exception, match="ещё не написан"):
        render_internship(internship, "conclusion", "pdf")
