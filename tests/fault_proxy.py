"""A misbehaving HTTP proxy for the fault tests: a real process on 127.0.0.1 in front of a real store.

    python tests/fault_proxy.py UPSTREAM_URL PORT_FILE

It listens on a free loopback port (written to PORT_FILE once it listens) and forwards every
request to UPSTREAM_URL, or misbehaves, as the current *mode* says:

* ``pass``: forward faithfully;
* ``error500``: answer 500 without forwarding;
* ``drop``: close the connection without forwarding or answering;
* ``drop-after``: forward (the store does the work), then close without answering
  (the client cannot know whether its write happened);
* ``flaky``: of every three requests, the 1st answers 500, the 2nd is dropped after forwarding,
  the 3rd passes.

Control (never forwarded): ``GET /__proxy__/mode/<mode>`` switches the mode;
``GET /__proxy__/stats`` answers the counts as JSON.
"""
from __future__ import annotations

import http.client
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("pass", "error500", "drop", "drop-after", "flaky")


class State:
    def __init__(self, upstream: str) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.mode = "pass"
        self.lock = threading.Lock()
        self.counts = {"requests": 0, "forwarded": 0, "error500": 0, "dropped": 0, "passed": 0}
        self.flaky_turn = 0

    def decide(self) -> str:
        with self.lock:
            self.counts["requests"] += 1
            if self.mode != "flaky":
                return self.mode
            self.flaky_turn = (self.flaky_turn + 1) % 3
            return {1: "error500", 2: "drop-after", 0: "pass"}[self.flaky_turn]

    def count(self, key: str) -> None:
        with self.lock:
            self.counts[key] += 1


def make_handler(state: State):  # type: ignore[no-untyped-def]
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # noqa: D401 - quiet
            pass

        def _control(self) -> bool:
            if not self.path.startswith("/__proxy__/"):
                return False
            parts = self.path.strip("/").split("/")
            if len(parts) == 3 and parts[1] == "mode" and parts[2] in MODES:
                state.mode = parts[2]
                body = json.dumps({"mode": state.mode}).encode()
            elif parts[1:] == ["stats"]:
                with state.lock:
                    body = json.dumps({**state.counts, "mode": state.mode}).encode()
            else:
                self.send_error(404)
                return True
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True

        def _drop(self) -> None:
            state.count("dropped")
            self.close_connection = True

        def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
            up = state.upstream
            conn = http.client.HTTPConnection(up.hostname, up.port, timeout=120)
            try:
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "connection", "content-length", "transfer-encoding")}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                reply = conn.getresponse()
                data = reply.read()
                kept = [(k, v) for k, v in reply.getheaders()
                        if k.lower() not in ("connection", "content-length", "transfer-encoding", "keep-alive")]
                state.count("forwarded")
                return reply.status, kept, data
            finally:
                conn.close()

        def _handle(self) -> None:
            if self._control():
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            mode = state.decide()
            if mode == "error500":
                state.count("error500")
                payload = b"injected failure\n"
                self.send_response(500)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            if mode == "drop":
                self._drop()
                return
            status, headers, data = self._forward(body)
            if mode == "drop-after":
                self._drop()
                return
            state.count("passed")
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

    return Handler


def main() -> None:
    upstream, port_file = sys.argv[1], sys.argv[2]
    state = State(upstream)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    with open(port_file + ".tmp", "w", encoding="ascii") as handle:
        handle.write(str(server.server_address[1]))
    import os
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
