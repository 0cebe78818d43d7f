"""The SPARQL editor page, the data page (dumps, graphs, example data) and /docs served locally.

The editor is YASGUI from npm (web/package.json), served from /static/vendor; it talks only to
this server's /sparql. Without JavaScript, or where `make` found no npm, the same page offers a
plain form whose answer downloads in the chosen format.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import APIRouter, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from kg.services import dataset
from kg.services.graph_catalogue import graph_rows
from kg.services.research_queries import all_queries
from kg.store.dumps import DUMP_FORMATS

from ..deps import settings_of, sizes_of, store_of, ui_lang
from ..memo import memo
from .render import SECURITY_HEADERS, STATIC, render, vendored

router = APIRouter(include_in_schema=False)

RESULT_FORMATS = ["csv", "json", "tsv", "xml"]


@router.get("/ui/query", response_class=HTMLResponse)
def query_page(request: Request) -> Response:
    lang = ui_lang(request)
    examples = [
        dict(
            zip(("title", "description", "lang"), q.in_language(lang), strict=True), name=q.name, query=q.text
        )
        for q in all_queries(settings_of(request).queries_dir)
    ]
    return render(
        request,
        "query.html",
        examples=examples,
        formats=RESULT_FORMATS,
        editor=vendored("yasgui"),
        limits={
            "rows": settings_of(request).sparql_result_limit,
            "seconds": f"{settings_of(request).sparql_timeout:g}",
        },
    )


@router.get("/ui/data", response_class=HTMLResponse)
def data_page(request: Request) -> Response:
    store = store_of(request)
    sizes = sizes_of(request)
    lang = ui_lang(request)
    examples = memo(request, ("example graphs", lang), lambda: dataset.example_graphs(store, lang))
    return render(
        request,
        "data.html",
        total=sum(sizes.values()),
        graphs=memo(request, ("graph rows", lang), lambda: graph_rows(store, sizes, lang)),
        examples=examples,
        dumps=list(DUMP_FORMATS.values()),
    )


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    """Browsers ask for it on every page without an icon link (the Linked Data pages, /sparql)."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/docs")
def docs(request: Request) -> Response:
    """Swagger UI from the vendored npm package: FastAPI's default page loads it from a CDN."""
    if not vendored("swagger-ui"):
        return render(request, "docs_unavailable.html")
    page = get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title=request.app.title + " – API",
        swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )
    html = bytes(page.body).decode()
    # The page starts Swagger UI with one inline script: allow exactly that script by its hash.
    inline = [m for m in re.findall(r"<script>(.*?)</script>", html, re.S)]
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
    )
    csp = SECURITY_HEADERS["Content-Security-Policy"].replace(
        "script-src 'self'", f"script-src 'self' {hashes}"
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": csp})  # the middleware adds the rest
