"""A profile as a chart in SVG, required against current: a radar, or bars.

Each axis is scaled to the top rank of its competence's scale, so DigComp 3.0's
four levels and DigComp 2.2's eight share one picture. Plain SVG, no script: it
renders in any browser and reads out through its title, description and labels.

A radar reads well on a wide screen with a few requirements; with many, or on a phone (where a radar
drawn for 960 px shrinks its labels to 4 px), one bar per requirement reads better: its label on a line
of its own above the bar, drawn at the size it is shown (320 px wide), so its text stays 13 px.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from kg.core.errors import said
from kg.services.refs import pick_with_lang

if TYPE_CHECKING:
    from kg.services.codes import CodeBook
    from kg.services.gap import GapRow
    from kg.services.profiles import ResolvedProfile

WIDTH, HEIGHT, CX, CY, RADIUS = 960, 640, 480, 330, 200
RADAR_MAX = 8  # more requirements than this: bars on every screen
BAR_WIDTH, BAR_ROW, BAR_LEFT, BAR_RIGHT = 320, 46, 8, 312
AREA_ROW = 26  # an area's heading among the bars
REQUIRED, CURRENT = "#0b4f9c", "#b35900"  # WCAG AA contrast on white


def _point(i: int, n: int, share: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return (
        round(CX + RADIUS * share * math.cos(angle), 1),
        round(CY + RADIUS * share * math.sin(angle), 1),
    )


def radar(title: str, axes: list[dict], lang: str = "en", ids: str = "") -> str:
    """``axes``: dicts with competence (IRI), label, required, top (scale's top rank), current (or None).

    ``ids`` prefixes the element ids, so that several charts can sit inline in one HTML page."""
    n = max(len(axes), 3)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{ids}t {ids}d" lang={quoteattr(lang)}>',
        f'<title id="{ids}t">{escape(title)}</title>',
        f'<desc id="{ids}d">{escape(_description(axes, lang))}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(f"{x},{y}" for x, y in (_point(i, n, ring) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#bbbbbb" stroke-width="1"/>')
    for i, axis in enumerate(axes):
        x, y = _point(i, n, 1.0)
        lx, ly = _point(i, n, 1.12)
        anchor = "middle" if abs(lx - CX) < 20 else ("start" if lx > CX else "end")
        label = axis["label"] if len(axis["label"]) <= 34 else axis["label"][:32] + "…"
        parts.append(f'<line x1="{CX}" y1="{CY}" x2="{x}" y2="{y}" stroke="#999999" stroke-width="1"/>')
        parts.append(
            f'<text x="{lx}" y="{ly}" font-family="sans-serif" font-size="12" fill="#1a1a1a" '
            f'text-anchor="{anchor}" data-competence={quoteattr(axis["competence"])}>'
            f"<title>{escape(axis['label'])}</title>{escape(label)}</text>"
        )
    for key, colour, name in (("required", REQUIRED, "required"), ("current", CURRENT, "current")):
        if all(a.get(key) is None for a in axes):
            continue
        pts = " ".join(
            f"{x},{y}"
            for x, y in (_point(i, n, (a.get(key) or 0) / max(a["top"], 1)) for i, a in enumerate(axes))
        )
        parts.append(
            f'<polygon class={quoteattr(name)} points="{pts}" fill="{colour}" fill-opacity="0.18" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    parts += _legend(axes, lang)
    parts.append("</svg>")
    return "\n".join(parts)


def bars(title: str, axes: list[dict], lang: str = "en", ids: str = "") -> str:
    """The same ``axes`` as ``radar``, one row each: the label, then a bar to the required level (blue)
    and a dot at the current one (orange), on the scale's share."""
    top = 58
    headed = [i for i, a in enumerate(axes) if a.get("area") and (i == 0 or a["area"] != axes[i - 1]["area"])]
    height = top + BAR_ROW * len(axes) + AREA_ROW * len(headed) + 8
    span = BAR_RIGHT - BAR_LEFT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BAR_WIDTH} {height}" width="{BAR_WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="{ids}t {ids}d" lang={quoteattr(lang)}>',
        f'<title id="{ids}t">{escape(title)}</title>',
        f'<desc id="{ids}d">{escape(_description(axes, lang))}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    parts += _legend(axes, lang, x=BAR_LEFT, y=8)
    y = top - BAR_ROW
    for i, axis in enumerate(axes):
        y += BAR_ROW
        if i in headed:  # the area's name above its competences
            area = axis["area"] if len(axis["area"]) <= 34 else axis["area"][:32] + "…"
            parts.append(
                f'<text x="{BAR_LEFT}" y="{y + 16}" font-family="sans-serif" font-size="14" '
                f'font-weight="bold" fill="#1a1a1a"><title>{escape(axis["area"])}</title>'
                f"{escape(area)}</text>"
            )
            y += AREA_ROW
        label = axis["label"] if len(axis["label"]) <= 44 else axis["label"][:42] + "…"
        share = axis["required"] / max(axis["top"], 1)
        parts.append(
            f'<text x="{BAR_LEFT}" y="{y + 13}" font-family="sans-serif" font-size="13" fill="#1a1a1a" '
            f"data-competence={quoteattr(axis['competence'])}><title>{escape(axis['label'])}</title>"
            f"{escape(label)}</text>"
        )
        parts.append(f'<rect x="{BAR_LEFT}" y="{y + 20}" width="{span}" height="14" fill="#eeeeee"/>')
        parts.append(
            f'<rect class="required" x="{BAR_LEFT}" y="{y + 20}" width="{round(span * share, 1)}" '
            f'height="14" fill="{REQUIRED}" fill-opacity="0.85"/>'
        )
        if axis.get("current") is not None:
            cx = round(BAR_LEFT + span * min(axis["current"] / max(axis["top"], 1), 1.0), 1)
            parts.append(
                f'<circle class="current" cx="{cx}" cy="{y + 27}" r="7" fill="{CURRENT}" '
                'stroke="#ffffff" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(axes: list[dict], lang: str, x: int = 20, y: int = 20) -> list[str]:
    legend = [("required", REQUIRED, said("chart.required", lang))]
    if any(a.get("current") is not None for a in axes):
        legend.append(("current", CURRENT, said("chart.current", lang)))
    return [
        f'<rect x="{x}" y="{y + 22 * j}" width="14" height="14" fill="{colour}"/>'
        f'<text x="{x + 20}" y="{y + 12 + 22 * j}" font-family="sans-serif" font-size="13" '
        f'fill="#1a1a1a">{escape(text)}</text>'
        for j, (_, colour, text) in enumerate(legend)
    ]


def _description(axes: list[dict], lang: str) -> str:
    return "; ".join(
        said(
            "chart.row.current" if a.get("current") is not None else "chart.row",
            lang,
            {"label": a["label"], "required": a["required"], "top": a["top"], "current": a.get("current")},
        )
        for a in axes
    )


def profile_chart(
    book: CodeBook, profile: ResolvedProfile, rows: list[GapRow] | None, lang: str, ids: str = ""
) -> str:
    """The profile's radar chart, with current levels when ``rows`` (a gap analysis) are given."""
    title, axes = _axes(book, profile, rows, lang)
    return radar(title, axes, lang, ids)


def profile_charts(
    book: CodeBook,
    profile: ResolvedProfile,
    rows: list[GapRow] | None,
    lang: str,
    ids: str = "",
    name: str | None = None,
    area_of: Callable[[str], str | None] | None = None,
) -> str:
    """What a page shows: the radar for wide screens and bars for phones (the page's stylesheet shows
    one), or bars alone when there are more than RADAR_MAX requirements; ``name`` is the profile's
    label in the reader's language, ``area_of`` names a competence's area, to group the bars by."""
    title, axes = _axes(book, profile, rows, lang, name, area_of)
    if len(axes) > RADAR_MAX:
        return f'<div class="chart-bars">{bars(title, axes, lang, ids)}</div>'
    narrow = f'<div class="chart-narrow">{bars(title, axes, lang, ids + "bars-")}</div>'
    return f'<div class="chart-wide">{radar(title, axes, lang, ids)}</div>{narrow}'


def _axes(
    book: CodeBook,
    profile: ResolvedProfile,
    rows: list[GapRow] | None,
    lang: str,
    name: str | None = None,
    area_of: Callable[[str], str | None] | None = None,
) -> tuple[str, list[dict]]:
    current = {r.requirement.competence: r.current for r in rows} if rows is not None else {}
    axes = [
        {
            "competence": q.competence,
            "label": pick_with_lang(q.labels, lang)[0] or q.competence,
            "required": q.rank,
            "top": book.top_rank(book.rank_of.get(q.level, (0, ""))[1]) or q.rank,
            "current": current.get(q.competence) if rows is not None else None,
        }
        for q in profile.requirements
    ]
    title = said("chart.title", lang, {"name": name or profile.profile.rsplit("/", 1)[-1]})
    if area_of is not None:  # by area, in the order the areas first come (the page's order)
        for axis in axes:
            axis["area"] = area_of(str(axis["competence"])) or ""
        first = {area: i for i, area in reversed(list(enumerate(a["area"] for a in axes)))}
        axes.sort(key=lambda a: first[a["area"]])
    return title, axes
