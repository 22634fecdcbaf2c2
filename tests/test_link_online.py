"""``kg link --online`` against a real SPARQL server (oxigraph) and back-off against a real HTTP server."""
from __future__ import annotations

import csv
import json
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from link_support import CORPUS, REPO, SEED, needs_shared

pytestmark = needs_shared
OXIGRAPH = REPO / ".venv" / "bin" / "oxigraph"
DATA = REPO / "kg" / "data"
TEMPLATE = Path(__file__).parent / "fixtures" / "wikidata_online.ttl.template"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shipped(file: str, key: str, value: str, column: str) -> str:
    with (DATA / file).open(encoding="utf-8", newline="") as handle:
        found = {r[column] for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r[key] == value}
    assert len(found) == 1, (file, value, found)
    return found.pop()


def sc_akn_file() -> Path:
    return sorted(CORPUS.glob("unxml-sc/xml/20*/English/S_RES_*.xml"))[0]


def fill_fixture(sc_symbol: str) -> str:
    number, year = re.fullmatch(r"S/RES/(\d+) \((\d{4})\)", sc_symbol).groups()

    def value(match: re.Match) -> str:
        kind, label = match.group(1), match.group(2)
        if kind == "org":
            return shipped("wikidata_organizations.tsv", "label_en", label, "qid")
        return shipped("wikidata_schema_ids.tsv", "label_en", label, "id")

    text = TEMPLATE.read_text(encoding="utf-8").replace("{{sc_number}}", number).replace("{{sc_year}}", year)
    return re.sub(r"\{\{(org|schema):([^}]+)\}\}", value, text)


@pytest.fixture(scope="module")
def sc_symbol() -> str:
    from kg.parse import parse_path
    return parse_path(str(sc_akn_file())).symbol


@pytest.fixture(scope="module")
def sparql_server(tmp_path_factory, sc_symbol):
    """A real ``oxigraph serve`` on loopback, loaded with the fixture; stopped after the tests."""
    if not OXIGRAPH.exists():
        pytest.skip("oxigraph CLI not installed")
    base = tmp_path_factory.mktemp("oxigraph")
    turtle = base / "wikidata.ttl"
    turtle.write_text(fill_fixture(sc_symbol), encoding="utf-8")
    subprocess.run([str(OXIGRAPH), "load", "--location", str(base / "db"), "--file", str(turtle)],
                   check=True, capture_output=True, timeout=60)
    port = free_port()
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(base / "db"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}/query"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("oxigraph did not start")
    server = {"endpoint": endpoint, "process": process}
    yield server
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def online_run(sparql_server, tmp_path_factory):
    """Run ``kg link --online`` twice: with the server up, then with it stopped (cache only)."""
    from kg.link.commands import link_command

    work = tmp_path_factory.mktemp("online")
    data_dir = work / "data"
    shutil.copytree(DATA, data_dir)
    args = ["--online", "--endpoint", sparql_server["endpoint"], "--cache-dir", str(work / "cache"),
            "--data-dir", str(data_dir), "--batch-size", "50", str(SEED), str(sc_akn_file())]
    first = CliRunner().invoke(link_command, args, catch_exceptions=False)
    sparql_server["process"].terminate()
    sparql_server["process"].wait(timeout=10)
    second = CliRunner().invoke(link_command, args, catch_exceptions=False)
    return {"first": first, "second": second, "data_dir": data_dir, "args": args}


def requests_made(output: str) -> int:
    return int(re.search(r"requests made: (\d+)", output).group(1))


def dated_table(data_dir: Path, prefix: str) -> list[dict[str, str]]:
    paths = sorted(data_dir.glob(f"{prefix}_*.tsv"))
    assert len(paths) == 1 and re.fullmatch(rf"{prefix}_\d{{4}}-\d\d-\d\d\.tsv", paths[0].name)
    with paths[0].open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_first_run_queries_the_server_in_batches(online_run):
    result = online_run["first"]
    assert result.exit_code == 0, result.output
    assert requests_made(result.output) >= 3


def test_second_run_is_served_from_the_cache(online_run):
    result = online_run["second"]
    assert result.exit_code == 0, result.output
    assert requests_made(result.output) == 0


def test_names_the_tables_miss_are_resolved(online_run):
    rows = {r["name"]: r for r in dated_table(online_run["data_dir"], "wikidata_online")}
    assert rows["Islamic Summit Conference"]["qid"] == "Q900000001"
    assert rows["International Contact Group on Somalia"]["qid"] == "Q900000002"


def test_a_name_with_two_items_stays_unresolved(online_run):
    rows = {r["name"]: r for r in dated_table(online_run["data_dir"], "wikidata_online")}
    assert rows["Secretary-General"]["qid"] == "" and rows["Secretary-General"]["candidates"] == "2"


def test_merged_qid_is_reported_as_redirect(online_run):
    old = shipped("wikidata_organizations.tsv", "label_en", "United Nations High Commissioner for Refugees", "qid")
    new = shipped("wikidata_organizations.tsv", "label_en", "Office of the United Nations High Commissioner for Refugees", "qid")
    rows = {r["qid"]: r for r in dated_table(online_run["data_dir"], "wikidata_redirects")}
    assert rows[old]["status"] == "redirect" and rows[old]["redirect_to"] == new
    oic = shipped("wikidata_organizations.tsv", "label_en", "Organisation of Islamic Cooperation", "qid")
    assert rows[oic]["status"] == "ok"


def test_resolution_items_are_harvested_by_symbol(online_run, sc_symbol):
    rows = dated_table(online_run["data_dir"], "wikidata_resolutions")
    assert {r["symbol"]: r["qid"] for r in rows if r["symbol"]} == {sc_symbol: "Q900000101"}


def test_saved_tables_feed_the_offline_gazetteer(online_run):
    from kg.link import link
    from kg.link.gazetteer import build_gazetteer
    from link_support import seed_resolution

    gazetteer = build_gazetteer(online_run["data_dir"])
    mentions = link(seed_resolution(), gazetteer)
    summit = {m.qid for m in mentions if m.text == "Islamic Summit Conference"}
    assert summit == {"Q900000001"}
    assert gazetteer.resolutions and set(gazetteer.resolutions.values()) == {"Q900000101"}
    refugees = shipped("wikidata_organizations.tsv", "label_en", "United Nations High Commissioner for Refugees", "qid")
    assert gazetteer.current_qid(refugees) != refugees


def test_quickstatements_list_missing_symbols(online_run):
    """The GA item lacks P3069 for the seed; the SC item already has its symbol."""
    from kg.link.commands import link_command

    args = [a for a in online_run["args"] if a != "--online"]
    result = CliRunner().invoke(link_command, ["--export-quickstatements", *args], catch_exceptions=False)
    symbol_property = shipped("wikidata_schema_ids.tsv", "label_en", "UN document symbol", "id")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f'Q900000103\t{symbol_property}\t"A/RES/65/140"']


# -- back-off against a real HTTP server -------------------------------------------------
EMPTY_RESULT = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}})


class Scripted(BaseHTTPRequestHandler):
    """Answers from a script: a list of (status, headers) then 200 with a SPARQL JSON result."""

    script: list[tuple[int, dict[str, str]]] = []
    seen: list[tuple[str, str]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.seen.append((self.command, self.headers.get("User-Agent", "")))
        status, headers = self.script.pop(0) if self.script else (200, {})
        body = EMPTY_RESULT.encode() if status == 200 else b"slow down"
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json" if status == 200 else "text/plain")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def scripted_server():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Scripted)
    Scripted.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def _client(endpoint: str, waits: list[float]):
    from kg.link.online import SparqlClient

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    return SparqlClient(endpoint, "kg-test/1.0 (tests)", timeout=5, max_retries=3, sleep=sleep)


def test_backs_off_on_429_honouring_retry_after(scripted_server):
    Scripted.script = [(429, {"Retry-After": "1"})]
    waits: list[float] = []
    client = _client(scripted_server, waits)
    assert client.select("SELECT ?x WHERE {}") == [{"x": "1"}]
    assert waits == [1.0] and client.requests == 2 and len(Scripted.seen) == 2


def test_backs_off_on_503_then_succeeds(scripted_server):
    Scripted.script = [(503, {}), (503, {"Retry-After": "0"})]
    waits: list[float] = []
    client = _client(scripted_server, waits)
    assert client.select("SELECT ?x WHERE {}") == [{"x": "1"}]
    assert waits == [1.0, 0.0] and client.requests == 3


def test_sends_a_descriptive_user_agent(scripted_server):
    Scripted.script = []
    _client(scripted_server, []).select("SELECT ?x WHERE {}")
    assert Scripted.seen[-1][1] == "kg-test/1.0 (tests)"


def test_gives_up_with_a_clear_error(scripted_server):
    from kg.link.online import OnlineError

    Scripted.script = [(429, {"Retry-After": "0"})] * 4
    client = _client(scripted_server, [])
    with pytest.raises(OnlineError, match="HTTP 429"):
        client.select("SELECT ?x WHERE {}")
    assert client.requests == 4


def test_client_error_is_not_retried(scripted_server):
    from kg.link.online import OnlineError

    Scripted.script = [(403, {})]
    client = _client(scripted_server, [])
    with pytest.raises(OnlineError, match="HTTP 403"):
        client.select("SELECT ?x WHERE {}")
    assert client.requests == 1
