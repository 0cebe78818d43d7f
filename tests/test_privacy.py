"""Personal data never reaches the public graph, whatever is asked (issue 17).

A municipality's people hold a whole round: names, addresses, round title, their own ratings and
comments, the manager's view, a tailored profile saved with a reason, the team's counts published. Every
personal value carries a marker. Then:

- not one term of any triple, in any graph of the store, contains a marker. The public endpoint, Linked
  Data, search, dumps and releases all read the store and nothing else (SERVICE and every other way out
  are refused: tests/test_sparql_security.py), so no query to them can return a personal value;
- the dumps, the public pages, search and the published aggregate's page do not show one either;
- the published counts are counts: the aggregate holds no literal but its public title and numbers, and
  the shape dkksh:TeamAggregate refuses counts from fewer people than the minimum group.
"""

from __future__ import annotations

import gzip
import re
import secrets

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.core import namespaces as ns
from kg.core.settings import get_settings
from kg.pipeline.build import BuildResult
from kg.services import accounts, providers, upload_checks
from kg.services.problems import Parsed
from kg.store.db import open_database

from .browser import OTHER_PAGES, SITE_PAGES
from .conftest import Town
from .test_accounts import PASSWORD, _csrf, _sign_in
from .test_dialogues import PROFILE, _answer

MARK = f"privat{secrets.token_hex(4)}"


@pytest.fixture(scope="module")
def held(town: Town) -> dict[str, str]:
    """A round held from start to publishing, every personal value marked."""
    server = town.url
    database = open_database(get_settings().database_url_resolved())
    org = f"privby{secrets.token_hex(3)}"
    providers.add_municipality(town.contrib_dir, org, f"Privby {org}", example=True)
    admin, manager = f"hr.{MARK}@{org}.dk", f"leder.{MARK}@{org}.dk"
    staff = [f"p{i}.{MARK}@{org}.dk" for i in range(5)]
    accounts.create_user(database, admin, f"Admin {MARK}", PASSWORD, "municipality_admin", org)
    accounts.create_user(database, manager, f"Leder {MARK}", PASSWORD, "manager", org)
    for email in staff:
        accounts.create_user(database, email, f"Navn {MARK}", PASSWORD, "employee", org)
    lead = httpx.Client(base_url=server)
    _sign_in(lead, manager)
    page = lead.get("/ui/dialogues")
    started = lead.post(
        "/ui/dialogues",
        data={
            "csrf": _csrf(page.text),
            "organisation": org,
            "profile": PROFILE,
            "title": f"Runde {MARK}",
            "emails": "\n".join(staff),
        },
    )
    where = started.headers["location"]
    for email in staff:
        _answer(server, email, where, comment=f"kommentar {MARK}")
    person = re.search(r'href="(/ui/dialogues/\d+/people/\d+)"', lead.get(where).text)
    assert person
    view = lead.get(person.group(1))
    lead.post(
        person.group(1), data={"csrf": _csrf(view.text), "level-0": "Basic", "comment-0": f"leder {MARK}"}
    )
    hr = httpx.Client(base_url=server)
    _sign_in(hr, admin)
    team = hr.get(where + "/team")
    assert team.status_code == 200
    published = hr.post(where + "/team/publish", data={"csrf": _csrf(team.text), "title": "Hjemmeplejen"})
    assert published.status_code == 303
    tailor = f"/ui/tailoring/{org}/privat"
    editor = hr.get(
        f"/ui/tailoring/{org}/new", params={"base": PROFILE, "id": "privat", "label_da": "Privat"}
    )
    assert editor.status_code == 200
    saved = hr.post(
        tailor,
        data={
            "csrf": _csrf(editor.text),
            "base": PROFILE,
            "label_da": "Privat",
            "action": "save",
            "reason": f"grund {MARK}",
        },
    )
    assert saved.status_code == 303, saved.text
    return {
        "url": server,
        "org": org,
        "round": where,
        "aggregate": str(ns.ID[f"municipality/{org}/aggregate/"]),
    }


def _sparql(server: str, query: str) -> dict:
    answer = httpx.get(
        f"{server}/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_no_triple_in_any_graph_holds_a_personal_value(held: dict) -> None:
    server = held["url"]
    terms = " || ".join(f'CONTAINS(STR(?{v}), "{MARK}")' for v in "spo")
    everywhere = f"ASK {{ {{ GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o }} FILTER({terms}) }}"
    assert _sparql(server, everywhere)["boolean"] is False
    # (and the scan is a real one: the municipality's own graph, with the counts and the profile, is there)
    ours = f'FILTER(STRSTARTS(STR(?s), "{held["aggregate"]}"))'
    mine = f"ASK {{ GRAPH ?g {{ ?s a <{ns.DKK.TeamAggregate}> {ours} }} }}"
    assert _sparql(server, mine)["boolean"] is True


def test_the_published_counts_are_counts_only(held: dict) -> None:
    server = held["url"]
    literals = _sparql(
        server,
        "SELECT DISTINCT ?o WHERE { ?a a dkk:TeamAggregate . "
        f'FILTER(STRSTARTS(STR(?a), "{held["aggregate"]}")) '
        "{ ?a ?p ?o } UNION { ?a dkk:hasRow ?r . ?r ?p ?o } "
        "UNION { ?a dkk:hasRow/dkk:hasCount ?c . ?c ?p ?o } "
        "FILTER(isLiteral(?o)) }",
    )["results"]["bindings"]
    words = {
        b["o"]["value"] for b in literals if not b["o"].get("datatype", "").endswith(("#integer", "#date"))
    }
    assert words == {"Hjemmeplejen"}  # the public title; every other value is a number or the date
    page = httpx.get(f"{server}/id/municipality/{held['org']}/aggregate/{held['round'].rsplit('/', 1)[1]}")
    assert page.status_code == 200 and MARK not in page.text


def test_dumps_pages_and_search_show_no_personal_value(held: dict) -> None:
    server = held["url"]
    for ext in ("nq", "trig"):
        dump = httpx.get(f"{server}/dumps/dkk.{ext}", timeout=60)
        if dump.status_code == 404:
            continue
        body = gzip.decompress(dump.content) if dump.content[:2] == b"\x1f\x8b" else dump.content
        assert MARK.encode() not in body
    for path in [*SITE_PAGES, *OTHER_PAGES, f"/id/municipality/{held['org']}"]:
        answer = httpx.get(server + path, follow_redirects=True, timeout=60)
        assert MARK not in answer.text, path
    # search finds nothing by a personal value (the page repeats the words searched for, and no more)
    assert httpx.get(f"{server}/competences", params={"q": MARK}).json()["total"] == 0
    page = httpx.get(f"{server}/ui/search", params={"q": MARK, "lang": "en"}).text
    echoes = re.findall(rf'value="{MARK}"|q={MARK}|<p class="count">0 [^<]*<span lang="">{MARK}', page)
    assert page.count(MARK) == len(echoes)
    # signed-out, the private pages say to sign in and show nothing
    for path in (held["round"], held["round"] + "/team", held["round"] + "/team.csv", "/ui/tailoring"):
        answer = httpx.get(server + path)
        assert answer.status_code == 303 and MARK not in answer.text


def test_the_shape_refuses_counts_of_too_few_people(built: BuildResult) -> None:
    """The graph's own guard, whatever writes to it: counts of 3 against a minimum group of 5 fail."""
    agg = ns.ID["municipality/x/aggregate/1"]
    g = Graph()
    g.add((agg, RDF.type, ns.DKK.TeamAggregate))
    g.add((agg, RDFS.label, Literal("Lille team", lang="da")))
    g.add((agg, ns.DKK.aggregateOf, URIRef(PROFILE)))
    g.add((agg, ns.DKK.respondents, Literal(3, datatype=XSD.integer)))
    g.add((agg, ns.DKK.minimumGroup, Literal(5, datatype=XSD.integer)))
    store = _read_store()
    try:
        problems = upload_checks.check(Parsed(graph=g), store)
    finally:
        store.close()
    assert any("minimum group" in p.message_en for p in problems)
    g.set((agg, ns.DKK.respondents, Literal(5, datatype=XSD.integer)))
    store = _read_store()
    try:
        assert not [p for p in upload_checks.check(Parsed(graph=g), store) if "group" in p.message_en]
    finally:
        store.close()


def _read_store():  # type: ignore[no-untyped-def]
    from kg.store import open_store

    return open_store(get_settings(), read_only=True)
