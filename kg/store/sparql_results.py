"""Serialise pyoxigraph query results in the W3C formats, cut at a row limit.

pyoxigraph's own serialisers cannot stop after N rows, and the public endpoint
must bound every answer. So a SELECT is first written by Oxigraph (fast, in
Rust) into a buffer that refuses more bytes than the limit could need, and the
rows are counted in the bytes (exactly, or from above where a string value could
hold the separator); only an answer that may pass the limit is written again
here, row by row, and cut (SPARQL 1.1 Query Results JSON, XML, CSV and TSV).
Graph results go through pyoxigraph's RDF serialisers after the cut.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring as _enc
from typing import IO, Any, cast
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.core import namespaces as ns
from kg.core.terms import to_ox, to_ox_quad
from kg.store.base import QueryResult, SelectResult

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_CACHE_TERMS = 100_000  # remembered JSON fragments per answer, at most

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def _json_term(t: Term) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value not in (XSD_STRING, RDF_LANGSTRING):
            out["datatype"] = t.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(t.subject),
            "predicate": _json_term(t.predicate),
            "object": _json_term(t.object),
        },
    }


class Unwritable(ValueError):
    """The answer holds a character the format cannot carry (XML 1.0 has no U+0001)."""


# XML 1.0 cannot carry these at all (not even as &#1;). A CR must be written &#13; or readers make it LF,
# and tabs and newlines as references too, which readers that trim a value's whitespace keep.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    found = _NOT_XML.search(value)
    if found:
        raise Unwritable(
            f"A value holds the control character U+{ord(found.group(0)):04X}, which XML 1.0 cannot carry; "
            "ask for JSON, CSV or TSV."
        )
    return escape(value, {"\r": "&#13;", "\t": "&#9;", "\n": "&#10;"})


def _xml_term(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_text(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_text(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{_xml_text(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{_xml_text(t.value)}</literal>"
        return f"<literal>{_xml_text(t.value)}</literal>"
    return f"<literal>{_xml_text(str(t))}</literal>"


def _plain(t: Term) -> str:
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if isinstance(t, ox.NamedNode | ox.Literal) else str(t)


def _json_fragment(t: Term, cache: dict[Term, str]) -> str:
    """One term as SPARQL JSON text, remembered: results repeat terms (levels, types, schemes)."""
    f = cache.get(t)
    if f is not None:
        return f
    if isinstance(t, ox.NamedNode):
        f = '{"type":"uri","value":' + _enc(t.value) + "}"
    elif isinstance(t, ox.Literal):
        lang = t.language
        if lang:
            f = '{"type":"literal","value":' + _enc(t.value) + ',"xml:lang":' + _enc(lang) + "}"
        else:
            dt = t.datatype.value
            extra = "" if dt == XSD_STRING else ',"datatype":' + _enc(dt)
            f = '{"type":"literal","value":' + _enc(t.value) + extra + "}"
    elif isinstance(t, ox.BlankNode):
        f = '{"type":"bnode","value":' + _enc(t.value) + "}"
    else:
        f = json.dumps(_json_term(t), ensure_ascii=False)
    if len(cache) < _CACHE_TERMS:
        cache[t] = f
    return f


def _json_solutions(variables: list[str], rows: list) -> bytes:
    """Written as text, not as dicts for json.dumps: 3x faster on thousands of rows, which is most
    of what a large answer costs beyond the query itself."""
    keys = [_enc(v) + ":" for v in variables]
    cache: dict[Term, str] = {}
    bindings = ",".join(
        "{"
        + ",".join(k + _json_fragment(t, cache) for k, t in zip(keys, row, strict=True) if t is not None)
        + "}"
        for row in rows
    )
    head = json.dumps(variables, ensure_ascii=False)
    return ('{"head":{"vars":' + head + '},"results":{"bindings":[' + bindings + "]}}").encode()


def solutions(variables: list[str], rows: list, kind: str) -> bytes:
    if kind == "json":
        return _json_solutions(variables, rows)
    if kind == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        body = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            )
            + "</result>"
            for row in rows
        )
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head><results>{body}</results></sparql>\n"
        ).encode()
    if kind == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows(["" if t is None else _plain(t) for t in row] for row in rows)
        return buf.getvalue().encode()
    if kind == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(kind)


def boolean(value: bool, kind: str) -> bytes:
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if kind == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    return (("true" if value else "false") + "\n").encode()


# The formats Oxigraph writes to the letter; its XML writes a CR raw (a reader makes it LF) and control
# characters XML cannot carry, and its CSV leaves an IRI with a comma unquoted, so those two are ours.
NATIVE = {
    "json": ox.QueryResultsFormat.JSON,
    "tsv": ox.QueryResultsFormat.TSV,
}
NATIVE_BYTES_PER_ROW = 2048  # past limit x this, a native answer is abandoned for the row-by-row writer


class _Budget(io.RawIOBase):
    """A byte sink that refuses to grow past ``budget``: the native writer cannot count rows."""

    def __init__(self, budget: int) -> None:
        self.parts: list[bytes] = []
        self.left = budget

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.left -= len(b)
        if self.left < 0:
            raise OverflowError("answer larger than the native budget")
        self.parts.append(bytes(b))
        return len(b)


def _most_rows(body: bytes, kind: str) -> int:
    """At least as many as the rows in ``body``: exact for TSV (it escapes newlines inside values), from
    above for JSON ("},{" may stand inside a value)."""
    if kind == "tsv":  # a header line, then one line a row
        return body.count(b"\n") - 1
    return body.count(b"},{") + (b'"bindings":[{' in body)


def _native(result: ox.QuerySolutions, kind: str, limit: int, max_bytes: int) -> tuple[bytes, int] | None:
    """Oxigraph's own serialisation, when it surely holds no more than ``limit`` rows and
    ``max_bytes`` bytes."""
    sink = _Budget(min(limit * NATIVE_BYTES_PER_ROW, max_bytes))
    try:
        result.serialize(cast(IO[bytes], sink), format=NATIVE[kind])  # a file as far as Oxigraph cares
    except OverflowError:
        return None
    body = b"".join(sink.parts)
    rows = _most_rows(body, kind)
    return (body, rows) if rows <= limit else None


def _size(t: Term | None) -> int:
    """About the bytes a term takes in any of the formats (its value, plus markup)."""
    if t is None:
        return 0
    if isinstance(t, ox.Triple):
        return _size(t.subject) + _size(t.predicate) + _size(t.object)
    return len(t.value) + 40


def _take(items: Iterator[Any], limit: int, max_bytes: int, size: Callable[[Any], int]) -> tuple[list, bool]:
    """At most ``limit`` items whose estimated size stays under ``max_bytes``; whether any was left."""
    out: list = []
    total = 0
    for item in items:
        total += size(item)
        if len(out) >= limit or total > max_bytes:
            return out, True
        out.append(item)
    return out, False


def serialize(
    result: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples | Iterable[ox.Triple],
    media_type: str,
    limit: int,
    rerun: Callable[[], ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples] | None = None,
    max_bytes: int = 50_000_000,
) -> tuple[bytes, int, bool]:
    """(body, rows written (at most, on the native path), whether the result was cut at ``limit``
    rows or about ``max_bytes`` bytes).

    With ``rerun`` (a way to evaluate the query again), a SELECT is tried natively first."""
    if isinstance(result, ox.QueryBoolean):
        return boolean(bool(result), RESULT_TYPES[media_type]), 1, False
    if isinstance(result, ox.QuerySolutions) and rerun is not None and RESULT_TYPES[media_type] in NATIVE:
        native = _native(result, RESULT_TYPES[media_type], limit, max_bytes)
        if native is not None:
            return native[0], native[1], False
        again = rerun()  # too large, or perhaps over the limit: row by row, and cut
        assert isinstance(again, ox.QuerySolutions)  # the same query gives the same form
        result = again
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        # a solution iterates its values in order
        rows, cut = _take(
            (tuple(sol) for sol in result), limit, max_bytes, lambda row: sum(map(_size, row)) + 8
        )
        return solutions(variables, rows, RESULT_TYPES[media_type]), len(rows), cut
    triples, cut = _take(iter(result), limit, max_bytes, _size)
    return ox.serialize(triples, format=GRAPH_TYPES[media_type]) or b"", len(triples), cut


def write_answer(result: QueryResult, media_type: str) -> bytes:
    """An answer of the store interface (rdflib terms: a SELECT's rows, a boolean, triples) in a W3C result
    format or an RDF format: the same writer /sparql uses, for every other caller (the CLI)."""
    if isinstance(result, bool):
        return boolean(result, RESULT_TYPES[media_type])
    if isinstance(result, SelectResult):
        rows = [tuple(to_ox(r[v]) if v in r else None for v in result.variables) for r in result.rows]
        return solutions(result.variables, rows, RESULT_TYPES[media_type])
    triples = [to_ox_quad(s, p, o, ox.DefaultGraph()).triple for s, p, o in result]
    return (
        ox.serialize(
            triples,
            format=GRAPH_TYPES[media_type],
            prefixes=ns.PREFIXES if media_type == "text/turtle" else None,
        )
        or b""
    )
