"""URLs: a real server on 127.0.0.1, the charset, redirects, the page cache, and each failure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from fake_openai import closed_port
from inputs.documents import ascii_pdf
from inputs.page_server import PageServer, Route, html, page, redirect
from summarizer.errors import (
    FetchTimeout,
    HostUnreachable,
    HttpClientError,
    HttpServerError,
    InputBinary,
    InputMissing,
    NoArticleText,
    SummarizerError,
    UnsupportedContent,
)
from summarizer.inputs.fetch import MAX_REDIRECTS, USER_AGENT
from summarizer.inputs.load import load_article
from summarizer.inputs.source import report_source

UNDATED = page("portal.html").replace('<meta name="PubDate" content="2021-06-17 09:30">', "").replace(
    "发布时间：2021-06-17 09:30", ""
)
DATED_PATH = "/gzdt/202106/t20210616_1011.html"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture
def server() -> Iterator[PageServer]:
    routes = {
        "/portal.html": html(page("portal.html")),
        "/gbk.html": html(page("chamber-gbk.html"), charset=None, encoding="gbk"),
        "/wechat": html(page("wechat.html")),
        "/old-link": redirect(DATED_PATH, 301),
        DATED_PATH: html(UNDATED),
        "/loop": redirect("/loop"),
        "/index.html": html(page("index.html")),
        "/gone.html": Route(b"<html><body>404</body></html>", status=404),
        "/broken.html": Route(b"<html><body>Internal Server Error</body></html>", status=500),
        "/slow.html": Route(page("portal.html").encode(), delay=5),
        "/logo.png": Route(PNG, content_type="image/png"),
        "/bulletin.pdf": Route(ascii_pdf(), content_type="application/pdf"),
        "/download": Route(ascii_pdf(), content_type="application/octet-stream"),
        "/huge.html": Route(b"<html><body>" + b"x" * 20_000 + b"</body></html>"),
    }
    with PageServer(routes) as running:
        yield running


def test_a_page_by_url(server: PageServer) -> None:
    article = load_article(server.url("/portal.html"))
    assert article.text.startswith("临川市工商联召开民营企业座谈会\n6月16日，")
    assert "首页" not in article.text and "相关新闻" not in article.text
    assert article.source == server.url("/portal.html")
    source = report_source(article)
    assert (source.kind, source.url, source.path) == ("url", server.url("/portal.html"), None)
    assert (source.title, source.site_name, source.published, source.published_from) == (
        "临川市工商联召开民营企业座谈会", "临川市工商业联合会", "2021-06-17", "page-metadata",
    )


def test_the_request_looks_like_a_browser(server: PageServer) -> None:
    load_article(server.url("/portal.html"))
    headers = server.headers[-1]
    assert headers["user-agent"] == USER_AGENT and "Chrome/" in USER_AGENT
    assert "zh-CN" in headers["accept-language"]


def test_a_gbk_page_with_its_charset_only_in_a_meta_tag(server: PageServer) -> None:
    article = load_article(server.url("/gbk.html"))
    assert article.encoding == "gb18030"
    assert "县商会会长甄某某、堃元科技董事长蔺某某代表双方签订协议。" in article.text
    assert article.published == dt.date(2021, 3, 10)


def test_a_wechat_article(server: PageServer) -> None:
    article = load_article(server.url("/wechat"))
    assert article.site_name == "临川女商会"
    assert article.published == dt.date(2021, 6, 10)
    assert "留言" not in article.text and "微信扫一扫" not in article.text


def test_a_redirect_is_followed_and_the_final_url_dates_the_page(server: PageServer) -> None:
    article = load_article(server.url("/old-link"))
    assert article.url == server.url(DATED_PATH)
    assert (article.published, article.published_from) == (dt.date(2021, 6, 16), "url")
    assert report_source(article).url == server.url(DATED_PATH)


def test_a_second_read_comes_from_the_cache_and_refresh_fetches_again(server: PageServer) -> None:
    url = server.url("/portal.html")
    first = load_article(url)
    second = load_article(url)
    assert server.requests["/portal.html"] == 1
    assert second.raw == first.raw and second.published == first.published
    load_article(url, refresh=True)
    assert server.requests["/portal.html"] == 2


def test_failures_are_not_cached(server: PageServer) -> None:
    for _ in range(2):
        with pytest.raises(HttpClientError):
            load_article(server.url("/gone.html"))
    assert server.requests["/gone.html"] == 2


def test_a_pdf_by_url_and_one_sent_as_octet_stream(server: PageServer) -> None:
    for path in ("/bulletin.pdf", "/download"):
        article = load_article(server.url(path))
        assert "Lanchuan Chamber of Commerce" in article.text
        assert report_source(article).kind == "url"


@pytest.mark.parametrize(
    ("path", "error", "code", "words"),
    [
        ("/gone.html", HttpClientError, 15, ["HTTP 404"]),
        ("/broken.html", HttpServerError, 16, ["HTTP 500"]),
        ("/slow.html", FetchTimeout, 17, ["0.5 s"]),
        ("/loop", HostUnreachable, 18, [f"more than {MAX_REDIRECTS} redirects"]),
        ("/logo.png", UnsupportedContent, 19, ["image/png"]),
        ("/index.html", NoArticleText, 20, ["no article text"]),
    ],
)
def test_each_bad_url_is_a_one_line_error(
    server: PageServer, path: str, error: type[SummarizerError], code: int, words: list[str]
) -> None:
    with pytest.raises(error) as caught:
        load_article(server.url(path), timeout=0.5)
    message = str(caught.value)
    assert caught.value.exit_code == code
    assert "\n" not in message and message.startswith(server.url(path))
    for word in words:
        assert word in message


def test_an_unsupported_type_is_refused_before_its_body(server: PageServer) -> None:
    with pytest.raises(UnsupportedContent):
        load_article(server.url("/logo.png"))
    assert server.requests["/logo.png"] == 1


def test_a_closed_port_is_an_unreachable_host() -> None:
    with pytest.raises(HostUnreachable) as caught:
        load_article(f"http://127.0.0.1:{closed_port()}/a.html", timeout=2)
    assert "cannot reach 127.0.0.1" in str(caught.value)


def test_a_page_past_the_size_limit(server: PageServer) -> None:
    with pytest.raises(InputBinary) as caught:
        load_article(server.url("/huge.html"), max_bytes=10_000)
    assert "limit" in str(caught.value)


def test_an_invalid_url() -> None:
    with pytest.raises(InputMissing):
        load_article("http://")


def test_the_new_exit_codes_are_distinct() -> None:
    from summarizer import errors

    codes = [c.exit_code for c in vars(errors).values() if isinstance(c, type) and issubclass(c, SummarizerError)]
    assert len(codes) == len(set(codes))
    assert {15, 16, 17, 18, 19, 20} <= set(codes)
