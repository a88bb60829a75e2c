"""Briefing notes from one or many articles: per-article sections and what they share.

``collect`` turns inputs (article files, directories, results files, report files) into
reports through the one pipeline entry; ``model.build_brief`` works out the
cross-article sections with :mod:`summarizer.identity`; ``html``, ``markdown`` and
``word`` lay the brief out, and ``write`` picks one by the output's extension.
"""

from __future__ import annotations

from collections.abc import Callable

from summarizer.article import MAX_INPUT_BYTES, Article
from summarizer.brief.collect import Task, plan, run
from summarizer.brief.model import Brief, build_brief
from summarizer.errors import InputEmpty
from summarizer.inputs.load import load_article
from summarizer.schema import Report

__all__ = ["make_brief", "plan", "Task"]


def make_brief(
    tasks: list[Task],
    summarize: Callable[[Article], Report],
    *,
    language: str = "zh",
    since: str | None = None,
    title: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    load: Callable[..., Article] = load_article,
    advance: Callable[[Task], None] = lambda task: None,
) -> Brief:
    """The brief of the planned inputs (:func:`plan`); InputEmpty when none gave a report."""
    articles, failures = run(tasks, summarize, max_bytes=max_bytes, load=load, advance=advance)
    if not articles:
        first = f" ({failures[0].origin}: {failures[0].reason})" if failures else ""
        raise InputEmpty(f"no input gave a meeting report{first}")
    return build_brief(articles, failures, title=title, language=language, since=since)
