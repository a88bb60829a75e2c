"""The backends a batch's workers use: one embedded model, or one client per endpoint and thread.

Settings come from the same place as for ``summarize`` (:func:`summarizer.config.make_backend`:
flags, environment, config file). The embedded model is one :class:`LocalBackend`, loaded
once and used by one worker. An endpoint gets a backend per worker thread (each with its
own usage counters, response-cache connection and HTTP client), so that concurrent
articles never share counters and a report's run statistics are its own.

An endpoint's mode is the user's (``--mode``, ``SUMMARIZER_MODE``, the config file) when
given; otherwise it is found by :func:`summarizer.llm.probe_mode` once per endpoint and
model and remembered in ``endpoint-modes.json`` in the cache directory.
"""

from __future__ import annotations

import copy
import os
import threading
from dataclasses import dataclass, field, replace

from summarizer.cache import EndpointModes, ResponseCache
from summarizer.calllog import CallLog
from summarizer.config import BackendOptions, load_config, make_backend
from summarizer.llm import Backend, OpenAIBackend, Usage, probe_mode
from summarizer.model_store import cache_dir

MODES_FILE = "endpoint-modes.json"
BATCH_TRANSPORT_RETRIES = 4  # per request, within the question's budget; articles are retried as well


def explicit_mode(options: BackendOptions) -> str | None:
    """The mode the user chose (flag, environment, config file), or None to detect it."""
    if options.mode:
        return options.mode
    if os.environ.get("SUMMARIZER_MODE"):
        return os.environ["SUMMARIZER_MODE"]
    remote = load_config().get("openai", {})
    mode = remote.get("mode") if isinstance(remote, dict) else None
    return mode if isinstance(mode, str) else None


def endpoint_mode(backend: OpenAIBackend, modes: EndpointModes) -> tuple[str, bool]:
    """The endpoint's mode and whether it was probed now (False: remembered)."""
    remembered = modes.get(backend.identity)
    if remembered is not None:
        return remembered, False
    found = probe_mode(backend)
    modes.put(backend.identity, found)
    return found, True


@dataclass
class Backends:
    """Hands each worker thread its backend for an endpoint (``"local"`` for the embedded model)."""

    options: BackendOptions
    urls: list[str]
    modes: dict[str, str] = field(default_factory=dict)
    call_log: CallLog | None = None
    local: Backend | None = None

    def __post_init__(self) -> None:
        self._threads = threading.local()
        self._lock = threading.Lock()
        self._templates: dict[str, OpenAIBackend] = {}

    @property
    def is_local(self) -> bool:
        return self.local is not None

    def get(self, url: str) -> Backend:
        if self.local is not None:
            return self.local
        mine: dict[str, Backend] | None = getattr(self._threads, "backends", None)
        if mine is None:
            mine = self._threads.backends = {}
        if url not in mine:
            mine[url] = self._for_thread(url)
        return mine[url]

    def _for_thread(self, url: str) -> OpenAIBackend:
        """A copy of the endpoint's backend with its own counters and cache connection.

        The HTTP client (thread-safe, and costly to build: TLS context, certificates) is
        shared by the copies of one endpoint.
        """
        with self._lock:
            template = self._templates.get(url)
            if template is None:
                made = make_backend(replace(self.options, backend="openai", base_url=url, mode=self.modes.get(url)))
                assert isinstance(made, OpenAIBackend)
                made.call_log = self.call_log
                made.transport_retries = BATCH_TRANSPORT_RETRIES
                template = self._templates[url] = made
        backend = copy.copy(template)
        backend.usage = Usage()
        backend.cache = ResponseCache(template.cache.path) if template.cache is not None else None
        backend.__dict__.pop("_patched", None)  # instructor's wrapper is bound to one instance
        return backend


def open_backends(options: BackendOptions, urls: list[str], log: bool = True) -> tuple[Backends, list[str]]:
    """The batch's backends and notes on how each endpoint's mode was chosen."""
    call_log = CallLog() if log else None
    if urls and not options.backend:
        options = replace(options, backend="openai")  # --base-url alone means an endpoint
    first = make_backend(replace(options, base_url=urls[0] if urls else options.base_url))
    if not isinstance(first, OpenAIBackend):
        first.call_log = call_log
        return Backends(options, ["local"], call_log=call_log, local=first), []
    urls = urls or [first.base_url or "https://api.openai.com/v1"]
    chosen = explicit_mode(options)
    notes: list[str] = []
    modes: dict[str, str] = {}
    memory = EndpointModes(cache_dir() / MODES_FILE)
    for url in urls:
        if chosen is not None:
            modes[url] = chosen
            continue
        backend = make_backend(replace(options, backend="openai", base_url=url, mode="json_schema"))
        assert isinstance(backend, OpenAIBackend)
        modes[url], probed = endpoint_mode(backend, memory)
        how = "found by a probe" if probed else "remembered"
        notes.append(f"{backend.endpoint} ({backend.model}): mode {modes[url]} ({how})")
    return Backends(options, urls, modes, call_log), notes
