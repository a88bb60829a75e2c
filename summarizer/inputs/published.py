"""The publication date a page states about itself, or its URL.

Only places that mean "published" are read: ``<meta>`` tags (``article:published_time``,
``PubDate`` of Chinese government sites, ``publishdate`` ...), ``<time pubdate>``,
JSON-LD ``datePublished``, a WeChat article's creation time, and the header line between
the page's headline and its text (来源：… 发布时间：2021-06-17). Dates anywhere else on a
page (a sidebar of older news, a copyright line) are never taken, which is why a free
search such as htmldate's is not used. A date with a time zone is read in Beijing time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

from lxml.html import HtmlElement

BEIJING = dt.timezone(dt.timedelta(hours=8))

# name=, property= or itemprop= values of <meta> tags that carry the publication date.
_META_NAMES = frozenset({
    "article:published_time", "og:article:published_time", "og:published_time", "published_time",
    "article:published", "article.published", "pubdate", "publishdate", "publish_date", "publish-date",
    "publishtime", "publish_time", "publication_date", "datepublished", "date", "dc.date", "dc.date.issued",
    "dcterms.issued", "dcterms.date", "citation_publication_date", "citation_date", "sailthru.date",
    "parsely-pub-date", "weibo: article:create_at", "firstpublishedtime", "originalpublicationdate",
})
# WeChat fills its date in with a script: var ct = "1623319200"; or a createTime string.
_WECHAT = re.compile(
    r"""\b(?:ct|create_time|createTime|publish_time)\s*=\s*["'](\d{10}|(?:19|20)\d{2}-\d{1,2}-\d{1,2})""")
_TEXT_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?!\d)")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_.](\d{1,2})[-/_.](\d{1,2})(?!\d)")
_HEADER_CHARS = 400  # the header line is looked for in this much text after the headline
_SKIPPED = ("a", "script", "style", "noscript")


def _valid(year: str, month: str, day: str) -> dt.date | None:
    """The date, if it exists and is not in the future (a page cannot be from tomorrow)."""
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return date if date <= dt.datetime.now(BEIJING).date() + dt.timedelta(days=1) else None


def parse_date(value: str) -> dt.date | None:
    """A date from an ISO timestamp, a Unix time, or 2021-06-17 / 2021年6月17日 / 20210617."""
    value = value.strip()
    if re.fullmatch(r"\d{10}", value):
        return dt.datetime.fromtimestamp(int(value), BEIJING).date()
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(BEIJING)
        return _valid(str(stamp.year), str(stamp.month), str(stamp.day))
    for pattern in (_TEXT_DATE, _COMPACT_DATE):
        match = pattern.search(value)
        if match and (date := _valid(*match.groups())):
            return date
    return None


def _meta_values(tree: HtmlElement) -> Iterator[str]:
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        if key in _META_NAMES and meta.get("content"):
            yield meta.get("content", "")
    for time in tree.iter("time"):
        if time.get("pubdate") is not None or time.get("itemprop", "").lower() == "datepublished":
            yield time.get("datetime") or time.text_content()


def _json_ld_dates(tree: HtmlElement) -> Iterator[str]:
    def walk(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                yield node["datePublished"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            try:
                yield from walk(json.loads(script.text_content()))
            except ValueError:
                continue


def _wechat_dates(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iter("script"):
        yield from (match.group(1) for match in _WECHAT.finditer(script.text_content()))


def _header_line(tree: HtmlElement, headline: str | None, body_start: str) -> Iterator[str]:
    """The text between the element holding the headline and the start of the body."""
    if not headline:
        return
    for element in tree.iter("h1", "h2", "h3", "div", "p", "td", "span", "strong"):
        if " ".join(element.text_content().split()) == headline:
            break
    else:
        return
    collected = ""
    for text in element.xpath("following::text()"):
        parent = text.getparent()
        if parent is None or parent.tag in _SKIPPED:
            continue
        if body_start and body_start in text:
            break
        collected += " " + text
        if len(collected) > _HEADER_CHARS:
            break
    yield collected


def page_published(tree: HtmlElement, headline: str | None, body_start: str) -> dt.date | None:
    """The publication date the page states; ``body_start`` is the first few characters
    of the article's text, where the header line ends."""
    for values in (_meta_values(tree), _json_ld_dates(tree), _wechat_dates(tree), _header_line(tree, headline, body_start)):
        for value in values:
            if date := parse_date(value):
                return date
    return None


def url_published(url: str) -> dt.date | None:
    """A date written into a URL's path: /2021/06/17/, /2021-06/17/, /202106/17/, t20210617_."""
    path = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "", url)
    for pattern in (_URL_DATE, _COMPACT_DATE):
        for match in pattern.finditer(path):
            if date := _valid(*match.groups()):
                return date
    return None
