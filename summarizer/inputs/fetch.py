"""Fetching a page over http(s), bounded in time, redirects and size.

Each failure is one of a few one-line errors, each with its own exit code: HTTP 4xx,
HTTP 5xx, a timeout, a host that cannot be reached, content that is no page, PDF, Word
file or text. The request looks like a browser's: some government portals refuse
anything else.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import httpx

from summarizer.article import MAX_INPUT_BYTES, too_large
from summarizer.errors import (
    FetchTimeout,
    HostUnreachable,
    HttpClientError,
    HttpServerError,
    InputBinary,
    InputMissing,
    UnsupportedContent,
)
from summarizer.inputs.kinds import GENERIC_MEDIA_TYPES, media_kind

USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9,zh-TW;q=0.8,en;q=0.6",
}
DEFAULT_TIMEOUT = 30.0  # seconds for the whole download
CONNECT_TIMEOUT = 10.0
MAX_REDIRECTS = 5

_URL = re.compile(r"^https?://", re.IGNORECASE)


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it."""

    url: str  # after redirects
    media_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None  # from the Content-Type header
    body: bytes


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _check_status(url: str, response: httpx.Response) -> None:
    if response.is_success:
        return
    status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    if response.status_code >= 500:
        raise HttpServerError(f"{url}: {status} (the server is failing; try again later)")
    raise HttpClientError(f"{url}: {status} (the page is missing, moved or refused)")


def _check_type(url: str, media_type: str) -> None:
    if media_type not in GENERIC_MEDIA_TYPES and media_kind(media_type) is None:
        raise UnsupportedContent(f"{url}: the server sent {media_type}, not an HTML page, a PDF, a .docx or text")


def _read_body(url: str, response: httpx.Response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputBinary(too_large(url, max_bytes))
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputBinary(too_large(url, max_bytes))
        if time.monotonic() > deadline:
            raise FetchTimeout(f"{url}: the page did not arrive within {timeout:g} s")
    return b"".join(chunks)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_INPUT_BYTES) -> Fetched:
    """GET ``url``, following at most :data:`MAX_REDIRECTS` redirects.

    ``timeout`` bounds connecting (at most :data:`CONNECT_TIMEOUT`), each wait for data,
    and the whole download; the body is refused past ``max_bytes``, and content of a
    kind the summarizer cannot read is refused before its body is downloaded.
    """
    deadline = time.monotonic() + timeout
    limits = httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT))
    try:
        with httpx.Client(headers=HEADERS, timeout=limits, follow_redirects=True, max_redirects=MAX_REDIRECTS) as client:
            with client.stream("GET", url) as response:
                _check_status(url, response)
                content_type = response.headers.get("content-type", "")
                media_type = content_type.split(";")[0].strip().lower()
                _check_type(url, media_type)
                body = _read_body(url, response, max_bytes, deadline, timeout)
                return Fetched(str(response.url), media_type, response.charset_encoding, body)
    except httpx.TimeoutException:
        raise FetchTimeout(f"{url}: no answer within {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise HostUnreachable(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise InputMissing(f"{url}: not a valid http(s) URL ({_one_line(error)})") from None
    except httpx.ConnectError as error:
        raise HostUnreachable(f"{url}: cannot reach {httpx.URL(url).host} ({_one_line(error)})") from None
    except httpx.HTTPError as error:
        raise HostUnreachable(f"{url}: the connection failed ({_one_line(error)})") from None
