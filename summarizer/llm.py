"""Backends: the embedded llama.cpp model and any OpenAI-compatible endpoint, both through instructor.

Every call goes through :meth:`Backend.ask`, which looks in the response cache, calls
instructor with validation context and a tenacity re-ask policy, maps provider errors to
one-line errors, and counts tokens and seconds.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import instructor
from instructor.core.exceptions import InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception, retry_if_exception_type, stop_after_attempt

from summarizer import model_store
from summarizer.calllog import CallLog
from summarizer.cache import ResponseCache, request_key
from summarizer.errors import (
    AuthenticationFailed,
    ConfigError,
    EndpointUnreachable,
    ModelMissing,
    RequestTimeout,
    SummarizerError,
    ValidationFailed,
)

T = TypeVar("T", bound=BaseModel)

# instructor logs every failed attempt with the provider's error text, which can quote
# the API key; this package reports errors itself, in one line, without the key.
logging.getLogger("instructor").setLevel(logging.CRITICAL)

# Only a bad answer is worth asking again; transport and auth errors are not.
_ANSWER_ERRORS = (ValidationError, json.JSONDecodeError, ValueError)

TEMPERATURE = 0.0
DEFAULT_CONTEXT = 4096
DEFAULT_ATTEMPTS = 3
DEFAULT_TIMEOUT = 120.0  # seconds for one whole question to an endpoint, re-asks included
TRANSPORT_RETRIES = 1  # a dropped connection, 408/409/429 or 5xx is sent once more, within the budget
RETRY_PAUSE = 0.5


@dataclass
class Usage:
    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0

    def snapshot(self) -> Usage:
        return Usage(self.calls, self.cached_calls, self.prompt_tokens, self.completion_tokens, self.seconds)

    def since(self, before: Usage) -> Usage:
        """What was used after ``before`` was taken: one article's share of a shared backend."""
        return Usage(
            self.calls - before.calls, self.cached_calls - before.cached_calls, self.prompt_tokens - before.prompt_tokens,
            self.completion_tokens - before.completion_tokens, self.seconds - before.seconds,
        )


@dataclass
class Backend:
    """Shared call logic; subclasses provide ``_create`` and ``identity``."""

    cache: ResponseCache | None = None
    attempts: int = DEFAULT_ATTEMPTS
    usage: Usage = field(default_factory=Usage)
    name: str = "backend"
    mode: instructor.Mode = instructor.Mode.JSON_SCHEMA
    call_log: CallLog | None = field(default=None, repr=False)

    @property
    def identity(self) -> str:
        raise NotImplementedError

    @property
    def endpoint(self) -> str | None:
        """Where calls go, without credentials (None for an in-process model)."""
        return None

    @property
    def model_name(self) -> str:
        return self.identity

    @property
    def context_tokens(self) -> int:
        return DEFAULT_CONTEXT

    def count_tokens(self, text: str) -> int:
        """Token estimate for window planning: a Han character is about 0.9 tokens."""
        return int(len(text) * 0.9) + 1

    def _create(self, **kwargs: Any) -> Any:
        raise NotImplementedError

    def _client(self) -> Any:
        if not hasattr(self, "_patched"):
            self._patched = instructor.patch(create=self._create_counted, mode=self.mode)
        return self._patched

    def _create_counted(self, **kwargs: Any) -> Any:
        response = self._create(**kwargs)
        usage = getattr(response, "usage", None)
        self.usage.prompt_tokens += _count(getattr(usage, "prompt_tokens", 0))
        self.usage.completion_tokens += _count(getattr(usage, "completion_tokens", 0))
        self.usage.calls += 1
        return response

    def _secrets(self) -> tuple[str, ...]:
        """Values that must never be shown: keys, passwords (none for a local model)."""
        return ()

    def _redact(self, text: str) -> str:
        return redact(text, self._secrets())

    def _call_scope(self) -> AbstractContextManager[None]:
        """What surrounds one whole :meth:`ask` (re-asks included): the remote backend's deadline."""
        return nullcontext()

    def ask(
        self,
        messages: list[dict[str, str]],
        answer: type[T],
        context: dict[str, Any] | None = None,
        max_tokens: int = 512,
    ) -> T:
        """One validated answer of type ``answer`` (re-asked on validation errors)."""
        schema = answer.model_json_schema()
        key = request_key(
            backend=self.name, model=self.identity, messages=messages, schema=schema,
            temperature=TEMPERATURE, max_tokens=max_tokens, mode=self.mode.value,
        )
        started = time.perf_counter()
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                try:
                    cached = answer.model_validate_json(hit[0], context=context)
                except ValidationError:
                    cached = None  # the checks changed since it was stored: ask again
                if cached is not None:
                    self.usage.cached_calls += 1
                    self._log(answer, 0, 0, started, "cached")
                    return cached
        before = (self.usage.prompt_tokens, self.usage.completion_tokens)
        try:
            with self._call_scope():
                result = self._client()(
                    messages=messages,
                    response_model=answer,
                    context=context or {},
                    max_retries=Retrying(
                        stop=stop_after_attempt(self.attempts), retry=retry_if_exception_type(_ANSWER_ERRORS),
                        reraise=True,
                    ),
                    max_tokens=max_tokens,
                    temperature=TEMPERATURE,
                )
        except InstructorRetryException as error:
            cause = error.__cause__
            if cause is not None and not isinstance(cause, _ANSWER_ERRORS):
                failure = _map_error(cause, self._redact)
            else:
                failure = ValidationFailed(_retry_message(error, self.attempts, self._redact))
            self._log_failure(answer, before, started, failure)
            raise failure from None
        except Exception as error:  # provider errors become one-line errors
            failure = _map_error(error, self._redact)
            self._log_failure(answer, before, started, failure)
            raise failure from None
        finally:
            self.usage.seconds += time.perf_counter() - started
        self._log(
            answer, self.usage.prompt_tokens - before[0], self.usage.completion_tokens - before[1], started, "ok",
        )
        if self.cache is not None:
            self.cache.put(
                key, result.model_dump_json(),
                self.usage.prompt_tokens - before[0], self.usage.completion_tokens - before[1],
            )
        return result

    def _log(
        self, answer: type[BaseModel], prompt_tokens: int, completion_tokens: int, started: float, outcome: str,
        error: str | None = None,
    ) -> None:
        if self.call_log is not None:
            self.call_log.record(
                backend=self.name, endpoint=self.endpoint, model=self.model_name, answer=answer.__name__,
                prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                seconds=time.perf_counter() - started, outcome=outcome, error=error,
            )

    def _log_failure(self, answer: type[BaseModel], before: tuple[int, int], started: float, failure: Exception) -> None:
        self._log(
            answer, self.usage.prompt_tokens - before[0], self.usage.completion_tokens - before[1], started, "failed",
            f"{type(failure).__name__}: {_one_line(failure, 300, self._redact)}",
        )


def _retry_message(error: Exception, attempts: int, redact_text: Callable[[str], str] = lambda text: text) -> str:
    last = getattr(error, "__cause__", None) or error
    return f"the model's answer still failed validation after {attempts} attempts: {_one_line(last, 300, redact_text)}"


def _count(value: Any) -> int:
    """A token count from a reply's ``usage``, which a broken endpoint may fill with anything."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _one_line(text: object, limit: int, redact_text: Callable[[str], str] = lambda text: text) -> str:
    """``text`` on one line, redacted before it is cut (a cut key would no longer match)."""
    flat = " ".join(redact_text(str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _map_error(error: Exception, redact_text: Callable[[str], str] = lambda text: text) -> Exception:
    """A one-line :class:`SummarizerError` for a provider error, secrets redacted."""
    import openai

    if isinstance(error, SummarizerError):
        return error
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return AuthenticationFailed("the endpoint rejected the API key (authentication failed)")
    if isinstance(error, openai.APITimeoutError):
        return RequestTimeout("the endpoint did not answer in time")
    if isinstance(error, openai.APIConnectionError):
        detail = _one_line(error.__cause__ or error, 200, redact_text)
        return EndpointUnreachable(f"cannot reach the endpoint: {detail}")
    if isinstance(error, openai.APIStatusError):
        detail = _one_line(error.message, 200, redact_text)
        return EndpointUnreachable(f"the endpoint answered HTTP {error.status_code}: {detail}")
    if type(error).__name__ in ("ValidationError", "JSONDecodeError", "IncompleteOutputException"):
        return ValidationFailed(f"the model's answer failed validation: {_one_line(error, 300, redact_text)}")
    return error


# --- secrets -------------------------------------------------------------------------

REDACTED = "***"
# scheme://userinfo@ : whatever stands before the @ of the authority is a credential
_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@\s]*@")
# ?api-key=..., &token=...: query parameters that carry credentials
_SECRET_QUERY = re.compile(
    r"(?P<name>[?&](?:api[-_]?key|key|token|access[-_]?token|auth|secret|password|passwd|sig|signature)=)[^&#\s]+",
    re.IGNORECASE,
)
_MIN_SECRET = 4  # shorter "secrets" (a user name like "me") would mangle ordinary text


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` without credentials: each of ``secrets`` and URL userinfo/key parameters become ``***``."""
    for secret in sorted({s for s in secrets if s and len(s) >= _MIN_SECRET}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = _USERINFO.sub(lambda match: f"{match['scheme']}{REDACTED}@", text)
    return _SECRET_QUERY.sub(lambda match: f"{match['name']}{REDACTED}", text)


def url_secrets(url: str | None) -> tuple[str, ...]:
    """The credentials inside a URL: its userinfo (and password) and key-like query values, raw and decoded."""
    if not url:
        return ()
    try:
        parts = urlsplit(url)
        username, password = parts.username, parts.password
    except ValueError:
        return ()
    found: list[str] = []
    if "@" in parts.netloc:
        userinfo = parts.netloc.rpartition("@")[0]
        found.append(userinfo)
        found += [password] if password else [username or ""]
    found += [match.group(0).partition("=")[2] for match in _SECRET_QUERY.finditer(url)]
    return tuple({value for secret in found for value in (secret, unquote(secret)) if value})


@contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """llama.cpp prints context notes to file descriptor 2 even when not verbose."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def as_json_object_schema(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Rewrite instructor's ``json_schema`` response format into the form llama.cpp honours.

    llama-cpp-python (in process and as a server) ignores ``{"type": "json_schema"}`` and
    decodes freely; it builds a grammar only from ``{"type": "json_object", "schema": ...}``.
    """
    response_format = kwargs.get("response_format")
    if response_format and response_format.get("type") == "json_schema":
        schema = response_format["json_schema"]["schema"]
        kwargs = {**kwargs, "response_format": {"type": "json_object", "schema": schema}}
    return kwargs


@dataclass
class LocalBackend(Backend):
    """llama-cpp-python in-process; constrained decoding through a JSON-schema grammar."""

    model_path: Path | None = None
    n_ctx: int = DEFAULT_CONTEXT
    threads: int | None = None
    name: str = "local"

    def __post_init__(self) -> None:
        self.model_path = model_store.resolve(self.model_path)
        self._llama: Any = None
        self._vocab: Any = None

    @property
    def identity(self) -> str:
        stat = self.model_path.stat()  # type: ignore[union-attr]
        return f"{self.model_path.name}:{stat.st_size}"  # type: ignore[union-attr]

    @property
    def context_tokens(self) -> int:
        return self.n_ctx

    @property
    def model_name(self) -> str:
        return self.model_path.name  # type: ignore[union-attr]

    @property
    def llama(self) -> Any:
        if self._llama is None:
            from llama_cpp import Llama

            self._llama = self._load(
                Llama, n_ctx=self.n_ctx, n_threads=self.threads or os.cpu_count() or 2, verbose=False, seed=0
            )
        return self._llama

    def _load(self, llama_class: Any, **options: Any) -> Any:
        """llama.cpp's model, or ModelMissing (exit 8) when it cannot load the file."""
        try:
            with _native_stderr_silenced():
                return llama_class(model_path=str(self.model_path), **options)
        except (ValueError, RuntimeError, OSError) as error:
            raise ModelMissing(f"{self.model_path}: llama.cpp cannot load this model ({error}); run `summarizer model pull`") from None

    def count_tokens(self, text: str) -> int:
        """Exact token count; loads only the vocabulary unless the model is already loaded."""
        if self._llama is None and self._vocab is None:
            from llama_cpp import Llama

            self._vocab = self._load(Llama, vocab_only=True, verbose=False)
        tokenizer = self._llama or self._vocab
        return len(tokenizer.tokenize(text.encode("utf-8"), add_bos=False))

    def _create(self, **kwargs: Any) -> Any:
        kwargs.pop("model", None)
        return self.llama.create_chat_completion_openai_v1(**as_json_object_schema(kwargs))


# "json_object_schema": instructor's JSON_SCHEMA request rewritten for llama.cpp servers.
_MODES = {
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json_object_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
    "tools": instructor.Mode.TOOLS,
}


class EndpointReplyError(EndpointUnreachable):
    """The endpoint answered, but not with a chat completion (HTML, no JSON, no choices …).

    An :class:`EndpointUnreachable` (exit 9), never an answer error: it is not re-asked.
    """


# When the current OpenAIBackend.ask must be over (time.monotonic()); None outside a call.
_DEADLINE: ContextVar[float | None] = ContextVar("summarizer_deadline", default=None)


def _deadline_client() -> Any:
    """An httpx client for the OpenAI SDK that ends every request at ``_DEADLINE``.

    httpx's timeouts are per socket operation, so a server that trickles a byte a second
    never trips them. Each request gets every timeout cut to the time left, and a watchdog
    shuts its socket down when the deadline passes, which ends a read blocked in headers
    or body at once. The socket is seen through httpcore's ``trace`` extension when the
    connection is made; keep-alive is off so that every request makes its own connection
    (one handshake per model call is noise next to the call itself).
    """
    import httpx2
    import openai

    class DeadlineClient(openai.DefaultHttpxClient):  # type: ignore[misc, valid-type]
        def send(self, request: httpx2.Request, **kwargs: Any) -> httpx2.Response:
            ends = _DEADLINE.get()
            if ends is None or kwargs.get("stream"):
                return super().send(request, **kwargs)
            left = ends - time.monotonic()
            if left <= 0:
                raise httpx2.TimeoutException("the call's deadline passed", request=request)
            given = request.extensions.get("timeout") or {}
            request.extensions["timeout"] = {
                phase: min(given.get(phase) or left, left) for phase in ("connect", "read", "write", "pool")
            }
            sockets: list[socket.socket] = []
            fired = threading.Event()
            outer_trace = request.extensions.get("trace")

            def trace(event: str, info: dict[str, Any]) -> None:
                if event == "connection.connect_tcp.complete" and info.get("return_value") is not None:
                    sock = info["return_value"].get_extra_info("socket")
                    if sock is not None:
                        sockets.append(sock)
                        if fired.is_set():
                            _shut(sock)
                if outer_trace is not None:
                    outer_trace(event, info)

            def expire() -> None:
                fired.set()
                for sock in sockets:
                    _shut(sock)

            request.extensions["trace"] = trace
            watchdog = threading.Timer(left, expire)
            watchdog.daemon = True
            watchdog.start()
            try:
                response = super().send(request, **kwargs)
            except Exception:
                if fired.is_set():
                    raise httpx2.ReadTimeout("the call's deadline passed", request=request) from None
                raise
            finally:
                watchdog.cancel()
            if fired.is_set():  # a body read until the connection closed may look complete
                response.close()
                raise httpx2.ReadTimeout("the call's deadline passed", request=request)
            return response

    # one client serves all of a batch's workers for an endpoint (up to --concurrency 512)
    return DeadlineClient(limits=httpx2.Limits(max_connections=512, max_keepalive_connections=0))


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed: the request ended on its own
        pass


_JSON_KINDS = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def _reply_problem(
    body: bytes, content_type: str, tools: bool, redact_text: Callable[[str], str] = lambda text: text,
) -> str | None:
    """Why ``body`` is no chat completion instructor can read, or None when it is one."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return f"is not UTF-8 text ({content_type or 'no content type'})"
    except ValueError:
        kind = content_type.split(";")[0].strip() or "no content type"
        if not body.strip():
            return f"is empty ({kind})"
        return f"is not JSON ({kind}): {_one_line(body.decode('utf-8'), 80, redact_text)!r}"
    if not isinstance(data, dict):
        return f"is a JSON {_JSON_KINDS.get(type(data), type(data).__name__)}, not a chat completion object"
    choices = data.get("choices")
    if not isinstance(choices, list):
        return "has no list of choices" if choices is None else f"has choices of type {type(choices).__name__}"
    if not choices:
        return "has no choices"
    first = choices[0]
    message = first.get("message") if isinstance(first, dict) else None
    if not isinstance(message, dict):
        return "has a choice without a message"
    content, calls = message.get("content"), message.get("tool_calls")
    if isinstance(content, str) or (tools and isinstance(calls, list) and calls):
        return None
    return f"has a message without an answer (finish_reason {first.get('finish_reason')!r})"


@dataclass
class OpenAIBackend(Backend):
    """Any OpenAI-compatible chat-completions endpoint.

    ``timeout`` is the budget of one whole :meth:`ask` in seconds: connecting, waiting,
    reading, the transport retry and every re-ask share it, so a question never takes
    longer than ``timeout`` (plus a few milliseconds), however the server dribbles.
    """

    base_url: str | None = None
    model: str = ""
    api_key: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    name: str = "openai"

    def __post_init__(self) -> None:
        import openai

        if not self.model:
            raise ConfigError("no model name for the openai backend: set --model or SUMMARIZER_MODEL")
        # The SDK's own retries would sleep outside the budget (Retry-After may ask for
        # minutes); _create retries instead, and only while the budget lasts.
        self._openai = openai.OpenAI(
            base_url=self.base_url, api_key=self.api_key or "not-needed", timeout=self.timeout, max_retries=0,
            http_client=_deadline_client(),
        )

    @property
    def identity(self) -> str:
        """Endpoint and model for the report and the cache key, without credentials."""
        return f"{redact(self.base_url or 'https://api.openai.com/v1', self._secrets())}#{self.model}"

    rewrite_schema: bool = False  # send json_object + schema (llama.cpp servers)
    transport_retries: int = TRANSPORT_RETRIES  # sends after the first of one request (connection, 429, 5xx)

    @property
    def endpoint(self) -> str | None:
        return self.identity.rpartition("#")[0]

    @property
    def model_name(self) -> str:
        return self.model

    def __repr__(self) -> str:
        return (
            f"OpenAIBackend(base_url={self.identity.rpartition('#')[0]!r}, model={self.model!r}, "
            f"mode={self.mode.value!r}, timeout={self.timeout!r}, attempts={self.attempts!r})"
        )

    def _secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.api_key, *url_secrets(self.base_url)) if s)

    @contextmanager
    def _call_scope(self) -> Iterator[None]:
        token = _DEADLINE.set(time.monotonic() + self.timeout)
        try:
            yield
        finally:
            _DEADLINE.reset(token)

    def _create(self, **kwargs: Any) -> Any:
        kwargs["model"] = self.model
        if self.rewrite_schema:
            kwargs = as_json_object_schema(kwargs)
        retrying = Retrying(
            retry=retry_if_exception(lambda error: _retry_pause(error, 0) is not None),
            wait=lambda state: _retry_pause(state.outcome.exception(), state.attempt_number - 1) or 0.0,
            stop=self._transport_stop,
            reraise=True,
        )
        return retrying(self._create_once, **kwargs)

    def _transport_stop(self, state: RetryCallState) -> bool:
        """Stop after ``transport_retries`` sends more, or when the pause would outlast the budget."""
        ends = _DEADLINE.get()
        left = float("inf") if ends is None else ends - time.monotonic()
        return state.attempt_number > self.transport_retries or (state.upcoming_sleep or 0.0) >= left

    def _create_once(self, **kwargs: Any) -> Any:
        raw = self._openai.chat.completions.with_raw_response.create(**kwargs)
        response = raw.http_response
        problem = _reply_problem(
            response.content, response.headers.get("content-type", ""), self.mode in _TOOL_MODES, self._redact,
        )
        if problem is not None:
            raise EndpointReplyError(f"the endpoint's reply (HTTP {response.status_code}) {problem}")
        return raw.parse()


_TOOL_MODES = {instructor.Mode.TOOLS, instructor.Mode.TOOLS_STRICT, instructor.Mode.PARALLEL_TOOLS}


def _retry_pause(error: BaseException | None, attempt: int) -> float | None:
    """Seconds to wait before sending again, or None when sending again cannot help.

    A dropped connection, 408, 409, 429 and 5xx are worth another send; the server's
    ``Retry-After`` (seconds) is honoured, otherwise the pause doubles from ``RETRY_PAUSE``.
    """
    import openai

    if not isinstance(error, openai.APIConnectionError | openai.APIStatusError):
        return None
    if isinstance(error, openai.APITimeoutError):
        return None  # a timeout means the budget is spent
    if isinstance(error, openai.APIStatusError):
        if error.status_code not in (408, 409, 429) and error.status_code < 500:
            return None
        try:
            after = float(error.response.headers.get("retry-after", ""))
        except ValueError:
            after = None
        if after is not None and math.isfinite(after) and after >= 0:
            return after
    return RETRY_PAUSE * 2**attempt


def mode_from_name(name: str) -> instructor.Mode:
    try:
        return _MODES[name]
    except KeyError:
        raise ConfigError(f"unknown instructor mode {name!r}; choose one of {', '.join(_MODES)}") from None



# --- endpoint modes: found by a probe, not guessed ------------------------------------

# A schema no model would answer by itself: an answer that obeys it shows that the
# endpoint enforces (or follows) the schema it was sent in that form.
_PROBE_SCHEMA = {
    "type": "object",
    "properties": {"probe": {"type": "integer", "enum": [7]}},
    "required": ["probe"],
    "additionalProperties": False,
}
_PROBE_MESSAGES = [{"role": "user", "content": "Say hello."}]
PROBE_ORDER = ("json_schema", "json_object_schema", "tools")
FALLBACK_MODE = "json"  # the schema in the prompt, any JSON the endpoint can return
PROBE_TIMEOUT = 120.0


def _probe_request(mode: str) -> dict[str, Any]:
    if mode == "json_schema":
        return {"response_format": {
            "type": "json_schema", "json_schema": {"name": "Probe", "schema": _PROBE_SCHEMA, "strict": True},
        }}
    if mode == "json_object_schema":
        return {"response_format": {"type": "json_object", "schema": _PROBE_SCHEMA}}
    return {
        "tools": [{"type": "function", "function": {"name": "Probe", "description": "Answer.", "parameters": _PROBE_SCHEMA}}],
        "tool_choice": {"type": "function", "function": {"name": "Probe"}},
    }


def _obeys_probe(message: Any, mode: str) -> bool:
    if mode == "tools":
        calls = getattr(message, "tool_calls", None) or []
        text = calls[0].function.arguments if calls else None
    else:
        text = getattr(message, "content", None)
    try:
        return json.loads(text or "") == {"probe": 7}
    except ValueError:
        return False


def probe_mode(backend: OpenAIBackend) -> str:
    """The first mode of :data:`PROBE_ORDER` whose schema the endpoint enforces, else ``json``.

    One small question per mode tried, in order: OpenAI, vLLM and Ollama pass with
    ``json_schema``; llama.cpp servers reject or ignore it and pass with
    ``json_object_schema``; DeepSeek-style endpoints pass only with ``tools``. An answer
    with an HTTP 4xx/5xx or one that does not follow the schema moves on to the next
    mode. A connection failure, a timeout or a rejected key ends the probe with the
    usual one-line error (nothing is remembered then).
    """
    import openai

    client = backend._openai.with_options(timeout=min(backend.timeout, PROBE_TIMEOUT), max_retries=2)
    for mode in PROBE_ORDER:
        try:
            reply = client.chat.completions.create(
                model=backend.model, messages=_PROBE_MESSAGES, max_tokens=24, temperature=0, **_probe_request(mode),
            )
        except (openai.AuthenticationError, openai.PermissionDeniedError, openai.APIConnectionError) as error:
            raise _map_error(error, backend._redact) from None
        except (openai.APIStatusError, ValueError):
            continue  # this form of schema is refused (400, 422, 500 …) or the reply is no completion
        choices = getattr(reply, "choices", None) or []
        if choices and _obeys_probe(choices[0].message, mode):
            return mode
    return FALLBACK_MODE


def use_mode(backend: OpenAIBackend, name: str) -> None:
    """Switch ``backend`` to the mode called ``name`` (as ``--mode`` would have set it)."""
    backend.mode = mode_from_name(name)
    backend.rewrite_schema = name == "json_object_schema"
    if hasattr(backend, "_patched"):
        del backend._patched
