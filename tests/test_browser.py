"""The website in a real browser: headless Chromium on the real server (see tests/browser.py).

What users rely on: every page loads in both languages without errors and without a request
to another host; search finds a competence as you type; the SPARQL editor runs a query; the
gap form draws a chart; reading pages work without JavaScript; the pages meet the checks we
can automate for accessibility (labels, names, landmarks, WCAG AA contrast, keyboard).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import reading
from .browser import OTHER_PAGES, SITE_PAGES, Watch, open_page, screenshot

# WCAG 2.1 AA contrast of every visible text against its effective background.
CONTRAST_JS = (Path(__file__).parent / "js" / "contrast.js").read_text(encoding="utf-8")

# Form controls without a label, images and charts without a name, headings and landmarks.
STRUCTURE_JS = (Path(__file__).parent / "js" / "structure.js").read_text(encoding="utf-8")


@pytest.fixture
def page(chromium: Any, server: str, request: pytest.FixtureRequest) -> Iterator[tuple[Any, Watch]]:
    yield from open_page(chromium, server, request)


@pytest.fixture
def page_without_js(
    chromium: Any, server: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Any, Watch]]:
    yield from open_page(chromium, server, request, javascript=False)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_page_loads_cleanly_and_accessibly(page: tuple[Any, Watch], path: str, lang: str) -> None:
    p, _ = page
    sep = "&" if "?" in path else "?"
    response = p.goto(f"{path}{sep}lang={lang}", wait_until="networkidle")
    assert response.status == 200
    assert p.get_attribute("html", "lang") == lang
    assert p.title().endswith("– DKK")
    assert p.evaluate(STRUCTURE_JS) == []
    assert p.evaluate(CONTRAST_JS) == []


@pytest.fixture
def narrow_page(chromium: Any, server: str, request: pytest.FixtureRequest) -> Iterator[tuple[Any, Watch]]:
    yield from open_page(chromium, server, request, width=320)


def test_pages_reflow_at_320_px(narrow_page: tuple[Any, Watch]) -> None:
    """WCAG 1.4.10: on a 320 px wide screen no page scrolls sideways (tables and IRIs wrap)."""
    p, _ = narrow_page
    wide = []
    for path in SITE_PAGES:
        p.goto(path, wait_until="networkidle")
        scroll, client = p.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            wide.append(f"{path}: {scroll} px")
    assert wide == []


@pytest.mark.parametrize("path", OTHER_PAGES)
def test_other_html_pages_load_cleanly(page: tuple[Any, Watch], path: str) -> None:
    p, _ = page
    response = p.goto(path, wait_until="networkidle")
    assert response.status == 200
    if path == "/docs":  # Swagger UI from the vendored npm package, not a CDN
        p.wait_for_selector(".swagger-ui .info .title")


def test_search_as_you_type_finds_a_known_competence(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/?lang=da")
    p.fill("#search-q", "persondata")  # fires input events as a person typing would
    hit = p.get_by_role("link", name="Beskyttelse af persondata og privatliv").first
    hit.wait_for()
    assert p.url.endswith("/?lang=da")  # no page load: the list came in as the user typed
    assert "resultater for “persondata”" in p.inner_text("#search-status")  # what a screen reader hears
    screenshot(p, "search-as-you-type")
    hit.click()
    p.wait_for_url("**/ui/concept?id=digcomp3%2F4.2")
    assert "Beskyttelse af persondata og privatliv" in p.inner_text("h1")
    assert p.locator("text=Protecting personal data and privacy").count() >= 1  # both languages shown


def test_search_covers_english_labels_notations_and_esco(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/search?lang=en")
    p.fill("#search-q", "technical problems")
    p.get_by_role("link", name="solve technical problems").wait_for()
    p.fill("#search-q", "4.2")
    p.get_by_role("link", name="4.2 Protecting personal data and privacy").first.wait_for()
    assert "q=4.2" in p.url  # the search page keeps its address in step, so it can be shared


def test_language_switch_is_remembered(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/frameworks?lang=en")
    assert p.inner_text("h1") == "Frameworks"
    p.get_by_role("link", name="Dansk").click()
    p.wait_for_load_state()
    assert p.inner_text("h1") == "Referencerammer"
    p.get_by_role("navigation").get_by_role("link", name="Profiler").click()
    p.wait_for_load_state()
    assert p.get_attribute("html", "lang") == "da" and p.inner_text("h1") == "Profiler"


def test_framework_tree_by_keyboard(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/frameworks/digcomp3?lang=en")
    areas = p.locator(".tree > li > details")
    assert areas.count() == 5
    p.get_by_role("button", name="Collapse all").click()
    assert p.locator(".tree details[open]").count() == 0
    p.locator(".tree summary").first.focus()
    p.keyboard.press("Enter")
    assert areas.first.get_attribute("open") is not None
    for _ in range(6):  # past the area's link and its mappings, to its first competence
        p.keyboard.press("Tab")
        if "digcomp3%2F1.1" in (p.evaluate("document.activeElement.href") or ""):
            break
    p.keyboard.press("Enter")  # on a wide screen the concept opens in the panel beside the tree
    title = p.locator("#tree-detail #detail-title")
    title.wait_for()
    assert "1.1" in title.inner_text() and p.evaluate("document.activeElement.id") == "detail-title"
    assert "/ui/frameworks/digcomp3" in p.url  # no page load
    panel = p.locator("#tree-detail")
    assert panel.get_by_role("heading", name="Close matches").count() == 1  # its mappings, grouped
    assert p.locator(".tree-legend").inner_text().startswith("= exact match")
    screenshot(p, "framework-tree-with-detail-panel-1280-en")
    panel.get_by_role("link", name="Open the concept's page").click()
    p.wait_for_url("**/ui/concept?id=digcomp3%2F1.1")
    assert "1.1" in p.inner_text("h1")


def test_framework_tree_on_a_phone_opens_the_concept_page(chromium: Any, server: str) -> None:
    """At 390 px there is no room beside the tree: a concept's link opens its page."""
    context = chromium.new_context(base_url=server, viewport={"width": 390, "height": 844})
    p = context.new_page()
    try:
        p.goto("/ui/frameworks/digcomp3?lang=da", wait_until="networkidle")
        assert not p.locator("#tree-detail").is_visible()
        p.locator(".tree a[href='/ui/concept?id=digcomp3%2F1.1']").first.click()
        p.wait_for_url("**/ui/concept?id=digcomp3%2F1.1")
        screenshot(p, "framework-tree-phone-opened-concept-390-da")
    finally:
        context.close()


def test_skip_link_is_the_first_stop(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/profiles?lang=en")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent") == "Skip to content"
    p.keyboard.press("Enter")
    assert p.evaluate("document.activeElement.id") == "main"


def test_sparql_editor_runs_a_query(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/query?lang=en")
    p.wait_for_selector("#yasgui .CodeMirror")
    assert p.locator("#yasgui .tabPanel, #yasgui [role=tab]").count() >= 12  # one tab per example
    query = (
        "SELECT ?label WHERE { <https://w3id.org/dkk/id/digcomp3/4.2> skos:prefLabel ?label "
        'FILTER(LANG(?label) = "en") }'
    )
    p.evaluate(
        "q => document.querySelector('#yasgui .tabPanel.active .CodeMirror').CodeMirror.setValue(q)", query
    )
    p.locator("#yasgui .tabPanel.active .yasqe_queryButton").click()
    cell = p.locator(
        "#yasgui .tabPanel.active .yasr table td", has_text="Protecting personal data and privacy"
    )
    cell.first.wait_for()
    href = p.get_attribute("#downloads [data-format=csv]", "href")
    assert href is not None and "digcomp3%2F4.2" in href and "format=csv" in href
    screenshot(p, "sparql-editor-result")


def test_sparql_editor_by_keyboard(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/query?lang=en")
    p.wait_for_selector("#yasgui .CodeMirror")
    p.locator("#yasgui .tabPanel.active .CodeMirror textarea").focus()
    p.keyboard.press("Control+Enter")  # runs the first example
    p.locator("#yasgui .tabPanel.active .yasr table tbody tr").first.wait_for()
    editor = p.locator("#yasgui .tabPanel.active .CodeMirror textarea")
    editor.focus()
    text = "document.querySelector('#yasgui .tabPanel.active .CodeMirror').CodeMirror.getValue()"
    before = p.evaluate(text)
    p.keyboard.press("Tab")  # moves on (to the editor's own buttons): no keyboard trap
    assert p.evaluate(text) == before
    assert p.evaluate("document.activeElement.tagName") == "BUTTON"


def test_sparql_editor_example_tab_runs(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/query?lang=en")
    p.wait_for_selector("#yasgui .CodeMirror")
    p.locator("[data-example='1']").click()  # "Courses per DigComp 3.0 competence area"
    p.locator("#yasgui .tabPanel.active .yasqe_queryButton").click()
    p.locator("#yasgui .tabPanel.active .yasr table tbody tr").first.wait_for()
    assert p.locator("#yasgui .tabPanel.active .yasr table tbody tr").count() >= 1


def test_gap_form_shows_a_chart_and_recommendations(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/ui/gap?lang=en")
    p.select_option("#gap-profile", "example/profile/sosu")
    p.get_by_role("button", name="Show its requirements").click()
    p.wait_for_selector("#gap-form")
    p.locator("#gap-form select").first.select_option(index=1)  # the lowest level for the first requirement
    p.get_by_role("button", name="Analyse gaps").click()
    chart = p.locator("#gap-result svg[role=img]").first
    chart.wait_for()
    assert "current" in (chart.locator("desc").text_content() or "")
    # SOSU's 16 requirements are too many for a radar: a bar each, and a dot for each current level
    assert chart.locator("rect.required").count() >= 10 and chart.locator("circle.current").count() >= 10
    assert p.locator("#gap-result table").count() >= 1
    assert p.locator("#gap-result .gap-positive").count() >= 1


def test_gap_csv_with_errors_shows_them_by_row(page: tuple[Any, Watch], tmp_path: Any) -> None:
    p, watch = page
    watch.allowed_statuses.add(422)
    csv = tmp_path / "levels.csv"
    csv.write_text("competence;level\ndigcomp3:4.2;Mellem\ndigcomp3:9.9;Basic\ndigcomp3:1.1;Expert\n")
    p.goto("/ui/gap?lang=en&profile=example/profile/sosu")
    p.set_input_files("#gap-file", str(csv))
    p.get_by_role("button", name="Analyse gaps").click()
    problems = p.locator("#gap-problems tbody tr")
    problems.first.wait_for()
    rows = [problems.nth(i).locator("td").first.inner_text() for i in range(problems.count())]
    assert rows == ["3", "4"]
    assert "9.9" in p.inner_text("#gap-problems") and "Expert" in p.inner_text("#gap-problems")


def test_reading_pages_work_without_javascript(page_without_js: tuple[Any, Watch]) -> None:
    p, _ = page_without_js
    p.goto("/ui/search?q=persondata&lang=da")
    p.get_by_role("link", name="Beskyttelse af persondata og privatliv").first.click()
    p.wait_for_load_state()
    assert "Beskyttelse af persondata og privatliv" in p.inner_text("h1")
    p.goto("/ui/frameworks/kl-wheel?lang=en")
    assert p.get_by_role("link", name="Data and information security").first.is_visible()
    assert not p.get_by_role("button", name="Expand all").is_visible()  # script-only controls stay hidden
    p.goto("/ui/profile?id=example/profile/sosu&lang=en")
    assert p.locator("svg[role=img] > title").count() == 1
    p.goto("/ui/query?lang=en")
    assert p.locator("#plain-query textarea").is_visible()  # the plain form stands in for the editor


WORD_BREAKS_JS = (Path(__file__).parent / "js" / "word_breaks.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
def test_no_word_is_broken_across_lines(chromium: Any, server: str, width: int) -> None:
    """Every page in Danish at a phone's and a laptop's width: no word of a heading, table or text wraps
    inside itself (table headers broke as "Kræv et nivea u"). A screenshot of each page at each width."""
    context = chromium.new_context(base_url=server, viewport={"width": width, "height": 900}, locale="da-DK")
    p = context.new_page()
    broken = {}
    try:
        for path in SITE_PAGES:
            sep = "&" if "?" in path else "?"
            p.goto(f"{path}{sep}lang=da", wait_until="networkidle")
            found = p.evaluate(WORD_BREAKS_JS)
            if found:
                broken[path] = found
            name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")[:60] or "home"
            screenshot(p, f"pages-{width}/{name}-da")
    finally:
        context.close()
    assert broken == {}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_reads_in_its_own_language(chromium: Any, server: str, lang: str) -> None:
    """Every page of the site as a reader of ``lang`` sees it: no word of the other language outside an
    element marked with that language (lang="en" around DigComp's English statements on a Danish page),
    and numbers written as the language writes them (16.230 and 1,5 in Danish). Judged by wordfreq's
    frequency lists (tests/reading.py); a screenshot of each page. The Linked Data, SPARQL, dataset,
    ontology and release pages too; not /docs, Swagger UI's own English page."""
    context = chromium.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    p = context.new_page()
    foreign, numbers = {}, {}
    try:
        for path in [*SITE_PAGES, *(p for p in OTHER_PAGES if p != "/docs")]:  # Swagger UI is English
            sep = "&" if "?" in path else "?"
            p.goto(f"{path}{sep}lang={lang}", wait_until="networkidle")
            found = reading.read(p)
            assert len(found["words"]) > 20, path  # the page was read, not an empty shell
            if words := reading.foreign_words(found, lang):
                foreign[path] = words
            if wrong := reading.misformatted_numbers(found, lang):
                numbers[path] = wrong
            if lang == "en":
                name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")[:60] or "home"
                screenshot(p, f"pages-1280/{name}-en")
    finally:
        context.close()
    assert foreign == {}
    assert numbers == {}


CHART_TEXT_JS = """
[...document.querySelectorAll('svg[role=img]')]
  .filter((svg) => svg.getClientRects().length)
  .flatMap((svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(
    (t) => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale]);
})
"""


@pytest.mark.parametrize(
    "path", ["/ui/profile?id=example/profile/laerer", "/ui/profile?id=example/profile/eksempelkommune-sosu"]
)
def test_chart_text_is_readable_on_a_phone(chromium: Any, server: str, path: str) -> None:
    """At 390 px every word of a profile's chart is drawn at 12 px or more (a radar drawn for 960 px had
    shrunk its labels to 4 px): bars on a phone, a radar only on wide screens and for a few requirements."""
    context = chromium.new_context(base_url=server, viewport={"width": 390, "height": 844})
    p = context.new_page()
    try:
        p.goto(path + "&lang=da", wait_until="networkidle")
        sizes = p.evaluate(CHART_TEXT_JS)
        name = path.rsplit("/", 1)[-1]
        screenshot(p, f"chart-390-{name}-da")
    finally:
        context.close()
    assert len(sizes) >= 4
    assert [(text, round(size, 1)) for text, size in sizes if size < 12] == []
