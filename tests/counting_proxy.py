"""A proxy in front of a real LanguageTool server that records what passes through it.

It can also stand for what a real server does under strain, request by
request: answer later (``delay``), or answer itself instead of passing the
request on (``answer``: a 413 for a text over a server's limit, a 429 with a
Retry-After, a 503, a connection closed with no answer).
"""

from __future__ import annotations

import http.server
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable

# What ``answer`` returns for a request it answers itself: a status, headers and a body; or CLOSE.
Answer = tuple[int, dict[str, str], bytes]
CLOSE: Answer = (0, {}, b"")


class Counting(http.server.ThreadingHTTPServer):
    """Passes every request on to ``target`` and records it: its method and path, and the texts checked."""

    daemon_threads = True

    def __init__(
        self,
        target: str,
        prefix: str = "",
        delay: Callable[[str], float] | None = None,
        answer: Callable[[str, int], Answer | None] | None = None,
    ) -> None:
        self.target = target.rstrip("/")
        self.prefix = prefix  # served under this path only, as teams host a server behind a path
        self.delay = delay  # seconds before a check of this text is passed on
        self.answer = answer  # given the text and how many checks came before it
        self.requests: list[str] = []
        self.asked: list[tuple[str, str]] = []  # each check request's mode and text
        self.answered: list[tuple[str, str]] = []  # those the server answered, as they were passed back
        self.spans: list[tuple[float, float]] = []  # each check's arrival and answer, time.monotonic()
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Forward)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{self.prefix}"

    def checks(self) -> list[str]:
        return [r for r in self.requests if r == "POST /v2/check"]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # an answer to a client that gave up (a timeout): a broken pipe, as expected


class _Forward(http.server.BaseHTTPRequestHandler):
    server: Counting

    def _forward(self) -> None:
        if not self.path.startswith(self.server.prefix + "/"):
            self.send_error(404)
            return
        self.path = self.path.removeprefix(self.server.prefix)
        self.server.requests.append(f"{self.command} {self.path.split('?')[0]}")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if body is None or not self.path.startswith("/v2/check"):
            self._pass_on(body)
            return
        form = urllib.parse.parse_qs(body.decode())
        asked = (form.get("mode", ["all"])[0], form["text"][0])
        with self.server._lock:
            before = len(self.server.asked)
            self.server.asked.append(asked)
            self.server.in_flight += 1
            self.server.most_in_flight = max(self.server.most_in_flight, self.server.in_flight)
        arrived = time.monotonic()
        try:
            if self.server.delay is not None:
                time.sleep(self.server.delay(asked[1]))
            own = self.server.answer(asked[1], before) if self.server.answer is not None else None
            if own is CLOSE:
                self.close_connection = True
                self.connection.close()
            elif own is not None:
                self._send(*own)
            else:
                self._pass_on(body)
                self.server.answered.append(asked)
        finally:
            with self.server._lock:
                self.server.in_flight -= 1
                self.server.spans.append((arrived, time.monotonic()))

    def _pass_on(self, body: bytes | None) -> None:
        request = urllib.request.Request(self.server.target + self.path, data=body, method=self.command)
        if body is not None:
            request.add_header("Content-Type", self.headers.get("Content-Type", "application/x-www-form-urlencoded"))
        with urllib.request.urlopen(request, timeout=120) as response:
            self._send(response.status, {"Content-Type": response.headers.get("Content-Type", "application/json")}, response.read())

    def _send(self, status: int, headers: dict[str, str], payload: bytes) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "text/plain", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _forward

    def log_message(self, *args: object) -> None:
        pass
