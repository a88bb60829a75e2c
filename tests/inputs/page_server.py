"""A small, real web server on 127.0.0.1 that serves pages written for the tests.

``PageServer`` serves ``routes`` (path -> :class:`Route`) from a background thread
(``http.server.ThreadingHTTPServer``) on an ephemeral port, counts the requests to each
path and keeps their headers. A route can redirect, answer any status and content type,
wait before answering (to outlast a client's timeout) or send its body slowly. The
server stops when its ``with`` block ends, and by itself after ``lifetime`` seconds; a
pending wait is cut short by stopping.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent / "pages"


def page(name: str) -> str:
    """A test page's HTML source (stored as UTF-8 whatever charset it declares)."""
    return (PAGES / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"  # None: no Content-Type header
    location: str | None = None  # a redirect's target
    delay: float = 0.0  # seconds before the status line
    headers: dict[str, str] = field(default_factory=dict)


def html(text: str, charset: str | None = "utf-8", encoding: str = "utf-8") -> Route:
    """An HTML page encoded in ``encoding``; ``charset=None`` leaves it out of the header."""
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    return Route(text.encode(encoding), content_type=content_type)


def redirect(target: str, status: int = 302) -> Route:
    return Route(status=status, location=target, content_type=None)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: PageServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up leaves a broken pipe behind


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        owner = self.server.owner
        path = self.path.split("?", 1)[0]
        with owner.lock:
            owner.requests[path] += 1
            owner.headers.append({k.lower(): v for k, v in self.headers.items()})
        route = owner.routes.get(path, Route(b"not found", status=404, content_type="text/plain"))
        if route.delay and owner.stopping.wait(route.delay):
            return
        try:
            self.send_response(route.status, HTTPStatus(route.status).phrase)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.location:
                self.send_header("Location", route.location)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class PageServer:
    def __init__(self, routes: dict[str, Route], lifetime: float = 60.0) -> None:
        self.routes = dict(routes)
        self.requests: Counter[str] = Counter()
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def __enter__(self) -> PageServer:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._timer.cancel()
        self._server.shutdown()
        self._server.server_close()
