"""The summary through the whole pipeline on a canned OpenAI-compatible server: a refused
summary is asked for again with its reasons, and code writes it when the model insists."""

from __future__ import annotations

import json
from typing import Any

from fake_openai import FakeOpenAI, fake_openai  # noqa: F401 - fixture
from summarizer.article import from_text
from summarizer.llm import OpenAIBackend
from summarizer.pipeline import summarize
from summarizer.prompt import load_prompts
from summarizer.schema import Report

ARTICLE = """甲市商会召开三届二次理事会
5月6日，甲市商会在甲市会展中心召开三届二次理事会。会长甄明主持会议，秘书长蔺达作工作报告。
会议审议通过了年度工作计划。甄明表示，商会将于下半年组织会员企业赴乙省考察。"""

GOOD = "甲市商会召开理事会，审议通过年度工作计划，商会将组织会员赴乙省考察。"
INVENTED = "甲市商会召开理事会，会长卜大川宣布投资5亿元。"  # a name and a number the article lacks
CUT = "甲市商会召开理事会，审议通过年度工作计划。商会将于下半年组织会员企业赴"


class Facts:
    """Answers the facts pass from a script (the last answer repeats) and records the
    follow-up messages the pipeline sends."""

    def __init__(self, *summaries: str) -> None:
        self.summaries = list(summaries)
        self.follow_ups: list[str] = []

    def __call__(self, request: dict[str, Any]) -> str:
        properties = request["response_format"]["json_schema"]["schema"]["properties"]
        if "english" in properties:
            return json.dumps({"english": "Zhen Ming chaired the council meeting."})
        assert "is_meeting" in properties, "prompt v5 asks the model only for the facts"
        last = request["messages"][-1]
        if last["role"] == "user" and "<文章>" not in last["content"]:
            self.follow_ups.append(last["content"])
        summary = self.summaries.pop(0) if len(self.summaries) > 1 else self.summaries[0]
        return json.dumps({"is_meeting": True, "location": "甲市会展中心", "summary": summary}, ensure_ascii=False)


def run(server: FakeOpenAI, model: Facts, language: str = "zh") -> Report:
    server.responder = model
    backend = OpenAIBackend(base_url=server.base_url, model="canned", api_key="k")
    return summarize(from_text(ARTICLE, source="理事会.txt"), backend, load_prompts("v5"), language)


def test_a_faithful_whole_summary_is_kept_and_opened_with_the_date(fake_openai: FakeOpenAI) -> None:
    model = Facts(GOOD)
    assert run(fake_openai, model).summary == "5月6日，" + GOOD  # code opens it with the event's date
    assert model.follow_ups == []


def test_a_summary_naming_what_the_article_lacks_is_asked_again_with_the_reasons(fake_openai: FakeOpenAI) -> None:
    model = Facts(INVENTED, GOOD)
    report = run(fake_openai, model)
    assert report.summary == "5月6日，" + GOOD
    assert len(model.follow_ups) == 1 and "卜大川" in model.follow_ups[0] and "5亿元" in model.follow_ups[0]


def test_when_the_model_insists_code_writes_the_summary_from_the_reports_facts(fake_openai: FakeOpenAI) -> None:
    report = run(fake_openai, Facts(INVENTED))
    assert "卜大川" not in report.summary and "5亿" not in report.summary
    assert report.summary.startswith("5月6日，甲市商会") and report.summary.endswith("。")


def test_a_sentence_the_model_did_not_end_is_left_out(fake_openai: FakeOpenAI) -> None:
    report = run(fake_openai, Facts(CUT))
    assert report.summary == "5月6日，甲市商会召开理事会，审议通过年度工作计划。"


def test_the_english_summary_spells_people_as_the_report_does(fake_openai: FakeOpenAI) -> None:
    model = Facts("甲市商会召开理事会，会长甄明主持，商会将组织会员赴乙省考察。")
    report = run(fake_openai, model, language="en")
    assert report.summary == "Zhen Ming chaired the council meeting."
    translate = [r for r in fake_openai.requests if "english" in r["response_format"]["json_schema"]["schema"]["properties"]]
    assert "甄明 = Zhen Ming" in translate[0]["messages"][0]["content"]
