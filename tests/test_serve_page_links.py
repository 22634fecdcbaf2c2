"""The links a page of `kg serve` offers to its own data ("This page as data", the JSON and CSV of a
listing) lead somewhere: each answers 200 in the format it names. Real server, real sample store."""
from __future__ import annotations

import http.client
from html.parser import HTMLParser

import pytest

from kg.publish.licences import LICENCES
from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.testing import LiveServer, shared_sample_store

# A resolution, a paragraph of it, a thing under /id (its description under /doc), an organ.
PAGES = ["/eli/un/ga/res/65/140", "/eli/un/ga/res/65/140/op/12", "/doc/state/som", "/doc/organ/ga"]
MEDIA = {"Turtle": "text/turtle", "JSON-LD": "application/ld+json", "N-Triples": "application/n-triples",
         "RDF/XML": "application/rdf+xml", "JSON": "application/json", "CSV": "text/csv"}


class _Links(HTMLParser):
    """The (text, href) of each link inside the page's <p class="data"> and listing "Also as" lines."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._in_p = False
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._in_p = True
        elif tag == "a" and self._in_p:
            self._href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_p = False

    def handle_data(self, data):
        if self._href is not None and data.strip() in MEDIA:
            self.links.append((data.strip(), self._href))
        self._href = None


@pytest.fixture(scope="module")
def server():
    with LiveServer(create_app(ServeConfig(store_path=str(shared_sample_store()), workers=2))) as live:
        yield live


def fetch(server, path, accept="text/html"):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", path, headers={"Accept": accept})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.headers, body


def data_links(server, page: str) -> list[tuple[str, str]]:
    status, _, body = fetch(server, page)
    assert status == 200, page
    parser = _Links()
    parser.feed(body.decode("utf-8"))
    return parser.links


@pytest.mark.parametrize("page", PAGES)
def test_page_offers_its_data_in_four_rdf_formats(server, page):
    offered = {text: href for text, href in data_links(server, page)}
    assert {"Turtle", "JSON-LD", "N-Triples", "RDF/XML"} <= offered.keys()
    assert all(href.startswith("/") and "." in href.rsplit("/", 1)[-1] for href in offered.values()), offered


@pytest.mark.parametrize("page", PAGES)
def test_every_data_link_of_a_page_answers_in_its_format(server, page):
    links = data_links(server, page)
    assert links
    for text, href in links:
        status, headers, body = fetch(server, href, accept="*/*")
        assert status == 200, (page, text, href, status)
        assert headers["Content-Type"].split(";")[0] == MEDIA[text], (page, text, href)
        assert body


def test_listing_of_a_thing_is_offered_as_json_and_csv(server):
    texts = {text for text, _ in data_links(server, "/doc/organ/ga")}
    assert {"JSON", "CSV"} <= texts


@pytest.mark.parametrize("page", ["/sparql", *PAGES, "/data/"])
def test_every_page_names_the_united_nations_as_the_source_and_links_the_licence(server, page):
    # the UN's terms of use ask every user of the texts to acknowledge the United Nations as the source
    _, _, body = fetch(server, page)
    footer = body.decode("utf-8").split('<footer class="site">', 1)[1]
    assert "Source of the resolutions: United Nations" in footer
    assert f'href="{LICENCES["data"].url}"' in footer
