"""Invented articles and their reports, with spans found in their own text (no model)."""

from __future__ import annotations

from summarizer.brief.model import BriefArticle
from summarizer.schema import Commitment, Meeting, Organization, Participant, Report, Source, Span


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part), source_start=start, source_end=start + len(part))


def article(
    text: str,
    *,
    title: str,
    date: str | None,
    organizers: list[str],
    people: list[tuple[str, str | None, str | None, str]],
    organizations: list[str],
    commitments: list[tuple[str, str, str]],
    summary: str,
    origin: str,
) -> BriefArticle:
    """A report on ``text``: people as (name, title, organization, role), commitments as
    (actor, quote, strength); every name and quote must stand in ``text``."""
    report = Report(
        is_meeting_report=True,
        summary=summary,
        meeting=Meeting(title=title, kind="座谈会", date=date, organizers=organizers),
        participants=[
            Participant(name=n, title=t, organization=o, role=r, span=span(text, n))  # type: ignore[arg-type]
            for n, t, o, r in people
        ],
        organizations=[Organization(name=o, span=span(text, o)) for o in organizations],
        commitments=[
            Commitment(actor=a, action=q[:20], evidence=q, strength=s, span=span(text, q))  # type: ignore[arg-type]
            for a, q, s in commitments
        ],
        source=Source(kind="file", path=origin),
    )
    return BriefArticle(report, origin, text, "report file")


TRADITIONAL = (
    "3月2日，蘭城市工商聯召開民營企業座談會。蘭城市工商聯主席甄某某主持會議，"
    "桂川縣商會會長蔺某某出席。甄某某表示，將於下月組織會員企業赴桂川縣考察。"
    "雙方同意建立季度聯絡機制。"
)
SIMPLIFIED = (
    "4月15日，兰城市工商业联合会与梧州市侨联举行交流会。兰城市工商业联合会主席甄某某、"
    "梧州市侨联副主席滕某某参加。甄某某希望两地商会加强项目对接。"
    "滕某某表示，梧州市侨联将组织侨商到兰城市参观。"
)


def traditional() -> BriefArticle:
    return article(
        TRADITIONAL, title="蘭城市工商聯民營企業座談會", date="2023-03-02", organizers=["蘭城市工商聯"],
        people=[("甄某某", "主席", "蘭城市工商聯", "chair"), ("蔺某某", "會長", "桂川縣商會", "attendee")],
        organizations=["蘭城市工商聯", "桂川縣商會"],
        commitments=[("甄某某", "將於下月組織會員企業赴桂川縣考察", "planned"), ("蘭城市工商聯; 桂川縣商會", "雙方同意建立季度聯絡機制", "agreed")],
        summary="蘭城市工商聯召開民營企業座談會。", origin="traditional.txt",
    )


def simplified() -> BriefArticle:
    return article(
        SIMPLIFIED, title="兰城市工商业联合会与梧州市侨联交流会", date="2023-04-15", organizers=["兰城市工商业联合会"],
        people=[("甄某某", "主席", "兰城市工商业联合会", "host"), ("滕某某", "副主席", "梧州市侨联", "delegation_lead")],
        organizations=["兰城市工商业联合会", "梧州市侨联"],
        commitments=[("甄某某", "希望两地商会加强项目对接", "proposed"), ("滕某某", "梧州市侨联将组织侨商到兰城市参观", "planned")],
        summary="兰城市工商业联合会与梧州市侨联举行交流会。", origin="simplified.txt",
    )


INJECTED = (
    '5月6日，梧州市侨联召开座谈会<script>window.__pwned = "script"; console.log("PWNED")</script>。'
    '梧州市侨联副主席滕某某出席<img src=x onerror="window.__pwned = \'onerror\'; console.log(\'PWNED\')">。'
    '滕某某表示，将于年内举办<b onmouseover="window.__pwned=1">侨商论坛</b>。'
)


def injected() -> BriefArticle:
    """An article whose text, title and quote carry live HTML if anything were unescaped."""
    quote = '将于年内举办<b onmouseover="window.__pwned=1">侨商论坛</b>'
    return article(
        INJECTED, title='梧州市侨联座谈会<script>window.__pwned="title"</script>', date="2023-05-06",
        organizers=["梧州市侨联"], people=[("滕某某", "副主席", "梧州市侨联", "attendee")], organizations=["梧州市侨联"],
        commitments=[("滕某某", quote, "planned")],
        summary='梧州市侨联召开座谈会<img src=x onerror="window.__pwned=\'summary\'">。', origin="injected.txt",
    )
