"""A report that repeats itself, and lists longer than their bounds."""

from __future__ import annotations

import pytest

from fake_openai import FakeOpenAI, fake_openai  # noqa: F401 - fixture
from summarizer.article import from_text
from summarizer.pipeline import summarize
from summarizer.prompt import load_prompts
from test_openai_backend import MeetingModel, article, backend


def test_a_report_repeated_many_times_states_each_commitment_once(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = MeetingModel()
    text = "\n".join([article().text] * 60)
    report = summarize(from_text(text, "repeated"), backend(fake_openai), load_prompts("v3"))
    quotes = [c.evidence for c in report.commitments]
    assert quotes and len(quotes) == len(set(quotes))
    assert len(report.participants) == len({p.name for p in report.participants})


def test_lists_are_bounded_and_what_is_left_out_is_counted(fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_PARTICIPANTS", 1)
    fake_openai.responder = MeetingModel()
    report = summarize(article(), backend(fake_openai), load_prompts("v3"))
    assert len(report.participants) == 1 and report.omitted["participants"] >= 1
