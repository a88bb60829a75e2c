"""``kb add``: inputs read the way the brief reads them, only what is new summarized.

Inputs are planned and run by :mod:`summarizer.brief.collect` (articles, directories,
batch results files, report and golden files; articles through the one pipeline entry,
from the response cache when they were summarized before). An article whose text is
already in the knowledge base (by content hash) is skipped before any model call;
reports already there are skipped when added, so adding the same inputs twice changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from summarizer.article import MAX_INPUT_BYTES, Article
from summarizer.brief.collect import Task, plan, run
from summarizer.brief.model import Failure
from summarizer.errors import SummarizerError
from summarizer.inputs.load import load_article
from summarizer.kb.build import add_reports, content_hash, known_hashes
from summarizer.schema import Report


@dataclass
class Outcome:
    added: int = 0
    present: int = 0
    failures: list[Failure] = field(default_factory=list)
    ways: dict[str, int] = field(default_factory=dict)  # model | cache | results file | report file


def add_inputs(
    db: sqlite_utils.Database,
    inputs: list[str],
    summarize: Callable[[Article], Report],
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    load: Callable[..., Article] = load_article,
    advance: Callable[[Task], None] = lambda task: None,
) -> Outcome:
    """Add the inputs' reports; InputMissing (before any work) for a path that does not exist."""
    tasks = plan(inputs, max_bytes)
    known = known_hashes(db)
    outcome = Outcome()
    todo = []
    for task in tasks:
        if task.article is not None:
            try:
                text = load(task.article, max_bytes=max_bytes).text
            except SummarizerError:
                text = None  # run() reports why
            if text is not None and content_hash(text) in known:
                outcome.present += 1
                advance(task)
                continue
        todo.append(task)
    articles, outcome.failures = run(todo, summarize, max_bytes=max_bytes, load=load, advance=advance)
    for article in articles:
        if content_hash(article.text, article.report) not in known:
            outcome.ways[article.reused] = outcome.ways.get(article.reused, 0) + 1
    added = add_reports(db, [(a.report, a.origin, a.text) for a in articles])
    outcome.added, outcome.present = added.added, outcome.present + added.present
    return outcome
