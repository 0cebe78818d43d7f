"""The dataset's own description in VoID and DCAT: what it is, where to get it, how big.

Generated from the store (counts per graph, sources of every scheme, the build
record), so it cannot drift from the data it describes.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, VOID, XSD, Namespace

from kg import __version__
from kg.core import namespaces as ns
from kg.core.settings import Settings
from kg.services.graph_catalogue import GraphEntry, agent_names, catalogue
from kg.store.base import GraphStore
from kg.store.dumps import DUMP_FORMATS, DumpFormat
from kg.store.templates import select

EXAMPLES = (
    "digcomp3/4.2",
    "digcomp22/1.1",
    "kl-wheel/data-og-informationssikkerhed",
    "digcomp3/outcome/LO4.2.01",
    "practice/aarhus-digital-kultur",
)


def describe(store: GraphStore, settings: Settings, built: str | None, sizes: dict[str, int]) -> Graph:
    """VoID + DCAT-AP for the dataset and each of its graphs. Addresses come from ``settings``
    (public_url, base_iri), never from a request; ``sizes`` are the triples of each graph
    (kg.pipeline.stats.graph_sizes: counting them here read every triple)."""
    base, server = settings.base_iri, settings.public_url.rstrip("/")
    built = built or recorded_build(store)
    g = Graph()
    for prefix, space in ns.PREFIXES.items():
        g.bind(prefix, space)
    g.bind("dcat", DCAT)
    g.bind("void", VOID)
    ds = URIRef(base + "dataset")
    project = ns.ID["agent/dkk-project"]
    entries = catalogue(store, sizes)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    for lang, text in TITLE.items():
        g.add((ds, DCTERMS.title, Literal(text, lang=lang)))
    for lang, text in DESCRIPTION.items():
        g.add((ds, DCTERMS.description, Literal(text, lang=lang)))
    rights = _rights_statement(g, URIRef(base + "dataset#rights"), MIXED)
    g.add((ds, DCTERMS.rights, rights))
    g.add((ds, DCTERMS.publisher, project))
    g.add((ds, OWL.versionInfo, Literal(__version__)))
    if built:
        g.add((ds, DCTERMS.modified, Literal(built, datatype=XSD.dateTime)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{server}/sparql")))
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    for vocab in ("dkk", "skos", "esco", "elm", "schema", "org", "prov", "dct"):
        g.add((ds, VOID.vocabulary, URIRef(ns.PREFIXES[vocab])))
    for example in EXAMPLES:
        g.add((ds, VOID.exampleResource, ns.ID[example]))
    g.add((ds, FOAF.homepage, URIRef(f"{server}/")))
    _classify(g, ds)

    service = URIRef(f"{server}/sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("SPARQL-endepunkt (kun læsning)", lang="da")))
    g.add((service, DCTERMS.title, Literal("SPARQL endpoint (read-only)", lang="en")))
    g.add((service, DCAT.endpointURL, service))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((URIRef("https://www.w3.org/TR/sparql11-protocol/"), RDF.type, DCTERMS.Standard))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.publisher, project))
    g.add((ds, DCAT.distribution, _sparql_distribution(g, service, rights)))

    for fmt in DUMP_FORMATS.values():
        url = URIRef(f"{server}/dumps/dkk.{fmt.ext}")
        g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, distribution(g, url, fmt, rights)))

    for r in select(store, "dataset_sources").rows:
        g.add((ds, DCTERMS.source, r["source"]))
    for entry in entries:
        g.add((ds, VOID.subset, URIRef(entry.iri)))
        for source in entry.sources:
            g.add((ds, DCTERMS.source, URIRef(source)))
        subset(g, entry, project, built)
    _agents(g, store)
    return g


def recorded_build(store: GraphStore) -> str | None:
    """When the build the store holds ran, from its build graph: a server on a remote store has no
    build folder of its own to read it from."""
    rows = select(store, "remote_build", g=ns.GRAPH["build"]).rows
    return str(rows[0]["t"]) if rows else None


TITLE = {
    "da": "Digitalt kompetente kommuner – vidensgraf",
    "en": "Digitally competent municipalities – knowledge graph",
}
DESCRIPTION = {
    "da": "Digitale kompetencer for ansatte i danske kommuner: DigComp 2.2 og 3.0, DigCompEdu, ESCO's "
    "DigComp-begreber, KL's kompetencehjul, fagligheder, organisatoriske niveauer, borgergrupper, god "
    "praksis samt eksempler på profiler og kurser (markeret dkk:status dkk:Example). Hver graf angiver "
    "sin licens, sine kilder og sit ophav.",
    "en": "Digital competences for Danish municipal staff: DigComp 2.2 and 3.0, DigCompEdu, ESCO's "
    "DigComp concepts, KL's competence wheel, disciplines, organisational levels, citizen groups, best "
    "practice, and example profiles and courses (marked dkk:status dkk:Example). Each graph states its "
    "licence, sources and makers.",
}
MIXED = (
    "Grafer med forskellige vilkår: hver graf (void:subset) angiver sin licens eller sine rettigheder. "
    "DKK-projektets egne data er CC BY 4.0; ESCO er under ESCO's licens; KL's kompetencehjul er KL's.",
    "Graphs under different terms: each graph (void:subset) states its licence or rights. The DKK "
    "project's own data are CC BY 4.0; ESCO is under the ESCO licence; KL's competence wheel is KL's.",
)


def _rights_statement(g: Graph, node: URIRef, texts: tuple[str, str]) -> URIRef:
    g.add((node, RDF.type, DCTERMS.RightsStatement))
    for lang, text in zip(("da", "en"), texts, strict=True):
        g.add((node, RDFS.label, Literal(text, lang=lang)))
    return node


VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# The EU's file-type authority table (DCAT-AP's dct:format) for each dump.
FILE_TYPES = {
    "ttl": "TURTLE",
    "nt": "RDF_N_TRIPLES",
    "nq": "RDF_N_QUADS",
    "trig": "RDF_TRIG",
    "jsonld": "JSON_LD",
}
EU = "http://publications.europa.eu/resource/authority/"
KEYWORDS = {
    "da": ("digitale kompetencer", "kommuner", "kompetenceprofiler", "kurser"),
    "en": ("digital competences", "municipalities", "competence profiles", "courses"),
}


def _classify(g: Graph, node: URIRef) -> None:
    """Theme, place, keywords and whom to ask: DCAT-AP's recommended means to find and use a dataset."""
    contact = ns.ID["agent/dkk-project#contact"]
    g.add((node, DCAT.contactPoint, contact))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal("DKK-projektet", lang="da")))
    g.add((contact, VCARD.fn, Literal("The DKK project", lang="en")))
    g.add((contact, VCARD.hasURL, URIRef(ns.BASE)))
    theme, place = URIRef(EU + "data-theme/EDUC"), URIRef(EU + "country/DNK")
    g.add((node, DCAT.theme, theme))
    g.add((theme, RDF.type, SKOS.Concept))
    g.add((theme, SKOS.prefLabel, Literal("Uddannelse, kultur og sport", lang="da")))  # the EU table's
    g.add((theme, SKOS.prefLabel, Literal("Education, culture and sport", lang="en")))
    g.add((node, DCTERMS.spatial, place))
    g.add((place, RDF.type, DCTERMS.Location))
    for lang, words in KEYWORDS.items():
        for word in words:
            g.add((node, DCAT.keyword, Literal(word, lang=lang)))


def distribution(
    g: Graph, url: URIRef, fmt: DumpFormat, rights: URIRef | None, licence: str | None = None
) -> URIRef:
    """A downloadable file as a DCAT distribution (used by the live dumps and by releases)."""
    dist = URIRef(f"{url}#distribution")
    media = URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.accessURL, url))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCAT.mediaType, media))
    g.add((media, RDF.type, DCTERMS.MediaType))
    file_type = URIRef(EU + "file-type/" + FILE_TYPES[fmt.ext])
    g.add((dist, DCTERMS.format, file_type))
    g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
    g.add((dist, DCTERMS.title, Literal(fmt.name, lang="en")))
    g.add((dist, DCTERMS.description, Literal(f"The whole dataset as {fmt.name}.", lang="en")))
    if rights is not None:
        g.add((dist, DCTERMS.rights, rights))
    if licence is not None:
        g.add((dist, DCTERMS.license, URIRef(licence)))
    return dist


def subset(g: Graph, entry: GraphEntry, project: URIRef, built: str | None) -> None:
    """One graph as a dataset of its own (its content is at /graph/{name})."""
    graph = URIRef(entry.iri)
    g.add((graph, RDF.type, VOID.Dataset))
    g.add((graph, RDF.type, DCAT.Dataset))
    g.add((graph, VOID.triples, Literal(entry.triples, datatype=XSD.integer)))
    _classify(g, graph)
    g.add((graph, DCTERMS.title, Literal(entry.name)))
    for d in entry.descriptions or entry.titles or [Literal(f"Named graph {entry.name}.", lang="en")]:
        g.add((graph, DCTERMS.description, d))
    g.add((graph, DCTERMS.publisher, project))
    for creator in sorted(entry.publishers | entry.creators):
        g.add((graph, DCTERMS.creator, URIRef(creator)))
    for licence in sorted(entry.licences):
        g.add((graph, DCTERMS.license, URIRef(licence)))
        g.add((URIRef(licence), RDF.type, DCTERMS.LicenseDocument))
    if entry.rights:
        node = URIRef(f"{entry.iri}#rights")
        g.add((node, RDF.type, DCTERMS.RightsStatement))
        for text in entry.rights:
            g.add((node, RDFS.label, text))
        g.add((graph, DCTERMS.rights, node))
    for source in entry.sources:
        g.add((graph, DCTERMS.source, URIRef(source)))
    if built:
        g.add((graph, DCTERMS.modified, Literal(built, datatype=XSD.dateTime)))
    if entry.example:
        g.add((graph, ns.DKK.status, ns.DKK.Example))
    elif entry.proposed:
        g.add((graph, ns.DKK.status, ns.DKK.Proposed))


def _agents(g: Graph, store: GraphStore) -> None:
    """Every agent the description names, as a foaf:Agent with its name (DCAT-AP requires the name)."""
    named = agent_names(store)
    agents = set(g.objects(None, DCTERMS.publisher)) | set(g.objects(None, DCTERMS.creator))
    for agent in agents:
        g.add((agent, RDF.type, FOAF.Agent))
        for name in named.get(str(agent)) or {Literal(str(agent).rsplit("/", 1)[-1])}:
            g.add((agent, FOAF.name, name))


def _sparql_distribution(g: Graph, service: URIRef, rights: URIRef) -> URIRef:
    dist = URIRef(f"{service}#distribution")
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCAT.accessURL, service))
    g.add((dist, DCTERMS.rights, rights))
    g.add((dist, DCTERMS.title, Literal("SPARQL 1.1 endpoint (read-only)", lang="en")))
    g.add((dist, DCTERMS.description, Literal("Every graph, queried with SPARQL 1.1.", lang="en")))
    return dist


def example_graphs(store: GraphStore, lang: str) -> list[dict[str, str]]:
    """The graphs of made-up example data, each with what it shows (in ``lang`` where there is one)."""
    rows = select(store, "example_graphs", lang=Literal(lang)).rows
    return [{"graph": str(r["graph"]), "description": str(r.get("description", ""))} for r in rows]
