"""Local tailoring: a municipality derives a profile (its own graph, its own key); diff; inheritance."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import httpx

from kg.core.settings import get_settings
from kg.services import accounts
from kg.store.db import open_database

from .conftest import Town
from .test_accounts import PASSWORD, _csrf, _sign_in

DKK = str(Path(sys.executable).with_name("dkk"))
LOCAL = "municipality/testby/profile/hjemmepleje"


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "DKK_STORE_PATH": str(tmp / "store"), "DKK_CONTRIB_DIR": str(tmp / "contrib")}


def _dkk(env: dict[str, str], *args: str) -> str:
    run = subprocess.run([DKK, *args], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


SPEC = {
    "id": "hjemmepleje",
    "base": "example/profile/sosu",
    "label_da": "Hjemmeplejen i Testby",
    "set": [{"competence": "digcomp3:4.3", "level": "Advanced", "importance": "essential"}],
    "remove": ["digcomp3:5.4"],
    "local": [{"id": "esdh", "label_da": "Brug af kommunens ESDH-system", "level": "Intermediate"}],
}


def test_derive_diff_and_inheritance(town: Town) -> None:
    url, keys = town.url, town.keys
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


def test_keys_write_only_their_own_municipality(town: Town) -> None:
    url, keys = town.url, town.keys
    other = {**SPEC, "id": "andet"}
    for key in (keys["andenby"], keys["provider"]):
        resp = httpx.post(
            f"{url}/municipalities/testby/profiles", json=other, headers={"Authorization": f"Bearer {key}"}
        )
        assert resp.status_code == 403
    assert httpx.post(f"{url}/municipalities/testby/profiles", json=other).status_code == 401


def test_bad_derivation_changes_nothing(town: Town) -> None:
    url, keys = town.url, town.keys
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


def test_versions_no_silent_overwrite_history_compare_restore_retire(town: Town) -> None:
    """Each save is a version; a save on top of an old one is refused, naming the newer one (nothing is
    lost); the history says who, when and why; versions compare with labels; restore and retire work."""
    url, keys = town.url, town.keys
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
    assert (
        diff["changed"][0]["from"]["name"] == "Advanced"
        and diff["changed"][0]["to"]["name"] == "Intermediate"
    )
    assert diff["changed"][0]["to"]["label"]["da"] == "Mellemniveau"
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


def test_an_administrator_manages_the_municipalitys_api_keys_on_the_site(town: Town) -> None:
    """Create (shown once), replace (the old one stops at once) and revoke; never another's keys."""
    import re
    import secrets

    from kg.core.settings import get_settings
    from kg.services import accounts
    from kg.store.db import open_database

    from .test_accounts import PASSWORD, _csrf, _sign_in

    url, keys = town.url, town.keys
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


class _Form(HTMLParser):
    """The fields a browser would send from the page's form ``action`` as it stands (inputs with their
    values, checked boxes, each select's selected option or its first)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.fields = action, False, {}
        self._select: str | None = None
        self._first: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name") and (a.get("type") != "checkbox" or "checked" in a):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select, self._first = a.get("name"), None
        elif tag == "option" and self._select:
            value = a.get("value")
            if "selected" in a:
                self.fields[self._select] = value if value is not None else "\0"
            elif self._first is None:
                self._first = value if value is not None else "\0"

    def handle_data(self, data: str) -> None:
        if self._select and self.fields.get(self._select) == "\0":
            self.fields[self._select] = data
        elif self._select and self._first == "\0":
            self._first = data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select:
            self.fields.setdefault(self._select, self._first or "")
            self._select = None
        if tag == "form":
            self.inside = False


def _fields(page: str, action: str) -> dict[str, str]:
    form = _Form(action)
    form.feed(page)
    assert form.fields, f"no form posting to {action}"
    return dict(form.fields)


def _row(fields: dict[str, str], competence: str) -> int:
    return next(
        int(k.split("-")[1]) for k, v in fields.items() if k.startswith("competence-") and v == competence
    )


def test_tailoring_on_the_site_with_versions_conflicts_and_no_one_elses(town: Town) -> None:
    """The administrator starts from SOSU, changes a level, leaves one out, adds one and a local
    competence, sees the changes by label before saving, saves versions with reasons; a second editor on
    an old version is told whose save came first and keeps what they typed; compare, restore, retire.
    Another municipality's administrator sees and changes nothing; no address reaches the public graph."""
    url = town.url
    database = open_database(get_settings().database_url_resolved())
    admin, other = f"hr-{secrets.token_hex(3)}@testby.dk", f"hr-{secrets.token_hex(3)}@andenby.dk"
    accounts.create_user(database, admin, "Hanne HR", PASSWORD, "municipality_admin", "testby")
    accounts.create_user(database, other, "Anders Anden", PASSWORD, "municipality_admin", "andenby")
    d3 = "https://w3id.org/dkk/id/digcomp3/"
    edit = "/ui/tailoring/testby/hjemmeplejen"
    with httpx.Client(base_url=url) as site, httpx.Client(base_url=url) as late:
        _sign_in(site, admin)
        _sign_in(late, admin)
        start = site.get("/ui/tailoring", params={"lang": "da"})
        assert start.status_code == 200 and "Profiler for testby" in start.text
        page = site.get(
            "/ui/tailoring/testby/new?lang=da",
            params={"base": "https://w3id.org/dkk/id/example/profile/sosu", "id": "hjemmeplejen"},
        )
        assert page.status_code == 200 and "Udelad" in page.text
        form = _fields(page.text, edit)
        form |= {"label_da": "Hjemmeplejen", f"level-{_row(form, d3 + '4.3')}": "Advanced"}
        form[f"remove-{_row(form, d3 + '5.4')}"] = "1"
        form |= {"add-competence-0": "digcomp3:3.1", "add-level-0": "Basic", "add-importance-0": "optional"}
        form |= {"local-id-0": "omsorg", "local-da-0": "Omsorgssystemet", "local-level-0": "Intermediate"}
        seen = site.post(edit + "?lang=da", data={**form, "action": "preview"})
        assert seen.status_code == 200, seen.text
        changes = seen.text.split('id="changes"', 1)[1].split("</section>", 1)[0]
        assert "4 ændringer i forhold" in changes and "Mellemniveau → Avanceret" in changes  # by label
        assert "Udeladt" in changes and "Omsorgssystemet" in changes and d3 not in changes
        assert httpx.get(f"{url}/profiles/municipality/testby/profile/hjemmeplejen").status_code == 404
        saved = site.post(
            edit, data={**_fields(seen.text, edit), "action": "save", "reason": "første udkast"}
        )
        assert saved.status_code == 303, saved.text
        history = site.get(saved.headers["location"] + "&lang=da")
        assert (
            "Gemt som version 1" in history.text and admin in history.text and "første udkast" in history.text
        )
        profile = httpx.get(f"{url}/profiles/municipality/testby/profile/hjemmeplejen").json()
        levels = {r["competence"]["id"]: r["level"]["id"] for r in profile["requirements"]}
        assert levels["digcomp3/4.3"] == "digcomp3/level/advanced" and "digcomp3/5.4" not in levels
        assert levels["digcomp3/3.1"] == "digcomp3/level/basic"
        assert "municipality/testby/competence/omsorg" in levels
        # two editors open version 1; the first saves, the second is told and keeps what they typed
        mine, theirs = site.get(edit, params={"lang": "da"}).text, late.get(edit, params={"lang": "da"}).text
        first = _fields(mine, edit) | {"action": "save", "reason": "4.2 som grundprofilen"}
        assert site.post(edit, data=first).status_code == 303
        second = _fields(theirs, edit) | {"action": "save", "label_da": "Min udgave", "reason": "min"}
        refused = late.post(edit + "?lang=da", data=second)
        assert refused.status_code == 409 and "En anden har gemt i mellemtiden" in refused.text
        assert admin in refused.text and 'value="Min udgave"' in refused.text
        assert len(httpx.get(f"{url}/municipalities/testby/profiles/hjemmeplejen/versions").json()) == 2
        # compare, restore, retire
        compared = site.get(edit + "/history", params={"from": 1, "to": 2, "lang": "da"})
        assert compared.status_code == 200 and "Fra version 1 til 2" in compared.text
        back = site.post(edit + "/restore", data={"csrf": _csrf(compared.text), "number": 1, "current": 2})
        assert back.status_code == 303 and back.headers["location"].endswith("saved=3")
        gone = site.post(
            edit + "/retire", data={"csrf": _csrf(compared.text), "current": 3, "reason": "slut"}
        )
        assert gone.status_code == 303
        assert httpx.get(f"{url}/profiles/municipality/testby/profile/hjemmeplejen").status_code == 404
        # a form without its token changes nothing
        assert site.post(edit + "/restore", data={"number": 1, "current": 4}).status_code == 403
    with httpx.Client(base_url=url) as stranger:
        _sign_in(stranger, other)
        assert stranger.get(edit).status_code == 404
        assert stranger.get(edit + "/history").status_code == 404
        token = _csrf(stranger.get("/ui/account").text)
        assert (
            stranger.post(edit + "/restore", data={"csrf": token, "number": 1, "current": 4}).status_code
            == 404
        )
    assert len(httpx.get(f"{url}/municipalities/testby/profiles/hjemmeplejen/versions").json()) == 4
    leak = f'ASK {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), "{admin}") || CONTAINS(STR(?s), "{admin}")) }}'
    assert httpx.get(f"{url}/sparql", params={"query": leak}).json()["boolean"] is False
