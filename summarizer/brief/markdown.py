"""The brief as Markdown, escaped as ``summarize -f markdown`` escapes a report.

Every article-derived string goes through the same escaping as the one-report Markdown
(control characters shown visibly, ``& < >`` as entities, Markdown punctuation and
line-start markers escaped), so no tag, link or image from an article is live. The
network is given as a list of who was at each event (a picture needs HTML or DOCX).
"""

from __future__ import annotations

from datetime import datetime, timezone

from summarizer.brief import labels as words
from summarizer.brief.html import facts, period
from summarizer.brief.model import Brief, Quote, SharedEntity
from summarizer.brief.network import Network, build_network
from summarizer.render import _cell, _md, _md_block, name_pinyin, visible


def md(text: str | None) -> str:
    return _md(visible(text or ""))


def cell(text: str | None) -> str:
    return _cell(visible(text) if text else text)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in rows), ""]


def _quote(brief: Brief, quote: Quote, with_title: bool) -> list[str]:
    labels, item = words.labels(brief.language), quote.commitment
    ref = f"[{quote.article.ref}](#{quote.article.ref})"
    if with_title:
        ref += f" {md(quote.article.title)}"
    extras = [f"{labels[key]} {md(value)}" for key, value in (("with", item.counterpart), ("timeframe", item.timeframe)) if value]
    line = f"- **{labels[item.strength]}** {md(item.actor)}: {md(item.action)}"
    line += f" ({'; '.join(extras)})" if extras else ""
    rows = [md(row) for row in item.evidence.splitlines() if row.strip()] or [""]
    return [f"{line} — {ref}", *(f"  > {row}" for row in rows)]


def _shared(brief: Brief, kind: str, items: list[SharedEntity]) -> list[str]:
    """People or organizations (``kind``) named in several articles."""
    labels = words.labels(brief.language)
    lines = [f"### {labels[kind]}", ""]
    if not items:
        return lines + [labels[f"no_{kind}"], ""]
    for shared in items:
        name = f"**{md(shared.entity.name)}**" + (f" ({md(shared.pinyin)})" if shared.pinyin else "")
        others = [n for n in shared.entity.names if n != shared.entity.name]
        if others:
            name += f" — {labels['also_written']}: {'、'.join(md(n) for n in others)}"
        lines.append(f"- {name}")
        for ap in shared.appearances:
            where = " ".join(md(x) for x in (ap.organization, ap.title) if x)
            lines.append(
                f"  - [{ap.article.ref}](#{ap.article.ref}) {md(ap.article.date or labels['undated'])} · "
                f"{md(ap.article.title)}" + (f" — {where}" if where else "")
            )
        if shared.reasons:
            lines.append(f"  - *{labels['why']}: {md('; '.join(shared.reasons))}*")
    return lines + [""]


def _network(brief: Brief, network: Network) -> list[str]:
    by_id = {n.id: n for n in network.nodes}
    lines = []
    for article in brief.timeline:
        event = f"E-{article.ref}"
        linked = {e.target for e in network.edges if e.source == event}
        linked |= {e.target for e in network.edges if e.source in linked}
        names = [md(by_id[i].label) for i in by_id if i in linked]
        event = " ".join(x for x in (md(article.date), md(article.title)) if x)
        lines.append(f"- **{article.ref}** {event}: {'、'.join(names)}")
    return lines + [""]


def to_markdown(brief: Brief, network: Network | None = None) -> str:
    network = network or build_network(brief)
    labels, en = words.labels(brief.language), brief.language == "en"
    sep = ", " if en else "、"
    meta = [labels["n_articles"].format(n=len(brief.articles)), period(brief)]
    meta.append(f"{labels['generated']} {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    lines = [f"# {md(brief.title)}", "", " · ".join(m for m in meta if m), ""]
    lines += [f"## {labels['network']}", "", *_network(brief, network)]
    lines += [f"## {labels['timeline']}", ""]
    lines += _table(
        [labels["date"], labels["event"], labels["where"], labels["organized_by"], labels["article"]],
        [[cell(a.date or labels["undated"]), cell(a.title), cell(a.report.meeting.location),
          cell(sep.join(a.report.meeting.organizers)), f"[{a.ref}](#{a.ref})"] for a in brief.timeline],
    )
    lines += [f"## {labels['across']}", ""]
    lines += _shared(brief, "people", brief.people) + _shared(brief, "organizations", brief.organizations)
    if brief.duplicates:
        lines += [f"### {labels['duplicates']}", "", *(f"- {md(d.reason)}" for _, _, d in brief.duplicates), ""]
    lines += [f"## {labels['by_actor']}", ""]
    for group in brief.by_actor:
        lines += [f"### {md(group.actor)}", ""]
        for quote in group.quotes:
            lines += _quote(brief, quote, True)
        lines.append("")
    if not brief.by_actor:
        lines += [labels["no_commitments"], ""]
    for article in brief.articles:
        lines += [f'<a id="{article.ref}"></a>', "", f"## {article.ref} · {md(article.title)}", ""]
        lines += [f"- **{label}:** {md(value)}" for label, value in facts(brief, article)] + [""]
        lines += [f"### {labels['summary']}", "", _md_block(visible(article.report.summary)), ""]
        lines += [f"### {labels['participants']}", ""]
        header = [labels["name"]] + ([labels["pinyin"]] if en else []) + [labels["title"], labels["organization"], labels["role"]]
        rows = [
            [cell(p.name)] + ([cell(p.pinyin or name_pinyin(p.name))] if en else [])
            + [cell(p.title), cell(p.organization), cell(words.role(brief.language, p.role))]
            for p in article.report.participants
        ]
        lines += _table(header, rows) if rows else [labels["no_participants"], ""]
        lines += [f"### {labels['commitments']}", ""]
        for strength, quotes in brief.grouped(article):
            lines += [f"#### {labels[strength]}", ""]
            for quote in quotes:
                lines += _quote(brief, quote, False)
            lines.append("")
        if not brief.quotes[article.ref]:
            lines += [labels["no_commitments"], ""]
    lines += [f"## {labels['appendix']}", ""]
    if brief.failures:
        lines += [f"### {labels['failed']}", ""]
        lines += _table([labels["source"], labels["reason"]], [[cell(f.origin), cell(f.reason)] for f in brief.failures])
    if brief.left_out:
        lines += [f"### {labels['left_out'].format(since=brief.since)}", ""]
        lines += [f"- {md(a.date)} · {md(a.title)} ({md(a.origin)})" for a in brief.left_out] + [""]
    lines += [f"### {labels['reused']}", ""]
    for article in brief.articles:
        run = article.report.run
        calls = f" ({labels['calls'].format(calls=run.calls, cached=run.cached_calls)})" if run else ""
        lines.append(f"- [{article.ref}](#{article.ref}) {md(article.origin)}: {labels[article.reused]}{calls}")
    return "\n".join(lines).rstrip("\n") + "\n"
