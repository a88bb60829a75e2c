"""The brief's words in its two languages (article text is never translated here)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "article": "Article", "facts": "Facts",
        "what": "What", "when": "When", "where": "Where", "organized_by": "Organized by", "source": "Source",
        "summary": "Summary", "participants": "Participants", "name": "Name", "pinyin": "Pinyin",
        "title": "Title", "organization": "Organization", "role": "Role", "commitments": "Commitments",
        "no_commitments": "No commitments stated.", "no_participants": "No named participants.",
        "source_text": "Source text", "across": "Across articles",
        "people": "People in several articles", "organizations": "Organizations in several articles",
        "no_people": "No person appears in more than one article.",
        "no_organizations": "No organization appears in more than one article.", "also_written": "also written",
        "why": "why merged", "duplicates": "Possible duplicates (kept apart)", "timeline": "Timeline",
        "date": "Date", "event": "Event", "by_actor": "Commitments by actor", "network": "Who met whom",
        "network_note": "Events (filled boxes), organizations (squares) and people (dots); a node drawn in black "
        "is named in several articles.", "hidden": "{n} more left out of the picture",
        "appendix": "Appendix", "failed": "Articles without a report", "reason": "Reason",
        "left_out": "Left out: before {since}", "reused": "How each report was made",
        "undated": "undated", "generated": "Generated", "n_articles": "{n} articles",
        "model": "summarized now", "cache": "from the response cache", "results file": "from a results file",
        "report file": "from a report file", "knowledge base": "from the knowledge base", "calls": "{calls} model calls, {cached} answers from the cache",
        "agreed": "Agreed", "planned": "Planned", "intended": "Intended", "proposed": "Proposed",
        "show_quote": "Click or hover to see the quote in the article.", "with": "with", "timeframe": "when",
    },
    "zh": {
        "article": "文章", "facts": "要点",
        "what": "事项", "when": "时间", "where": "地点", "organized_by": "主办", "source": "来源",
        "summary": "摘要", "participants": "参会人员", "name": "姓名", "pinyin": "拼音",
        "title": "职务", "organization": "单位", "role": "角色", "commitments": "承诺与约定",
        "no_commitments": "未提及承诺。", "no_participants": "无具名参会人员。",
        "source_text": "原文全文", "across": "跨文章汇总",
        "people": "多篇文章中出现的人物", "organizations": "多篇文章中出现的机构",
        "no_people": "没有在多篇文章中出现的人物。", "no_organizations": "没有在多篇文章中出现的机构。", "also_written": "又作",
        "why": "合并依据", "duplicates": "可能重名（未合并）", "timeline": "时间线",
        "date": "日期", "event": "活动", "by_actor": "按主体列出的承诺", "network": "会面关系图", "network_note": "实心框为活动，方框为机构，圆点为人物；黑色描边者见于多篇文章。",
        "hidden": "另有 {n} 项未在图中显示", "appendix": "附录", "failed": "未能生成报告的文章", "reason": "原因",
        "left_out": "未收录：{since} 之前", "reused": "各报告来源", "undated": "日期不详",
        "generated": "生成时间", "n_articles": "{n} 篇文章",
        "model": "本次生成", "cache": "取自响应缓存", "results file": "取自结果文件", "report file": "取自报告文件", "knowledge base": "取自知识库",
        "calls": "模型调用 {calls} 次，缓存命中 {cached} 次",
        "agreed": "已商定", "planned": "已计划", "intended": "有意向", "proposed": "提议",
        "show_quote": "点击或悬停可在原文中查看引文。", "with": "对方", "timeframe": "时间",
    },
}

ROLES = {
    "en": {
        "host": "host", "chair": "chair", "speaker": "speaker", "attendee": "attendee",
        "delegation_lead": "delegation lead", "delegation_member": "delegation member", "signatory": "signatory",
        "receiver": "receiver", "other": "other", "organizer": "organizer",
    },
    "zh": {
        "host": "东道主", "chair": "主持", "speaker": "发言", "attendee": "出席", "delegation_lead": "团长",
        "delegation_member": "代表团成员", "signatory": "签约", "receiver": "接待", "other": "其他",
        "organizer": "主办",
    },
}


def labels(language: str) -> dict[str, str]:
    return LABELS[language]


def role(language: str, value: str | None) -> str:
    return ROLES[language].get(value or "", value or "")
