"""Pure renderers of the growth chart: self vs mentor at the start, middle and end
of the mentorship, per competency (small multiples, the average first).

They take plain data (`queries.Growth`) and return SVG text or PNG bytes; they
never query. Each figure is a `matplotlib.figure.Figure` of its own (never
pyplot's global state), so requests may draw at once in threads. The few
rcParams below are set once, at import, and never changed afterwards.

The SVG goes inline into pages under a Content-Security-Policy that allows no
inline style: `inline_svg` turns matplotlib's `style` attributes into SVG
presentation attributes, drops its `<style>` element, and adds the `<title>` and
`<desc>` that name the chart to assistive technology (role="img")."""

import functools
import math
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO, StringIO

import matplotlib
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from competencies.models import MAX_LEVEL, MIN_LEVEL
from competencies.queries import Growth, ProfilePoint, average, growth

# Text stays text in the SVG (the page's font draws it, and tests and screen
# readers can read it); DejaVu Sans has Cyrillic and ships with matplotlib; the
# ids of clip paths and markers do not change between runs.
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "nastavnik",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# Two series told apart by colour, line and marker alike (colour-blind readers,
# print in grey): the mentor solid with squares, the reservist dashed with circles.
SELF_STYLE = {"color": "#b45309", "linestyle": "--", "marker": "o"}
MENTOR_STYLE = {"color": "#1f5fa8", "linestyle": "-", "marker": "s"}
GRID = "#d8dde3"
DODGE = 0.06
# One panel of the page, in inches (the page scales it to its column).
PANEL = (3.4, 2.1)


def _values(levels: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in levels]


def _draw(ax: Axes, growth: Growth, labels: Sequence[str]) -> None:
    """One competency: the two series over the points, the scale 1–5."""
    xs = list(range(len(labels)))
    # The two series a little apart, so that equal levels show both markers.
    for levels, style, shift in (
        (growth.self_levels, SELF_STYLE, -DODGE),
        (growth.mentor_levels, MENTOR_STYLE, DODGE),
    ):
        ax.plot(
            [x + shift for x in xs],
            _values(levels),
            linewidth=2,
            markersize=6,
            **style,  # type: ignore[arg-type]
        )
    ax.set_xlim(-0.3, len(labels) - 0.7)
    ax.set_ylim(MIN_LEVEL - 0.4, MAX_LEVEL + 0.4)
    ax.set_xticks(xs, list(labels))
    ax.set_yticks(range(MIN_LEVEL, MAX_LEVEL + 1))
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_color(GRID)


def _svg_text(figure: Figure) -> str:
    out = StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _plain_names(root: ET.Element) -> None:
    """Tags and attributes without ElementTree's {namespace}: the markup then
    serialises as <svg>, <title>, xlink:href whatever prefixes other libraries
    have registered in ElementTree's process-wide map (WeasyPrint and openpyxl
    register theirs, and an `svg:` prefix would break the page's SVG)."""
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
        for name in [n for n in element.attrib if n.startswith("{")]:
            namespace, _brace, local = name[1:].partition("}")
            prefix = "xlink:" if namespace == XLINK_NS else ""
            element.set(prefix + local, element.attrib.pop(name))
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)


def inline_svg(svg: str, *, chart_id: str, title: str, desc: str) -> str:
    """matplotlib's SVG as markup for inside a page: no XML declaration, metadata
    or style (presentation attributes instead), scaled by its viewBox, with a
    title and a description it is labelled by."""
    root = ET.fromstring(svg)  # noqa: S314 (matplotlib's output, not user input)
    _plain_names(root)
    for parent in root.iter():
        for child in list(parent):
            if child.tag in ("metadata", "style"):
                parent.remove(child)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for declaration in style.split(";"):
                name, _colon, value = declaration.partition(":")
                if name.strip() and value.strip():
                    element.set(name.strip(), value.strip())
    # What the removed <style> said for every element (inherited from the root).
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    for size in ("width", "height"):
        root.attrib.pop(size, None)
    root.set("id", chart_id)
    root.set("class", "chart")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    title_el = ET.Element("title", {"id": f"{chart_id}-title"})
    title_el.text = title
    desc_el = ET.Element("desc", {"id": f"{chart_id}-desc"})
    desc_el.text = desc
    root.insert(0, desc_el)
    root.insert(0, title_el)
    return ET.tostring(root, encoding="unicode")


@functools.lru_cache(maxsize=256)
def panel_svg(
    growth: Growth, *, labels: tuple[str, ...], chart_id: str, title: str, desc: str
) -> str:
    """One competency's panel as inline SVG (its name is the page's caption).
    The same data draws the same SVG: the last few hundred are kept (a panel
    takes some 40 ms to draw)."""
    figure = Figure(figsize=PANEL, layout="constrained")
    _draw(figure.add_subplot(), growth, labels)
    return inline_svg(_svg_text(figure), chart_id=chart_id, title=title, desc=desc)


def _sheet(
    rows: Sequence[Growth], *, labels: Sequence[str], legend: tuple[str, str]
) -> Figure:
    """Every competency on one figure for a document: three columns of panels,
    each titled with its competency, the legend on top."""
    columns = 3
    lines = (len(rows) + columns - 1) // columns
    figure = Figure(figsize=(6.7, 0.4 + 2.0 * lines), layout="constrained")
    axes = figure.subplots(lines, columns, squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i >= len(rows):
            ax.set_visible(False)
            continue
        _draw(ax, rows[i], labels)
        ax.set_title(
            "\n".join(textwrap.wrap(rows[i].competency, 30)) or " ",
            fontsize=8,
            loc="left",
        )
        ax.tick_params(labelsize=7)
    handles = [
        Line2D([], [], linewidth=2, markersize=6, **SELF_STYLE),  # type: ignore[arg-type]
        Line2D([], [], linewidth=2, markersize=6, **MENTOR_STYLE),  # type: ignore[arg-type]
    ]
    figure.legend(
        handles, list(legend), loc="outside upper center", ncols=2, frameon=False
    )
    return figure


def sheet_png(
    rows: Sequence[Growth], *, labels: Sequence[str], legend: tuple[str, str]
) -> bytes:
    """The document's chart as PNG (DOCX), 200 dpi for print."""
    out = BytesIO()
    _sheet(rows, labels=labels, legend=legend).savefig(
        out, format="png", dpi=200, metadata={"Software": None}
    )
    return out.getvalue()


def sheet_svg(
    rows: Sequence[Growth], *, labels: Sequence[str], legend: tuple[str, str]
) -> bytes:
    """The document's chart as an SVG file (PDF): vector, sharp in print."""
    out = BytesIO()
    _sheet(rows, labels=labels, legend=legend).savefig(
        out, format="svg", metadata={"Date": None}
    )
    return out.getvalue()


# The page ---------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """One competency on the page: its chart and, per point, «self / mentor»."""

    competency: str
    svg: str
    cells: list[tuple[str, str]]


@dataclass(frozen=True)
class PageChart:
    labels: tuple[str, ...]
    panels: list[Panel]


def level_text(level: float | None) -> str:
    """«3», «3,5» (a mean), «—» for no level."""
    if level is None:
        return "—"
    if float(level).is_integer():
        return str(int(level))
    return f"{level:.1f}".replace(".", ",")


def point_labels() -> tuple[str, ...]:
    """The points as the chart's axis names them."""
    return (
        pgettext("point of a mentorship", "start"),
        pgettext("point of a mentorship", "middle"),
        pgettext("point of a mentorship", "end"),
    )


def _series_text(labels: Sequence[str], levels: Sequence[float | None]) -> str:
    return ", ".join(
        _("%(point)s — %(level)s")
        % {
            "point": label,
            "level": _("no assessment") if v is None else level_text(v),
        }
        for label, v in zip(labels, levels, strict=True)
    )


def page_chart(points: list[ProfilePoint], *, chart_id: str) -> PageChart | None:
    """The growth chart of the profile page and the reserve card: the average and
    each competency, from what the user sees of the profile; None before the
    first assessment."""
    rows = growth(points)
    if not rows:
        return None
    labels = point_labels()
    rows = [average(rows, _("Average of all competencies")), *rows]
    panels = []
    for i, row in enumerate(rows):
        desc = _("Self-assessment: %(self)s. Mentor's assessment: %(mentor)s.") % {
            "self": _series_text(labels, row.self_levels),
            "mentor": _series_text(labels, row.mentor_levels),
        }
        svg = panel_svg(
            row,
            labels=labels,
            chart_id=f"{chart_id}-{i}",
            title=_("Self-assessment and the mentor's assessment: %(name)s")
            % {"name": row.competency},
            desc=desc,
        )
        cells = [
            (label, f"{level_text(own)} / {level_text(mentor)}")
            for label, own, mentor in zip(
                labels, row.self_levels, row.mentor_levels, strict=True
            )
        ]
        panels.append(Panel(row.competency, svg, cells))
    return PageChart(labels, panels)
