"""A 1EdTech CASE 1.1 package (a CFPackage, as CASE tools export it) as a new framework of ours.

The CFDocument becomes the scheme (its licence, source, publisher and date kept: we publish nothing whose
terms we do not know, so a package without ``licenseURI`` is refused), each CFItem a concept named by its
``humanCodingScheme``, ``isChildOf`` the hierarchy (items under the document are the areas), and the
associations to items outside the package the SKOS mappings CASE means by them: ``exactMatchOf`` an exact
match, ``isRelatedTo`` the SKOS relation its notes name (``SKOS closeMatch``...) or a related match. The
result is validated with our shapes like every data file before it is written.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS, XSD

from kg.core.namespaces import SHIPPED_DKK, SHIPPED_ID
from kg.pipeline.importers.common import SchemeInfo, SourceError, add_scheme, clean, new_graph, slug

RELATIONS = {
    "exactMatchOf": SKOS.exactMatch,
    "SKOS closeMatch": SKOS.closeMatch,
    "SKOS broadMatch": SKOS.broadMatch,
    "SKOS narrowMatch": SKOS.narrowMatch,
    "SKOS relatedMatch": SKOS.relatedMatch,
}


def _need(obj: dict[str, Any], key: str, where: str) -> Any:
    if not obj.get(key):
        raise SourceError(f"{where} has no {key}; a CASE 1.1 package needs it.")
    return obj[key]


def framework_from_case(package: dict[str, Any], key: str) -> Graph:
    """Our graph of the framework in ``package``, under <base>id/<key>/ (IRIs of the shipped base, as
    every data file is written)."""
    if slug(key) != key:
        raise SourceError(f"{key!r} is not a framework key: use lower-case letters, digits and '-'.")
    doc = _need(package, "CFDocument", "The package")
    title = _need(doc, "title", "The CFDocument")
    licence = (doc.get("licenseURI") or {}).get("uri")
    if not licence:
        raise SourceError("The CFDocument names no licenseURI: we publish only data whose terms we know.")
    lang = (doc.get("language") or "en")[:2].lower()
    scheme = SHIPPED_ID[key]
    publisher = SHIPPED_ID[f"agent/{slug(_need(doc, 'creator', 'The CFDocument'))}"]
    changed = str(_need(doc, "lastChangeDateTime", "The CFDocument"))[:10]
    source = doc.get("officialSourceURL") or _need(doc, "uri", "The CFDocument")
    g = new_graph()
    add_scheme(
        g,
        SchemeInfo(
            iri=scheme,
            rdf_type=SHIPPED_DKK.CompetenceFramework,
            labels={lang: clean(title)},
            sources=(source,),
            licence=licence,
            issued=Literal(changed, datatype=XSD.date),
            version=str(doc.get("version") or changed),
            language=lang,
            publisher=publisher,
        ),
    )
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    if doc.get("description"):
        g.add((scheme, DCTERMS.description, Literal(clean(doc["description"]), lang=lang)))
    for cls in (PROV.Agent, ORG.Organization):
        g.add((publisher, RDF.type, cls))
    g.add((publisher, SKOS.prefLabel, Literal(clean(doc["creator"]), lang=lang)))
    g.add((publisher, DCTERMS.source, URIRef(doc["uri"])))
    g.add((URIRef(source), DCTERMS.publisher, publisher))  # what the CFDocument says: its creator's
    items = {str(i["identifier"]).lower(): i for i in package.get("CFItems", [])}
    nodes = {ident: _item(g, item, key, scheme, lang) for ident, item in items.items()}
    _associations(g, package.get("CFAssociations", []), nodes, str(doc["identifier"]).lower(), scheme)
    for node in nodes.values():
        top = (node, SKOS.broader, None) not in g
        g.add((node, RDF.type, SHIPPED_DKK.CompetenceArea if top else SHIPPED_DKK.Competence))
        if top:
            g.add((scheme, SKOS.hasTopConcept, node))
            g.add((node, SKOS.topConceptOf, scheme))
    return g


def _item(g: Graph, item: dict[str, Any], key: str, scheme: URIRef, lang: str) -> URIRef:
    ident = str(_need(item, "identifier", "A CFItem"))
    code = str(item.get("humanCodingScheme") or item.get("listEnumeration") or ident)
    node = SHIPPED_ID[f"{key}/{slug(code) or ident}"]
    statement = clean(_need(item, "fullStatement", f"The CFItem {ident}"))
    label = clean(item.get("abbreviatedStatement") or statement)
    g.add((node, SKOS.inScheme, scheme))
    g.add((node, SKOS.notation, Literal(code)))
    g.add((node, SKOS.prefLabel, Literal(label, lang=(item.get("language") or lang)[:2])))
    if label != statement:
        g.add((node, SKOS.definition, Literal(statement, lang=(item.get("language") or lang)[:2])))
    return node


def _associations(
    g: Graph, associations: list[dict[str, Any]], nodes: dict[str, URIRef], document: str, scheme: URIRef
) -> None:
    for a in associations:
        kind = a.get("associationType")
        origin = str((a.get("originNodeURI") or {}).get("identifier", "")).lower()
        target = a.get("destinationNodeURI") or {}
        target_id = str(target.get("identifier", "")).lower()
        if origin not in nodes:
            continue  # an association of another document's items: not this framework's to state
        if kind == "isChildOf":
            if target_id in nodes:
                g.add((nodes[origin], SKOS.broader, nodes[target_id]))
            elif target_id != document:
                raise SourceError(f"Association {a.get('identifier')}: isChildOf an item not in the package.")
        elif kind in ("exactMatchOf", "isRelatedTo") and target.get("uri"):
            relation = RELATIONS.get(
                kind if kind == "exactMatchOf" else a.get("notes", ""), SKOS.relatedMatch
            )
            other = nodes.get(target_id, URIRef(target["uri"]))
            g.add((nodes[origin], relation, other))
