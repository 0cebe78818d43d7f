"""Rendering the site's pages: Jinja2 templates, the reader's language, and the security headers.

Every page is complete HTML from the server, so reading works without JavaScript;
scripts only enhance (search as you type, the SPARQL editor). The Content-Security-Policy
forbids any request outside this server, so a page that tried one would fail loudly in
the browser tests rather than leak a reader's visit to a CDN.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from rdflib import BNode, Literal
from rdflib.term import Node

from kg import __version__
from kg.services.refs import local_name

from ..accounts import SESSION_COOKIE, form_token, keep_form_token, signed_in
from ..app_settings import settings_of
from ..deps import LANG_COOKIE, ui_lang
from ..labels import local_path, pick_with_lang
from .i18n import decimal, message, text, written
from .i18n.dynamic import PROBLEM_TITLES

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Set on every HTML answer by the app's middleware (api/app.py); a page may set a stricter one.
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def vendored(name: str) -> bool:
    """Whether `make` installed a front-end package (needs npm); pages fall back without it."""
    return (VENDOR / name).is_dir()


def _label(labels: dict[str, str] | None, lang: str, fallback: str = "") -> Markup:
    """A label marked with its language when it differs from the page's (screen readers switch voice)."""
    value, code = pick_with_lang(labels, lang)
    if not value:
        return escape(fallback)
    if code and code != lang:
        return Markup('<span lang="{}">{}</span>').format(code, value)
    return escape(value)


def _text(texts: dict[str, str] | None, lang: str) -> Markup:
    """A longer text (a description, a statement, terms of use): marked with its language when it is not the
    reader's, with a short note in the reader's language that its publisher gives no text in it."""
    value, code = pick_with_lang(texts, lang)
    if not value or not code or code == lang:
        return escape(value)
    note_key = "lang.only." + code  # (listed in .i18n.dynamic)
    note = text(note_key, lang)
    return Markup('<span lang="{}">{}</span> <span class="lang-note">({})</span>').format(code, value, note)


def _message(key: str, lang: str, n: int | None, values: dict[str, Any]) -> Markup:
    """A message for a page: its text escaped, and its placeholders filled with values escaped unless
    the template made them markup (a command in <code>, a key in <kbd>), which a translator can then
    place anywhere in the sentence; numbers written the reader's way."""
    if n is not None:
        values = {"n": n, **values}
    found = Markup(escape(message(key, lang, n)))
    return found.format(**written(values, lang))  # numbers as the reader writes them: 16.230 in Danish


def term_parts(term: Node, labels: dict[str, dict[str, str]], lang: str) -> dict[str, Any]:
    """What the Linked Data views show of one RDF term (templates/ld_macros.html renders it)."""
    if isinstance(term, Literal):
        datatype = str(term.datatype).rsplit("#", 1)[-1] if term.datatype and not term.language else None
        return {"kind": "literal", "text": str(term), "lang": term.language, "datatype": datatype}
    if isinstance(term, BNode):
        return {"kind": "bnode", "text": str(term)}
    iri = str(term)
    text, text_lang = pick_with_lang(labels.get(iri, {}), lang)
    text = text or iri
    return {
        "kind": "iri",
        "text": text,
        "lang": text_lang if text_lang and text_lang != lang else None,  # (ESCO's English, on a Danish page)
        "href": local_path(iri) or iri,
        "title": iri if text != iri else None,
    }


def concept_href(item: dict[str, Any] | str) -> str:
    iri = item if isinstance(item, str) else item["iri"]
    return "/ui/concept?" + urlencode({"id": item.get("id", iri) if isinstance(item, dict) else iri})


def page_href(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return path + ("?" + query if query else "")


PAGE = 50  # rows per page of a site list


@dataclass(frozen=True)
class Pager:
    """One page of a site list: its rows, where they start, the total, and links to the pages around
    it (templates/macros.html ``pager``). A page shows at most ``PAGE`` rows however long the list
    (the practices page was 600 KB at 1M triples when it showed them all)."""

    items: Sequence[Any]
    offset: int
    total: int
    previous: str | None
    next: str | None

    @property
    def first(self) -> int:
        return self.offset + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.items)


def paged(
    rows: Sequence[Any], offset: int, path: str, total: int | None = None, size: int = PAGE, **params: Any
) -> Pager:
    """Page ``offset`` of ``rows``: ``rows`` is the whole list, or (with ``total``) the page itself."""
    items = rows[offset : offset + size] if total is None else rows
    total = len(rows) if total is None else total
    back = page_href(path, **params, offset=max(0, offset - size) or None) if offset else None
    ahead = page_href(path, **params, offset=offset + size) if offset + size < total else None
    return Pager(items, offset, total, back, ahead)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["label"] = _label
    env.filters["text"] = _text
    env.filters["plain_label"] = lambda labels, lang, fallback="": pick_with_lang(labels, lang)[0] or fallback
    env.filters["local"] = local_name
    # gettext's no-op marker: a key passed on to be translated later (a macro's argument) is marked N_('key')
    # so that Babel's extraction sees it (babel.cfg); it is the key itself.
    env.globals["N_"] = lambda key: key
    env.globals.update(
        concept_href=concept_href,
        page_href=page_href,
        local_path=local_path,
        term_parts=term_parts,
        version=__version__,
        vendored=vendored,
    )
    return env


def switch_href(request: Request, lang: str) -> str:
    params = dict(request.query_params)
    params["lang"] = lang
    return request.url.path + "?" + urlencode(params)


def _who(request: Request) -> object:
    """The signed-in account for the header, if the request has a session cookie (no lookup otherwise)."""
    if SESSION_COOKIE not in request.cookies or not hasattr(request.app.state, "database"):
        return None
    found = signed_in(request)
    return found.account if found is not None else None


def number(value: float | int | str | None, lang: str) -> str:
    """A template's number (num()) as the reader writes it (kg.core.i18n.decimal); text stays text."""
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "" if value is None else str(value)  # (a count not known: "?")
    return decimal(amount, lang)


# CLDR patterns: "6. dec. 2026 kl. 09.27" and "6 Dec 2026, 09:27"; dates alone "6. dec. 2026", "6 Dec 2026"
WHEN = {
    "da": ("d. MMM y 'kl.' HH.mm", "d. MMM y 'kl.' HH.mm.ss", "d. MMM y"),
    "en": ("d MMM y, HH:mm", "d MMM y, HH:mm:ss", "d MMM y"),
}


def when(value: datetime | str | None, lang: str, zone: str, seconds: bool = False, day: bool = False) -> str:
    """A stored time (UTC, a datetime or ISO text) as the reader writes it, in the deployment's zone."""
    if value is None or value == "":
        return ""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    minutes, with_seconds, date_only = WHEN["da" if lang == "da" else "en"]
    pattern = date_only if day else with_seconds if seconds else minutes
    return format_datetime(at, pattern, tzinfo=ZoneInfo(zone), locale="da_DK" if lang == "da" else "en_GB")


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    lang = ui_lang(request)
    zone = settings_of(request).time_zone
    body = (
        environment()
        .get_template(template)
        .render(
            request=request,
            lang=lang,
            other_lang="en" if lang == "da" else "da",
            t=lambda key, **kw: _message(key, lang, None, kw),
            # ngettext's shape, so Babel extracts both keys (babel.cfg): the form the language's rule picks
            tn=lambda key, _plural, n, **kw: _message(key, lang, n, kw),
            num=lambda value: number(value, lang),
            when=lambda value, **kw: when(value, lang, zone, **kw),
            switch_href=switch_href,
            path=request.url.path,
            who_signed_in=_who(request),
            **context,
        )
    )
    response = HTMLResponse(body, status_code=status, headers={"Vary": "Cookie"})
    if request.query_params.get("lang") in ("da", "en"):  # the switch: remembered for the next pages
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def render_problem(request: Request, status: int, title: str, detail: str, extra: dict[str, Any]) -> Response:
    """A problem (see api.problems) as a page of the site, with the same status code."""
    return render(
        request,
        "problem.html",
        status=status,
        code=status,
        titled=status in PROBLEM_TITLES,
        title=title,
        detail=detail,
        extra=extra,
    )


def refused_page(request: Request, error: Any) -> Response:
    """A refusal (kg.services.accounts.AccountError) as a page in the reader's words, with a way back to
    the part of the site it came from (/ui/dialogues, /ui/tailoring, /ui/account)."""
    back = "/".join(request.url.path.split("/")[:3])
    return private_page(request, "refused.html", status=error.status, error=error, back=back)


def private_page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    """A page of one's own (account, dialogues): with its forms' CSRF token, never cached anywhere."""
    response = render(request, template, status=status, csrf=form_token(request), **context)
    response.headers["Cache-Control"] = "no-store"
    return keep_form_token(request, response)
