"""Local tailoring: a municipality derives a profile (its own graph, its own key); diff; inheritance."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import start_server

DKK = str(Path(sys.executable).with_name("dkk"))
LOCAL = "municipality/testby/profile/hjemmepleje"


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "DKK_STORE_PATH": str(tmp / "store"), "DKK_CONTRIB_DIR": str(tmp / "contrib")}


def _dkk(env: dict[str, str], *args: str) -> str:
    run = subprocess.run([DKK, *args], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    env = _env(tmp_path_factory.mktemp("tailoring"))
    _dkk(env, "build")
    keys = {}
    for town_id in ("testby", "andenby"):
        _dkk(env, "municipalities", "add", town_id, "--name", town_id.title(), "--example")
        keys[town_id] = _dkk(env, "keys", "create", town_id, "--municipality")
    _dkk(env, "providers", "add", "skole", "--name", "Skole", "--example")
    keys["provider"] = _dkk(env, "keys", "create", "skole")
    proc, url = start_server(env)
    yield url, keys
    proc.terminate()
    proc.wait(timeout=10)


SPEC = {
    "id": "hjemmepleje",
    "base": "example/profile/sosu",
    "label_da": "Hjemmeplejen i Testby",
    "set": [{"competence": "digcomp3:4.3", "level": "Advanced", "importance": "essential"}],
    "remove": ["digcomp3:5.4"],
    "local": [{"id": "esdh", "label_da": "Brug af kommunens ESDH-system", "level": "Intermediate"}],
}


def test_derive_diff_and_inheritance(town: tuple) -> None:
    url, keys = town
    resp = httpx.post(
        f"{url}/municipalities/testby/profiles",
        json=SPEC,
        headers={"Authorization": f"Bearer {keys['testby']}"},
    )
    assert resp.status_code == 200, resp.text
    profile = httpx.get(f"{url}/profiles/{LOCAL}").json()
    assert [p["id"] for p in profile["chain"]] == ["example/profile/generisk", "example/profile/sosu", LOCAL]
    reqs = {r["competence"]["id"]: r for r in profile["requirements"]}
    assert reqs["digcomp3/1.1"]["statedIn"]["id"] == "example/profile/generisk"  # two levels up
    assert reqs["digcomp3/4.2"]["statedIn"]["id"] == "example/profile/sosu"
    assert (
        reqs["digcomp3/4.3"]["level"]["id"] == "digcomp3/level/advanced"
        and not reqs["digcomp3/4.3"]["inherited"]
    )
    assert "municipality/testby/competence/esdh" in reqs and "digcomp3/5.4" not in reqs
    d = httpx.get(f"{url}/profiles/{LOCAL}/diff").json()
    assert d["base"]["id"] == "example/profile/sosu"
    assert [c["id"] for c in d["added"]] == ["municipality/testby/competence/esdh"]
    assert [c["id"] for c in d["removed"]] == ["digcomp3/5.4"]
    assert [(c["competence"]["id"], c["baseRank"], c["rank"]) for c in d["changed"]] == [
        ("digcomp3/4.3", 2, 3)
    ]
    generic = httpx.get(f"{url}/profiles/{LOCAL}/diff", params={"base": "example/profile/generisk"}).json()
    assert "digcomp3/4.3" in {c["id"] for c in generic["added"]}
    ask = (
        "ASK { GRAPH <https://w3id.org/dkk/graph/municipalities/testby> { "
        f"<https://w3id.org/dkk/id/{LOCAL}> dct:creator <https://w3id.org/dkk/id/municipality/testby> "
        "} }"
    )
    assert httpx.get(f"{url}/sparql", params={"query": ask}).json()["boolean"] is True
    gap = httpx.post(f"{url}/gap", json={"profile": LOCAL, "current": {}}).json()
    assert len(gap["requirements"]) == len(profile["requirements"])


def test_keys_write_only_their_own_municipality(town: tuple) -> None:
    url, keys = town
    other = {**SPEC, "id": "andet"}
    for key in (keys["andenby"], keys["provider"]):
        resp = httpx.post(
            f"{url}/municipalities/testby/profiles", json=other, headers={"Authorization": f"Bearer {key}"}
        )
        assert resp.status_code == 403
    assert httpx.post(f"{url}/municipalities/testby/profiles", json=other).status_code == 401


def test_bad_derivation_changes_nothing(town: tuple) -> None:
    url, keys = town
    bad = {**SPEC, "id": "forkert", "set": [{"competence": "digcomp3:9.9", "level": "Basic"}]}
    resp = httpx.post(
        f"{url}/municipalities/testby/profiles",
        json=bad,
        headers={"Authorization": f"Bearer {keys['testby']}"},
    )
    assert resp.status_code == 422 and resp.json()["problems"][0]["value"] == "digcomp3:9.9"
    assert httpx.get(f"{url}/profiles/municipality/testby/profile/forkert").status_code == 404
    base = {**SPEC, "id": "ingen-base", "base": "example/profile/nope"}
    resp = httpx.post(
        f"{url}/municipalities/testby/profiles",
        json=base,
        headers={"Authorization": f"Bearer {keys['testby']}"},
    )
    assert resp.status_code == 422


def test_cli_derive_and_diff(tmp_path: Path) -> None:
    env = _env(tmp_path)
    _dkk(env, "build")
    _dkk(env, "municipalities", "add", "clikommune", "--name", "CLI Kommune", "--example")
    _dkk(
        env,
        "profiles",
        "derive",
        "laerere",
        "--municipality",
        "clikommune",
        "--base",
        "example/profile/laerer",
        "--label",
        "Lærere i CLI Kommune",
        "--set",
        "digcomp3:3.4=Advanced",
        "--remove",
        "digcompedu:6.4",
    )
    out = _dkk({**env, "COLUMNS": "200"}, "profiles", "diff", "municipality/clikommune/profile/laerere")
    assert "digcomp3/3.4" in out and "2 -> 3" in out and "removed" in out


def test_versions_no_silent_overwrite_history_compare_restore_retire(town: tuple) -> None:
    """Each save is a version; a save on top of an old one is refused, naming the newer one (nothing is
    lost); the history says who, when and why; versions compare with labels; restore and retire work."""
    url, keys = town
    auth = {"Authorization": f"Bearer {keys['testby']}"}
    base = f"{url}/municipalities/testby/profiles"
    spec = {**SPEC, "id": "versioner", "local": [], "reason": "first draft"}
    first = httpx.post(base, json=spec, headers=auth)
    assert first.status_code == 200 and first.json()["version"] == 1
    again = httpx.post(base, json={**spec, "reason": "no version given"}, headers=auth)
    assert again.status_code == 409 and again.json()["current"] == 1  # no silent overwrite
    second = {
        **spec,
        "version": 1,
        "reason": "4.3 is enough at Intermediate",
        "set": [{"competence": "digcomp3:4.3", "level": "Intermediate"}],
    }
    assert httpx.post(base, json=second, headers=auth).json()["version"] == 2
    # a colleague who still had version 1 open: told about version 2, and nothing of theirs is written
    stale = httpx.post(base, json={**spec, "version": 1, "label_da": "Anden titel"}, headers=auth)
    body = stale.json()
    assert stale.status_code == 409 and body["current"] == 2 and "4.3 is enough" in body["detail"]
    held = httpx.get(
        f"{url}/id/municipality/testby/profile/versioner", headers={"Accept": "text/turtle"}
    ).text
    assert "Anden titel" not in held and SPEC["label_da"] in held
    history = httpx.get(f"{base}/versioner/versions").json()
    assert [(v["version"], v["action"], v["reason"]) for v in history] == [
        (1, "save", "first draft"),
        (2, "save", "4.3 is enough at Intermediate"),
    ]
    assert all(v["author"].startswith("key/") and v["at"] for v in history)
    diff = httpx.get(f"{base}/versioner/versions/compare", params={"from": 1, "to": 2}).json()
    assert diff["changed"][0]["from"] == "Advanced" and diff["changed"][0]["to"] == "Intermediate"
    assert diff["changed"][0]["label"]["en"] == "Supporting wellbeing"  # labels, not bare IRIs
    restored = httpx.post(f"{base}/versioner/versions/1/restore", json={"version": 2}, headers=auth)
    assert restored.status_code == 200 and restored.json()["version"] == 3
    assert httpx.get(f"{base}/versioner/versions/3").json()["set"] == [
        ["digcomp3:4.3", "Advanced", "essential"]
    ]
    # retire: out of the graph, history kept; an old version is refused here too
    assert httpx.delete(f"{base}/versioner", params={"version": 2}, headers=auth).status_code == 409
    gone = httpx.delete(f"{base}/versioner", params={"version": 3, "reason": "merged"}, headers=auth)
    assert gone.status_code == 200 and gone.json()["version"] == 4
    assert httpx.get(f"{url}/profiles/municipality/testby/profile/versioner").status_code == 404
    assert httpx.get(f"{base}/versioner/versions").json()[-1]["action"] == "retire"
    # another municipality's key changes nothing here
    other = httpx.delete(f"{base}/hjemmepleje", headers={"Authorization": f"Bearer {keys['andenby']}"})
    assert other.status_code == 403


def test_an_administrator_manages_the_municipalitys_api_keys_on_the_site(town: tuple) -> None:
    """Create (shown once), replace (the old one stops at once) and revoke; never another's keys."""
    import re
    import secrets

    from kg.core.settings import get_settings
    from kg.services import accounts
    from kg.store.db import open_database

    from .test_accounts import PASSWORD, _csrf, _sign_in

    url, keys = town
    admin = f"it-{secrets.token_hex(3)}@testby.dk"
    accounts.create_user(
        open_database(get_settings().database_url_resolved()),
        admin,
        "Ib IT",
        PASSWORD,
        "municipality_admin",
        "testby",
    )

    def works(token: str) -> bool:  # a valid key reaches the 404 of an unknown profile, not 401
        answer = httpx.delete(
            f"{url}/municipalities/testby/profiles/nope", headers={"Authorization": f"Bearer {token}"}
        )
        return answer.status_code == 404

    with httpx.Client(base_url=url) as site:
        _sign_in(site, admin)
        page = site.get("/ui/account", params={"lang": "da"})
        assert "API-nøgler" in page.text and keys["testby"].split("_")[1] in page.text
        form = {"csrf": _csrf(page.text), "kind": "municipalities", "owner": "testby"}
        made = site.post("/ui/account/keys", data={**form, "action": "create"})
        token = re.search(r"dkk_[0-9a-f]{8}_[\w-]+", made.text).group(0)
        assert made.headers["cache-control"] == "no-store" and works(token)
        rotated = site.post(
            "/ui/account/keys", data={**form, "action": "rotate", "key_id": token.split("_")[1]}
        )
        new = re.search(r"dkk_[0-9a-f]{8}_[\w-]+", rotated.text).group(0)
        assert new != token and works(new) and not works(token)
        gone = site.post("/ui/account/keys", data={**form, "action": "revoke", "key_id": new.split("_")[1]})
        assert gone.status_code == 303 and not works(new)
        theirs = keys["andenby"].split("_")[1]
        other = site.post(
            "/ui/account/keys", data={**form, "owner": "andenby", "action": "revoke", "key_id": theirs}
        )
        assert other.status_code == 403
        mine_only = site.post("/ui/account/keys", data={**form, "action": "revoke", "key_id": theirs})
        assert mine_only.status_code == 404  # andenby's key is not testby's to revoke
    assert (
        httpx.delete(
            f"{url}/municipalities/andenby/profiles/nope",
            headers={"Authorization": f"Bearer {keys['andenby']}"},
        ).status_code
        == 404
    )
