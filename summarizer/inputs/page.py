"""The article inside a web page: its text (trafilatura), headline, site name and date.

trafilatura keeps the main text and drops navigation, breadcrumbs, share bars, related
links, comments and footers; it runs in precision mode, which returns nothing rather
than a list of links for a page that holds no article. Layout tables made only of links
(old portals build their menus that way) are removed before it runs, since it keeps
tables. The text comes back one paragraph per line, headline first.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement

from summarizer.errors import NoArticleText
from summarizer.inputs.document import checked
from summarizer.inputs.published import page_published, url_published
from summarizer.schema import PublishedFrom

# trafilatura logs a few failures at ERROR level: without a handler, Python would print
# them on stderr, beside the CLI's one-line error.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())

_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|\s-\s|\s–\s|\s—\s)\s*")
_SITE_META = ("og:site_name", "sitename", "application-name")
_TITLE_META = ("articletitle", "og:title")
_LINK_SHARE = 0.8  # a table whose visible text is this much link text is a menu
_BODY_START = 8  # characters of the first paragraph that mark where the header line ends


@dataclass(frozen=True)
class Page:
    """What a web page holds for the summarizer."""

    text: str  # the headline, then one paragraph per line
    title: str | None
    site_name: str | None
    published: dt.date | None
    published_from: PublishedFrom | None


def _words(text: str) -> str:
    return " ".join(text.split())


def _meta(tree: HtmlElement, keys: tuple[str, ...]) -> str | None:
    """The first non-empty ``content`` among ``<meta>`` tags named ``keys``, in key order."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = _words(meta.get("content") or "")
        if key in keys and content:
            found.setdefault(key, content)
    return next((found[key] for key in keys if key in found), None)


def _headings(tree: HtmlElement) -> set[str]:
    return {_words(h.text_content()) for h in tree.iter("h1", "h2", "h3")} - {""}


def _title(tree: HtmlElement, extracted: str | None) -> str | None:
    """The article's headline, without the column and site names a ``<title>`` appends.

    ``临川市工商联召开民营企业座谈会_工作动态_临川市工商业联合会``: the part that is also a
    heading of the page, else the longest part.
    """
    title = _meta(tree, _TITLE_META) or extracted
    if not title:
        return None
    title = _words(title)
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part]
    if len(parts) < 2:
        return title
    headings = _headings(tree)
    if title in headings:
        return title
    return next((part for part in parts if part in headings), max(parts, key=len))


def _site_name(tree: HtmlElement, extracted: str | None) -> str | None:
    name = _meta(tree, _SITE_META) or extracted
    if name:
        return name
    account = tree.xpath('//*[@id="js_name"]')  # a WeChat article: its account's name
    return (_words(account[0].text_content()) or None) if account else None


def _drop_link_tables(tree: HtmlElement) -> None:
    """Remove tables whose text is nearly all link text: menus and link lists."""
    for table in list(tree.iter("table")):
        if table.getparent() is None:
            continue
        text = len(re.sub(r"[\s|｜>»·/]", "", table.text_content()))
        links = sum(len(re.sub(r"\s", "", a.text_content())) for a in table.iter("a"))
        if text and links >= _LINK_SHARE * text:
            table.drop_tree()


def _body(tree: HtmlElement) -> str:
    """The main text, one paragraph per line ("" when trafilatura finds none)."""
    return trafilatura.extract(
        tree, favor_precision=True, include_comments=False, include_tables=True, include_links=False,
        include_images=False, include_formatting=False, deduplicate=False, output_format="txt",
    ) or ""


def read_page(html: str, source: str, url: str | None = None) -> Page:
    """The article in ``html``; raises :class:`NoArticleText` when there is none.

    ``url`` is the page's address (after redirects), read for a date when the page
    states none.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NoArticleText(f"{source}: no article text found (the page holds no HTML body)")
    metadata = trafilatura.extract_metadata(tree)
    title = _title(tree, metadata.title)
    site_name = _site_name(tree, metadata.sitename)
    _drop_link_tables(tree)
    body = checked(_body(tree), source, "an index, a login or a script-only page?")
    first, _, rest = body.partition("\n")
    if title and first == title:
        body = checked(rest, source, "the page holds only its headline")
    published = page_published(tree, title, body[:_BODY_START])
    published_from: PublishedFrom | None = "page-metadata" if published else None
    if published is None and url and (published := url_published(url)):
        published_from = "url"
    return Page(
        text=f"{title}\n{body}" if title else body,
        title=title,
        site_name=site_name,
        published=published,
        published_from=published_from,
    )
