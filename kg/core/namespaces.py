"""Namespaces and the IRIs we mint, in one place so no module spells them twice.

Our own IRIs follow the configured base (``Settings.base_iri``; the shipped Turtle
is written with the default base and rewritten on load when it differs). They are
therefore not constants: ``DKK``, ``ID``, ``GRAPH``, ``BASE``, the graph IRIs and
``PREFIXES`` are computed on first use from the base the composition root set with
:func:`configure` (the app factory, the CLI), so importing a module reads no
settings. Read them as ``ns.ID`` at call time; a process serves one base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg.core.settings import DEFAULT_BASE_IRI, get_settings

ESCO = Namespace("http://data.europa.eu/esco/model#")
ESCO_SKILL = Namespace("http://data.europa.eu/esco/skill/")
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")
LANG = Namespace("http://id.loc.gov/vocabulary/iso639-1/")

LICENCE_CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_ESCO = "https://esco.ec.europa.eu/en/about-esco/data-science-and-esco/esco-licence"

STANDARD: dict[str, str] = {
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "prov": str(PROV),
    "dcat": str(DCAT),
    "void": str(VOID),
    "esco": str(ESCO),
    "elm": str(ELM),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sh": str(SH),
}

# The shipped data files are written with the default base (importers, the benchmark's generator), and
# rewritten to the configured one on load.
SHIPPED_DKK = Namespace(DEFAULT_BASE_IRI + "ontology#")
SHIPPED_ID = Namespace(DEFAULT_BASE_IRI + "id/")
SHIPPED_PREFIXES = {"dkk": str(SHIPPED_DKK), "id": str(SHIPPED_ID), **STANDARD}

_base: str | None = None
_derived: dict[str, Any] = {}


def configure(base_iri: str) -> None:
    """Set the base every IRI we mint starts with (before the first request or build)."""
    global _base
    _base = base_iri
    _derived.clear()


def base() -> str:
    if _base is None:  # a library user who set no base: the settings', read now, not at import
        configure(get_settings().base_iri)
    assert _base is not None
    return _base


def _derive() -> dict[str, Any]:
    b = base()
    dkk, ident, graph = Namespace(b + "ontology#"), Namespace(b + "id/"), Namespace(b + "graph/")
    return {
        "BASE": b,
        "DKK": dkk,
        "ID": ident,
        "GRAPH": graph,
        "INFERRED_GRAPH": graph["inferred"],
        "ONTOLOGY_GRAPH": graph["ontology"],
        "SHAPES_GRAPH": graph["shapes"],
        "PREFIXES": {"dkk": str(dkk), "id": str(ident), **STANDARD},
    }


_NAMES = frozenset(
    {"BASE", "DKK", "ID", "GRAPH", "INFERRED_GRAPH", "ONTOLOGY_GRAPH", "SHAPES_GRAPH", "PREFIXES"}
)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:  # (the import system asks for __path__ and the like: no settings for those)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if not _derived:
        _derived.update(_derive())
    return _derived[name]


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, so templates stay short."""
    return "".join(f"PREFIX {p}: <{n}>\n" for p, n in __getattr__("PREFIXES").items())


if TYPE_CHECKING:  # the derived names' types; at run time __getattr__ serves them
    BASE: str
    DKK: Namespace
    ID: Namespace
    GRAPH: Namespace
    INFERRED_GRAPH: URIRef
    ONTOLOGY_GRAPH: URIRef
    SHAPES_GRAPH: URIRef
    PREFIXES: dict[str, str]
