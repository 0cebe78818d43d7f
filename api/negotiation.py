"""HTTP content negotiation: the best offered media type for an Accept header, or a format name."""

from __future__ import annotations

from fastapi import Request

from kg.core.errors import refused

# Short names for the `format` parameter, for browsers and curl users.
ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "html": "text/html",
}
# Equivalent names some clients send.
SYNONYMS = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
}


def _parse(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out


def best(accept: str | None, offered: list[str]) -> str | None:
    """The offered type the client prefers most; the first offered one when it does not say.

    For each candidate the most specific matching Accept entry decides its quality
    (RFC 9110, 12.5.1); ties go to the order of ``offered`` (the server's preference).
    """
    if not accept or not accept.strip():
        return offered[0]
    entries = [(SYNONYMS.get(m, m), q) for m, q in _parse(accept)]

    def quality(cand: str) -> float:
        wild = cand.split("/")[0] + "/*"
        matches = [
            (3 if m == cand else 2 if m == wild else 1, q) for m, q in entries if m in (cand, wild, "*/*")
        ]
        return max(matches)[1] if matches else 0.0

    q, _, chosen = max((quality(c), -i, c) for i, c in enumerate(offered))
    return chosen if q > 0 else None


def choose(request: Request, offered: list[str], fmt: str | None = None) -> str:
    """The media type to answer with: the `format` parameter wins, then Accept; else 406."""
    fmt = fmt or request.query_params.get("format")
    if fmt:
        wanted = ALIASES.get(fmt.lower(), fmt.lower())
        if wanted == "application/sparql-results+xml" and "application/rdf+xml" in offered:
            wanted = "application/rdf+xml"
        if wanted == "application/sparql-results+json" and "application/ld+json" in offered:
            wanted = "application/ld+json"
        if wanted in offered:
            return wanted
        raise refused(
            406, "format_not_offered", {"format": fmt, "offered": ", ".join(offered)}, field="format"
        )
    chosen = best(request.headers.get("accept"), offered)
    if chosen is None:
        raise refused(406, "not_acceptable", {"offered": ", ".join(offered)}, field="Accept")
    return chosen
