"""Conversion between pyoxigraph and rdflib terms.

Oxigraph parses and queries; rdflib carries the graph through owlrl and pyshacl.
Keeping the conversion in one module keeps both sides honest about literals,
blank nodes and datatypes.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# The same IRIs come back again and again (predicates, classes, competences, levels, a catalogue's
# courses on each step of an upload): each is checked and built once. rdflib validates every new
# URIRef, a tenth of a 1,000-course upload's time. Both kinds of term are immutable, so one instance
# serves every caller.
_uriref = lru_cache(maxsize=1 << 17)(URIRef)
_named_node = lru_cache(maxsize=1 << 17)(ox.NamedNode)


def is_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI (RFC 3987, as Oxigraph parses it): what a parameter must be
    before it becomes a query binding, since the store refuses any other."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    if isinstance(term, ox.NamedNode):
        return _uriref(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=_uriref(dt))
    raise TypeError(f"unsupported term {term!r}")


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return _named_node(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _RDF_LANGSTRING:
            return ox.Literal(str(term), datatype=_named_node(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def to_ox_quad(s: Node, p: Node, o: Node | OxTerm, graph: ox.NamedNode | ox.DefaultGraph) -> ox.Quad:
    """An rdflib triple as an Oxigraph quad in ``graph`` (the object may be converted already); a literal
    subject or a non-IRI predicate is a TypeError, as RDF has it."""
    subject, predicate = to_ox(s), to_ox(p)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise TypeError(f"not an RDF triple: {s!r} {p!r}")
    obj = o if isinstance(o, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) else to_ox(o)
    return ox.Quad(subject, predicate, obj, graph)


def integer(node: Node) -> int:
    """A query answer's integer (a count, a rank): rdflib's Node types carry no int conversion."""
    return int(str(node))


def decimal(node: Node) -> float:
    return float(str(node))
