"""Online linking against a Wikidata SPARQL endpoint (``kg link --online``).

Three jobs, each batched with ``VALUES`` and cached item by item on disk, so a
second run over the same input makes no request at all:

- ``check_qids``: are the shipped QIDs still items, or redirected (merged) ones?
  (A merged item keeps ``owl:sameAs`` to its target in the Wikidata RDF.)
- ``lookup_names``: QIDs for names the tables miss (English label or alias; a
  name with several candidate items stays unresolved).
- ``harvest_resolutions``: items of the UNSC / UNGA resolution classes with their
  P3069 (UN document symbol) -> symbol-to-QID table, and the items lacking P3069.

Results are written as dated TSV tables next to the shipped ones
(``wikidata_online_YYYY-MM-DD.tsv`` ...), which the gazetteer reads: builds stay
offline and reproducible.  Class and property IDs come from
``wikidata_schema_ids.tsv``, never from code.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import re
import time
import urllib.error
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError

from kg import symbols
from kg.link.gazetteer import read_tsv

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = ("un-resolutions-kg/0.1 (linked-data publisher for UN resolutions; "
              "https://w3id.org/unres) SPARQLWrapper")
PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
ENTITY = "http://www.wikidata.org/entity/"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class OnlineError(Exception):
    """The endpoint could not be queried (after retries)."""


@dataclass
class SparqlClient:
    """SPARQLWrapper with a timeout, a User-Agent, back-off and a request counter."""

    endpoint: str = WIKIDATA_ENDPOINT
    user_agent: str = USER_AGENT
    timeout: float = 60.0
    max_retries: int = 5
    max_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT; rows as {variable: value}."""
        wrapper = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        wrapper.setQuery(query)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(self.timeout))
        for attempt in range(self.max_retries + 1):
            self.requests += 1
            try:
                result = wrapper.queryAndConvert()
                break
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES or attempt == self.max_retries:
                    raise OnlineError(f"{self.endpoint}: HTTP {exc.code}") from None
                self.sleep(self._wait(exc.headers.get("Retry-After"), attempt))
            except EndPointInternalError:
                if attempt == self.max_retries:
                    raise OnlineError(f"{self.endpoint}: HTTP 500") from None
                self.sleep(self._wait(None, attempt))
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                if attempt == self.max_retries:
                    raise OnlineError(f"{self.endpoint}: {exc}") from None
                self.sleep(self._wait(None, attempt))
        if not isinstance(result, dict):
            raise OnlineError(f"{self.endpoint}: not a SPARQL JSON result")
        return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]

    def _wait(self, retry_after: str | None, attempt: int) -> float:
        """Seconds to wait: the server's Retry-After (seconds or HTTP date), else exponential."""
        wait = float(2 ** attempt)
        if retry_after:
            if retry_after.strip().isdigit():
                wait = float(retry_after.strip())
            else:
                when = email.utils.parsedate_to_datetime(retry_after)
                if when is not None:
                    wait = max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
        return min(wait, self.max_wait)


@dataclass
class Cache:
    """Answers per item (a QID, a name, a whole harvest), one JSON file per kind."""

    directory: Path
    _data: dict[str, dict[str, object]] = field(default_factory=dict)

    def _file(self, kind: str) -> Path:
        return self.directory / f"{kind}.json"

    def table(self, kind: str) -> dict[str, object]:
        if kind not in self._data:
            path = self._file(kind)
            self._data[kind] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return self._data[kind]

    def save(self, kind: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._file(kind)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.table(kind), ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
        tmp.replace(path)


def batches(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def sparql_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def qid_of(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


@dataclass
class OnlineLinker:
    client: SparqlClient
    cache: Cache
    batch_size: int = 100

    def check_qids(self, qids: Iterable[str]) -> dict[str, dict[str, str]]:
        """QID -> {"status": ok|redirect|missing, "redirect_to": QID or ""}."""
        table = self.cache.table("qids")
        todo = sorted({q for q in qids if re.fullmatch(r"Q\d+", q or "") and q not in table})
        for batch in batches(todo, self.batch_size):
            values = " ".join(f"wd:{q}" for q in batch)
            rows = self.client.select(PREFIXES + f"""SELECT ?item ?target ?label WHERE {{
  VALUES ?item {{ {values} }}
  OPTIONAL {{ ?item owl:sameAs ?target }}
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANG(?label) = "en") }}
}}""")
            found = {q: {"status": "missing", "redirect_to": ""} for q in batch}
            for row in rows:
                qid = qid_of(row["item"])
                if row.get("target"):
                    found[qid] = {"status": "redirect", "redirect_to": qid_of(row["target"])}
                elif row.get("label") and found[qid]["status"] != "redirect":
                    found[qid] = {"status": "ok", "redirect_to": ""}
            table.update(found)
            self.cache.save("qids")
        return {q: table[q] for q in qids if q in table}  # type: ignore[misc]

    def lookup_names(self, names: Iterable[str]) -> dict[str, dict[str, str]]:
        """name -> {"qid": the one item labelled so (or ""), "label_en": its label}."""
        table = self.cache.table("names")
        todo = sorted({n for n in names if n and n not in table})
        for batch in batches(todo, self.batch_size):
            values = " ".join(sparql_string(n) for n in batch)
            rows = self.client.select(PREFIXES + f"""SELECT ?name ?item ?label WHERE {{
  VALUES ?name {{ {values} }}
  ?item rdfs:label|skos:altLabel ?name .
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANG(?label) = "en") }}
}}""")
            candidates: dict[str, dict[str, str]] = {n: {} for n in batch}
            for row in rows:
                candidates.setdefault(row["name"], {})[qid_of(row["item"])] = row.get("label", "")
            for name in batch:
                items = candidates.get(name, {})
                qid, label = next(iter(items.items())) if len(items) == 1 else ("", "")
                table[name] = {"qid": qid, "label_en": label, "candidates": str(len(items))}
            self.cache.save("names")
        return {n: table[n] for n in names if n in table}  # type: ignore[misc]

    def harvest_resolutions(self, class_ids: list[str], symbol_property: str) -> list[dict[str, str]]:
        """Items of the resolution classes: QID, class, English label, P3069 symbol (may be empty)."""
        key = hashlib.sha256(f"{self.client.endpoint} {class_ids} {symbol_property}".encode()).hexdigest()[:16]
        table = self.cache.table("resolutions")
        if key not in table:
            values = " ".join(f"wd:{c}" for c in class_ids)
            rows = self.client.select(PREFIXES + f"""SELECT ?item ?class ?symbol ?label WHERE {{
  VALUES ?class {{ {values} }}
  ?item wdt:P31 ?class .
  OPTIONAL {{ ?item wdt:{symbol_property} ?symbol }}
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANG(?label) = "en") }}
}}""")
            table[key] = [{"qid": qid_of(r["item"]), "class": qid_of(r["class"]),
                           "wikidata_symbol": r.get("symbol", ""), "label_en": r.get("label", "")}
                          for r in rows]
            self.cache.save("resolutions")
        return list(table[key])  # type: ignore[arg-type]


# -- tables --------------------------------------------------------------------------
def schema_ids(data_dir: Path) -> dict[str, str]:
    """English label -> ID from the shipped ``wikidata_schema_ids.tsv``."""
    return {row["label_en"]: row["id"] for row in read_tsv(data_dir / "wikidata_schema_ids.tsv")}


def resolution_classes(data_dir: Path) -> tuple[list[str], str]:
    ids = schema_ids(data_dir)
    classes = [ids["United Nations Security Council resolution"], ids["United Nations General Assembly resolution"]]
    return classes, ids["UN document symbol"]


def canonical_or_none(text: str) -> str | None:
    try:
        return symbols.canonical(text)
    except ValueError:
        return None


def resolution_rows(items: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows for ``wikidata_resolutions_*.tsv``: canonical symbol where Wikidata gives one."""
    rows = []
    for item in items:
        symbol = canonical_or_none(item["wikidata_symbol"]) if item["wikidata_symbol"] else None
        rows.append({**item, "symbol": symbol or ""})
    return sorted(rows, key=lambda r: (r["symbol"], r["qid"]))


def write_table(data_dir: Path, prefix: str, columns: list[str], rows: list[dict[str, str]],
                today: date | None = None) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"{prefix}_{(today or date.today()).isoformat()}.tsv"
    lines = ["\t".join(columns)]
    for row in rows:
        lines.append("\t".join(str(row.get(c, "")).replace("\t", " ").replace("\n", " ") for c in columns))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def quickstatements(our_symbols: Iterable[str], items: list[dict[str, str]], symbol_property: str,
                    sc_class: str, ga_class: str) -> list[str]:
    """P3069 statements Wikidata lacks: items of a resolution class without a symbol whose
    label gives the number of one of our resolutions ("... Resolution 2712" / "... 65/140")."""
    having = {canonical_or_none(i["wikidata_symbol"]) for i in items if i["wikidata_symbol"]}
    lines = []
    by_number: dict[tuple[str, str], list[dict[str, str]]] = {}
    for item in items:
        if item["wikidata_symbol"]:
            continue
        sc = re.search(r"\bresolution (\d+)\b", item["label_en"], re.I)
        ga = re.search(r"\b(\d+|ES-\d+)/(\d+)\b", item["label_en"])
        if item["class"] == sc_class and sc:
            by_number.setdefault(("SC", sc.group(1)), []).append(item)
        elif item["class"] == ga_class and ga:
            by_number.setdefault(("GA", f"{ga.group(1)}/{ga.group(2)}"), []).append(item)
    for symbol in sorted(set(our_symbols)):
        if symbol in having:
            continue
        sc = re.fullmatch(r"S/RES/(\d+) \(\d{4}\)", symbol)
        ga = re.fullmatch(r"A/RES/((?:ES-)?\d+/\d+)", symbol)
        key = ("SC", sc.group(1)) if sc else ("GA", ga.group(1)) if ga else None
        matches = by_number.get(key, []) if key else []
        if len(matches) == 1:
            lines.append(f'{matches[0]["qid"]}\t{symbol_property}\t"{symbol}"')
    return lines
