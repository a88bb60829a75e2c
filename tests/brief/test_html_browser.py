"""The HTML brief in a real headless Chromium: what a reader sees, hover and click on a
commitment, the print stylesheet, and an article's HTML staying inert."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.brief.html import to_html
from summarizer.brief.model import Brief, BriefArticle, build_brief

from .browser import Page
from .reports import INJECTED, injected, simplified, traditional


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def brief(golden_articles: list[BriefArticle]) -> Brief:
    return build_brief([*golden_articles, traditional(), simplified(), injected()], language="en")


@pytest.fixture
def opened(brief: Brief, page: Page, tmp_path: Path) -> Page:
    path = tmp_path / "brief.html"
    path.write_text(to_html(brief), encoding="utf-8")
    page.open(path.as_uri())
    return page


def test_the_page_shows_every_title_and_quote_and_a_screenshot_is_saved(brief: Brief, opened: Page, tmp_path: Path) -> None:
    text = squeeze(str(opened.evaluate("document.body.innerText")))
    for article in brief.articles:
        assert squeeze(article.title) in text, article.title
        for commitment in article.report.commitments:
            assert squeeze(commitment.evidence) in text, commitment.evidence
    shot = tmp_path / "brief.png"
    opened.screenshot(shot)
    assert shot.stat().st_size > 20_000 and shot.read_bytes().startswith(b"\x89PNG")
    # The network is inline SVG with a node for every event; nothing is loaded from elsewhere.
    events = opened.evaluate("document.querySelectorAll('#network svg g.event').length")
    assert events == len(brief.articles)
    assert opened.evaluate("document.querySelectorAll('[src], link[href], object, iframe').length") == 0
    assert opened.evaluate("performance.getEntriesByType('resource').length") == 0


def test_an_articles_script_and_handlers_do_not_run(brief: Brief, opened: Page) -> None:
    assert opened.evaluate("document.documentElement.getAttribute('data-brief-script')") == "ran"  # ours did
    opened.hover('[data-quote="A8-q1"]')  # a pointer over the quote with onmouseover in it
    assert opened.evaluate("typeof window.__pwned") == "undefined"
    assert opened.evaluate("document.scripts.length") == 1
    assert opened.evaluate("document.querySelectorAll('img, main b, [onerror], [onmouseover]').length") == 0
    page_text = str(opened.evaluate("document.body.innerText"))
    assert "<script>" in page_text and 'onerror="' in page_text  # shown as text
    assert squeeze(INJECTED) in squeeze(page_text)  # the source text panel, verbatim
    messages = opened.messages()
    assert not [m for m in messages if "PWNED" in m or "Content Security Policy" in m], messages


def test_hovering_and_clicking_a_commitment_highlight_its_quote_in_the_text(brief: Brief, opened: Page) -> None:
    highlighted = "Array.from(document.querySelectorAll('.hl')).map(e => e.textContent).join('')"
    checked = 0
    for article in brief.articles:
        quotes = [q for q in brief.quotes[article.ref] if q.start is not None]
        if not quotes:
            continue
        quote = quotes[-1]
        opened.hover(f'#{article.ref} [data-quote="{quote.anchor}"]')
        assert opened.evaluate(highlighted) == quote.commitment.evidence
        checked += 1
    assert checked >= 3
    # A click from the cross-article list jumps to the quote in its article's text.
    anchor = brief.by_actor[0].quotes[0].anchor
    opened.evaluate("window.scrollTo(0, 0)")
    opened.evaluate(f"document.querySelector('#by-actor [data-quote={json.dumps(anchor)}]').click()")
    visible = opened.evaluate(
        "(() => { const r = document.querySelector('.hl').getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    assert visible is True
    assert opened.evaluate(highlighted) == brief.by_actor[0].quotes[0].commitment.evidence


def test_the_print_stylesheet_hides_the_source_panels_and_keeps_the_picture(opened: Page) -> None:
    hidden = "getComputedStyle(document.querySelector('aside.source-box')).display"
    assert opened.evaluate(hidden) != "none"
    opened.send("Emulation.setEmulatedMedia", session=True, media="print")
    assert opened.evaluate(hidden) == "none"
    assert opened.evaluate("getComputedStyle(document.querySelector('#network svg')).display") != "none"
    pdf = opened.send("Page.printToPDF", session=True)["data"]
    assert len(pdf) > 10_000
