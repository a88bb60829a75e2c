"""OpenAIBackend end to end against a real (fake) chat-completions server on 127.0.0.1.

The responder answers each pipeline pass the way a well-behaved model would: it reads
which pass a request is from the JSON schema in ``response_format`` (is_meeting / P1.. /
O1.. / C1..) and labels the candidates listed in the prompt. No real model is involved.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import pytest

from fake_openai import FakeOpenAI, Raw, approx_tokens, closed_port, fake_openai  # noqa: F401 - fixture
from summarizer.answers import FactsAnswer
from summarizer.article import Article, from_text
from summarizer.cache import ResponseCache
from summarizer.errors import (
    AuthenticationFailed,
    EndpointUnreachable,
    RequestTimeout,
    SummarizerError,
    ValidationFailed,
)
from summarizer.llm import OpenAIBackend
from summarizer.pipeline import summarize
from summarizer.prompt import load_prompts
from summarizer.schema import Report

# An invented report: a 座谈会 with two officials who attend, one official who is only
# quoted, two associations and a government office, one 将 sentence, and a byline.
ARTICLE = """东莞市机器人产业协会召开会员企业座谈会
3月9日，东莞市机器人产业协会在松山湖国际创新创业社区召开会员企业座谈会。松山湖产业发展局局长陈潮晖、东莞市机器人产业协会会长欧阳颜出席会议。会议传达了市委书记韩志明在全市产业大会上的讲话精神。东莞市模具行业协会介绍了去年推动企业数字化转型的做法。
陈潮晖表示，产业发展局将为会员企业搭建对接平台，并于年内举办机器人产业对接会。
（记者 张明）"""

LOCATION = "松山湖国际创新创业社区"
WRONG_LOCATION = "广州市天河区"  # not in the article: FactsAnswer's validator rejects it
SUMMARY = "东莞市机器人产业协会召开会员企业座谈会，陈潮晖表示产业发展局将搭建对接平台，年内举办对接会。"
PERSON_LABELS = {"陈潮晖": "参与", "欧阳颜": "参与", "韩志明": "提及"}
ORG_LABELS = {"东莞市机器人产业协会": "参与", "松山湖产业发展局": "参与", "东莞市模具行业协会": "参与", "市委": "提及"}
SECRET = "sk-test-SECRET-4f9c2a7e1b58d3"


def article() -> Article:
    return from_text(ARTICLE, source="座谈会.txt")


# --- the canned model ------------------------------------------------------------------


def pass_of(request: dict[str, Any]) -> str:
    """Which pipeline pass a request belongs to, from its answer schema's keys."""
    properties = request["response_format"]["json_schema"]["schema"]["properties"]
    if "is_meeting" in properties:
        return "facts"
    if "missed" in properties or any(re.fullmatch(r"P\d+", k) for k in properties):
        return "people"
    if any(re.fullmatch(r"O\d+", k) for k in properties):
        return "organizations"
    if any(re.fullmatch(r"C\d+", k) for k in properties):
        return "commitments"
    if "english" in properties:
        return "translate"
    raise AssertionError(f"unknown pass: {sorted(properties)}")


def task_message(request: dict[str, Any]) -> str:
    """The user message carrying the article and the task (re-asks append after it)."""
    return next(m["content"] for m in request["messages"] if m["role"] == "user" and "<文章>" in m["content"])


def candidates(request: dict[str, Any], prefix: str) -> list[tuple[str, str]]:
    """``(key, text)`` for each candidate line ``P1｜陈潮晖｜…`` of the task."""
    found = re.findall(rf"^({prefix}\d+)｜([^｜\n]+)", task_message(request), flags=re.M)
    schema = request["response_format"]["json_schema"]["schema"]
    keys = {k for k in schema["properties"] if re.fullmatch(rf"{prefix}\d+", k)}
    assert keys == {k for k, _ in found}, "the schema asks for exactly the listed candidates"
    assert keys <= set(schema.get("required", [])), "every candidate must be decided"
    return found


class MeetingModel:
    """Answers every pass of the pipeline for ARTICLE; facts answers can be scripted."""

    def __init__(self, facts: list[dict[str, Any]] | None = None, missed: list[str] | None = None) -> None:
        self.facts_script = list(facts or [])
        self.missed = missed or []

    def facts(self) -> dict[str, Any]:
        if self.facts_script:
            return self.facts_script.pop(0) if len(self.facts_script) > 1 else self.facts_script[0]
        return {"is_meeting": True, "location": LOCATION, "summary": SUMMARY}

    def __call__(self, request: dict[str, Any]) -> str:
        kind = pass_of(request)
        if kind == "facts":
            answer = self.facts()
        elif kind == "people":
            answer = {key: PERSON_LABELS.get(name, "非人名") for key, name in candidates(request, "P")}
            answer["missed"] = self.missed
        elif kind == "organizations":
            answer = {key: ORG_LABELS.get(name, "错误") for key, name in candidates(request, "O")}
        elif kind == "translate":
            answer = {"english": "The association held a members' symposium."}
        else:
            answer = {key: "planned" if "将" in text else "none" for key, text in candidates(request, "C")}
        return json.dumps(answer, ensure_ascii=False)


def passes(server: FakeOpenAI) -> list[str]:
    return [pass_of(r) for r in server.requests]


def backend(server: FakeOpenAI, **options: Any) -> OpenAIBackend:
    return OpenAIBackend(base_url=server.base_url, model="canned", api_key=options.pop("api_key", "k"), **options)


def run(server: FakeOpenAI, **options: Any) -> Report:
    return summarize(article(), backend(server, **options), load_prompts("v1"))


# --- the whole pipeline ----------------------------------------------------------------


def test_summarize_through_an_openai_endpoint(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = MeetingModel()
    fake_openai.api_key = "k"
    text = article().text

    report = run(fake_openai)

    assert fake_openai.errors == []
    assert passes(fake_openai) == ["facts", "people", "organizations", "commitments"]
    assert report.is_meeting_report
    assert report.summary == "3月9日，" + SUMMARY  # code opens a summary without a time with the date
    assert report.meeting.location == LOCATION
    assert report.meeting.kind == "座谈会"
    assert report.meeting.date is not None and report.meeting.date.endswith("03-09")

    # participants are exactly the candidates labelled 参与, in article order, all grounded
    assert [p.name for p in report.participants] == ["陈潮晖", "欧阳颜"]
    assert [(p.title, p.organization) for p in report.participants] == [
        ("局长", "松山湖产业发展局"), ("会长", "东莞市机器人产业协会"),
    ]
    for participant in report.participants:
        assert participant.name in text
        assert participant.span is not None
        assert text[participant.span.start : participant.span.end] == participant.name
    assert "张明" not in {p.name for p in report.participants}  # byline, never a participant
    assert [b.name for b in report.byline] == ["张明"]

    assert [o.name for o in report.organizations] == ["东莞市机器人产业协会", "松山湖产业发展局", "东莞市模具行业协会"]
    assert [o.type for o in report.organizations] == ["association", "government", "association"]

    # the one 将 sentence is the one commitment; the 推动 sentence was labelled none
    assert len(report.commitments) == 1
    commitment = report.commitments[0]
    assert commitment.evidence in text
    assert "将" in commitment.evidence
    assert commitment.strength == "planned"
    assert commitment.actor == "松山湖产业发展局"  # 陈潮晖表示，产业发展局将…: the bureau is the subject
    assert commitment.timeframe == "年内"

    # run statistics: one call per pass, tokens as the server reported them
    assert report.run is not None
    assert report.run.backend == "openai"
    assert report.run.model == f"{fake_openai.base_url}#canned"
    assert report.run.prompt_version == "v1"
    assert report.run.calls == len(fake_openai.requests) == 4
    assert report.run.cached_calls == 0
    prompts = ["".join(m["content"] for m in r["messages"]) for r in fake_openai.requests]
    assert report.run.prompt_tokens == sum(approx_tokens(p) for p in prompts)
    assert report.run.completion_tokens > 0
    assert report.run.windows == 1

    # what went over the wire
    for request, headers in zip(fake_openai.requests, fake_openai.headers):
        assert request["model"] == "canned"
        assert request["temperature"] == 0.0
        assert request["response_format"]["type"] == "json_schema"
        assert request["messages"][0]["role"] == "system"
        assert "松山湖产业发展局局长陈潮晖" in task_message(request)
        assert headers["authorization"] == "Bearer k"


def test_not_a_meeting_stops_after_the_facts_pass(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = MeetingModel(facts=[{"is_meeting": False, "location": None, "summary": "行业动态。"}])
    market = from_text("今年前三季度，全市外贸进出口总额同比增长8.2%，其中机电产品出口增长较快。海关数据显示，民营企业进出口占比超过六成。")
    report = summarize(market, backend(fake_openai), load_prompts("v1"))
    assert passes(fake_openai) == ["facts"]
    assert not report.is_meeting_report
    assert report.participants == [] and report.commitments == []
    assert report.run is not None and report.run.calls == 1


# --- re-asking on validation errors ----------------------------------------------------


def test_invalid_location_is_reasked_with_the_validation_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = MeetingModel(facts=[
        {"is_meeting": True, "location": WRONG_LOCATION, "summary": SUMMARY},
        {"is_meeting": True, "location": LOCATION, "summary": SUMMARY},
    ])

    report = run(fake_openai)

    facts_requests = [r for r in fake_openai.requests if pass_of(r) == "facts"]
    assert len(facts_requests) == 2
    first, second = facts_requests
    assert len(second["messages"]) > len(first["messages"])
    resent = "\n".join(m["content"] for m in second["messages"][len(first["messages"]):])
    assert f"地点“{WRONG_LOCATION}”不是文章中的原词" in resent
    assert WRONG_LOCATION in second["messages"][len(first["messages"])]["content"]  # its own answer, echoed back
    assert second["messages"][: len(first["messages"])] == first["messages"]

    assert report.is_meeting_report
    assert report.meeting.location == LOCATION
    assert WRONG_LOCATION not in report.model_dump_json()
    assert [p.name for p in report.participants] == ["陈潮晖", "欧阳颜"]
    assert report.run is not None and report.run.calls == len(fake_openai.requests) == 5


def test_validation_still_failing_after_the_retries(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = MeetingModel(facts=[{"is_meeting": True, "location": WRONG_LOCATION, "summary": SUMMARY}])

    with pytest.raises(ValidationFailed) as raised:
        run(fake_openai, attempts=3)

    message = str(raised.value)
    assert "\n" not in message and message.strip() == message
    assert "3 attempts" in message
    assert "地点" in message and WRONG_LOCATION in message
    assert passes(fake_openai) == ["facts"] * 3
    assert raised.value.exit_code == 12


def test_invalid_missed_name_is_reasked(fake_openai: FakeOpenAI) -> None:
    """A name the model adds must be copied from the article without its title."""
    model = MeetingModel(missed=["局长陈潮晖"])
    original = model.__call__

    def responder(request: dict[str, Any]) -> str:
        if pass_of(request) == "people" and any(m["role"] == "assistant" for m in request["messages"]):
            model.missed = []
        return original(request)

    fake_openai.responder = responder
    report = run(fake_openai)
    people = [r for r in fake_openai.requests if pass_of(r) == "people"]
    assert len(people) == 2
    assert "带有职务或单位" in people[1]["messages"][-1]["content"]
    assert [p.name for p in report.participants] == ["陈潮晖", "欧阳颜"]


# --- provider errors -------------------------------------------------------------------

_faults: dict[str, BaseException] = {}


def fault(kind: str) -> BaseException:
    """The error one ``ask`` raises under fault ``kind`` (computed once per module)."""
    if kind not in _faults:
        messages = [{"role": "user", "content": "<文章>\n[1] 测试。\n</文章>\n\n任务"}]

        def ask(client: OpenAIBackend) -> None:
            client.ask(messages, FactsAnswer, {"folded": "测试"})

        error: BaseException | None = None
        try:
            if kind == "closed-port":
                ask(OpenAIBackend(base_url=f"http://127.0.0.1:{closed_port()}/v1", model="canned", api_key=SECRET))
            else:
                options: dict[str, Any] = {
                    "wrong-key": {"api_key": "sk-the-right-one"},
                    "wrong-key-echoed": {"api_key": "sk-the-right-one", "echo_key": True},
                    "slow": {"delay": 5.0},
                    "http-500": {"status": 500},
                }[kind]
                with FakeOpenAI(MeetingModel(), **options) as server:
                    ask(OpenAIBackend(base_url=server.base_url, model="canned", api_key=SECRET, timeout=0.5))
        except BaseException as raised:  # noqa: BLE001 - kept for the tests to inspect
            error = raised
        assert error is not None, f"{kind}: no error raised"
        _faults[kind] = error
    return _faults[kind]


FAULTS = ["wrong-key", "closed-port", "slow", "http-500"]


@pytest.mark.parametrize("kind", FAULTS)
def test_provider_errors_are_one_line_summarizer_errors(kind: str) -> None:
    error = fault(kind)
    assert isinstance(error, SummarizerError), repr(error)
    message = str(error)
    assert message and "\n" not in message


@pytest.mark.parametrize("kind", FAULTS)
def test_api_key_never_appears_in_errors(kind: str) -> None:
    error = fault(kind)
    shown = "".join(traceback.format_exception(error))
    assert SECRET not in str(error)
    assert SECRET not in repr(error)
    assert SECRET not in shown


def test_api_key_quoted_by_the_server_does_not_leak() -> None:
    error = fault("wrong-key-echoed")
    assert SECRET not in str(error)


def test_wrong_key_is_authentication_failed() -> None:
    error = fault("wrong-key")
    assert isinstance(error, AuthenticationFailed), f"{type(error).__name__}: {error}"
    assert error.exit_code == 10


def test_nothing_listening_is_endpoint_unreachable() -> None:
    error = fault("closed-port")
    assert isinstance(error, EndpointUnreachable), f"{type(error).__name__}: {error}"
    assert error.exit_code == 9


def test_slow_endpoint_is_request_timeout() -> None:
    error = fault("slow")
    assert isinstance(error, RequestTimeout), f"{type(error).__name__}: {error}"
    assert error.exit_code == 11


def test_http_500_message_mentions_the_status() -> None:
    error = fault("http-500")
    assert "500" in str(error)
    assert "\n" not in str(error)


def test_http_500_is_endpoint_unreachable() -> None:
    error = fault("http-500")
    assert isinstance(error, EndpointUnreachable), f"{type(error).__name__}: {error}"
    assert "HTTP 500" in str(error)


def test_wrong_key_sends_the_key_as_a_bearer_token() -> None:
    with FakeOpenAI(MeetingModel(), api_key="right") as server:
        with pytest.raises(SummarizerError):
            backend(server, api_key="wrong").ask([{"role": "user", "content": "x"}], FactsAnswer)
        assert server.requests, "the request reached the server"
        assert all(h.get("authorization") == "Bearer wrong" for h in server.headers)


# --- broken endpoint replies (exit 9, never a traceback) -------------------------------

QUESTION = [{"role": "user", "content": "<文章>\n[1] 测试。\n</文章>\n\n任务"}]


def ask_once(base_url: str, **options: Any) -> tuple[BaseException | None, float]:
    """The error one ``ask`` raises (or None) and how long it took, in seconds."""
    client = OpenAIBackend(base_url=base_url, model="canned", api_key=options.pop("api_key", SECRET), **options)
    started = time.monotonic()
    try:
        client.ask(QUESTION, FactsAnswer, {"folded": "测试"})
    except BaseException as error:  # noqa: BLE001 - returned for the test to inspect
        return error, time.monotonic() - started
    return None, time.monotonic() - started


def completion_json(content: str = '{"is_meeting": true, "location": null, "summary": "测试。"}') -> str:
    return json.dumps(FakeOpenAI().completion({"model": "canned", "messages": []}, content), ensure_ascii=False)


_HEAD = {"id": "chatcmpl-x", "object": "chat.completion", "created": 0, "model": "canned"}
MALFORMED: dict[str, Raw] = {
    "missing-choices": Raw(json.dumps(_HEAD)),
    "empty-choices": Raw(json.dumps({**_HEAD, "choices": []})),
    "null-choices": Raw(json.dumps({**_HEAD, "choices": None})),
    "choices-not-a-list": Raw(json.dumps({**_HEAD, "choices": "nope"})),
    "choice-not-an-object": Raw(json.dumps({**_HEAD, "choices": ["nope"]})),
    "choice-without-message": Raw(json.dumps({**_HEAD, "choices": [{"index": 0, "finish_reason": "stop"}]})),
    "null-message": Raw(json.dumps({**_HEAD, "choices": [{"index": 0, "message": None, "finish_reason": "stop"}]})),
    "json-array": Raw("[1, 2, 3]"),
    "json-string": Raw('"ok"'),
    "json-null": Raw("null"),
    "html": Raw("<html><body><h1>502 Bad Gateway</h1>\n</body></html>", content_type="text/html"),
    "html-labelled-json": Raw("<!DOCTYPE html><html><body>Sign in</body></html>"),
    "plain-text": Raw("upstream connect error or disconnect/reset before headers", content_type="text/plain"),
    "empty-body": Raw(b""),
    "not-utf8": Raw(b"\xff\xfe\x00\x81garbage"),
    "truncated-json": Raw(completion_json()[:60]),
    "truncated-connection": Raw(completion_json()[:60], length=len(completion_json())),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_malformed_reply_is_endpoint_unreachable(kind: str) -> None:
    with FakeOpenAI(lambda request: MALFORMED[kind]) as server:
        error, _ = ask_once(server.base_url, timeout=10)
        asked = len(server.requests)
    assert isinstance(error, EndpointUnreachable), f"{kind}: {type(error).__name__}: {error}"
    assert error.exit_code == 9
    message = str(error)
    assert message and "\n" not in message and len(message) < 400
    assert "reply" in message or "reach" in message, message
    assert error.__cause__ is None and error.__suppress_context__
    assert asked <= 2, "a broken reply is not re-asked as if the model had answered badly"


def test_a_well_formed_reply_whose_content_is_not_json_is_still_a_validation_failure(fake_openai: FakeOpenAI) -> None:
    """Exit 12 stays for the model's answer: the endpoint worked, the content did not validate."""
    fake_openai.responder = lambda request: "<html>I am a model and I answer in HTML</html>"
    error, _ = ask_once(fake_openai.base_url, attempts=2)
    assert isinstance(error, ValidationFailed), f"{type(error).__name__}: {error}"
    assert error.exit_code == 12
    assert len(fake_openai.requests) == 2


@pytest.mark.parametrize("kind", ["missing-choices", "html", "truncated-connection"])
def test_malformed_reply_through_the_command_line(kind: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with FakeOpenAI(lambda request: MALFORMED[kind]) as server:
        result = command(tmp_path, "summarize", str(tmp_path / "a.txt"), *remote_flags(server.base_url))
    assert result.returncode == 9, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def command(home: Path, *args: str, config: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m summarizer ARGS`` with an isolated home, config file and the secret key."""
    (home / "config.toml").write_text(config, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    environment.update(
        SUMMARIZER_HOME=str(home), SUMMARIZER_CONFIG=str(home / "config.toml"), SUMMARIZER_API_KEY=SECRET,
    )
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, env=environment,
        cwd=Path(__file__).resolve().parent.parent, timeout=120,
    )


def remote_flags(base_url: str) -> list[str]:
    return ["--backend", "openai", "--base-url", base_url, "--model", "canned", "--no-cache"]


# --- the whole call's deadline (exit 11) -----------------------------------------------

TRICKLE = Raw(completion_json(), pace=0.05)  # a whole reply, one byte every 50 ms (~15 s)


def test_default_timeout_is_a_total_budget() -> None:
    assert OpenAIBackend(model="m").timeout == 120.0


def test_trickling_body_ends_at_the_deadline() -> None:
    with FakeOpenAI(lambda request: TRICKLE) as server:
        error, seconds = ask_once(server.base_url, timeout=1.0)
    assert isinstance(error, RequestTimeout), f"{type(error).__name__}: {error}"
    assert error.exit_code == 11
    assert seconds < 1.6, seconds


def test_trickling_headers_end_at_the_deadline() -> None:
    with FakeOpenAI(lambda request: Raw(completion_json(), pace=0.05, pace_headers=True)) as server:
        error, seconds = ask_once(server.base_url, timeout=1.0)
    assert isinstance(error, RequestTimeout), f"{type(error).__name__}: {error}"
    assert seconds < 1.6, seconds


def test_hung_server_fails_once_at_the_deadline() -> None:
    """No transport retry after the budget is spent: one timeout, not two plus a back-off."""
    with FakeOpenAI(delay=30) as server:
        error, seconds = ask_once(server.base_url, timeout=1.0)
        asked = len(server.requests)
    assert isinstance(error, RequestTimeout), f"{type(error).__name__}: {error}"
    assert 0.9 < seconds < 1.6, seconds
    assert asked == 1


def test_reasks_share_the_one_budget() -> None:
    """Ten slow invalid answers would take 4 s; the 1 s budget covers every re-ask."""
    model = MeetingModel(facts=[{"is_meeting": True, "location": WRONG_LOCATION, "summary": SUMMARY}])
    with FakeOpenAI(model, delay=0.4) as server:
        error, seconds = ask_once(server.base_url, timeout=1.0, attempts=10)
    assert isinstance(error, RequestTimeout), f"{type(error).__name__}: {error}"
    assert seconds < 1.6, seconds


def test_a_slow_but_steady_answer_within_the_budget_succeeds() -> None:
    with FakeOpenAI(lambda request: Raw(completion_json(), pace=0.002)) as server:
        error, _ = ask_once(server.base_url, timeout=10.0)
    assert error is None, f"{type(error).__name__}: {error}"


def test_trickling_server_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with FakeOpenAI(lambda request: Raw(completion_json(), pace=1.0)) as server:
        started = time.monotonic()
        result = command(
            tmp_path, "summarize", str(tmp_path / "a.txt"), *remote_flags(server.base_url),
            config="[openai]\ntimeout = 2\n",
        )
        seconds = time.monotonic() - started
    assert result.returncode == 11, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert seconds < 30, seconds  # interpreter start-up included; was 395 s


# --- secrets in messages and in the report ---------------------------------------------


def test_api_key_echoed_in_a_400_is_redacted() -> None:
    with FakeOpenAI(lambda request: (400, f"Invalid request with api key {SECRET} for model canned")) as server:
        error, _ = ask_once(server.base_url)
    assert isinstance(error, EndpointUnreachable), f"{type(error).__name__}: {error}"
    assert "HTTP 400" in str(error)
    assert SECRET not in "".join(traceback.format_exception(error))
    assert "***" in str(error)


@pytest.mark.parametrize("before", [150, 190, 200, 275, 295])
def test_api_key_cut_by_the_message_limit_does_not_leave_its_head(before: int) -> None:
    """A key is redacted before a long message is shortened, else its first characters survive."""
    echo = f"{'x' * before} {SECRET} {'y' * 50}"
    with FakeOpenAI(lambda request: Raw(echo, content_type="text/plain")) as ok, \
            FakeOpenAI(lambda request: (400, echo)) as bad:
        errors = [ask_once(ok.base_url)[0], ask_once(bad.base_url)[0]]
    for error in errors:
        assert isinstance(error, EndpointUnreachable), f"{type(error).__name__}: {error}"
        assert SECRET[:8] not in str(error)


def test_api_key_echoed_in_a_500_body_that_is_not_json_is_redacted() -> None:
    with FakeOpenAI(lambda request: Raw(f"proxy error: upstream rejected {SECRET}", status=502, content_type="text/plain")) as server:
        error, _ = ask_once(server.base_url)
    assert isinstance(error, EndpointUnreachable), f"{type(error).__name__}: {error}"
    assert SECRET not in "".join(traceback.format_exception(error))


def test_api_key_repeated_by_the_model_is_redacted_from_the_validation_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = MeetingModel(facts=[{"is_meeting": True, "location": SECRET, "summary": SUMMARY}])
    error, _ = ask_once(fake_openai.base_url, attempts=1)
    assert isinstance(error, ValidationFailed), f"{type(error).__name__}: {error}"
    assert SECRET not in str(error)


URL_SECRET = "pa55-URL-SECRET-91c"


@pytest.mark.parametrize("url, shown", [
    (f"https://alice:{URL_SECRET}@llm.example.com/v1", "https://***@llm.example.com/v1"),
    (f"https://{URL_SECRET}@llm.example.com/v1", "https://***@llm.example.com/v1"),
    (f"https://llm.example.com/v1?api-key={URL_SECRET}", "https://llm.example.com/v1?api-key=***"),
])
def test_secrets_in_the_base_url_are_not_in_the_identity(url: str, shown: str) -> None:
    client = OpenAIBackend(base_url=url, model="canned", api_key=SECRET)
    assert client.identity == f"{shown}#canned"
    assert URL_SECRET not in repr(client) and SECRET not in repr(client)


def test_userinfo_in_the_base_url_stays_out_of_the_report(fake_openai: FakeOpenAI) -> None:
    from summarizer.render import to_json, to_markdown

    fake_openai.responder = MeetingModel()
    url = fake_openai.base_url.replace("http://", f"http://alice:{URL_SECRET}@")
    report = summarize(article(), OpenAIBackend(base_url=url, model="canned", api_key=SECRET), load_prompts("v1"))
    assert report.run is not None
    assert report.run.model == f"http://***@127.0.0.1:{fake_openai.port}/v1#canned"
    for shown in (to_markdown(report), to_json(report), report.model_dump_json()):
        assert URL_SECRET not in shown and SECRET not in shown


def test_userinfo_in_the_base_url_stays_out_of_connection_errors() -> None:
    error, _ = ask_once(f"http://alice:{URL_SECRET}@127.0.0.1:{closed_port()}/v1", timeout=2)
    assert isinstance(error, EndpointUnreachable), f"{type(error).__name__}: {error}"
    assert URL_SECRET not in "".join(traceback.format_exception(error))


def test_userinfo_in_the_base_url_stays_out_of_the_markdown_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with FakeOpenAI(MeetingModel()) as server:
        url = server.base_url.replace("http://", f"http://alice:{URL_SECRET}@")
        result = command(tmp_path, "summarize", str(tmp_path / "a.txt"), *remote_flags(url), "-f", "markdown")
    assert result.returncode == 0, result.stderr
    assert "***@127.0.0.1" in result.stdout
    assert URL_SECRET not in result.stdout + result.stderr and SECRET not in result.stdout + result.stderr


# --- the response cache ----------------------------------------------------------------


def test_cache_makes_the_second_run_free(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.responder = MeetingModel()
    cache = ResponseCache(tmp_path / "c.db")
    try:
        first = run(fake_openai, cache=cache)
        sent = len(fake_openai.requests)
        assert sent == 4

        second = run(fake_openai, cache=cache)

        assert len(fake_openai.requests) == sent  # zero requests the second time
        assert second.model_dump(exclude={"run"}) == first.model_dump(exclude={"run"})
        assert second.run is not None and second.run.calls == 0 and second.run.cached_calls == 4
        assert second.run.prompt_tokens == 0

        # another model name is another key
        other = summarize(
            article(), OpenAIBackend(base_url=fake_openai.base_url, model="other", api_key="k", cache=cache),
            load_prompts("v1"),
        )
        assert len(fake_openai.requests) == sent + 4
        assert other.model_dump(exclude={"run"}) == first.model_dump(exclude={"run"})
    finally:
        cache.close()


def test_cache_survives_reopening(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.responder = MeetingModel(facts=[
        {"is_meeting": True, "location": WRONG_LOCATION, "summary": SUMMARY},
        {"is_meeting": True, "location": LOCATION, "summary": SUMMARY},
    ])
    cache = ResponseCache(tmp_path / "c.db")
    first = run(fake_openai, cache=cache)
    cache.close()
    sent = len(fake_openai.requests)
    assert sent == 5  # one re-ask

    reopened = ResponseCache(tmp_path / "c.db")
    try:
        second = run(fake_openai, cache=reopened)
    finally:
        reopened.close()
    assert len(fake_openai.requests) == sent
    assert second.meeting.location == LOCATION
    assert second.model_dump(exclude={"run"}) == first.model_dump(exclude={"run"})


# --- the fake itself -------------------------------------------------------------------


def test_fake_server_speaks_chat_completions_and_stops() -> None:
    import openai

    server = FakeOpenAI(lambda request: "好", api_key="k", model="canned")
    with server:
        client = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0, timeout=5)
        completion = client.chat.completions.create(model="canned", messages=[{"role": "user", "content": "你好"}])
        assert completion.choices[0].message.content == "好"
        assert completion.choices[0].finish_reason == "stop"
        assert completion.object == "chat.completion"
        assert completion.usage is not None and completion.usage.total_tokens == 3
        assert server.requests == [{"model": "canned", "messages": [{"role": "user", "content": "你好"}]}]
        with pytest.raises(openai.AuthenticationError) as denied:
            openai.OpenAI(base_url=server.base_url, api_key="nope", max_retries=0).chat.completions.create(
                model="canned", messages=[{"role": "user", "content": "x"}]
            )
        assert denied.value.body["code"] == "invalid_api_key"  # type: ignore[index]
        port = server.port
    assert not server.running
    with pytest.raises(openai.APIConnectionError):
        openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="k", max_retries=0, timeout=2).chat.completions.create(
            model="canned", messages=[{"role": "user", "content": "x"}]
        )


def test_fake_server_injects_faults_from_the_responder() -> None:
    import openai

    with FakeOpenAI(lambda request: (429, "slow down")) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0)
        with pytest.raises(openai.RateLimitError):
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])


def test_fake_server_stops_itself_after_its_lifetime() -> None:
    import time

    server = FakeOpenAI(lifetime=0.2).start()
    deadline = time.monotonic() + 5
    while server.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not server.running


def test_a_no_from_the_model_is_overruled_when_the_lead_names_a_meeting(fake_openai: FakeOpenAI) -> None:
    """A wrong "not a meeting" would empty the report; a 座谈会 in the lead outweighs it."""
    fake_openai.responder = MeetingModel(facts=[{"is_meeting": False, "location": None, "summary": "会议。"}])
    report = run(fake_openai)
    assert report.is_meeting_report
    assert {p.name for p in report.participants} == {"陈潮晖", "欧阳颜"}


def test_each_report_counts_only_its_own_calls(fake_openai: FakeOpenAI) -> None:
    """Two articles on one backend: the second report does not carry the first one's calls."""
    from summarizer.pipeline import summarize_many

    fake_openai.responder = MeetingModel()
    reports = list(summarize_many([article(), article()], backend(fake_openai), load_prompts("v3")))
    assert [r.run.calls for r in reports if r.run] == [1, 1]
    assert all(r.run and r.run.prompt_tokens > 0 for r in reports)



def test_a_cached_answer_that_fails_todays_checks_is_asked_again(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    """A stored answer validated against a stricter context is not an error: the model is asked again."""
    fake_openai.responder = MeetingModel(facts=[{"is_meeting": True, "location": None, "summary": "甲会议。"}])
    cache = ResponseCache(tmp_path / "cache.sqlite")
    messages = [{"role": "user", "content": "任务"}]
    first = backend(fake_openai, cache=cache).ask(messages, FactsAnswer, {"folded": "甲"}, max_tokens=50)
    calls = len(fake_openai.requests)
    strict = {"folded": "甲", "injected": [first.summary]}  # now the stored summary is refused
    fake_openai.responder = MeetingModel(facts=[{"is_meeting": True, "location": None, "summary": "一次会议。"}] * 3)
    again = backend(fake_openai, cache=cache).ask(messages, FactsAnswer, strict, max_tokens=50)
    assert len(fake_openai.requests) > calls and again.summary == "一次会议。"
