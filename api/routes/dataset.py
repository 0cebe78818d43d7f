"""The dataset as a whole: its VoID/DCAT description, dumps, and the example research queries."""

from __future__ import annotations

import urllib.parse

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from kg.core.settings import get_settings
from kg.pipeline.build import build_info
from kg.services.dataset import describe
from kg.services.research_queries import all_queries, find
from kg.store.dumps import DUMP_FORMATS, dump_path

from .. import schemas
from ..deps import store_of, ui_lang
from ..html import esc, page
from ..negotiation import choose
from ..problems import ProblemError
from .linked_data import LD_TYPES, rdf_response

router = APIRouter(tags=["Dataset"])


def server_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/dataset", summary="VoID and DCAT description of the dataset", response_class=Response)
def dataset(request: Request) -> Response:
    store = store_of(request)
    info = build_info(get_settings().store_path_resolved()) or {}
    g = describe(store, server_url(request), info.get("built"))
    media_type = choose(request, LD_TYPES)
    if media_type != "text/html":
        return rdf_response(list(g), media_type)
    return HTMLResponse(
        page(
            "Dataset",
            _dataset_html(request, info),
            ui_lang(request),
            [
                (t, f"/dataset?format={f}")
                for t, f in (("text/turtle", "ttl"), ("application/ld+json", "jsonld"))
            ],
        )
    )


def _dataset_html(request: Request, info: dict) -> str:
    graphs = "".join(
        f"<tr><td><a href='/graph/{esc(name.rsplit('/graph/', 1)[-1])}'>{esc(name)}</a></td>"
        f"<td>{esc(n)}</td></tr>"
        for name, n in sorted(info.get("graphs", {}).items())
    )
    dumps = "".join(
        f"<li><a href='/dumps/dkk.{f.ext}'>dkk.{f.ext}</a> – {esc(f.name)}</li>"
        for f in DUMP_FORMATS.values()
    )
    return (
        f"<p>Version {esc(info.get('version', '?'))}, built {esc(info.get('built', '?'))}; "
        f"{esc(info.get('triples', '?'))} triples. Licence: "
        "<a href='https://creativecommons.org/licenses/by/4.0/'>CC BY 4.0</a> for our data; "
        "third-party vocabularies keep theirs (stated on each scheme).</p>"
        f"<h2>Downloads</h2><ul>{dumps}</ul>"
        "<h2>SPARQL</h2><p><a href='/sparql'>/sparql</a> (read-only SPARQL 1.1 Protocol) and "
        "<a href='/queries'>example research queries</a>.</p>"
        f"<h2>Named graphs</h2><table><thead><tr><th scope=col>graph</th><th scope=col>triples</th>"
        f"</tr></thead><tbody>{graphs}</tbody></table>"
    )


@router.get("/dumps", response_model=list[schemas.Dump], summary="The available dumps")
def dumps() -> JSONResponse:
    return JSONResponse(
        [
            {
                "href": f"/dumps/dkk.{f.ext}",
                "mediaType": f.media_type,
                "name": f.name,
                "namedGraphs": f.graphs,
            }
            for f in DUMP_FORMATS.values()
        ]
    )


@router.get("/dumps/dkk.{ext}", summary="Download the whole dataset", response_class=FileResponse)
def dump(ext: str, request: Request) -> FileResponse:
    fmt = DUMP_FORMATS.get(ext)
    if fmt is None:
        raise ProblemError(
            404, "Unknown dump", f"No dump dkk.{ext}; formats: {', '.join(DUMP_FORMATS)}.", field="ext"
        )
    path = dump_path(get_settings().store_path_resolved(), store_of(request), ext)
    return FileResponse(path, media_type=fmt.media_type, filename=f"dkk.{ext}")


@router.get(
    "/queries",
    response_model=list[schemas.ResearchQuery],
    summary="Example research queries",
    responses={200: {"content": {"text/html": {}}}},
)
def queries(request: Request) -> Response:
    items = all_queries(get_settings().queries_dir)
    if "text/html" in request.headers.get("accept", "") and request.query_params.get("format") != "json":
        rows = "".join(
            f"<li><h2>{esc(q.title)}</h2><p>{esc(q.description)}</p><p><a href='/queries/{esc(q.name)}.rq'>"
            f"{esc(q.name)}.rq</a> · <a href='/sparql?format=csv&amp;query="
            f"{esc(urllib.parse.quote(q.text))}'>run (CSV)</a></p></li>"
            for q in items
        )
        return HTMLResponse(page("Example research queries", f"<ul>{rows}</ul>", ui_lang(request)))
    return JSONResponse(
        [
            {"name": q.name, "title": q.title, "description": q.description, "href": f"/queries/{q.name}.rq"}
            for q in items
        ]
    )


@router.get("/queries/{name}.rq", summary="One example research query", response_class=Response)
def research_query(name: str) -> Response:
    q = find(get_settings().queries_dir, name)
    if q is None:
        raise ProblemError(404, "Unknown query", f"There is no example query {name}.rq.", field="name")
    return Response(q.text, media_type="application/sparql-query")
