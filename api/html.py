"""Minimal, accessible HTML for people who open an IRI in a browser (no JavaScript needed).

These are the raw views (every triple of a resource or graph); the site under /ui/ has the
readable pages, and the header links there.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from rdflib import BNode, Literal
from rdflib.term import Node

from kg.core.settings import get_settings

STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.45}a{color:#0b4f9c}table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ccc;padding:.3rem .5rem}
code{font-size:.9em}.muted{color:#555}.example{background:#fff3cd;border:1px solid #b58900;
padding:.5rem}"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def local_path(iri: str) -> str | None:
    """The path on this server that serves ``iri``, if it is one of ours."""
    base = get_settings().base_iri
    if not iri.startswith(base):
        return None
    rest = iri[len(base) :]
    for prefix in ("ontology#", "shapes#"):
        if rest.startswith(prefix):
            return "/" + rest.split("#")[0] + "#" + rest.split("#", 1)[1]
    return "/" + rest


def pick_with_lang(labels: dict[str, str] | None, lang: str) -> tuple[str, str]:
    """The label to show and its language: the reader's, else English, Danish, any; ("", "") if none."""
    labels = labels or {}
    for code in (lang, "en", "da"):
        if labels.get(code):
            return labels[code], code
    return next(((value, code) for code, value in labels.items() if value), ("", ""))


def pick(labels: dict[str, str], lang: str, fallback: str) -> str:
    return pick_with_lang(labels, lang)[0] or fallback


def term_html(term: Node, labels: dict[str, dict[str, str]], lang: str) -> str:
    if isinstance(term, Literal):
        tag = f' lang="{esc(term.language)}"' if term.language else ""
        suffix = f' <span class="muted">@{esc(term.language)}</span>' if term.language else ""
        if term.datatype and not term.language:
            suffix = f' <span class="muted">^^{esc(str(term.datatype).rsplit("#", 1)[-1])}</span>'
        return f"<span{tag}>{esc(term)}</span>{suffix}"
    if isinstance(term, BNode):
        return f'<span class="muted">_:{esc(term)}</span>'
    iri = str(term)
    text = pick(labels.get(iri, {}), lang, iri)
    href = local_path(iri) or iri
    title = f' title="{esc(iri)}"' if text != iri else ""
    return f'<a href="{esc(href)}"{title}>{esc(text)}</a>'


def page(title: str, body: str, lang: str = "en", alternates: Iterable[tuple[str, str]] = ()) -> str:
    alt = "".join(f'<link rel="alternate" type="{esc(t)}" href="{esc(h)}">' for t, h in alternates)
    alt_links = " · ".join(f'<a href="{esc(h)}">{esc(t)}</a>' for t, h in alternates)
    formats = f'<p class="muted">Also as: {alt_links}</p>' if alt_links else ""
    return f"""<!doctype html>
<html lang="{esc(lang)}"><head><meta charset="utf-8"><title>{esc(title)} – DKK</title>
<meta name="viewport" content="width=device-width, initial-scale=1">{alt}<style>{STYLE}</style>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"></head>
<body><header><nav aria-label="site"><a href="/">DKK</a> · <a href="/ui/frameworks">Frameworks</a> ·
<a href="/ui/query">SPARQL</a> · <a href="/ui/data">Data</a> · <a href="/ontology">Ontology</a> ·
<a href="/docs">API</a></nav></header>
<main><h1>{esc(title)}</h1>{formats}{body}</main></body></html>"""
