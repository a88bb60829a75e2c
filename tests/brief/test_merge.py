"""Two articles naming one person and one organization in different scripts: one entry
with both events, in the brief's model and in every format."""

from __future__ import annotations

import io

import lxml.html
from docx import Document

from summarizer.brief.html import to_html
from summarizer.brief.labels import labels
from summarizer.brief.markdown import to_markdown
from summarizer.brief.model import build_brief
from summarizer.brief.network import build_network
from summarizer.brief.word import to_docx
from summarizer.normalize import fold

from .reports import article, simplified, traditional


def test_one_person_and_one_organization_across_scripts() -> None:
    brief = build_brief([traditional(), simplified()])
    [person] = [s for s in brief.people if fold(s.entity.name) == "甄某某"]
    assert [a.article.ref for a in person.appearances] == ["A1", "A2"]
    assert [a.title for a in person.appearances] == ["主席", "主席"]
    [org] = brief.organizations
    assert fold(org.entity.name).startswith("兰城市工商")
    assert set(org.entity.names) == {"蘭城市工商聯", "兰城市工商业联合会"}
    assert any("abbreviation" in reason for reason in org.reasons)
    assert {s.entity.name for s in brief.people} == {person.entity.name}  # 蔺某某 and 滕某某 appear once
    # Commitments by actor: both articles' promises of the one person, together.
    [group] = [g for g in brief.by_actor if g.entity_id == person.entity.id]
    assert {q.article.ref for q in group.quotes} == {"A1", "A2"}
    assert not brief.duplicates


def test_the_merged_entry_shows_both_events_in_every_format() -> None:
    first, second = traditional(), simplified()
    brief = build_brief([first, second])
    titles = [first.title, second.title]
    page = lxml.html.fromstring(to_html(brief))
    [section] = page.xpath('//section[@id="shared"]')
    rows = [row for row in section.xpath(".//tr[td]") if "甄某某" in row.text_content()]
    assert len(rows) == 1 and all(t in rows[0].text_content() for t in titles)
    markdown = to_markdown(brief)
    shared = markdown.split("## ", 5)[4]  # the "across articles" section
    entries = [line for line in shared.splitlines() if line.startswith("- ") and "甄某某" in line]
    assert len(entries) == 1 and all(t in shared for t in titles)
    document = Document(io.BytesIO(to_docx(brief)))
    words = labels("zh")
    shared_tables = [t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == [words["name"], words["event"]]]
    merged = [row for table in shared_tables for row in table.rows if "甄某某" in row.cells[0].text]
    assert len(merged) == 1 and all(t in merged[0].cells[1].text for t in titles)


def test_one_name_in_unrelated_organizations_is_flagged_not_merged() -> None:
    other = article(
        "6月1日，桂川县农业局召开座谈会。桂川县农业局科长甄某某出席。", title="桂川县农业局座谈会", date="2023-06-01",
        organizers=["桂川县农业局"], people=[("甄某某", "科长", "桂川县农业局", "attendee")],
        organizations=["桂川县农业局"], commitments=[], summary="桂川县农业局召开座谈会。", origin="other.txt",
    )
    brief = build_brief([traditional(), simplified(), other])
    [person] = [s for s in brief.people if s.entity.name == "甄某某"]
    assert len(person.appearances) == 2  # the two 工商联 articles only
    [(one, two, duplicate)] = brief.duplicates
    assert {a.article.ref for a in one.appearances + two.appearances} == {"A1", "A2", "A3"}
    assert "桂川县农业局" in duplicate.reason
    assert "桂川县农业局" in lxml.html.fromstring(to_html(brief)).text_content()


def test_since_leaves_earlier_events_out_and_says_so() -> None:
    brief = build_brief([traditional(), simplified()], since="2023-04-01")
    assert [a.origin for a in brief.articles] == ["simplified.txt"]
    assert [a.origin for a in brief.left_out] == ["traditional.txt"]
    assert not brief.people
    assert "traditional.txt" in to_markdown(brief).split("## Appendix")[-1] + to_markdown(brief).split("## 附录")[-1]


def test_the_network_joins_both_events_through_the_shared_entities() -> None:
    brief = build_brief([traditional(), simplified()])
    network = build_network(brief)
    [person] = brief.people
    [org] = brief.organizations
    node = network.node(org.entity.id)
    assert node.shared and network.node(person.entity.id).shared
    linked = {e.source for e in network.edges if e.target == org.entity.id}
    assert linked == {"E-A1", "E-A2"}  # one organization node between the two events
    assert {e.target for e in network.edges if e.source == org.entity.id} == {person.entity.id}
    assert len({n.id for n in network.nodes}) == len(network.nodes)
    labels = [n for n in network.nodes if n.kind != "event"]
    assert all(0 <= n.x <= network.width and 0 <= n.y <= network.height for n in labels)
