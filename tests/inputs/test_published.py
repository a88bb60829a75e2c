"""The publication date: from the page's own metadata, else from its URL, never from a sidebar."""

from __future__ import annotations

import datetime as dt

import pytest
import trafilatura

from inputs.page_server import page
from summarizer.inputs.page import read_page
from summarizer.inputs.published import page_published, parse_date, url_published

BODY = "<p>3月9日，青禾县商会召开会长办公会，会长甄某某主持会议，研究部署重点工作。</p>"


def published(head: str = "", before_body: str = "", sidebar: str = "") -> dt.date | None:
    html = (
        f"<html><head><meta charset='utf-8'><title>县商会召开会长办公会</title>{head}</head><body>"
        f"<div class='side'>{sidebar}</div><h1>县商会召开会长办公会</h1>{before_body}<div>{BODY}</div></body></html>"
    )
    return page_published(trafilatura.load_html(html), "县商会召开会长办公会", "3月9日，青禾")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="article:published_time" content="2021-03-10T08:30:00+08:00">', dt.date(2021, 3, 10)),
        # 20:00 UTC on the 9th is the 10th in Beijing
        ('<meta property="article:published_time" content="2021-03-09T20:00:00Z">', dt.date(2021, 3, 10)),
        ('<meta name="PubDate" content="2021-03-10 09:30">', dt.date(2021, 3, 10)),
        ('<meta name="publishdate" content="2021-03-10">', dt.date(2021, 3, 10)),
        ('<meta itemprop="datePublished" content="2021/3/10">', dt.date(2021, 3, 10)),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-03-10"}</script>',
         dt.date(2021, 3, 10)),
        ('<meta name="keywords" content="2019-01-01">', None),
    ],
    ids=["og-beijing", "og-utc", "gov-pubdate", "publishdate", "itemprop", "json-ld", "other-meta"],
)
def test_dates_from_meta_tags(head: str, expected: dt.date | None) -> None:
    assert published(head=head) == expected


def test_a_time_element_marked_as_publication() -> None:
    assert published(before_body='<time pubdate datetime="2021-03-10T10:00">3月10日</time>') == dt.date(2021, 3, 10)


def test_a_wechat_article_creation_time() -> None:
    assert published(head='<script>var ct = "1615334400";</script>') == dt.date(2021, 3, 10)  # 08:00 Beijing


@pytest.mark.parametrize(
    "line", ["<div>发布时间：2021年03月10日 10:23</div>", "<p>2021-03-10 来源：青禾日报</p>", "<span>青禾日报 2021/03/10</span>"]
)
def test_the_header_line_under_the_headline(line: str) -> None:
    assert published(before_body=line) == dt.date(2021, 3, 10)


def test_dates_in_a_sidebar_or_a_footer_are_not_the_page_date() -> None:
    sidebar = "<ul><li><span>旧闻 2020-01-01</span></li><li>发布时间：2020-02-02</li></ul>"
    assert published(sidebar=sidebar) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.example.cn/xinwen/2021/06/17/content_1.htm", dt.date(2021, 6, 17)),
        ("http://www.example.cn/xinwen/2021-06/17/content_5618843.htm", dt.date(2021, 6, 17)),
        ("http://www.example.cn/gzdt/202106/17/a.html", dt.date(2021, 6, 17)),
        ("http://www.example.cn/gzdt/202106/t20210617_1011.html", dt.date(2021, 6, 17)),
        ("http://www.example.cn/n1/20210617/c1.html", dt.date(2021, 6, 17)),
        ("http://www.example.cn/2021/0617/a.html", dt.date(2021, 6, 17)),
        ("http://www.example.cn/news/1234567.html", None),
        ("http://www.example.cn/2021/13/45/a.html", None),  # no such date
        ("http://20210617.example.cn/a.html", None),  # the host is not the path
        ("http://www.example.cn/gzdt/202106/", None),  # a month is no publication date
    ],
)
def test_dates_from_urls(url: str, expected: dt.date | None) -> None:
    assert url_published(url) == expected


def test_a_future_date_is_no_publication_date() -> None:
    assert url_published("http://www.example.cn/2999/01/01/a.html") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-06-17T09:30:00+08:00", dt.date(2021, 6, 17)), ("2021年6月17日", dt.date(2021, 6, 17)),
     ("20210617", dt.date(2021, 6, 17)), ("1623902400", dt.date(2021, 6, 17)), ("六月十七日", None), ("", None)],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_the_url_date_is_used_only_when_the_page_states_none() -> None:
    undated = page("portal.html").replace('<meta name="PubDate" content="2021-06-17 09:30">', "").replace(
        "发布时间：2021-06-17 09:30", ""
    )
    result = read_page(undated, "p.html", "http://example.cn/gzdt/202106/t20210616_1011.html")
    assert (result.published, result.published_from) == (dt.date(2021, 6, 16), "url")
    result = read_page(page("portal.html"), "p.html", "http://example.cn/gzdt/202106/t20210616_1011.html")
    assert (result.published, result.published_from) == (dt.date(2021, 6, 17), "page-metadata")
    assert read_page(undated, "p.html").published is None
