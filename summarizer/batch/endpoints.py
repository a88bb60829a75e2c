"""Several endpoints used together: least-loaded or round-robin, health and circuit breaking.

Each article is sent to an endpoint chosen from those whose circuit is closed:
``least-loaded`` takes the one with the fewest articles in flight (ties go round the
list), ``round-robin`` takes them in turn. An endpoint whose calls fail with transport
errors (unreachable, timeouts, 5xx after the retries) ``FAILURES_TO_OPEN`` times in a row
is taken out (its circuit opens) for ``COOL_DOWN`` seconds, doubling on each new opening
up to ``MAX_COOL_DOWN``; then one article tries it (half-open) and a success closes the
circuit again. When every circuit is open, :meth:`Pool.acquire` waits for the first to
half-open, so a run outlasts a short outage of all its endpoints instead of failing
every article.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Literal

Balance = Literal["least-loaded", "round-robin"]
FAILURES_TO_OPEN = 3
COOL_DOWN = 2.0
MAX_COOL_DOWN = 60.0


@dataclass
class Endpoint:
    """One base URL and what the pool knows of its health."""

    url: str
    index: int
    in_flight: int = 0
    done: int = 0
    failed: int = 0
    consecutive_failures: int = 0
    open_until: float = 0.0  # monotonic time the circuit half-opens; 0 when closed
    openings: int = 0
    probing: bool = False  # a half-open trial is under way
    seconds: float = 0.0

    @property
    def healthy(self) -> bool:
        return self.open_until == 0.0


@dataclass
class Pool:
    urls: list[str]
    balance: Balance = "least-loaded"
    endpoints: list[Endpoint] = field(init=False)

    def __post_init__(self) -> None:
        self.endpoints = [Endpoint(url, i) for i, url in enumerate(self.urls)]
        self._turn = itertools.count()
        self._changed = threading.Condition()

    def _usable(self, now: float) -> list[Endpoint]:
        usable = []
        for endpoint in self.endpoints:
            if endpoint.open_until == 0.0:
                usable.append(endpoint)
            elif endpoint.open_until <= now and not endpoint.probing:
                usable.append(endpoint)  # half-open: one trial article
        return usable

    def acquire(self) -> Endpoint:
        """The endpoint for the next article (waits while every circuit is open)."""
        with self._changed:
            while True:
                now = time.monotonic()
                usable = self._usable(now)
                if usable:
                    turn = next(self._turn)
                    if self.balance == "round-robin":
                        chosen = usable[turn % len(usable)]
                    else:
                        least = min(e.in_flight for e in usable)
                        ties = [e for e in usable if e.in_flight == least]
                        chosen = ties[turn % len(ties)]
                    if chosen.open_until:
                        chosen.probing = True
                    chosen.in_flight += 1
                    return chosen
                wake = min(e.open_until for e in self.endpoints if e.open_until) - now
                self._changed.wait(timeout=max(wake, 0.01))

    def release(self, endpoint: Endpoint, ok: bool, seconds: float = 0.0, transport_failure: bool = False) -> None:
        """Count how the article went; a transport failure counts toward opening the circuit."""
        with self._changed:
            endpoint.in_flight -= 1
            endpoint.seconds += seconds
            if ok:
                endpoint.done += 1
            else:
                endpoint.failed += 1
            if transport_failure:
                endpoint.consecutive_failures += 1
                if endpoint.probing or endpoint.consecutive_failures >= FAILURES_TO_OPEN:
                    endpoint.openings += 1
                    pause = min(COOL_DOWN * 2 ** (endpoint.openings - 1), MAX_COOL_DOWN)
                    endpoint.open_until = time.monotonic() + pause
            else:
                endpoint.consecutive_failures = 0
                endpoint.open_until = 0.0
                endpoint.openings = 0
            endpoint.probing = False
            self._changed.notify_all()
