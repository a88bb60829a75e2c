"""The brief as one self-contained HTML file (jinja2, autoescape on).

Everything comes from the templates next to this module: the page, its stylesheet
(with a print stylesheet), a small script that highlights a commitment's quote in the
article's text on hover or click, and the network as inline SVG. Article text is data:
autoescape escapes every value, control characters are shown visibly, and a Content
Security Policy lets only the page's own script (by its hash) run, so an article that
holds ``<script>`` or ``onerror=`` shows it as text and runs nothing. No network is needed.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from summarizer.brief import labels as words
from summarizer.brief.model import Brief, BriefArticle
from summarizer.brief.network import Network, build_network
from summarizer.render import name_pinyin, visible


def _finalize(value: Any) -> Any:
    """Every string the templates print shows control characters visibly (bidi overrides
    cannot reorder a line); the page's own CSS, script and SVG are Markup and pass as they are."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("summarizer.brief", "templates"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, finalize=_finalize,
    )


def _asset(name: str) -> str:
    return resources.files("summarizer.brief").joinpath("templates", name).read_text(encoding="utf-8")


def segments(article: BriefArticle, quotes: list[tuple[str, int, int]]) -> list[tuple[str, list[str]]]:
    """The article's text cut where quotes start and end: (text, anchors of the quotes
    covering it). Quotes may overlap; each piece lists all of them."""
    text = article.text or ""
    cuts = sorted({0, len(text), *(p for _, start, end in quotes for p in (start, end))})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        anchors = [anchor for anchor, a, b in quotes if a <= start and end <= b]
        pieces.append((text[start:end], anchors))
    return pieces


def facts(brief: Brief, article: BriefArticle) -> list[tuple[str, str]]:
    """(label, value) of the meeting's headline facts that are known."""
    labels, meeting, source = words.labels(brief.language), article.report.meeting, article.report.source
    sep = "、" if brief.language == "zh" else ", "
    what = " · ".join(x for x in (meeting.kind, meeting.title) if x)
    rows = [
        (labels["what"], what), (labels["when"], meeting.date or ""), (labels["where"], meeting.location or ""),
        (labels["organized_by"], sep.join(meeting.organizers)),
    ]
    cited = source and (source.url or source.path)
    origin = " · ".join(x for x in (source.site_name, source.published, cited) if x) if source else ""
    rows.append((labels["source"], origin or article.origin))
    return [(label, value) for label, value in rows if value]


def period(brief: Brief) -> str:
    dates = [a.date for a in brief.timeline if a.date and a.date[0].isdigit()]
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def svg(network: Network, title: str) -> Markup:
    """The network as inline SVG (the template escapes every label)."""
    return Markup(environment().get_template("network.svg.j2").render(net=network, title=title))


def to_html(brief: Brief, network: Network | None = None) -> str:
    network = network or build_network(brief)
    labels = words.labels(brief.language)
    script = _asset("brief.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    quotes = {
        ref: [(q.anchor, q.start, q.end) for q in items if q.start is not None and q.end is not None]
        for ref, items in brief.quotes.items()
    }
    return environment().get_template("brief.html.j2").render(
        brief=brief,
        network=network,
        L=labels,
        sep="、" if brief.language == "zh" else ", ",
        svg=svg(network, labels["network"]),
        css=Markup(_asset("brief.css")),
        script=Markup(script),
        script_hash=f"sha256-{digest}",
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        period=period(brief),
        facts=lambda article: facts(brief, article),
        segments=lambda article: segments(article, quotes[article.ref]),
        role=lambda value: words.role(brief.language, value),
        pinyin=name_pinyin,
    )
