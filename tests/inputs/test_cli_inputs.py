"""`summarizer summarize` on saved pages, URLs, .docx and .pdf: the report's `source`, and
each bad URL's one-line error and exit code. The model is the canned OpenAI-compatible
server of test_openai_backend, so no model is loaded; one test runs the embedded model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from fake_openai import FakeOpenAI, closed_port
from inputs.documents import cjk_pdf, make_docx
from inputs.page_server import PageServer, Route, html, page
from summarizer.article import from_text
from summarizer.inputs.load import load_article
from summarizer.pipeline import summarize
from summarizer.prompt import load_prompts
from test_cli import assert_one_line_error, cli, remote
from test_openai_backend import ARTICLE, MeetingModel

HEADLINE, *PARAGRAPHS = ARTICLE.splitlines()
PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>{HEADLINE}_协会动态_东莞市机器人产业协会</title>
<meta property="og:site_name" content="东莞市机器人产业协会">
<meta name="PubDate" content="2021-03-10 09:00">
</head><body>
<nav><a href="/">首页</a> <a href="/news/">新闻中心</a> <a href="/xhdt/">协会动态</a> <a href="/join/">入会申请</a></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻中心</a> &gt; 正文</div>
<div class="article"><h1>{HEADLINE}</h1>
<div class="info">发布时间：2021-03-10　来源：本站</div>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</div>
<div class="share">分享到：微信 微博</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/a.html">协会召开理事会</a></li><li><a href="/b.html">协会走访会员企业</a></li></ul></div>
<div class="footer">版权所有：东莞市机器人产业协会　备案号：粤ICP备00000000号</div>
</body></html>"""


@pytest.fixture
def site() -> Iterator[PageServer]:
    routes = {
        "/news/2021/0310/meeting.html": html(PAGE),
        "/gone.html": Route(b"gone", status=404),
        "/broken.html": Route(b"broken", status=503),
        "/slow.html": Route(PAGE.encode(), delay=5),
        "/logo.png": Route(b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"),
        "/index.html": html(page("index.html")),
    }
    with PageServer(routes) as running:
        yield running


def summarize_json(
    source: str, home: Path, *extra: str, summary: str | None = None, stdin: bytes | None = None
) -> dict:
    """The JSON report; ``summary`` scripts the model's answer for an article other than ARTICLE."""
    facts = [{"is_meeting": True, "location": None, "summary": summary}] if summary else None
    with FakeOpenAI(MeetingModel(facts)) as server:
        args, env = remote(server)
        result = cli("summarize", source, "-f", "json", *args, *extra, home=home, env=env, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_a_saved_page_summarizes_with_its_source(tmp_path: Path) -> None:
    path = tmp_path / "meeting.html"
    path.write_text(PAGE, encoding="utf-8")
    report = summarize_json(str(path), tmp_path)
    assert report["source"] == {
        "kind": "file", "path": str(path), "url": None, "title": HEADLINE, "site_name": "东莞市机器人产业协会",
        "published": "2021-03-10", "published_from": "page-metadata",
    }
    assert [p["name"] for p in report["participants"]] == ["陈潮晖", "欧阳颜"]
    assert "新闻中心" not in [o["name"] for o in report["organizations"]]
    assert report["byline"] == [{"role": "记者", "name": "张明"}]
    text = tmp_path / "meeting.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    plain = summarize_json(str(text), tmp_path)
    assert plain["participants"] == report["participants"]  # same names, titles and spans
    assert plain["source"] == {
        "kind": "file", "path": str(text), "url": None, "title": None, "site_name": None,
        "published": None, "published_from": None,
    }


def test_a_page_on_standard_input(tmp_path: Path) -> None:
    source = summarize_json("-", tmp_path, stdin=PAGE.encode("utf-8"))["source"]
    assert (source["kind"], source["path"], source["title"]) == ("file", "-", HEADLINE)


def test_a_url_summarizes_once_then_from_the_page_cache(tmp_path: Path, site: PageServer) -> None:
    url = site.url("/news/2021/0310/meeting.html")
    report = summarize_json(url, tmp_path)
    assert report["source"]["kind"] == "url" and report["source"]["url"] == url
    assert report["source"]["published"] == "2021-03-10"
    assert [p["name"] for p in report["participants"]] == ["陈潮晖", "欧阳颜"]
    summarize_json(url, tmp_path)
    assert site.requests["/news/2021/0310/meeting.html"] == 1
    summarize_json(url, tmp_path, "--refresh")
    assert site.requests["/news/2021/0310/meeting.html"] == 2


def test_a_docx_and_a_pdf_summarize(tmp_path: Path) -> None:
    notice = make_docx(tmp_path / "notice.docx")
    report = summarize_json(str(notice), tmp_path, summary="青禾县商会召开会长办公会，研究部署重点工作。")
    assert report["source"]["title"] == "青禾县商会会长办公会纪要"
    assert "甄某某" in [p["name"] for p in report["participants"]]
    bulletin = tmp_path / "bulletin.pdf"
    bulletin.write_bytes(cjk_pdf(title="工作简报"))
    report = summarize_json(str(bulletin), tmp_path, summary="临川市工商联召开民营企业座谈会，听取企业意见建议。")
    assert report["source"] == {
        "kind": "file", "path": str(bulletin), "url": None, "title": "工作简报", "site_name": None,
        "published": None, "published_from": None,
    }


@pytest.mark.parametrize(
    ("path", "code", "word"),
    [
        ("/gone.html", 15, "HTTP 404"),
        ("/broken.html", 16, "HTTP 503"),
        ("/slow.html", 17, "0.5 s"),
        ("/logo.png", 19, "image/png"),
        ("/index.html", 20, "no article text"),
    ],
)
def test_each_bad_url_exits_with_its_code(tmp_path: Path, site: PageServer, path: str, code: int, word: str) -> None:
    result = cli("summarize", site.url(path), "--fetch-timeout", "0.5", home=tmp_path)
    assert_one_line_error(result, code, site.url(path), word)


def test_an_unreachable_host_exits_18(tmp_path: Path) -> None:
    result = cli("summarize", f"http://127.0.0.1:{closed_port()}/a.html", home=tmp_path)
    assert_one_line_error(result, 18, "cannot reach")


@pytest.mark.model
def test_on_the_embedded_model_a_page_and_its_text_give_the_same_participants(local_backend, site: PageServer) -> None:  # type: ignore[no-untyped-def]
    """The page's article is the plain text itself, so the pipeline (deterministic for one
    text) gives both the same participants; the model runs once, on the page."""
    article = load_article(site.url("/news/2021/0310/meeting.html"))
    assert article.text == from_text(ARTICLE, "meeting.txt").text
    report = summarize(article, local_backend, load_prompts())
    assert report.source is not None and (report.source.kind, report.source.published) == ("url", "2021-03-10")
    assert (report.meeting.date, report.meeting.date_basis) == ("2021-03-09", "page-date")  # 3月9日 on the page's year
    assert {p.name for p in report.participants} >= {"陈潮晖", "欧阳颜"}
    assert "张明" not in {p.name for p in report.participants}
