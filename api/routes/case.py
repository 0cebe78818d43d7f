"""1EdTech CASE 1.1 (the read side of its REST binding): documents, packages and items, for CASE tools.

Identifiers are CASE UUIDs derived from our IRIs (kg.services.case); text in English or Danish
(``lang``). Answers are kept per data version (api.memo), as a package is a few hundred objects built
from several queries.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from kg.services import case

from ..deps import lookups_of, store_of
from ..memo import memo

router = APIRouter(prefix="/" + case.CASE_PATH.rstrip("/"), tags=["CASE 1.1"])
LANG = Query("en", pattern="^(da|en)$", description="The language of the text: en or da.")


@router.get("/CFDocuments", summary="Every framework and profile as a CASE CFDocument")
def cf_documents(request: Request, lang: str = LANG) -> dict[str, Any]:
    return memo(
        request, ("case documents", lang), lambda: {"CFDocuments": case.documents(store_of(request), lang)}
    )


@router.get("/CFDocuments/{identifier}", summary="One CFDocument")
def cf_document(identifier: str, request: Request, lang: str = LANG) -> dict[str, Any]:
    return cf_package(identifier, request, lang)["CFDocument"]


@router.get("/CFPackages/{identifier}", summary="A framework or profile as a CASE 1.1 CFPackage")
def cf_package(identifier: str, request: Request, lang: str = LANG) -> dict[str, Any]:
    served = _served(request)  # a miss is refused from this list before anything is built (and not kept)
    return memo(
        request,
        ("case package", identifier.lower(), lang),
        lambda: case.package(store_of(request), identifier, lang, lookups_of(request), served),
    )


def _served(request: Request) -> dict[str, tuple[str, str]]:
    """Every document's CASE id -> (IRI, kind), once per data version."""
    return memo(request, ("case documents served",), lambda: case.document_iris(store_of(request)))


def _objects(request: Request, lang: str) -> dict[str, dict[str, dict[str, Any]]]:
    served = _served(request)
    return memo(
        request,
        ("case objects", lang),
        lambda: case.objects(store_of(request), lang, lookups_of(request), served),
    )


@router.get("/CFItems/{identifier}", summary="One CFItem, with the document that holds it")
def cf_item(identifier: str, request: Request, lang: str = LANG) -> dict[str, Any]:
    return case.one(_objects(request, lang), "CFItems", identifier)


@router.get("/CFAssociations/{identifier}", summary="One CFAssociation, with the document that holds it")
def cf_association(identifier: str, request: Request, lang: str = LANG) -> dict[str, Any]:
    return case.one(_objects(request, lang), "CFAssociations", identifier)
