"""Providers' pages: the list, the catalogue upload form with its report row by row, and coverage.

The form posts to the server and goes through the same checks and the same atomic write
as ``POST /providers/{id}/courses`` (api.writes.check_and_write); the key is a
form field instead of a header. "Check only" validates without writing.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from starlette.datastructures import UploadFile

from kg.core import namespaces as ns
from kg.core.settings import get_settings
from kg.core.terms import integer
from kg.pipeline.contrib import read_about
from kg.services import read_models
from kg.services.problems import Problem
from kg.services.providers import provider_iri, registered
from kg.services.refs import collect_labels, ref, run
from kg.store import GraphStore
from kg.store.templates import select

from ..deps import store_of
from ..problems import ProblemError
from ..writes import authorize_token, check_and_write
from .browse import schemes
from .render import render

router = APIRouter(include_in_schema=False)


def providers(store: GraphStore) -> list[dict[str, Any]]:
    """Providers in the graph, and those registered for uploads (``dkk providers add``) that have
    not uploaded yet: only those take uploads; the shipped example providers are read-only."""
    rows = select(store, "ui/providers").rows
    labels = collect_labels(rows, [("provider", "label")])
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(
            str(r["provider"]),
            {
                **ref(r["provider"], labels),
                "example": str(r.get("status", "")).endswith("#Example"),
                "courses": integer(r["courses"]),
                "writable_id": None,
                "in_graph": True,
            },
        )
    contrib_dir = get_settings().contrib_dir_resolved()
    for owner in registered(contrib_dir):
        iri = provider_iri(owner)
        if str(iri) not in out:
            about = read_about(contrib_dir, owner) or Graph()
            names = {
                o.language or "": str(o) for o in about.objects(iri, SKOS.prefLabel) if isinstance(o, Literal)
            }
            example = (iri, ns.DKK.status, ns.DKK.Example) in about
            out[str(iri)] = {**ref(iri), "label": names, "example": example, "courses": 0, "in_graph": False}
        out[str(iri)]["writable_id"] = owner
    return sorted(out.values(), key=lambda p: (p["writable_id"] is None, p["iri"]))


def _page(request: Request, chosen: str, status: int = 200, **context: Any) -> Response:
    store = store_of(request)
    return render(
        request, "providers.html", status=status, providers=providers(store), chosen=chosen, **context
    )


@router.get("/ui/providers", response_class=HTMLResponse)
def provider_list(request: Request, provider: str = Query("", max_length=63)) -> Response:
    """``?provider=`` preselects a provider in the upload form."""
    return _page(request, provider)


@router.post("/ui/providers/upload", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    form = await request.form()
    provider_id = str(form.get("provider") or "").strip()
    dry_run = form.get("action") != "upload"
    mode = "merge" if form.get("mode") == "merge" else "replace"
    sent = form.get("file")
    filename = sent.filename or "" if isinstance(sent, UploadFile) else ""
    context: dict[str, Any] = {"mode": mode, "dry_run": dry_run, "filename": filename}
    try:
        if not provider_id:
            raise ProblemError(
                422, "No provider", "Choose the provider the catalogue belongs to.", field="provider"
            )
        if not isinstance(sent, UploadFile) or not filename:
            raise ProblemError(
                422, "No file", "Choose a catalogue file (CSV, Turtle or JSON-LD).", field="file"
            )
        key_id = authorize_token(str(form.get("key") or "").strip(), provider_id)
        data = await sent.read()
        result = await check_and_write(
            request, provider_id, key_id, data, filename, sent.content_type, mode, dry_run
        )
    except ProblemError as exc:
        problems = [Problem(**p) for p in exc.extra.get("problems", [])]
        error = {
            "status": exc.status,
            "title": exc.title,
            "detail": exc.detail,
            "field": exc.extra.get("field"),
        }
        return await run_in_threadpool(
            _page, request, provider_id, exc.status, error=error, problems=problems, **context
        )
    return await run_in_threadpool(_page, request, provider_id, result=result, **context)


@router.get("/ui/providers/{provider_id:path}/coverage", response_class=HTMLResponse)
def coverage(provider_id: str, request: Request) -> Response:
    """What a provider's courses teach, framework by framework, and which competences none teaches."""
    data = read_models.provider_coverage(store_of(request), provider_id)
    store = store_of(request)
    taught = {c["competence"]["iri"]: c for c in data["competences"]}
    frameworks = []
    for scheme in schemes(store):
        if not scheme["iri"].startswith(get_settings().base_iri):
            continue  # ESCO's skills are reached through mappings, not taught directly
        rows = run(store, "concepts", framework=URIRef(scheme["iri"]))
        labels = collect_labels(rows, [("concept", "label")])
        competences = {
            str(r["concept"]): {**ref(r["concept"], labels), "notation": str(r.get("notation", ""))}
            for r in rows
            if str(r["kind"]).endswith("#Competence")
        }
        covered = [{**c, **taught[i]} for i, c in competences.items() if i in taught]
        missing = [c for i, c in competences.items() if i not in taught]
        frameworks.append({"scheme": scheme, "covered": covered, "missing": missing})
    known = {p["iri"]: p for p in providers(store)}  # store: provider_coverage checked it is open
    provider = known.get(data["provider"]["iri"]) or data["provider"]
    return render(request, "coverage.html", provider=provider, frameworks=frameworks, data=data)
