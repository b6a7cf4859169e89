"""The growth chart: its data (per competency, the average), the accessible SVG
safe under the Content-Security-Policy, and the mentor's hidden assessment left
out for the reservist."""

import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest

from competencies import charts, queries
from competencies.queries import Growth
from competencies.tests.conftest import submit

SVG = "{http://www.w3.org/2000/svg}"


def _growth(name="Правовая компетентность", own=(2, 3, None), mentor=(1, 4, None)):
    return Growth(name, tuple(own), tuple(mentor))


def test_growth_per_competency_and_point(mentorship, coordinator):
    submit(mentorship, "self", "start", 5, 2)
    submit(mentorship, "mentor", "start", 2, 3)
    submit(mentorship, "self", "end", 4, 4)
    rows = queries.growth(queries.profile(coordinator, mentorship.reserve_entry))
    assert len(rows) == 7
    first = rows[0]
    assert first.competency.startswith("Стратегическое управление")
    assert first.self_levels == (5, None, 4)
    assert first.mentor_levels == (2, None, None)
    average = queries.average(rows, "Среднее")
    assert average.self_levels == (round((5 + 2 + 3 * 5) / 7, 1), None, 3.3)
    assert average.mentor_levels == (round((2 + 3 + 3 * 5) / 7, 1), None, None)


def test_level_text():
    assert [charts.level_text(v) for v in (3, 3.0, 3.45, None)] == [
        "3",
        "3",
        "3,5",
        "—",
    ]


def test_panel_is_accessible_and_keeps_to_the_policy():
    svg = charts.panel_svg(
        _growth(),
        labels=("начало", "середина", "конец"),
        chart_id="c-1",
        title="Заголовок <графика>",
        desc="Самооценка: начало — 2.",
    )
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert "style=" not in svg and "<style" not in svg  # CSP: no inline style
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-1-title c-1-desc"
    assert root.get("viewBox") and root.get("width") is None
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (
        f"{SVG}title",
        "c-1-title",
        "Заголовок <графика>",
    )
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", "c-1-desc")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"начало", "середина", "конец", "1", "5"} <= set(texts)  # text, not paths
    # The two series: the reservist's orange dashes, the mentor's blue line.
    strokes = {p.get("stroke") for p in root.iter(f"{SVG}path")}
    assert {"#b45309", "#1f5fa8"} <= strokes


def test_panel_markup_ignores_prefixes_registered_by_others(monkeypatch):
    """WeasyPrint and openpyxl register XML prefixes process-wide; the page's SVG
    must stay <svg>, never <svg:svg>."""
    monkeypatch.setattr(ET, "_namespace_map", dict(ET._namespace_map))
    ET.register_namespace("svg", "http://www.w3.org/2000/svg")
    ET.register_namespace("xl", "http://www.w3.org/1999/xlink")
    svg = charts.panel_svg.__wrapped__(
        _growth(), labels=("a", "b", "c"), chart_id="p", title="T", desc="D"
    )
    assert svg.startswith("<svg ")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert '<title id="p-title">T</title>' in svg
    assert "<svg:" not in svg and "xl:href" not in svg
    assert "xlink:href" in svg


def test_panels_draw_in_threads():
    """Figures are not pyplot's: threads draw at once without mixing them up."""
    rows = [_growth(f"Компетенция {n}", (n % 5 + 1, 2, 3)) for n in range(8)]
    labels = ("a", "b", "c")

    def draw(row):
        return charts.panel_svg.__wrapped__(
            row, labels=labels, chart_id="t", title=row.competency, desc=""
        )

    with ThreadPoolExecutor(4) as pool:
        drawn = list(pool.map(draw, rows))
    assert drawn == [draw(row) for row in rows]


def test_page_chart_names_the_values(mentorship, coordinator):
    submit(mentorship, "self", "start", 5, 2)
    submit(mentorship, "mentor", "start", 2, 3)
    points = queries.profile(coordinator, mentorship.reserve_entry)
    chart = charts.page_chart(points, chart_id="g")
    assert chart is not None
    assert chart.labels == ("начало", "середина", "конец")
    assert len(chart.panels) == 8
    average, first = chart.panels[0], chart.panels[1]
    assert average.competency == "В среднем по всем компетенциям"
    assert first.cells == [
        ("начало", "5 / 2"),
        ("середина", "— / —"),
        ("конец", "— / —"),
    ]
    assert 'id="g-1"' in first.svg
    assert (
        "Самооценка: начало — 5, середина — нет оценки, конец — нет оценки. "
        "Оценка наставника: начало — 2, середина — нет оценки, конец — нет оценки."
    ) in first.svg
    assert "Самооценка и оценка наставника: Стратегическое управление" in first.svg


def test_page_chart_is_none_before_the_first_assessment(mentorship, coordinator):
    assert charts.page_chart([], chart_id="g") is None
    points = queries.profile(coordinator, mentorship.reserve_entry)
    assert charts.page_chart(points, chart_id="g") is None


@pytest.mark.parametrize("mentor_first", [True, False])
def test_reservist_does_not_see_the_hidden_mentors_points(
    mentorship, reservist, mentor, mentor_first
):
    """The mentor assessed the middle, the reservist only the start: the
    reservist's chart has no mentor's level at the middle; the mentor's has."""
    submit(mentorship, "self", "start", 4)
    submit(mentorship, "mentor", "start", 2)
    submit(mentorship, "mentor", "middle", 1, 1, 1, 1, 1, 1, 1)
    entry = mentorship.reserve_entry
    users = (mentor, reservist) if mentor_first else (reservist, mentor)
    charted = {
        user.username: charts.page_chart(queries.profile(user, entry), chart_id="g")
        for user in users
    }
    own, theirs = charted["reservist"], charted["mentor"]
    assert own is not None and theirs is not None
    assert own.panels[1].cells[1] == ("середина", "— / —")
    assert theirs.panels[1].cells[1] == ("середина", "— / 1")
    assert "Оценка наставника: начало — 2, середина — нет оценки" in own.panels[1].svg
    assert "середина — 1" in theirs.panels[1].svg
    assert not re.search(r"середина — 1\b", own.panels[0].svg + own.panels[1].svg)


def test_sheet_png_and_svg():
    rows = [_growth(), _growth("Управление персоналом и командой", (3, 3, 4))]
    png = charts.sheet_png(rows, labels=("н", "с", "к"), legend=("Сам", "Наст"))
    assert png.startswith(b"\x89PNG")
    svg = charts.sheet_svg(rows, labels=("н", "с", "к"), legend=("Сам", "Наст"))
    assert "Управление персоналом и" in svg.decode()  # wrapped: text, not paths
