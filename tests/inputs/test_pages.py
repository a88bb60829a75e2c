"""Saved web pages: the article's text without the page around it, and what the page says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inputs.page_server import PAGES, page
from summarizer.errors import NoArticleText
from summarizer.inputs.load import load_article
from summarizer.inputs.page import read_page

# page -> (title, site name, publication date, sentences of the article, boilerplate)
PAGES_READ = {
    "portal.html": (
        "临川市工商联召开民营企业座谈会", "临川市工商业联合会", dt.date(2021, 6, 17),
        ["市工商联主席甄某某主持会议，市发展改革委副主任蔺某某出席会议并讲话。",
         "市发展改革委将认真梳理企业反映的问题，建立问题清单，限期答复",
         "（责任编辑：隗某某）"],
        ["首页", "新闻中心", "当前位置", "热点推荐", "分享到", "微博", "打印本页", "上一篇", "相关新闻",
         "主办单位", "备案", "技术支持", "无障碍", "_hmt", "font-family", "浏览次数"],
    ),
    "chamber-gbk.html": (
        "青禾县商会与堃元科技签订战略合作协议", None, dt.date(2021, 3, 10),
        ["县商会会长甄某某、堃元科技董事长蔺某某代表双方签订协议。",
         "堃元科技将为商会会员企业提供技术咨询服务"],
        ["网站首页", "入会指南", "您现在的位置", "最新公告", "会费", "分享到", "相关文章", "新春团拜会",
         "版权所有", "备案号", "点击"],
    ),
    "wechat.html": (
        "临川市女企业家商会赴青禾县考察交流", "临川女商会", dt.date(2021, 6, 10),
        ["青禾县副县长訾某某陪同考察。", "鄢某某表示，商会将组织会员企业与青禾县开展对接"],
        ["原创", "阅读原文", "在看", "微信扫一扫", "关注该公众号", "留言"],
    ),
    "header-date.html": (
        "县商会召开会长办公会", None, dt.date(2021, 3, 10),
        ["3月9日，青禾县商会召开会长办公会，会长甄某某主持会议"],
        ["首页", "商会动态", "通知公告", "16:05", "版权所有"],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES_READ))
def test_a_page_gives_its_article_and_nothing_around_it(name: str) -> None:
    title, site_name, published, sentences, boilerplate = PAGES_READ[name]
    result = read_page(page(name), name)
    lines = result.text.splitlines()
    assert lines[0] == title
    assert lines.count(title) == 1
    for sentence in sentences:
        assert sentence in result.text
    for word in boilerplate:
        assert word not in result.text, word
    assert (result.title, result.site_name) == (title, site_name)
    assert (result.published, result.published_from) == (published, "page-metadata")


def test_paragraphs_stay_lines() -> None:
    lines = read_page(page("portal.html"), "portal.html").text.splitlines()
    assert len(lines) == 6  # headline, four paragraphs, the editor's line
    assert lines[1].startswith("6月16日，") and lines[1].endswith("出席会议并讲话。")


def test_a_saved_page_becomes_an_article_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "saved.htm"
    path.write_text(page("portal.html"), encoding="utf-8")
    article = load_article(str(path))
    assert article.raw.startswith("临川市工商联召开民营企业座谈会\n6月16日，")
    assert article.cleaned.original == article.raw  # spans map back to the extracted text
    assert [entry.name for entry in article.byline] == ["隗某某"]  # the editor: metadata, no participant
    assert (article.title, article.site_name, article.published, article.url) == (
        "临川市工商联召开民营企业座谈会", "临川市工商业联合会", dt.date(2021, 6, 17), None,
    )


def test_a_gbk_page_saved_to_disk_is_read_by_its_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "chamber.html"
    path.write_bytes(page("chamber-gbk.html").encode("gbk"))
    article = load_article(str(path))
    assert article.encoding == "gb18030"  # declared gb2312, which lacks 堃
    assert "临川市堃元科技有限公司" in article.text


def test_a_page_saved_as_txt_is_still_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(page("portal.html"), encoding="utf-8")
    article = load_article(str(path))
    assert article.title == "临川市工商联召开民营企业座谈会"
    assert "<" not in article.text and "首页" not in article.text


def test_a_page_without_article_text_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(NoArticleText) as caught:
        load_article(str(PAGES / "index.html"))
    assert "no article text" in str(caught.value) and "\n" not in str(caught.value)
    assert NoArticleText.exit_code == 20


def test_a_page_with_only_a_headline_has_no_article_text() -> None:
    html = "<html><head><title>县商会召开会长办公会</title></head><body><h1>县商会召开会长办公会</h1></body></html>"
    with pytest.raises(NoArticleText):
        read_page(html, "headline.html")


def test_the_title_drops_column_and_site_names() -> None:
    html = page("header-date.html")  # <title>县商会召开会长办公会_商会动态</title>, headline in an h2
    assert read_page(html, "x.html").title == "县商会召开会长办公会"
    html = html.replace("<h2>县商会召开会长办公会</h2>", "")
    assert read_page(html, "x.html").title == "县商会召开会长办公会"  # the longest part


def test_plain_text_keeps_no_source_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("县商会召开会长办公会\n3月9日，青禾县商会召开会长办公会，会长甄某某主持会议。", encoding="utf-8")
    article = load_article(str(path))
    assert (article.title, article.site_name, article.published, article.published_from) == (None, None, None, None)
