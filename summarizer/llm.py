"""Backends: the embedded llama.cpp model and any OpenAI-compatible endpoint, both through instructor.

Every call goes through :meth:`Backend.ask`, which looks in the response cache, calls
instructor with validation context and a tenacity re-ask policy, maps provider errors to
one-line errors, and counts tokens and seconds.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import instructor
from instructor.core.exceptions import InstructorRetryException
from pydantic import BaseModel, ValidationError
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from summarizer import model_store
from summarizer.cache import ResponseCache, request_key
from summarizer.errors import (
    AuthenticationFailed,
    ConfigError,
    EndpointUnreachable,
    RequestTimeout,
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

    @property
    def identity(self) -> str:
        raise NotImplementedError

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
        if usage is not None:
            self.usage.prompt_tokens += usage.prompt_tokens or 0
            self.usage.completion_tokens += usage.completion_tokens or 0
        self.usage.calls += 1
        return response

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
                self.usage.cached_calls += 1
                return answer.model_validate_json(hit[0], context=context)
        before = (self.usage.prompt_tokens, self.usage.completion_tokens)
        try:
            result = self._client()(
                messages=messages,
                response_model=answer,
                context=context or {},
                max_retries=Retrying(
                    stop=stop_after_attempt(self.attempts), retry=retry_if_exception_type(_ANSWER_ERRORS), reraise=True
                ),
                max_tokens=max_tokens,
                temperature=TEMPERATURE,
            )
        except InstructorRetryException as error:
            cause = error.__cause__
            if cause is not None and not isinstance(cause, _ANSWER_ERRORS):
                raise _map_error(cause) from None
            raise ValidationFailed(_retry_message(error, self.attempts)) from None
        except Exception as error:  # provider errors become one-line errors
            raise _map_error(error) from None
        finally:
            self.usage.seconds += time.perf_counter() - started
        if self.cache is not None:
            self.cache.put(
                key, result.model_dump_json(),
                self.usage.prompt_tokens - before[0], self.usage.completion_tokens - before[1],
            )
        return result


def _retry_message(error: Exception, attempts: int) -> str:
    last = getattr(error, "__cause__", None) or error
    text = " ".join(str(last).split())
    return f"the model's answer still failed validation after {attempts} attempts: {text[:300]}"


def _map_error(error: Exception) -> Exception:
    import openai

    if isinstance(error, ValidationFailed):
        return error
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return AuthenticationFailed("the endpoint rejected the API key (authentication failed)")
    if isinstance(error, openai.APITimeoutError):
        return RequestTimeout("the endpoint did not answer in time")
    if isinstance(error, openai.APIConnectionError):
        return EndpointUnreachable(f"cannot reach the endpoint: {error.__cause__ or error}")
    if isinstance(error, openai.APIStatusError):
        return EndpointUnreachable(f"the endpoint answered HTTP {error.status_code}: {error.message[:200]}")
    if type(error).__name__ in ("ValidationError", "JSONDecodeError", "IncompleteOutputException"):
        return ValidationFailed(f"the model's answer failed validation: {' '.join(str(error).split())[:300]}")
    return error


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
    def llama(self) -> Any:
        if self._llama is None:
            from llama_cpp import Llama

            with _native_stderr_silenced():
                self._llama = Llama(
                    model_path=str(self.model_path), n_ctx=self.n_ctx, n_threads=self.threads or os.cpu_count() or 2,
                    verbose=False, seed=0,
                )
        return self._llama

    def count_tokens(self, text: str) -> int:
        """Exact token count; loads only the vocabulary unless the model is already loaded."""
        if self._llama is None and self._vocab is None:
            from llama_cpp import Llama

            with _native_stderr_silenced():
                self._vocab = Llama(model_path=str(self.model_path), vocab_only=True, verbose=False)
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


@dataclass
class OpenAIBackend(Backend):
    """Any OpenAI-compatible chat-completions endpoint."""

    base_url: str | None = None
    model: str = ""
    api_key: str | None = None
    timeout: float = 120.0
    name: str = "openai"

    def __post_init__(self) -> None:
        import openai

        if not self.model:
            raise ConfigError("no model name for the openai backend: set --model or SUMMARIZER_MODEL")
        self._openai = openai.OpenAI(
            base_url=self.base_url, api_key=self.api_key or "not-needed", timeout=self.timeout, max_retries=1,
        )

    @property
    def identity(self) -> str:
        return f"{self.base_url or 'https://api.openai.com/v1'}#{self.model}"

    rewrite_schema: bool = False  # send json_object + schema (llama.cpp servers)

    def _create(self, **kwargs: Any) -> Any:
        kwargs["model"] = self.model
        if self.rewrite_schema:
            kwargs = as_json_object_schema(kwargs)
        return self._openai.chat.completions.create(**kwargs)


def mode_from_name(name: str) -> instructor.Mode:
    try:
        return _MODES[name]
    except KeyError:
        raise ConfigError(f"unknown instructor mode {name!r}; choose one of {', '.join(_MODES)}") from None

