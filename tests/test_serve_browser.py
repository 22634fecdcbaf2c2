"""The pages of `kg serve` in a real headless Chromium (Debian's), driven by Playwright."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from kg.parse import parse_path
from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.testing import SEED, LiveServer, shared_sample_store

CHROMIUM = "/usr/bin/chromium"
# The README's screenshots are refreshed with KG_SCREENSHOTS=docs/screenshots; a plain test run
# leaves the tracked files alone.
SCREENSHOTS = Path(os.environ.get("KG_SCREENSHOTS") or Path(tempfile.gettempdir()) / "kg-screenshots")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM} (make browser)"),
]

EXAMPLE = """# Resolutions and their adoption dates
PREFIX unres: <https://w3id.org/unres/def/unres#>
SELECT ?symbol ?date WHERE {
  ?resolution a unres:Resolution ; unres:symbol ?symbol ; unres:adoptionDate ?date .
} ORDER BY ?date
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    queries = tmp_path_factory.mktemp("queries")
    (queries / "adoption-dates.rq").write_text(EXAMPLE, encoding="utf-8")
    config = ServeConfig(store_path=str(shared_sample_store()), workers=2, queries_dir=queries)
    with LiveServer(create_app(config)) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # The page must work offline: every request other than to our own server fails the test.
    outside: list[str] = []
    own = re.escape(server.url + "/")
    context.route(re.compile(f"^(?!{own}).*"),
                  lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"the page asked for outside resources: {outside}"


def test_query_page_runs_an_example_and_shows_rows(page, server):
    page.goto(server.url + "/sparql", wait_until="networkidle")
    button = page.get_by_role("button", name="Resolutions and their adoption dates")
    button.click()
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=15_000)
    assert rows.count() >= 2
    assert "A/RES/65/140" in page.locator(".yasr").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "query-page.png"))


def test_seed_page_shows_its_operative_paragraphs_and_working_links(page, server):
    expected = parse_path(str(SEED))
    page.goto(server.url + "/eli/un/ga/res/65/140", wait_until="networkidle")
    assert "A/RES/65/140" in page.locator("p.symbol").inner_text()
    operative = page.locator("ol.paras.operative > li.para")
    assert operative.count() == len(expected.operative) == 21
    numbers = [operative.nth(i).locator(".num").first.inner_text().strip() for i in range(operative.count())]
    assert numbers == [f"{p.number}." for p in expected.operative]
    assert page.locator("ol.paras.preamble > li.para").count() == len(expected.preamble)
    assert page.locator("ol.footnotes > li").count() == len(expected.footnotes)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "resolution-page.png"))
    # Links in the text work: a cited resolution and a named entity lead to pages that answer.
    hrefs = page.eval_on_selector_all("a.ref", "els => els.map(e => e.getAttribute('href'))")
    local = sorted({h for h in hrefs if h.startswith("/")})
    assert any(h.startswith("/eli/") for h in local) and any(h.startswith("/id/") for h in local)
    for href in [next(h for h in local if h.startswith("/id/")), next(h for h in local if h.startswith("/eli/"))]:
        response = page.goto(server.url + href)
        assert response is not None and response.status == 200, href
        assert page.locator("h1").inner_text().strip()
