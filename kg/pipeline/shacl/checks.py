"""The value checks of SHACL Core, one function per constraint component, on pyoxigraph terms.

Each follows pySHACL's reading of the spec where the spec leaves room (datatype
well-formedness through rdflib's ``ill_typed``; ``sh:pattern`` with Python's
``re``; ``sh:uniqueLang`` compared case-insensitively), so both engines report
the same results.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache

import pyoxigraph as ox

from kg.core.terms import OxTerm, to_rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDFS_LITERAL = "http://www.w3.org/2000/01/rdf-schema#Literal"
RDFS_DATATYPE = "http://www.w3.org/2000/01/rdf-schema#Datatype"
# The Python value rdflib must produce for a well-formed literal of these datatypes (as pySHACL).
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    XSD + "string": (str, bytes),
    RDF_LANGSTRING: (str, bytes),
    XSD + "integer": (int,),
    XSD + "float": (float,),
    XSD + "decimal": (Decimal,),
    XSD + "boolean": (bool,),
    XSD + "date": (datetime.date,),
    XSD + "time": (datetime.time,),
    XSD + "dateTime": (datetime.datetime,),
}

# Oxigraph 0.5 stores every integer-derived datatype as xsd:integer ("1"^^xsd:positiveInteger
# comes back as "1"^^xsd:integer), so sh:datatype could not see them. Data loaded for
# validation carries these datatypes under a stand-in IRI that Oxigraph keeps as it is.
KEPT = "urn:dkk:datatype:"
_COLLAPSED = {
    XSD + name
    for name in [
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}


def keep(term: OxTerm) -> OxTerm:
    """``term`` with its datatype shielded from Oxigraph's integer normalisation (see KEPT)."""
    if isinstance(term, ox.Literal) and term.datatype.value in _COLLAPSED:
        return ox.Literal(term.value, datatype=ox.NamedNode(KEPT + term.datatype.value))
    return term


def unkeep(term: OxTerm) -> OxTerm:
    if isinstance(term, ox.Literal) and term.datatype.value.startswith(KEPT):
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype.value.removeprefix(KEPT)))
    return term


def datatype(v: Term, dt: ox.NamedNode) -> bool:
    if not isinstance(v, ox.Literal):
        return False
    shown = unkeep(v)
    assert isinstance(shown, ox.Literal)
    v = shown
    want = dt.value
    if want == RDFS_LITERAL:
        return True
    has = v.datatype.value
    if want == RDFS_DATATYPE:  # rdflib gives plain and language-tagged literals no datatype
        return has not in (XSD + "string", RDF_LANGSTRING)
    if has != want:
        return False
    lit = to_rdflib(v)
    if getattr(lit, "ill_typed", None) is True:
        return False
    expected = _PYTHON_TYPES.get(want)
    return expected is None or isinstance(getattr(lit, "value", None), expected)


_KINDS: dict[str, tuple[type, ...]] = {
    "IRI": (ox.NamedNode,),
    "BlankNode": (ox.BlankNode,),
    "Literal": (ox.Literal,),
    "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode),
    "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
    "IRIOrLiteral": (ox.NamedNode, ox.Literal),
}


def node_kind(v: Term, kind: ox.NamedNode) -> bool:
    return isinstance(v, _KINDS[kind.value.rsplit("#", 1)[-1]])


@cache
def _regex(pattern: str, flags: str) -> re.Pattern[str]:
    f = 0
    for ch, bit in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)):
        if ch in flags:
            f |= bit
    return re.compile(pattern, f)


def pattern(v: Term, regex: str, flags: str = "") -> bool:
    return not isinstance(v, ox.BlankNode) and _regex(regex, flags).search(v.value) is not None


def in_list(v: Term, values: list[Term]) -> bool:
    return v in values


def language_in(v: Term, ranges: list[str]) -> bool:
    if not isinstance(v, ox.Literal) or not v.language:
        return False
    lang = v.language.lower()
    for r in ranges:
        r = r.lower()
        if r == "*" or lang == r or lang.startswith(r + "-"):
            return True
    return False


def length(v: Term, bound: int, at_least: bool) -> bool:
    if isinstance(v, ox.BlankNode):
        return False
    n = len(v.value)
    return n >= bound if at_least else n <= bound


def duplicate_languages(values: list[Term]) -> list[str]:
    """Each language tag (case-insensitive) that two or more values carry: one result each."""
    seen: set[str] = set()
    dups: list[str] = []
    for v in values:
        if isinstance(v, ox.Literal) and v.language:
            lang = v.language.lower()
            if lang in seen and lang not in dups:
                dups.append(lang)
            seen.add(lang)
    return dups


ValueCheck = Callable[[Term, object], bool]
VALUE_CHECKS: dict[str, ValueCheck] = {
    "DatatypeConstraintComponent": datatype,  # type: ignore[dict-item]
    "NodeKindConstraintComponent": node_kind,  # type: ignore[dict-item]
    "InConstraintComponent": in_list,  # type: ignore[dict-item]
    "LanguageInConstraintComponent": language_in,  # type: ignore[dict-item]
    "MinLengthConstraintComponent": lambda v, n: length(v, n, True),  # type: ignore[arg-type]
    "MaxLengthConstraintComponent": lambda v, n: length(v, n, False),  # type: ignore[arg-type]
}
