"""A proxy in front of a real LanguageTool server that records what passes through it."""

from __future__ import annotations

import http.server
import urllib.parse
import urllib.request


class Counting(http.server.ThreadingHTTPServer):
    """Passes every request on to ``target`` and records it: its method and path, and the texts checked."""

    def __init__(self, target: str, prefix: str = "") -> None:
        self.target = target.rstrip("/")
        self.prefix = prefix  # served under this path only, as teams host a server behind a path
        self.requests: list[str] = []
        self.asked: list[tuple[str, str]] = []  # each check request's mode and text
        super().__init__(("127.0.0.1", 0), _Forward)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{self.prefix}"

    def checks(self) -> list[str]:
        return [r for r in self.requests if r == "POST /v2/check"]


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
        if body is not None and self.path.startswith("/v2/check"):
            form = urllib.parse.parse_qs(body.decode())
            self.server.asked.append((form.get("mode", ["all"])[0], form["text"][0]))
        request = urllib.request.Request(self.server.target + self.path, data=body, method=self.command)
        if body is not None:
            request.add_header("Content-Type", self.headers.get("Content-Type", "application/x-www-form-urlencoded"))
        with urllib.request.urlopen(request, timeout=120) as response:
            payload = response.read()
            self.send_response(response.status)
            self.send_header("Content-Type", response.headers.get("Content-Type", "application/json"))
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    do_GET = do_POST = _forward

    def log_message(self, *args: object) -> None:
        pass
