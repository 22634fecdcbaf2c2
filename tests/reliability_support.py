"""Shared parts of the reliability tests (issue 10): a parser sandbox, input mutators, a loopback
listener that records connections, and /proc readings.

* ``ParseSandbox``: ``kg.parse.parse_path`` in a separate worker process with a memory ceiling
  (``RLIMIT_AS``); the parent waits a bounded time per input and kills the worker when the time is
  up (C code such as ``re`` or libxml2 ignores Python signals, so only a kill really bounds time).
  Each input ends as ``ok`` (a ``Resolution``), ``refused`` (a ``ParseError``), ``crash`` (any other
  exception: a bug), ``hang`` (killed at the limit: a bug) or ``died`` (the worker died: a bug).
* ``Mutator``: seeded, deterministic mutations of real corpus files (truncation, shuffled or
  duplicated paragraphs, broken markers, huge lines, control characters, re-encodings, junk).
* ``Listener``: a socket on 127.0.0.1 that counts the connections made to it (proves "no fetch").
"""
from __future__ import annotations

import codecs
import multiprocessing
import os
import random
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "A_RES_65_140.txt"

# Real files of every reader, the seeds of the mutation fuzzers (those present are used).
SEED_FILES = {
    "seed-text": "seed/A_RES_65_140.txt",
    "ods-text": "ods-word/ga72/text-seedlike/N1730150.txt",
    "docx": "ods-word/ga72/original/N1730150.DOC",
    "pdf-md": "pdf-extract-ga80-railcar/md/A_RES_80_10.md",
    "akn-ga": "unxml-ga/xml/78session/English/A_RES_78_102-2324976E.xml",
    "akn-sc": "unxml-sc/xml/2022/English/S_RES_2618 (2022)-2201005E.xml",
}

OUTCOMES = ("ok", "refused", "crash", "hang", "died")


def seed_paths() -> dict[str, Path]:
    return {name: CORPUS / rel for name, rel in SEED_FILES.items() if (CORPUS / rel).is_file()}


def pdf_seed() -> Path | None:
    found = sorted((CORPUS / "pdf-ga73-gatenlp").rglob("*.pdf")) if (CORPUS / "pdf-ga73-gatenlp").is_dir() else []
    return found[0] if found else None


# --- the parser sandbox ---------------------------------------------------------------------

@dataclass
class ParseResult:
    name: str
    status: str          # ok | refused | crash | hang | died
    detail: str          # symbol, ParseError reason, or the traceback's last line
    seconds: float
    peak_rss_mb: float = 0.0

    @property
    def is_bug(self) -> bool:
        return self.status in ("crash", "hang", "died")


def _sandbox_main(conn: Connection, workdir: str, memory_mb: int) -> None:
    """The worker: parse each (name, data) it is sent, answer (status, detail, seconds, rss_kb)."""
    import resource
    import traceback

    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from kg.model import ParseError
    from kg.parse import parse_path

    conn.send(("ready", "", 0.0, 0))
    while True:
        try:
            name, data = conn.recv()
        except (EOFError, OSError):
            return
        path = os.path.join(workdir, name)
        with open(path, "wb") as handle:
            handle.write(data)
        _reset_peak_rss()
        started = time.perf_counter()
        try:
            resolution = parse_path(path)
            status, detail = "ok", f"{resolution.symbol} ({resolution.source_format})"
        except ParseError as error:
            status, detail = "refused", error.reason
            if str(error).count("\n") or not error.reason.strip():
                status, detail = "crash", f"ParseError not one line: {error!s:.300}"
        except BaseException as error:  # noqa: BLE001 - anything else is the bug we look for
            where = traceback.extract_tb(error.__traceback__)[-1]
            status = "crash"
            detail = f"{type(error).__name__}: {str(error)[:300]} ({where.filename.rsplit('/', 2)[-1]}:{where.lineno})"
        finally:
            os.unlink(path)
        seconds = time.perf_counter() - started
        conn.send((status, detail, seconds, _peak_rss_kb()))


def _reset_peak_rss() -> None:
    """Reset this process's peak RSS (VmHWM), so each input's peak is its own (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass


def _peak_rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class ParseSandbox:
    """``parse_path`` in a killable worker process; ``parse(name, data) -> ParseResult``."""

    def __init__(self, workdir: Path, timeout: float = 20.0, memory_mb: int = 3072) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._ctx = multiprocessing.get_context("spawn")
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.results: list[ParseResult] = []
        self._start()

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self.process = self._ctx.Process(target=_sandbox_main, args=(child, str(self.workdir), self.memory_mb),
                                         daemon=True, name="kg-fuzz-parse")
        self.process.start()
        child.close()
        self.conn = parent
        if not parent.poll(60):
            raise RuntimeError("the parse sandbox did not start")
        parent.recv()

    def _kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
        if self.conn is not None:
            self.conn.close()
        self.process = self.conn = None

    def parse(self, name: str, data: bytes) -> ParseResult:
        assert self.conn is not None
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80] or "input"
        started = time.perf_counter()
        try:
            self.conn.send((safe, data))
            if self.conn.poll(self.timeout):
                status, detail, seconds, rss_kb = self.conn.recv()
                result = ParseResult(name, status, detail, seconds, rss_kb / 1024.0)
            else:
                self._kill()
                self._start()
                result = ParseResult(name, "hang", f"no answer within {self.timeout:g} s (killed)",
                                     time.perf_counter() - started)
        except (EOFError, OSError, BrokenPipeError):
            code = self.process.exitcode if self.process is not None else None
            self._kill()
            self._start()
            result = ParseResult(name, "died", f"worker died (exit code {code})", time.perf_counter() - started)
        self.results.append(result)
        return result

    def close(self) -> None:
        self._kill()

    def tally(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOMES, 0)
        for result in self.results:
            counts[result.status] += 1
        return counts

    def bugs(self) -> list[ParseResult]:
        return [r for r in self.results if r.is_bug]


# --- mutations of real documents -------------------------------------------------------------

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1")


@dataclass
class Mutator:
    """Deterministic mutations of one document (``random.Random(seed)``)."""

    seed: int
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    # text-level mutations (the data is decoded as UTF-8 with replacement, mutated, re-encoded)
    def truncate(self, data: bytes) -> bytes:
        return data[: self.rng.randrange(0, max(1, len(data)))]

    def _lines(self, data: bytes) -> list[str]:
        return data.decode("utf-8", "replace").split("\n")

    def shuffle_paragraphs(self, data: bytes) -> bytes:
        lines = self._lines(data)
        self.rng.shuffle(lines)
        return "\n".join(lines).encode()

    def duplicate_paragraphs(self, data: bytes) -> bytes:
        lines = self._lines(data)
        for _ in range(self.rng.randint(1, 20)):
            i = self.rng.randrange(len(lines))
            lines[i:i] = [lines[i]] * self.rng.randint(1, 50)
        return "\n".join(lines).encode()

    def break_markers(self, data: bytes) -> bytes:
        """Paragraph numbers, footnote rules, sub-paragraph letters, symbols: damaged."""
        text = data.decode("utf-8", "replace")
        choice = self.rng.randrange(6)
        if choice == 0:
            text = re.sub(r"(?m)^(\s*)\d+\.", lambda m: m.group(1) + self.rng.choice(["", "1.", "99999999999.", "0.", "-1."]), text)
        elif choice == 1:
            text = text.replace("_", self.rng.choice(["", "-", "\u2014"]))
        elif choice == 2:
            text = re.sub(r"\(([a-z]{1,4})\)", lambda m: self.rng.choice(["(", ")", "(zz)", "(" + m.group(1) * 30 + ")"]), text)
        elif choice == 3:
            text = re.sub(r"[AES]/RES/", lambda m: self.rng.choice(["A/RES//", "/RES/", "A/RES/9999999999/", "S/RES/("]), text)
        elif choice == 4:
            text = re.sub(r"\d", lambda m: self.rng.choice("0123456789IVXL"), text)
        else:
            text = re.sub(r"<[^>]{0,40}>", lambda m: self.rng.choice(["", "<", ">", m.group() * 2]), text)
        return text.encode()

    def huge_line(self, data: bytes) -> bytes:
        lines = data.split(b"\n")
        i = self.rng.randrange(len(lines))
        filler = self.rng.choice([b"a", b"1. ", b"(a) ", b"Recalling ", b"A/RES/65/", b" ", b"\t", b"_"])
        lines[i] = lines[i] + filler * (2_000_000 // len(filler))
        return b"\n".join(lines)

    def control_characters(self, data: bytes) -> bytes:
        out = bytearray(data)
        for _ in range(self.rng.randint(1, 200)):
            out.insert(self.rng.randrange(len(out) + 1), self.rng.choice([0, 1, 7, 8, 11, 12, 27, 127, 0x85]))
        return bytes(out)

    def reencode(self, data: bytes) -> bytes:
        text = data.decode("utf-8", "replace")
        encoding = self.rng.choice(ENCODINGS)
        return text.encode(encoding, errors="replace")

    def junk(self, data: bytes) -> bytes:
        out = bytearray(data)
        for _ in range(self.rng.randint(1, 30)):
            pos = self.rng.randrange(len(out) + 1)
            out[pos:pos] = self.rng.randbytes(self.rng.randint(1, 512))
        return bytes(out)

    def flip_bytes(self, data: bytes) -> bytes:
        out = bytearray(data)
        for _ in range(self.rng.randint(1, 64)):
            if out:
                out[self.rng.randrange(len(out))] = self.rng.randrange(256)
        return bytes(out)

    MUTATIONS = ("truncate", "shuffle_paragraphs", "duplicate_paragraphs", "break_markers", "huge_line",
                 "control_characters", "reencode", "junk", "flip_bytes")

    def mutate(self, data: bytes, name: str | None = None) -> tuple[str, bytes]:
        name = name or self.rng.choice(self.MUTATIONS)
        return name, getattr(self, name)(data)


def encodings_of(text: str) -> dict[str, bytes]:
    """A text in every encoding the readers claim to handle (BOMs included)."""
    out = {}
    for encoding in ENCODINGS:
        out[encoding] = text.encode(encoding, errors="replace")
    out["utf-32-be-bom"] = codecs.BOM_UTF32_BE + text.encode("utf-32-be")
    return out


# --- XML made to hurt ------------------------------------------------------------------------

def billion_laughs(levels: int = 10) -> bytes:
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE akomaNtoso [", '  <!ENTITY lol0 "lol">']
    for i in range(1, levels):
        lines.append(f'  <!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    lines += ["]>", f'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&lol{levels - 1};</akomaNtoso>']
    return "\n".join(lines).encode()


def external_entity(system_id: str, root: str = "akomaNtoso") -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [ <!ENTITY xxe SYSTEM "{system_id}"> ]>\n'
            f'<{root} xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><p>&xxe;</p>'
            f"</body></act></{root}>").encode()


def parameter_entity(system_id: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [ <!ENTITY % remote SYSTEM "{system_id}"> %remote; ]>\n'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>').encode()


def external_dtd(system_id: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "{system_id}">\n'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>').encode()


def xinclude(href: str) -> bytes:
    return ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" '
            f'xmlns:xi="http://www.w3.org/2001/XInclude"><act><xi:include href="{href}" parse="text"/></act>'
            "</akomaNtoso>").encode()


def deep_xml(depth: int) -> bytes:
    return (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>'
            + b"<paragraph>" * depth + b"<p>x</p>" + b"</paragraph>" * depth + b"</body></act></akomaNtoso>")


def wide_xml(real_akn: bytes, copies: int) -> bytes:
    """A real AKN document whose body paragraphs are repeated ``copies`` times (enormous, valid)."""
    match = re.search(rb"<paragraph\b.*?</paragraph>", real_akn, re.S)
    if not match:
        return real_akn
    return real_akn[: match.start()] + match.group() * copies + real_akn[match.start():]


# --- docx (OOXML) made to hurt --------------------------------------------------------------

def docx_with_document_xml(real_docx: bytes, transform) -> bytes:  # type: ignore[no-untyped-def]
    """A copy of a real .docx with ``word/document.xml`` replaced by ``transform(old_xml)``."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(real_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = transform(data)
            target.writestr(info.filename, data)
    return out.getvalue()


def docx_xxe(real_docx: bytes, system_id: str) -> bytes:
    def inject(xml: bytes) -> bytes:
        decl_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        root = re.search(rb"<(w:document)\b", xml)
        doctype = f'<!DOCTYPE w:document [ <!ENTITY xxe SYSTEM "{system_id}"> ]>'.encode()
        body = re.sub(rb"(<w:t(?: [^>]*)?>)", rb"\1&xxe;", xml[decl_end:], count=3)
        assert root
        return xml[:decl_end] + doctype + body
    return docx_with_document_xml(real_docx, inject)


def docx_bomb(real_docx: bytes, megabytes: int = 200) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` MB (compresses ~1000:1)."""
    def inflate(xml: bytes) -> bytes:
        pad = b"<w:p><w:r><w:t>" + b"a" * (1024 * 1024) + b"</w:t></w:r></w:p>"
        return xml.replace(b"<w:body>", b"<w:body>" + pad * megabytes, 1)
    return docx_with_document_xml(real_docx, inflate)


# --- a loopback listener ----------------------------------------------------------------------

class Listener:
    """A socket on 127.0.0.1 that counts the connections made to it, and what they asked for."""

    def __init__(self, path: str = "") -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}{path}"
        self.connections = 0
        self.requests: list[bytes] = []
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True, name="fuzz-listener")
        self.thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            conn.settimeout(0.5)
            try:
                self.requests.append(conn.recv(2048))
            except OSError:
                pass
            conn.close()

    def close(self) -> None:
        if self._stop:
            return
        time.sleep(0.3)           # time for a connection something might still make
        self._stop = True
        self.thread.join(2)
        self.sock.close()


# --- /proc readings ----------------------------------------------------------------------------

def rss_mb(pid: int) -> float:
    """Resident memory of one process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def children_of(pid: int) -> list[int]:
    """Direct children of a process (from /proc/<pid>/task/*/children)."""
    out: list[int] = []
    task_dir = Path(f"/proc/{pid}/task")
    for task in task_dir.iterdir() if task_dir.is_dir() else []:
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def tree_rss_mb(pid: int) -> float:
    """RSS of a process and all its descendants."""
    total, todo, seen = 0.0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += rss_mb(current)
        todo += children_of(current)
    return total


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100.0 * (len(ordered) - 1))))]


# --- the misbehaving proxy (tests/fault_proxy.py) as a process -----------------------------------

class FaultProxy:
    """``tests/fault_proxy.py`` in front of ``upstream``, on a free loopback port; ``mode(...)`` switches."""

    def __init__(self, upstream: str, workdir: Path) -> None:
        import subprocess
        import sys

        port_file = Path(workdir) / "proxy.port"
        port_file.unlink(missing_ok=True)
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("fault_proxy.py")),
                                         upstream, str(port_file)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not port_file.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("the fault proxy did not start")
            time.sleep(0.02)
        self.port = int(port_file.read_text())
        self.url = f"http://127.0.0.1:{self.port}"

    def _get(self, path: str) -> dict:
        import json
        import urllib.request

        with urllib.request.urlopen(self.url + path, timeout=10) as reply:
            return json.loads(reply.read())

    def mode(self, mode: str) -> None:
        self._get(f"/__proxy__/mode/{mode}")

    def stats(self) -> dict:
        return self._get("/__proxy__/stats")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except Exception:  # noqa: BLE001
                self.process.kill()
                self.process.wait()
