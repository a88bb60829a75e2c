"""Invented articles and a canned model for batch tests, benchmarks and the kill script.

The articles are short meeting reports with invented names (甄某某, 蔺某某, 滕某某 …), each
different (so each has its own content hash). :func:`answer` replies to every request a
batch sends with the default prompt set (one facts pass per article) and to the mode
probe, the way a schema-enforcing endpoint would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SURNAMES = "甄蔺滕郦邬宓栾钮"
PLACES = ("临川", "汶上", "乐清", "嵊泗", "岢岚", "涞源", "磐安", "枞阳")
SUMMARY = "协会召开会员座谈会，交流合作事项。"


def article_text(i: int) -> str:
    name = f"{SURNAMES[i % len(SURNAMES)]}某某"
    other = f"{SURNAMES[(i + 3) % len(SURNAMES)]}某某"
    place = PLACES[i % len(PLACES)]
    return (
        f"{place}县第{i + 1}届商会会员座谈会召开\n"
        f"{(i % 12) + 1}月{(i % 27) + 1}日，{place}县工商业联合会召开第{i + 1}次会员企业座谈会。"
        f"县工商联主席{name}、{place}县商务局局长{other}出席会议。"
        f"{name}表示，商会将为会员企业搭建对接平台。编号{i:05d}。"
    )


def write_articles(directory: Path, count: int, start: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = directory / f"article-{i:05d}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def is_probe(request: dict[str, Any]) -> bool:
    response_format = request.get("response_format") or {}
    schema = (response_format.get("json_schema") or {}).get("schema") or response_format.get("schema") or {}
    tools = request.get("tools") or []
    parameters = tools[0]["function"]["parameters"] if tools else {}
    return "probe" in (schema.get("properties") or {}) or "probe" in (parameters.get("properties") or {})


def facts(request: dict[str, Any]) -> str:
    return json.dumps({"is_meeting": True, "location": None, "summary": SUMMARY}, ensure_ascii=False)


def answer(request: dict[str, Any]) -> str:
    """The probe's answer or the facts pass's answer."""
    if is_probe(request):
        return json.dumps({"probe": 7})
    return facts(request)


def number_of(request: dict[str, Any]) -> int | None:
    """Which invented article a request is about (its 编号), None for the probe."""
    import re

    text = "".join(str(m.get("content") or "") for m in request.get("messages", []) if isinstance(m, dict))
    found = re.search(r"编号(\d{5})", text)
    return int(found.group(1)) if found else None
