"""A profile as a radar chart in SVG: one axis per requirement, required against current.

Each axis is scaled to the top rank of its competence's scale, so DigComp 3.0's
four levels and DigComp 2.2's eight share one picture. Plain SVG, no script: it
renders in any browser and reads out through its title, description and labels.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from kg.services.codes import CodeBook
    from kg.services.gap import GapRow
    from kg.services.profiles import ResolvedProfile

WIDTH, HEIGHT, CX, CY, RADIUS = 960, 640, 480, 330, 200
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
    legend = [("required", REQUIRED, "Krævet" if lang == "da" else "Required")]
    if any(a.get("current") is not None for a in axes):
        legend.append(("current", CURRENT, "Nuværende" if lang == "da" else "Current"))
    for j, (_, colour, text) in enumerate(legend):
        parts.append(
            f'<rect x="20" y="{20 + 22 * j}" width="14" height="14" fill="{colour}"/>'
            f'<text x="40" y="{32 + 22 * j}" font-family="sans-serif" font-size="13" '
            f'fill="#1a1a1a">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _description(axes: list[dict], lang: str) -> str:
    if lang == "da":
        rows = [
            f"{a['label']}: krævet {a['required']} af {a['top']}"
            + (f", nuværende {a['current']}" if a.get("current") is not None else "")
            for a in axes
        ]
    else:
        rows = [
            f"{a['label']}: required {a['required']} of {a['top']}"
            + (f", current {a['current']}" if a.get("current") is not None else "")
            for a in axes
        ]
    return "; ".join(rows)


def profile_chart(
    book: CodeBook, profile: ResolvedProfile, rows: list[GapRow] | None, lang: str, ids: str = ""
) -> str:
    """The profile's radar chart, with current levels when ``rows`` (a gap analysis) are given."""
    current = {r.requirement.competence: r.current for r in rows} if rows is not None else {}
    axes = [
        {
            "competence": q.competence,
            "label": q.labels.get(lang) or q.labels.get("en") or q.competence,
            "required": q.rank,
            "top": book.top_rank(book.rank_of.get(q.level, (0, ""))[1]) or q.rank,
            "current": current.get(q.competence) if rows is not None else None,
        }
        for q in profile.requirements
    ]
    title = ("Kompetenceprofil: " if lang == "da" else "Competence profile: ") + profile.profile.rsplit(
        "/", 1
    )[-1]
    return radar(title, axes, lang, ids)
