"""Invented articles written as golden-format files (report fields plus ``id`` and
``text``), with spans found in their own text: data for the knowledge base, no model.

- A (Traditional script) and B (Simplified) name one person, 蔺曉暉 = 蔺晓晖, of one
  organization written long (桂川縣工商業聯合會) and short (桂川县工商联);
- C and D name 甄某某 in two unrelated organizations (possible duplicates);
- E and F name 滕某某 and 滕某, whom only a person can say are one (a merge by hand).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _span(text: str, part: str) -> dict[str, int]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "source_start": start, "source_end": start + len(part)}


def golden(
    ident: str,
    text: str,
    *,
    date: str,
    kind: str,
    organizers: list[str],
    people: list[tuple[str, str | None, str | None]],
    organizations: list[str],
    commitments: list[tuple[str, str, str]],
    summary: str,
) -> dict[str, Any]:
    """A golden file's data: people as (name, title, organization), commitments as
    (actor, quote, strength); every name and quote must stand in ``text``."""
    return {
        "id": ident, "text": text, "is_meeting_report": True, "summary": summary,
        "meeting": {"title": None, "kind": kind, "date": date, "organizers": organizers},
        "participants": [
            {"name": n, "title": t, "organization": o, "span": _span(text, n)} for n, t, o in people
        ],
        "organizations": [{"name": o, "span": _span(text, o)} for o in organizations],
        "commitments": [
            {"actor": a, "action": q[:30], "evidence": q, "strength": s, "span": _span(text, q)} for a, q, s in commitments
        ],
    }


A = golden(
    "kb-a", "2022年5月6日，桂川縣工商業聯合會召開座談會。桂川縣工商業聯合會主席蔺曉暉主持，"
    "澄江市物流協會會長甄某某出席。蔺曉暉表示，將於六月組織會員企業赴澄江市考察。",
    date="2022-05-06", kind="座谈会", organizers=["桂川縣工商業聯合會"],
    people=[("蔺曉暉", "主席", "桂川縣工商業聯合會"), ("甄某某", "會長", "澄江市物流協會")],
    organizations=["桂川縣工商業聯合會", "澄江市物流協會"],
    commitments=[("蔺曉暉", "將於六月組織會員企業赴澄江市考察", "planned")],
    summary="桂川縣工商業聯合會召開座談會，蔺曉暉主持，甄某某出席。",
)
B = golden(
    "kb-b", "2023年9月12日，桂川县工商联与鹭洲市贸促会举行签约仪式。桂川县工商联会长蔺晓晖、"
    "鹭洲市贸促会副会长滕某某出席。双方签署合作协议，约定共建跨境电商服务站。",
    date="2023-09-12", kind="签约仪式", organizers=["桂川县工商联"],
    people=[("蔺晓晖", "会长", "桂川县工商联"), ("滕某某", "副会长", "鹭洲市贸促会")],
    organizations=["桂川县工商联", "鹭洲市贸促会"],
    commitments=[("桂川县工商联; 鹭洲市贸促会", "双方签署合作协议，约定共建跨境电商服务站", "agreed")],
    summary="桂川县工商联与鹭洲市贸促会签约，蔺晓晖、滕某某出席。",
)
C = golden(
    "kb-c", "2024年1月8日，兰城市侨联召开新春茶话会，兰城市侨联主席甄某某致辞。甄某某希望侨商继续关注家乡发展。",
    date="2024-01-08", kind="茶话会", organizers=["兰城市侨联"],
    people=[("甄某某", "主席", "兰城市侨联")], organizations=["兰城市侨联"],
    commitments=[("甄某某", "希望侨商继续关注家乡发展", "proposed")],
    summary="兰城市侨联召开新春茶话会，甄某某致辞。",
)
D = golden(
    "kb-d", "2024年3月20日，墨川县农业局举行产销对接会，墨川县农业局局长甄某某介绍了全县特色农产品情况。",
    date="2024-03-20", kind="对接会", organizers=["墨川县农业局"],
    people=[("甄某某", "局长", "墨川县农业局")], organizations=["墨川县农业局"], commitments=[],
    summary="墨川县农业局举行产销对接会，甄某某介绍特色农产品情况。",
)
E = golden(
    "kb-e", "2024年6月3日，鹭洲市贸促会召开会员大会，滕某某作工作报告。",
    date="2024-06-03", kind="会员大会", organizers=["鹭洲市贸促会"],
    people=[("滕某某", None, None)], organizations=["鹭洲市贸促会"], commitments=[],
    summary="鹭洲市贸促会召开会员大会，滕某某作工作报告。",
)
F = golden(
    "kb-f", "2024年7月9日，鹭洲市跨境电商协会成立，滕某出席并讲话。",
    date="2024-07-09", kind="成立大会", organizers=["鹭洲市跨境电商协会"],
    people=[("滕某", None, None)], organizations=["鹭洲市跨境电商协会"], commitments=[],
    summary="鹭洲市跨境电商协会成立，滕某出席并讲话。",
)
INVENTED = (A, B, C, D, E, F)


def write(directory: Path, *items: dict[str, Any]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in items:
        path = directory / f"{item['id']}.json"
        path.write_text(json.dumps(item, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
