"""The live preview: the page served on 127.0.0.1, rendered again whenever a file of the issue changes.

A watcher thread looks at the issue's files (and, with ``--branches``, the
repository's refs) a few times a second; on a change it renders the page again
(lint through its caches: only the changed file is linted again) and tells
every open page through server-sent events, and the page fetches the new
content and puts it in place, where the reader was. Anything that goes wrong
while rendering is shown in the page; the server goes on.
"""

from __future__ import annotations

import html
import mimetypes
import os
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editorial import files, issue, preview
from editorial.errors import EditorialError, Problem
from editorial.settings import Settings

HOST = "127.0.0.1"
POLL_SECONDS = 0.05
HEARTBEAT_SECONDS = 15.0


class Server:
    """A running preview; ``stop`` ends it and its threads."""

    def __init__(
        self, settings: Settings, slug: str, port: int, branches: bool, languagetool: bool = True, poll: float = POLL_SECONDS
    ) -> None:
        self.settings = settings
        self.slug = slug
        self.branches = branches
        self.languagetool = languagetool
        self.poll = poll
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.version = 0
        # An issue that does not exist is an error, not a page; the first render is the watcher's,
        # while the server already listens (a request for the page waits for it).
        issue.locate(settings.paths.issues, slug)
        self.ready = threading.Event()
        self.page = ("", "")
        self.signature: tuple[tuple[str, int, int], ...] = ()
        self._polls = 0
        self._seldom: tuple[tuple[str, int, int], ...] = ()
        self.http = _HTTPServer((HOST, port), _Handler)
        self.http.preview = self
        self.url = f"http://{HOST}:{self.http.server_address[1]}/"
        self._threads = [
            threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True),
            threading.Thread(target=self._watch, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def wait(self) -> None:
        # A wait with a timeout, so that Ctrl-C reaches the main thread at once.
        while not self.stopping.wait(0.5):
            pass

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        self.http.shutdown()
        self.http.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def current(self) -> tuple[int, tuple[str, str]]:
        while not self.ready.wait(0.5):
            if self.stopping.is_set():
                break
        with self.changed:
            return self.version, self.page

    def _watch(self) -> None:
        self.signature = self._signature()
        self._show(self._render(grammar=False))
        self.ready.set()
        grammar_due = self.languagetool
        while not self.stopping.wait(self.poll):
            signature = self._signature()
            if signature != self.signature:
                self.signature = signature
                self._show(self._render(grammar=False))
                grammar_due = self.languagetool
            elif grammar_due:
                # LanguageTool's findings come second, once the page without them is shown, and only
                # while nothing has changed since: an edit meanwhile is shown first, without them.
                grammar_due = False
                self._show(self._render(grammar=True))

    def _show(self, page: tuple[str, str]) -> None:
        with self.changed:
            if self.ready.is_set() and page == self.page:
                return
            self.page = page
            if self.ready.is_set():
                self.version += 1
            self.changed.notify_all()

    def _render(self, grammar: bool) -> tuple[str, str]:
        """The page again; a problem that stops it (the issue folder removed) is the page's content."""
        pending = "LanguageTool's findings are on their way." if self.languagetool and not grammar else None
        try:
            page = preview.render(
                self.settings, self.slug, branches=self.branches, live=True, languagetool=grammar, pending=pending
            )
            return page.html, page.content
        except EditorialError as exc:
            problems = "".join(f'<li class="problem">{html.escape(str(p))}</li>' for p in exc.problems)
            content = f'<main id="issue"><h1>The issue cannot be shown</h1><ul>{problems}</ul></main>'
        except Exception as exc:  # a bug must not end the server: the page says so, and the next edit tries again
            content = (
                '<main id="issue"><h1>The issue cannot be shown</h1><p class="problem">'
                f"internal error ({html.escape(type(exc).__name__)}: {html.escape(str(exc))}); this is a bug in editorial:"
                " run editorial preview --output to see it, and report it</p></main>"
            )
        return preview.page(self.slug, self.settings.name, content, live=True), content

    def _signature(self) -> tuple[tuple[str, int, int], ...]:
        """What changes when a file that the page shows changes: names, sizes and times. The issue's
        files are looked at on every poll; the rules, editorial.yaml and git's refs, which change
        seldom and may be many, on every tenth."""
        self._polls += 1
        if self._polls % 10 == 1:
            roots = [self.settings.paths.rules]
            if self.branches:
                git = self.settings.root / ".git"
                roots += [git / "refs", git / "packed-refs", git / "HEAD"]
            self._seldom = tuple(_stats(roots, [p for p in (self.settings.config_path,) if p is not None]))
        return self._seldom + tuple(_stats([self.settings.paths.issues / self.slug], []))


def _stats(roots: list[Path], singles: list[Path]) -> Iterator[tuple[str, int, int]]:
    for path in singles:
        yield _stat(path)
    for root in roots:
        if not root.is_dir():
            yield _stat(root)
            continue
        for folder, _, names in os.walk(root):
            for name in sorted(names):
                yield _stat(Path(folder) / name)


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), info.st_mtime_ns, info.st_size)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    preview: Server

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a browser that closes a page mid-answer is no news for the editor's terminal."""


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the library prints nothing (the CLI says where the page is)."""

    def do_GET(self) -> None:
        route = urlsplit(self.path).path
        preview_server = self.server.preview
        if route in ("/", "/index.html"):
            _, (whole, _) = preview_server.current()
            self._send(whole, "text/html; charset=utf-8")
        elif route == "/content":
            _, (_, content) = preview_server.current()
            self._send(content, "text/html; charset=utf-8")
        elif route == "/events":
            self._events(preview_server)
        elif route.startswith(preview.FILE_ROUTE):
            self._file(preview_server.settings.root, unquote(route[len(preview.FILE_ROUTE) :]))
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, text: str, kind: str) -> None:
        data = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _file(self, root: Path, relative: str) -> None:
        """A file of the repository (an image a section shows), never one outside it."""
        base = root.resolve()
        try:
            path = (base / relative).resolve()
            path.relative_to(base)
            data = files.read_bytes(path)
        except (ValueError, OSError, EditorialError):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _events(self, preview_server: Server) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen, _ = preview_server.current()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not preview_server.stopping.is_set():
                with preview_server.changed:
                    preview_server.changed.wait_for(
                        lambda: preview_server.version != seen or preview_server.stopping.is_set(), HEARTBEAT_SECONDS
                    )
                    version = preview_server.version
                if preview_server.stopping.is_set():
                    break
                if version == seen:
                    self.wfile.write(b": still here\n\n")  # keeps proxies and the browser from giving up
                else:
                    seen = version
                    self.wfile.write(f"event: update\ndata: {version}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed


def start(settings: Settings, slug: str, port: int, branches: bool = False, languagetool: bool = True) -> Server:
    try:
        return Server(settings, slug, port, branches, languagetool)
    except OSError as exc:
        raise EditorialError(Problem(f"--port {port}", None, f"cannot serve on {HOST}:{port}: {exc.strerror or exc}")) from exc
