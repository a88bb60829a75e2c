"""A small, real OpenAI-compatible chat-completions server for tests.

``FakeOpenAI`` listens on 127.0.0.1 on an ephemeral port and serves from a background
thread (``http.server.ThreadingHTTPServer``). ``POST /v1/chat/completions`` hands the
request's JSON to a *responder* and wraps the content string it returns in a proper
``ChatCompletion``; a responder may instead return ``(status_code, body)`` to inject a
fault. Every request body is recorded in :attr:`FakeOpenAI.requests`.

Switches: ``api_key`` (demand ``Authorization: Bearer <key>``, else 401 with an
OpenAI-style error body), ``delay`` (seconds to wait before answering, to outlast a
client timeout), ``status`` (answer every request with that HTTP status, e.g. 500),
``echo_key`` (quote a rejected key verbatim in the 401 message, as some gateways do;
OpenAI itself masks it).

Broken endpoints: a responder may return a :class:`Raw` reply, sent byte for byte as
given: any status, content type and body (HTML, plain text, JSON of the wrong shape),
a ``Content-Length`` larger than the body followed by a closed connection (a truncated
reply), and ``pace`` seconds between bytes (a trickling server; ``pace_headers`` trickles
the status line and headers too), and extra ``headers`` (``Retry-After`` on a 429). A
:class:`Drop` reply closes the connection without answering (a dropped connection). A
hung server is ``delay`` longer than the client waits.

The server is bounded: use it as a context manager (or through the ``fake_openai``
pytest fixture) and it stops when the block ends; it also stops itself after
``lifetime`` seconds whatever happens, and a pending ``delay`` is cut short by stopping.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass(frozen=True)
class Raw:
    """A reply sent exactly as given, for endpoints that misbehave below the JSON level."""

    body: bytes | str = b""
    status: int = 200
    content_type: str = "application/json; charset=utf-8"
    length: int | None = None  # the Content-Length to claim; more than len(body) truncates
    pace: float = 0.0  # seconds between bytes of the body
    pace_headers: bool = False  # trickle the status line and headers as well
    headers: tuple[tuple[str, str], ...] = ()  # more header lines, e.g. (("Retry-After", "1"),)

    @property
    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass(frozen=True)
class Drop:
    """Close the connection without a byte of answer, as a crashed or restarted server does."""


Reply = str | tuple[int, Any] | Raw | Drop
Responder = Callable[[dict[str, Any]], Reply]

_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("invalid_request_error", "not_found"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
    500: ("server_error", None),
    503: ("server_error", None),
}


def error_body(status: int, message: str) -> dict[str, Any]:
    """An error body shaped like OpenAI's ``{"error": {message, type, param, code}}``."""
    kind, code = _ERROR_TYPES.get(status, ("api_error", None))
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def mask_key(key: str) -> str:
    """How OpenAI quotes a rejected key: the first and last characters, the rest starred."""
    if len(key) <= 8:
        return "*" * len(key)
    return f"{key[:3]}{'*' * (len(key) - 7)}{key[-4:]}"


def approx_tokens(text: str) -> int:
    """A deterministic stand-in for a tokenizer (about one token per Han character)."""
    return max(1, len(text))


def echo_responder(request: dict[str, Any]) -> Reply:
    """The default responder: an empty JSON object."""
    return "{}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # many clients at once (batch tests, benchmarks) connect without SYN retries
    fake: FakeOpenAI

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout) leaves a broken pipe behind: not worth a traceback.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers after stop()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    # --- helpers -------------------------------------------------------------------

    def _send_json(self, status: int, body: Any) -> None:
        data = body if isinstance(body, bytes) else (
            body.encode("utf-8") if isinstance(body, str) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-request-id", f"req_{self.server.fake.served}")
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_raw(self, reply: Raw) -> None:
        """Write ``reply`` as is: a claimed length, a paced trickle, then close the connection."""
        fake = self.server.fake
        data = reply.data
        head = (
            f"HTTP/1.0 {reply.status} {HTTPStatus(reply.status).phrase}\r\n"
            f"Content-Type: {reply.content_type}\r\n"
            f"Content-Length: {len(data) if reply.length is None else reply.length}\r\n"
            + "".join(f"{name}: {value}\r\n" for name, value in reply.headers)
            + "\r\n"
        ).encode("ascii")
        try:
            if reply.pace > 0 and reply.pace_headers:
                chunks = [bytes([b]) for b in head + data]
            elif reply.pace > 0:
                self.wfile.write(head)
                self.wfile.flush()
                chunks = [bytes([b]) for b in data]
            else:
                chunks = [head + data]
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                if reply.pace > 0 and fake._stopping.wait(reply.pace):
                    return
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def _read_json(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw.decode("utf-8")) if raw else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None

    # --- routes --------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802
        fake = self.server.fake
        if self.path.rstrip("/") == "/v1/models":
            self._send_json(200, {"object": "list", "data": [{"id": fake.model, "object": "model", "created": 0, "owned_by": "fake"}]})
        else:
            self._send_json(404, error_body(404, f"Unknown request URL: GET {self.path}"))

    def do_POST(self) -> None:  # noqa: N802
        fake = self.server.fake
        body = self._read_json()
        fake._record(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send_json(404, error_body(404, f"Unknown request URL: POST {self.path}"))
            return
        if fake.api_key is not None:
            given = self.headers.get("Authorization", "")
            key = given[len("Bearer "):] if given.startswith("Bearer ") else ""
            if key != fake.api_key:
                self._send_json(401, error_body(
                    401,
                    f"Incorrect API key provided: {key if fake.echo_key else mask_key(key)}. "
                    "You can find your API key at https://platform.openai.com/account/api-keys.",
                ))
                return
        if body is None or not isinstance(body, dict):
            self._send_json(400, error_body(400, "We could not parse the JSON body of your request."))
            return
        if fake.delay > 0 and fake._stopping.wait(fake.delay):
            return  # stopped while waiting: drop the request
        if fake.status is not None:
            self._send_json(fake.status, error_body(fake.status, "The server had an error while processing your request."))
            return
        try:
            reply = fake.responder(body)
        except Exception as error:  # a broken responder is a test bug: answer 500, remember why
            fake.errors.append(error)
            self._send_json(500, error_body(500, f"responder failed: {type(error).__name__}: {error}"))
            return
        if isinstance(reply, Raw):
            self._send_raw(reply)
            return
        if isinstance(reply, Drop):
            self.close_connection = True
            return
        if isinstance(reply, tuple):
            status, payload = reply
            if isinstance(payload, str) and status >= 400:
                payload = error_body(status, payload)
            self._send_json(status, payload)
            return
        self._send_json(200, fake.completion(body, reply))


class FakeOpenAI:
    """A live chat-completions endpoint at :attr:`base_url` while started."""

    def __init__(
        self,
        responder: Responder | None = None,
        *,
        api_key: str | None = None,
        delay: float = 0.0,
        status: int | None = None,
        echo_key: bool = False,
        model: str = "fake-model",
        lifetime: float = 60.0,
    ) -> None:
        self.responder: Responder = responder or echo_responder
        self.api_key = api_key
        self.delay = delay
        self.status = status
        self.echo_key = echo_key
        self.model = model
        self.lifetime = lifetime
        self.requests: list[Any] = []  # every request body, in arrival order
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []  # per request, names lower-cased
        self.errors: list[Exception] = []  # exceptions raised by the responder
        self.served = 0
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None

    # --- lifecycle -----------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-openai", daemon=True
        )
        self._thread.start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        server, self._server = self._server, None
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.cancel()
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake server is not running")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    # --- recording -----------------------------------------------------------------

    def _record(self, path: str, headers: dict[str, str], body: Any) -> None:
        with self._lock:
            self.requests.append(body)
            self.paths.append(path)
            self.headers.append(headers)
            self.served += 1

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.paths.clear()
            self.headers.clear()
            self.errors.clear()

    # --- answers -------------------------------------------------------------------

    def completion(self, request: dict[str, Any], content: str) -> dict[str, Any]:
        """A ``ChatCompletion`` carrying ``content`` as the assistant's message."""
        prompt = "".join(str(m.get("content") or "") for m in request.get("messages", []) if isinstance(m, dict))
        prompt_tokens = approx_tokens(prompt)
        completion_tokens = approx_tokens(content)
        return {
            "id": f"chatcmpl-fake{next(self._ids):06d}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model") or self.model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "logprobs": None,
                "finish_reason": "stop",
            }],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
            "system_fingerprint": "fp_fake",
        }


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A started :class:`FakeOpenAI`; set ``.responder``/``.api_key``/``.delay``/``.status`` in the test."""
    with FakeOpenAI() as server:
        yield server
