"""The one entry for every command that reads articles: a path, ``-`` or an http(s) URL.

The kind of input is chosen by URL scheme, then by the media type a server sends or a
file's extension, then by the first bytes (a page saved as .txt, a PDF without an
extension): plain text in any supported encoding, an HTML page, a Word .docx or a
text-based PDF. Whatever the kind, its text goes through the same clean-up and byline
step as plain text (:func:`summarizer.article.from_text`), so spans map back to the text
taken out of the page or document.
"""

from __future__ import annotations

from dataclasses import replace

from summarizer.article import (
    MAX_INPUT_BYTES,
    OLE_SIGNATURE,
    Article,
    from_text,
    read_input,
    text_article,
    too_large,
)
from summarizer.errors import InputBinary, UnsupportedContent
from summarizer.inputs.charset import decode_page
from summarizer.inputs.fetch import DEFAULT_TIMEOUT, Fetched, fetch, is_url
from summarizer.inputs.kinds import Kind, media_kind, path_kind, sniff
from summarizer.inputs.page import read_page
from summarizer.inputs.page_cache import PageCache
from summarizer.inputs.pdf import read_pdf
from summarizer.inputs.word import read_docx


def _article(kind: Kind, data: bytes, source: str, charset: str | None = None, url: str | None = None) -> Article:
    if data.startswith(OLE_SIGNATURE):
        raise UnsupportedContent(f"{source}: a Word 97-2003 (.doc) or other OLE file; save it as .docx or PDF")
    if kind == "html":
        decoded = decode_page(data, source, charset)
        page = read_page(decoded.text, source, url)
        article = from_text(page.text, source, decoded.encoding)
        return replace(
            article, title=page.title, site_name=page.site_name, published=page.published,
            published_from=page.published_from,
        )
    if kind in ("pdf", "docx"):
        document = read_pdf(data, source) if kind == "pdf" else read_docx(data, source)
        return replace(from_text(document.text, source, kind), title=document.title)
    return text_article(data, source)


def _fetched(url: str, refresh: bool, max_bytes: int, timeout: float) -> Fetched:
    cache = PageCache()
    page = None if refresh else cache.get(url)
    if page is None:
        page = fetch(url, timeout=timeout, max_bytes=max_bytes)
        cache.put(url, page)
    elif len(page.body) > max_bytes:
        raise InputBinary(too_large(url, max_bytes))
    return page


def load_article(
    source: str, *, refresh: bool = False, max_bytes: int = MAX_INPUT_BYTES, timeout: float | None = None
) -> Article:
    """Read ``source`` (a path, ``-`` for stdin, or an http(s) URL) into an :class:`Article`.

    A URL is fetched once and then read from the page cache (``refresh`` fetches it
    again); ``timeout`` bounds the download (:data:`~summarizer.inputs.fetch.DEFAULT_TIMEOUT`
    seconds when ``None``), ``max_bytes`` every input. Raises a
    :class:`~summarizer.errors.SummarizerError` with a one-line message.
    """
    if is_url(source):
        url = source.split("#", 1)[0]
        page = _fetched(url, refresh, max_bytes, timeout or DEFAULT_TIMEOUT)
        declared = media_kind(page.media_type)  # text/plain is often a page or a file sent as text
        kind = declared if declared in ("html", "pdf", "docx") else sniff(page.body)
        return replace(_article(kind, page.body, source, page.charset, page.url), url=page.url)
    data, name = read_input(source, max_bytes, documents=True)
    return _article(path_kind(source) or sniff(data), data, name)
