"""Provider catalogues: import in every format, row-level reports, modes, keys, atomicity.

These tests write, so they get their own store and contributed-data folder: one
real server for the HTTP tests, and a server-less folder for the CLI (a running
server holds the store's write handle).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import start_server

DKK = str(Path(sys.executable).with_name("dkk"))
COURSE = "https://w3id.org/dkk/id/provider/alpha/course/"


def _env(tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DKK_STORE_PATH": str(tmp / "store"),
        "DKK_CONTRIB_DIR": str(tmp / "contrib"),
        "DKK_MAX_UPLOAD_BYTES": "200000",
    }


def _dkk(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    run = subprocess.run([DKK, *args], env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert run.returncode == 0, run.stderr
    return run


def _setup(tmp: Path) -> tuple[dict[str, str], dict[str, str]]:
    env = _env(tmp)
    _dkk(env, "build")
    keys = {}
    for provider in ("alpha", "beta"):
        _dkk(env, "providers", "add", provider, "--name", f"{provider.title()} Akademi", "--example")
        keys[provider] = _dkk(env, "keys", "create", provider).stdout.strip()
    return env, keys


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], Path]]:
    tmp = tmp_path_factory.mktemp("courses-site")
    env, keys = _setup(tmp)
    proc, url = start_server(env)
    yield url, keys, tmp
    proc.terminate()
    proc.wait(timeout=10)


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _count(url: str, provider: str = "alpha") -> int:
    return httpx.get(f"{url}/courses", params={"provider": f"provider/{provider}", "limit": 1}).json()[
        "total"
    ]


DANISH_EXCEL = (
    "course_id;title_da;title_en;hours;ects;mode;competence_1;level_1;competence_2;level_2\r\n"
    "gdpr;GDPR i hverdagen;GDPR at work;7,5;2,5;blandet;digcomp3:4.2;Mellem;"
    "kl:data-og-informationssikkerhed;Intermediate\r\n"
    "data;Data og dashboards;;14;;fremmøde;digcomp2.2:1.3;4;;\r\n"
)


def test_danish_excel_csv_is_imported(site: tuple) -> None:
    url, keys, _ = site
    data = "\ufeff".encode() + DANISH_EXCEL.encode("utf-8")
    resp = httpx.post(
        f"{url}/providers/alpha/courses",
        headers=_auth(keys["alpha"]),
        files={"file": ("kurser.csv", data, "text/csv")},
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["totalCourses"] == 2 and resp.json()["checksum"].startswith("sha256:")
    q = f"SELECT ?d ?e WHERE {{ <{COURSE}gdpr> elm:volumeOfLearning ?d ; schema:numberOfCredits ?e }}"
    row = httpx.get(f"{url}/sparql", params={"query": q}).json()["results"]["bindings"][0]
    assert row["d"]["value"] == "PT7H30M" and row["e"]["value"] == "2.5"  # decimal commas read
    gdpr = httpx.get(f"{url}/courses", params={"competence": "digcomp3/4.2", "limit": 1000}).json()
    assert COURSE + "gdpr" in {c["iri"] for c in gdpr["items"]}
    cp1252 = DANISH_EXCEL.replace("gdpr;", "gdpr2;").replace("data;", "data2;").encode("cp1252")
    merged = httpx.post(
        f"{url}/providers/alpha/courses?mode=merge",
        headers=_auth(keys["alpha"]),
        content=cp1252,
    )
    assert merged.status_code == 422  # no file name, no content type: the type is asked for
    merged = httpx.post(
        f"{url}/providers/alpha/courses?mode=merge",
        headers={**_auth(keys["alpha"]), "Content-Type": "text/csv"},
        content=cp1252,
    )
    assert merged.status_code == 200, merged.text
    assert _count(url) == 4


def test_turtle_and_jsonld_are_imported(site: tuple) -> None:
    url, keys, _ = site
    ttl = """@prefix dkk: <https://w3id.org/dkk/ontology#> . @prefix dct: <http://purl.org/dc/terms/> .
<ai> a dkk:CourseOffering ; dct:title "Generativ AI"@da ;
  dkk:hasOutcome [ a dkk:CourseOutcome ; dkk:teachesCompetence <https://w3id.org/dkk/id/digcomp3/2.1> ;
                   dkk:targetLevel <https://w3id.org/dkk/id/digcomp3/level/basic> ] ."""
    resp = httpx.post(
        f"{url}/providers/alpha/courses?mode=merge",
        headers=_auth(keys["alpha"]),
        files={"file": ("ai.ttl", ttl.encode(), "text/turtle")},
    )
    assert resp.status_code == 200, resp.text
    doc = {
        "@context": "https://w3id.org/dkk/contexts/courses.jsonld",
        "@graph": [
            {
                "@id": "sikkerhed",
                "@type": "LearningOpportunity",
                "title": {"en": "Security"},
                "mode": "Online",
                "learningOutcome": [
                    {"@type": "LearningOutcome", "relatedSkill": "digcomp3:4.1", "targetLevel": "Advanced"}
                ],
            }
        ],
    }
    resp = httpx.post(
        f"{url}/providers/alpha/courses?mode=merge",
        headers={**_auth(keys["alpha"]), "Content-Type": "application/ld+json"},
        content=json.dumps(doc).encode(),
    )
    assert resp.status_code == 200, resp.text
    course = httpx.get(
        f"{url}/courses", params={"competence": "digcomp3/4.1", "provider": "provider/alpha"}
    ).json()["items"]
    assert [c["iri"] for c in course] == [COURSE + "sikkerhed"]
    assert course[0]["outcomes"][0]["level"]["id"] == "digcomp3/level/advanced"  # name resolved


def test_remote_jsonld_context_is_refused_without_fetching(site: tuple) -> None:
    url, keys, _ = site
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        remote = f"http://127.0.0.1:{listener.getsockname()[1]}/context.jsonld"
        doc = {"@context": remote, "@id": "x", "@type": "Course"}
        resp = httpx.post(
            f"{url}/providers/alpha/courses?mode=merge",
            headers={**_auth(keys["alpha"]), "Content-Type": "application/ld+json"},
            content=json.dumps(doc).encode(),
        )
        assert resp.status_code == 422
        assert resp.json()["problems"][0]["field"] == "@context"
        with pytest.raises(TimeoutError):
            listener.accept()


def test_errors_in_several_rows_are_reported_and_nothing_changes(site: tuple) -> None:
    url, keys, tmp = site
    before, file = _count(url), tmp / "contrib" / "providers" / "alpha.nq"
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    bad = (
        "course_id,title_da,competence_1,level_1,hours\n"
        "ok,Fint kursus,digcomp3:4.2,Basic,2\n"
        "nytitel,,digcomp3:9.9,Intermediate,x\n"
        "ok,Dublet,digcomp3:4.2,Basic,1\n"
        "niveau,Kursus,digcomp3:4.2,Expert,1\n"
    )
    resp = httpx.post(
        f"{url}/providers/alpha/courses",
        headers=_auth(keys["alpha"]),
        files={"file": ("bad.csv", bad.encode(), "text/csv")},
    )
    assert resp.status_code == 422
    assert resp.headers["content-type"] == "application/problem+json"
    found = {(p["row"], p["column"]) for p in resp.json()["problems"]}
    assert {(3, "title_da"), (3, "competence_1"), (3, "hours"), (4, "course_id"), (5, "level_1")} <= found
    level = next(p for p in resp.json()["problems"] if p["row"] == 5)
    assert "Basic, Intermediate, Advanced, Highly advanced" in level["message_en"]
    assert "skalaen" in level["message_da"]
    assert _count(url) == before
    assert hashlib.sha256(file.read_bytes()).hexdigest() == digest


def test_keys_write_only_their_own_provider(site: tuple) -> None:
    url, keys, _ = site
    csv = b"course_id,title_da\nx,Kursus\n"
    files = {"file": ("c.csv", csv, "text/csv")}
    assert (
        httpx.post(f"{url}/providers/beta/courses", headers=_auth(keys["alpha"]), files=files).status_code
        == 403
    )
    assert httpx.post(f"{url}/providers/beta/courses", files=files).status_code == 401
    forged = keys["beta"][:-4] + "AAAA"
    assert httpx.post(f"{url}/providers/beta/courses", headers=_auth(forged), files=files).status_code == 401
    assert (
        httpx.post(f"{url}/providers/beta/courses", headers=_auth(keys["beta"]), files=files).status_code
        == 200
    )
    assert _count(url, "beta") == 1


def _index_ready(url: str) -> None:
    """Until the server's course index has loaded (then lists and counts come from it)."""
    for _ in range(300):
        if httpx.get(f"{url}/health").json().get("catalogue") == "ready":
            return
        time.sleep(0.1)
    raise AssertionError("the course index never loaded")


def test_replace_merge_delete_and_history(site: tuple) -> None:
    """Each write shows in the very next count (the course index follows the files)."""
    url, keys, _ = site
    _index_ready(url)
    auth = _auth(keys["alpha"])
    one = b"course_id;title_da;competence_1;level_1\r\nsolo;Alene;digcomp3:1.1;Basic\r\n"
    assert (
        httpx.post(
            f"{url}/providers/alpha/courses?dry_run=true",
            headers=auth,
            files={"file": ("one.csv", one, "text/csv")},
        ).json()["dryRun"]
        is True
    )
    assert _count(url) > 1  # the dry run changed nothing
    replaced = httpx.post(
        f"{url}/providers/alpha/courses", headers=auth, files={"file": ("one.csv", one, "text/csv")}
    )
    assert replaced.json()["totalCourses"] == 1 and _count(url) == 1
    two = b"course_id;title_da\r\nanden;Andet kursus\r\n"
    merged = httpx.post(
        f"{url}/providers/alpha/courses?mode=merge",
        headers=auth,
        files={"file": ("two.csv", two, "text/csv")},
    )
    assert merged.json()["totalCourses"] == 2
    deleted = httpx.delete(f"{url}/providers/alpha/courses/solo", headers=auth)
    assert deleted.status_code == 200 and _count(url) == 1
    assert httpx.delete(f"{url}/providers/alpha/courses/solo", headers=auth).status_code == 404
    history = httpx.get(f"{url}/providers/alpha/imports").json()["imports"]
    assert [h["mode"] for h in history][:3] == ["delete", "merge", "replace"]
    assert history[2]["file"] == "one.csv"
    assert history[2]["checksum"] == "sha256:" + hashlib.sha256(one).hexdigest()
    assert history[2]["agent"].startswith("https://w3id.org/dkk/id/agent/key/")


def test_template_round_trip(site: tuple) -> None:
    url, keys, _ = site
    tpl = httpx.get(f"{url}/templates/courses.csv")
    assert tpl.headers["content-type"].startswith("text/csv")
    assert tpl.content.startswith("\ufeff".encode())  # Excel opens it as UTF-8
    resp = httpx.post(
        f"{url}/providers/beta/courses?dry_run=true",
        headers=_auth(keys["beta"]),
        files={"file": ("courses.csv", tpl.content, "text/csv")},
    )
    assert resp.status_code == 200, resp.text
    ctx = httpx.get(f"{url}/contexts/courses.jsonld").json()["@context"]
    assert ctx["LearningOpportunity"] == "dkk:CourseOffering"


def test_cli_import_killed_halfway_leaves_catalogue_intact(tmp_path: Path) -> None:
    env, _ = _setup(tmp_path)
    first = tmp_path / "first.csv"
    first.write_text("course_id;title_da;competence_1;level_1\nfoerste;Første;digcomp3:1.1;Basic\n")
    _dkk(env, "courses", "import", str(first), "--provider", "alpha")
    file = tmp_path / "contrib" / "providers" / "alpha.nq"
    before = file.read_bytes()
    big = tmp_path / "big.csv"
    rows = [f"k{i};Kursus {i};digcomp3:{1 + i % 5}.1;Intermediate" for i in range(4000)]
    big.write_text("course_id;title_da;competence_1;level_1\n" + "\n".join(rows) + "\n")
    proc = subprocess.Popen(
        [DKK, "courses", "import", str(big), "--provider", "alpha"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = file.read_bytes()
    assert after == before, "a killed import must leave the previous catalogue"
    listing = _dkk(
        env,
        "query",
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c dkk:offeredBy id:provider\\/alpha }",
        "--format",
        "csv",
    ).stdout
    assert listing.splitlines()[1] == "1"
    # the next import works, and a rebuild keeps uploaded catalogues
    _dkk(env, "courses", "import", str(first), "--provider", "alpha", "--mode", "merge")
    _dkk(env, "build")
    again = _dkk(
        env,
        "query",
        "ASK { <https://w3id.org/dkk/id/provider/alpha/course/foerste> a dkk:CourseOffering }",
        "--format",
        "json",
    ).stdout
    assert json.loads(again)["boolean"] is True


def test_cli_reports_rows(tmp_path: Path) -> None:
    env, _ = _setup(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("course_id;title_da;competence_1;level_1\nx;;digcomp3:4.2;Nope\n")
    run = _dkk(
        {**env, "COLUMNS": "200"},
        "courses",
        "import",
        str(bad),
        "--provider",
        "alpha",
        "--lang",
        "da",
        check=False,
    )
    assert run.returncode == 1
    assert "nothing was changed" in run.stderr and "level_1" in run.stderr and "skalaen" in run.stderr


def test_oversized_upload_is_refused(site: tuple) -> None:
    url, keys, _ = site
    body = b"course_id;title_da\r\n" + b"".join(b"k%d;Kursus\r\n" % i for i in range(20000))
    resp = httpx.post(
        f"{url}/providers/alpha/courses",
        headers={**_auth(keys["alpha"]), "Content-Type": "text/csv"},
        content=body,
    )
    assert resp.status_code == 413 and resp.json()["field"] == "file"


def _one_course(url: str, key: str, provider: str, course: str, competence: str, mode: str) -> None:
    """Upload a catalogue of one course, as a provider's CSV."""
    csv = f"course_id;title_da;competence_1;level_1\r\n{course};Kursus {course};{competence};Basic\r\n"
    resp = httpx.post(
        f"{url}/providers/{provider}/courses?mode={mode}",
        headers=_auth(key),
        files={"file": (f"{course}.csv", csv.encode(), "text/csv")},
    )
    assert resp.status_code == 200, resp.text


def test_after_a_write_graphs_dumps_and_queries_are_current(site: tuple) -> None:
    url, keys, _ = site
    before = httpx.get(f"{url}/dumps/dkk.nq").text  # cached by the server
    _one_course(url, keys["alpha"], "alpha", "frisk", "digcomp3:1.1", "merge")
    assert COURSE + "frisk" not in before
    assert COURSE + "frisk" in httpx.get(f"{url}/dumps/dkk.nq").text  # the cached dump was dropped
    graph = "https://w3id.org/dkk/graph/providers/alpha"
    ask = f"ASK FROM <{graph}> {{ <{COURSE}frisk> a dkk:CourseOffering }}"
    answer = httpx.get(f"{url}/sparql", params={"query": ask})
    assert answer.status_code == 200, answer.text  # the new graph is a known graph
    assert answer.json()["boolean"] is True


def test_the_dataset_counts_each_graph_as_the_store_holds_it_after_writes(site: tuple) -> None:
    """/dataset gives the triples of each graph from the build's counts, counting again only the graphs
    of owners written since: after uploads and a deletion, every number is the store's own count."""
    from rdflib import Graph
    from rdflib.namespace import VOID

    url, keys, _ = site
    _one_course(url, keys["beta"], "beta", "talt", "digcomp3:2.1", "replace")
    gone = httpx.delete(f"{url}/providers/beta/courses/talt", headers=_auth(keys["beta"]))
    assert gone.status_code in (200, 204), gone.text
    described = Graph().parse(data=httpx.get(f"{url}/dataset", headers={"Accept": "text/turtle"}).text)
    said = {str(s): int(o) for s, o in described.subject_objects(VOID.triples) if "/graph/" in str(s)}
    counted = httpx.get(
        f"{url}/sparql",
        params={"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
    ).json()["results"]["bindings"]
    assert said == {r["g"]["value"]: int(r["n"]["value"]) for r in counted}
    assert "https://w3id.org/dkk/graph/providers/beta/imports" in said  # written after the build
    health = httpx.get(f"{url}/health").json()  # the same counts, not the build's
    assert (health["triples"], health["graphs"]) == (sum(said.values()), len(said))
