"""The website over HTTP (no browser): languages, security headers, forms without JavaScript,
errors as pages, and that no page asks the reader's browser to load anything from another host.
The browser tests (tests/test_browser*.py) cover what needs a real browser."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import httpx
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from api.ui.i18n import strings
from api.ui.render import HERE
from kg.core.settings import ROOT

from .browser import OTHER_PAGES, SITE_PAGES

KEYWORDS = {"t": None, "text": None, "N_": None, "tn": (1, 2)}  # as `make messages` has them


def test_every_string_a_template_uses_is_translated() -> None:
    """Babel extracts every key the templates and code use, as `make messages` does (babel.cfg, with the
    keys made at run time from api/ui/i18n/dynamic.py); each is in both catalogues, in words, with the same
    placeholders in both languages."""
    method_map, options = parse_mapping_cfg(io.StringIO((ROOT / "babel.cfg").read_text()))
    used = {
        message[0] if isinstance(message, tuple) else message
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT), method_map, options, keywords=KEYWORDS, comment_tags=()
        )
    }
    assert len(used) > 400 and "role.employee" in used  # (the run-time keys are there too)
    catalogued = strings()
    assert used - set(catalogued) == set()
    for key, (en, da) in catalogued.items():
        for form_en, form_da in zip(_forms(en), _forms(da), strict=True):
            assert form_en and form_da, key
            fields = {f for _, f, _, _ in string.Formatter().parse(form_en) if f}
            assert fields == {f for _, f, _, _ in string.Formatter().parse(form_da) if f}, key


def _forms(message: str | tuple[str, ...]) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)


@pytest.mark.parametrize("path", SITE_PAGES + OTHER_PAGES)
def test_pages_load_nothing_from_other_hosts(http: httpx.Client, path: str) -> None:
    resp = http.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == 200
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    loads = re.findall(r"<(?:script|img|iframe|source)[^>]*\bsrc=\"([^\"]+)\"", resp.text)
    loads += re.findall(r"<link[^>]*\bhref=\"([^\"]+)\"", resp.text)
    assert [u for u in loads if re.match(r"(https?:)?//", u)] == []


def test_language_from_switch_cookie_and_accept_language(server: str) -> None:
    with httpx.Client(base_url=server) as reader:  # its own cookie jar: the switch is remembered
        switched = reader.get("/ui/frameworks?lang=da")
        assert '<html lang="da">' in switched.text and "Referencerammer" in switched.text
        assert switched.cookies.get("dkk_lang") == "da"
        assert "<h1>Profiler</h1>" in reader.get("/ui/profiles").text
    with httpx.Client(base_url=server) as reader:  # no cookie: the browser's languages decide
        assert "<h1>Profiler</h1>" in reader.get("/ui/profiles").text  # none stated: Danish
        for accept, heading in (
            ("da-DK,da;q=0.9", "Profiler"),
            ("en-GB,en;q=0.9", "Profiles"),
            ("de-DE,de;q=0.9", "Profiler"),  # neither: Danish, the site's own language
            ("de;q=1.0,en;q=0.8,da;q=0.5", "Profiles"),
            ("en;q=0.3,da;q=0.8", "Profiler"),
        ):
            answer = reader.get("/ui/profiles", headers={"Accept-Language": accept})
            assert f"<h1>{heading}</h1>" in answer.text, accept


def test_search_finds_danish_english_and_esco_labels(http: httpx.Client) -> None:
    da = http.get("/ui/search", params={"q": "persondata", "lang": "da"}).text
    assert "Beskyttelse af persondata og privatliv" in da
    en = http.get("/ui/search", params={"q": "technical problems", "partial": 1}).text
    assert "solve technical problems" in en and "<html" not in en  # the fragment for search as you type
    exact = http.get("/ui/search", params={"q": "4.2", "lang": "en"}).text
    notations = re.findall(r'<li><a href="[^"]+"><span class="notation">([^<]+)</span>', exact)
    assert notations == ["4.2", "4.2", "4.2"]  # DigComp 2.2, 3.0 and DigCompEdu; not 1.4.2 etc.
    assert "Type at least two characters" in http.get("/ui/search", params={"q": "x"}).text


def test_search_puts_labels_that_start_with_the_query_first_and_filters(http: httpx.Client) -> None:
    """Asked for "data", a reader wants Dataanvendelse before a concept that only has "data" among its search
    words; the filters narrow to one framework and one kind, and say how many the filters left out."""

    def found(**params: str) -> list[str]:
        page = http.get("/ui/search", params={"q": "data", "lang": "da", "partial": "1", **params}).text
        return re.findall(r'<li><a href="([^"]+)">', page)

    first = found()
    assert set(first[:2]) == {
        "/ui/concept?id=kl-wheel%2Fdata-og-informationssikkerhed",
        "/ui/concept?id=kl-wheel%2Fdataanvendelse",
    }
    assert first.index("/ui/concept?id=digcomp3%2F1.3") > 2  # found by a search word only
    narrowed = found(framework="digcomp3", kind="competence")
    assert narrowed and all("digcomp3%2F" in href and href.count(".") == 1 for href in narrowed)
    assert len(narrowed) < len(first)
    page = http.get("/ui/search", params={"q": "data", "lang": "da", "framework": "digcomp3"}).text
    unfiltered = re.search(r"\(af ([\d.]+) uden filtrene\)", page)
    assert (
        unfiltered
        and int(unfiltered[1].replace(".", "")) >= len(first)
        and '<option value="digcomp3" selected>' in page
    )
    assert found(kind="skill") and all("esco" in href for href in found(kind="skill"))
    assert found(framework="no-such-thing", kind="nonsense") == first  # an unknown filter narrows nothing


def test_concept_page_separates_statements_outcomes_and_mappings(http: httpx.Client) -> None:
    """DigComp 3.0's competence statements and learning outcomes in their own explained sections, by
    level, the English texts marked as English with a Danish note; mappings grouped by relation as seen
    from the concept (a KL sub-area's narrowMatch to 4.2 is a broader concept on 4.2's page), each naming
    the framework it leads to."""
    page = http.get("/ui/concept", params={"id": "digcomp3/4.2", "lang": "da"}).text
    statements = page[page.index('<h2 id="statements">') : page.index('<h2 id="outcomes">')]
    outcomes = page[page.index('<h2 id="outcomes">') : page.index("<h2>Koblinger</h2>")]
    assert "CS4.2.01" in statements and "LO4.2." not in statements
    assert "LO4.2.01" in outcomes and "CS4.2." not in outcomes
    assert "Niveau 1: Grundlæggende" in statements and "Niveau 4: Meget avanceret" in outcomes
    assert '<span class="badge ksa">Holdning</span>' in outcomes  # knowledge, skill or attitude
    assert "Udgiveren har kun teksterne på engelsk." in statements
    assert '<span lang="en">Acknowledge the importance' in statements
    mappings = page[page.index("<h2>Koblinger</h2>") : page.index("<h2>Profiler")]
    groups = re.findall(r"<h3>([^<]+) <span", mappings)
    assert groups == ["Svarer nogenlunde til", "Bredere begreber", "Beslægtede begreber"]  # closest first
    broader = mappings[mappings.index("Bredere begreber") : mappings.index("Beslægtede begreber")]
    assert '<span class="framework-name">KL&#39;s kompetencehjul</span>' in broader
    assert "Data- og informationssikkerhed" in broader


def test_concept_page_shows_mappings_both_ways_and_uses(http: httpx.Client) -> None:
    page = http.get("/ui/concept", params={"id": "digcomp3/4.2", "lang": "en"}).text
    assert "Broader concepts" in page and "Close matches" in page
    assert "kl-wheel-digcomp3" in page  # the mapping set that states a mapping
    assert "Digital competence profile for social and health care assistants" in page
    assert "GDPR in practice" in page and 'class="badge"' in page  # example courses marked
    area = http.get("/ui/concept", params={"id": "digcomp3/4", "lang": "en"}).text
    listed = re.findall(r'<li><span class="notation">([^<]+)</span>', area)
    assert listed == ["4.1", "4.2", "4.3", "4.4"]  # its own competences, in order
    kl = http.get("/ui/concept", params={"id": "kl-wheel/data-og-informationssikkerhed", "lang": "en"}).text
    assert "Competences in this area" not in kl  # DigComp concepts it maps to are mappings, not children
    esco = http.get(
        "/ui/concept", params={"id": "http://data.europa.eu/esco/skill/14832d87-2f2f-4895-b290-e4760ebae42a"}
    )
    assert "Identify technical problems" in esco.text  # ESCO's dct:description


def test_gap_form_works_without_javascript(http: httpx.Client) -> None:
    form = http.get("/ui/gap", params={"profile": "example/profile/sosu", "lang": "en"}).text
    fields = re.findall(r'<select id="(level-\d+)" name="level-\d+">', form)
    assert len(fields) >= 5
    first_level = re.search(
        r'<select id="level-0" name="level-0">\s*<option value="">[^<]*</option>\s*<option value="([^"]+)">',
        form,
    )
    assert first_level is not None
    data = {"profile": "example/profile/sosu", "level-0": first_level.group(1)}
    result = http.post("/ui/gap?lang=en", files={"file": ("", b"", "text/csv")}, data=data)
    assert result.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in result.text and 'id="gap-t"' in result.text
    bad = http.post(
        "/ui/gap?lang=da",
        data={"profile": "example/profile/sosu"},
        files={"file": ("levels.csv", b"competence;level\ndigcomp3:4.2;Ekspert\n", "text/csv")},
    )
    assert bad.status_code == 422 and "Ekspert" in bad.text and '<td class="where">2</td>' in bad.text


def test_gap_levels_template_round_trips(http: httpx.Client) -> None:
    template = http.get("/ui/gap/levels.csv", params={"profile": "example/profile/sosu"})
    assert template.headers["content-type"].startswith("text/csv")
    lines = template.text.splitlines()
    assert lines[0] == "competence;level;person" and "digcomp3:4.2;;" in lines
    filled = "\n".join(
        [lines[0]] + [line.replace(";;", ";Basic;anna") for line in lines[1:] if line.startswith("digcomp3:")]
    )
    result = http.post(
        "/ui/gap?lang=en",
        data={"profile": "example/profile/sosu"},
        files={"file": ("levels.csv", filled.encode(), "text/csv")},
    )
    assert result.status_code == 200, result.text
    assert "People analysed: 1." in result.text and "People below" not in result.text
    team = filled + "\n" + "\n".join(line.replace(";;", ";Advanced;bo") for line in lines[1:3])
    result = http.post(
        "/ui/gap?lang=en",
        data={"profile": "example/profile/sosu"},
        files={"file": ("team.csv", team.encode(), "text/csv")},
    )
    assert "People analysed: 2." in result.text and "People below" in result.text


def test_site_errors_are_pages_and_api_errors_stay_problem_json(http: httpx.Client) -> None:
    page = http.get("/ui/concept", params={"id": "no/such/thing", "lang": "en"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Unknown competence" in page.text and 'role="alert"' in page.text
    missing = http.get("/ui/concept?lang=en")
    assert (
        missing.status_code == 422 and "id" in missing.text and "text/html" in missing.headers["content-type"]
    )
    api = http.get("/competences/no/such/thing")
    assert api.status_code == 404 and api.headers["content-type"] == "application/problem+json"


def test_front_end_packages_are_served_from_this_server(http: httpx.Client) -> None:
    if not (HERE / "static" / "vendor" / ".installed").exists():
        pytest.skip("web/install.sh has not vendored the npm packages (no npm on this machine)")
    assert http.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200
    docs = http.get("/docs")
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
    assert "script-src 'self' 'sha256-" in docs.headers["content-security-policy"]
    assert http.get("/favicon.ico").headers["content-type"] == "image/svg+xml"


def test_vendored_versions_match_the_lock_file() -> None:
    vendor = HERE / "static" / "vendor" / "versions.json"
    if not vendor.exists():
        pytest.skip("web/install.sh has not vendored the npm packages (no npm on this machine)")
    import json

    lock = json.loads((Path(HERE).parents[1] / "web" / "package-lock.json").read_text())["packages"]
    versions = json.loads(vendor.read_text())
    assert versions["yasgui"] == lock["node_modules/@zazuko/yasgui"]["version"]
    assert versions["swagger-ui"] == lock["node_modules/swagger-ui-dist"]["version"]


def test_without_npm_the_query_page_and_docs_fall_back(
    store: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.ui import render

    monkeypatch.setattr(render, "VENDOR", tmp_path)  # as if web/install.sh had found no npm
    with TestClient(create_app()) as client:
        query = client.get("/ui/query?lang=en")
        docs = client.get("/docs?lang=en")
    assert query.status_code == 200 and "yasgui" not in query.text
    assert '<form method="get" action="/sparql" id="plain-query">' in query.text
    assert (
        docs.status_code == 200
        and 'href="/openapi.json"' in docs.text
        and "swagger-ui-bundle" not in docs.text
    )


def test_kls_wheel_reads_as_kls_work_compiled_by_us(http: httpx.Client) -> None:
    """The framework page names KL as its creator and says who compiled it, never KL as publisher
    of our compilation or a licence KL did not give (issue 16)."""
    da = http.get("/ui/frameworks/kl-wheel", params={"lang": "da"}).text
    block = da[da.index('<aside class="provenance"') :].split("</aside>")[0]
    assert "Udarbejdet af KL" in block and "Udgiver" not in block
    assert "KL har ikke udgivet denne sammenstilling" in da and "creativecommons" not in da
    cards = http.get("/ui/frameworks", params={"lang": "da"}).text
    assert "samlet af DKK-projektet fra den offentlige kilde" in cards
    concept = http.get("/ui/concept", params={"id": "kl-underlying/danish", "lang": "da"}).text
    assert "Danskkundskaber" in concept and "samlet af DKK-projektet" in concept


def test_a_name_we_translated_says_so_and_an_unconfirmed_one_says_why(http: httpx.Client) -> None:
    """'Teknologivurdering' is our translation of a sub-area KL has confirmed only in English (through
    SDU): the page must not show it as KL's (issue 16)."""
    page = http.get("/ui/concept", params={"id": "kl-wheel/technology-assessment", "lang": "da"}).text
    assert "Teknologivurdering" in page and "DKK-projektets oversættelse, ikke udgiverens" in page
    assert "<dt>Bemærk</dt><dd>KL&#39;s danske navn er endnu ikke bekræftet" in page
    assert "<strong>Ikke bekræftet af udgiveren.</strong>" in page
    own = http.get("/ui/concept", params={"id": "kl-wheel/dataanvendelse", "lang": "da"}).text
    assert "Dataanvendelse" in own and "DKK-projektets oversættelse" not in own  # KL's own name
    # KL publishes no descriptions of its wheel: the one shown is ours, and says so (issue 16)
    assert "Beskrevet af DKK-projektet med egne ord ud fra kilden; ikke udgiverens tekst." in own
    digcomp = http.get("/ui/concept", params={"id": "digcomp3/4.2", "lang": "da"}).text
    assert "Beskrevet af DKK-projektet" not in digcomp


def test_every_page_says_whose_its_statements_are(http: httpx.Client) -> None:
    """One provenance block on concept, framework, mapping and course pages, with the same fields in
    the REST answers (issue 16)."""
    pages = {
        "/ui/concept?id=digcomp3/4.2": ("Udgiver: Europa-Kommissionens Fælles Forskningscenter", "CC BY 4.0"),
        "/ui/frameworks/esco-digcomp": ("Udgiver: Europa-Kommissionen", "ESCO"),
        "/ui/concept?id=kl-wheel/udvikling": ("Udarbejdet af KL", "KL&#39;s"),
        "/ui/mappings": ("DKK-projektets forslag, ikke udgiverens.", "CC BY 4.0"),
        "/ui/course?id=example/course/akademi/digital-grundpakke": ("Eksempeldata, opdigtet.", ""),
    }
    for path, expected in pages.items():
        page = http.get(path + ("&" if "?" in path else "?") + "lang=da").text
        assert '<aside class="provenance"' in page, path
        block = page[page.index('<aside class="provenance"') :].split("</aside>")[0]
        assert all(e in block for e in expected), (path, block)
    rest = http.get("/competences/digcomp3/4.2").json()["provenance"]
    assert rest["status"] == "published" and rest["publisher"]["iri"].endswith("/agent/jrc")
    assert rest["license"] == "https://creativecommons.org/licenses/by/4.0/" and rest["sources"]
    fw = {f["id"]: f for f in http.get("/frameworks", params={"limit": 100}).json()["items"]}
    assert fw["kl-wheel"]["provenance"]["status"] == "compiled" and fw["kl-wheel"]["provenance"]["rights"]
    assert fw["kl-wheel"]["provenance"]["license"] is None
    mapped = http.get("/mappings", params={"subject": "kl-wheel/dataanvendelse"}).json()["items"]
    assert {m["provenance"]["status"] for m in mapped} == {"proposed"}
    unconfirmed = http.get("/competences/kl-wheel/legal-security-and-ethics").json()["provenance"]
    assert unconfirmed["unconfirmed"] is True
    course = http.get("/courses/example/course/akademi/digital-grundpakke").json()
    assert course["provenance"]["status"] == "example" and course["outcomes"]
    public = http.get("/courses/course/cok/den-digitalt-bevidste-medarbejder").json()["provenance"]
    assert public["status"] == "compiled" and public["sources"][0].startswith("https://www.denoffentlige.dk/")
    missing = http.get("/courses/example/course/nope")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


def test_numbers_and_counts_as_each_language_writes_them(http: httpx.Client) -> None:
    """Thousands and decimals by the reader's locale (Babel: 16.230 and 1,5 in Danish), and counted
    nouns in their plural form, never 'problem(er)'."""
    da, en = (http.get("/ui/data", params={"lang": lang}).text for lang in ("da", "en"))
    assert re.search(r"<dd>\d{1,3}(\.\d{3})+</dd>", da) and not re.search(r"<dd>\d{4,}</dd>", da)
    assert re.search(r"<dd>\d{1,3}(,\d{3})+</dd>", en)
    team = "competence;level;person\r\ndigcomp3:4.2;Basic;a\r\ndigcomp3:4.2;Intermediate;b\r\n"
    for lang, mean in (("da", "1,5"), ("en", "1.5")):
        page = http.post(
            f"/ui/gap?lang={lang}",
            data={"profile": "example/profile/sosu"},
            files={"file": ("team.csv", team.encode(), "text/csv")},
        ).text
        assert f">{mean}</td>" in page, lang
    one = "competence;level\r\ndigcomp3:9.9;Basic\r\n"
    two = one + "digcomp3:9.8;Basic\r\n"
    for body, words in ((one, "har 1 problem;"), (two, "har 2 problemer;")):
        page = http.post(
            "/ui/gap?lang=da",
            data={"profile": "example/profile/sosu"},
            files={"file": ("levels.csv", body.encode(), "text/csv")},
        ).text
        assert words in page and "(er)" not in page


def test_a_problem_page_speaks_the_readers_language(http: httpx.Client) -> None:
    """An unknown competence on a Danish page: a Danish title and explanation (the service gives both
    languages, in the problem+json too); where a service has only English words, a Danish title by status
    and the English detail marked lang="en"."""
    page = http.get("/ui/concept", params={"id": "digcomp3/4.9", "lang": "da"})
    assert page.status_code == 404
    main = page.text.split("<main", 1)[1]
    assert "<h1>Ukendt kompetence</h1>" in main and "er ikke en kompetence i grafen" in main, main
    assert "HTTP-status 404" in page.text and "names no" not in page.text
    answer = http.get("/competences/digcomp3/4.9").json()
    assert answer["title"] == "Unknown competence" and answer["title_da"] == "Ukendt kompetence"
    english = http.get("/ui/concept", params={"id": "digcomp3/4.9", "lang": "en"}).text
    assert "<h1>Unknown competence</h1>" in english


def test_example_queries_in_the_readers_language(http: httpx.Client) -> None:
    """Each of the example research queries has a Danish title and description on Danish pages."""
    for path in ("/ui/query", "/queries"):
        da = http.get(path, params={"lang": "da"}, headers={"Accept": "text/html"}).text
        assert "Krav i profiler, som intet kursus dækker" in da and 'lang="da"' in da
        shown = re.sub(r"<(script|textarea|pre)[^>]*>.*?</\1>", "", da, flags=re.S)  # (the queries' own text)
        assert "Profile requirements no course meets" not in shown
        en = http.get(path, params={"lang": "en"}, headers={"Accept": "text/html"}).text
        assert "Profile requirements no course meets" in en
    from kg.core.settings import get_settings
    from kg.services.research_queries import all_queries

    assert all(q.title_da and q.description_da for q in all_queries(get_settings().queries_dir))


def test_a_long_profile_is_charted_as_bars_by_area_with_its_numbers_beside(http: httpx.Client) -> None:
    """Fifteen requirements are too many for a radar: bars, under the name of each area, titled by the
    profile's name in the reader's language; beside them (on wide screens) the same numbers as a table."""
    page = http.get("/ui/profile", params={"id": "example/profile/eksempelkommune-sosu", "lang": "da"}).text
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert '<title id="profile-t">Kompetenceprofil: Eksempelkommune: lokal profil' in chart
    assert 'font-weight="bold"' in chart and "Sikkerhed, trivsel og ansvarlig brug" in chart
    assert chart.count('class="required"') == 15
    beside = page[page.index('<div class="chart-data">') : page.index("</figure>")]
    assert "<caption>Diagrammets tal</caption>" in beside and beside.count('scope="rowgroup"') == 6
