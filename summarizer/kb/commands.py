"""The ``kb`` commands (registered on the CLI's app in ``summarizer/cli.py``).

Each parses its options, calls one library function in :mod:`summarizer.kb` and prints:
rich tables by default, ``--format json`` or ``--format csv`` for scripts. Model text is
printed inert (``Text``, control characters shown visibly).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from summarizer.errors import ConfigError, InputEmpty, SummarizerError
from summarizer.prompt import DEFAULT_VERSION

kb_app = typer.Typer(no_args_is_help=True, help="A knowledge base across articles: who met whom, who promised what.")
console = Console(stderr=True)
out = Console()

DB_OPTION = typer.Option(None, "--db", help="The knowledge base file (default: kb.db in the user data directory).")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class EntityKind(str, Enum):
    person = "person"
    organization = "organization"


FORMAT_OPTION = typer.Option(OutputFormat.table, "--format", "-f", help="table (rich), json or csv.")


def _fail(error: SummarizerError) -> None:
    from summarizer.cli import fail

    fail(error)


def _open(db: Optional[Path], create: bool = False) -> Any:
    """The knowledge base; only ``kb add`` makes one, a question to a missing one is an error."""
    from summarizer.kb.store import default_path, open_db

    path = db or default_path()
    if not create and not path.exists():  # a directory is open_db's one-line error
        raise ConfigError(f"{path}: no such knowledge base; `summarizer kb add` makes it")
    return open_db(path)


def _cell(value: Any) -> Text:
    from summarizer.render import visible

    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    return Text(visible("" if value is None else str(value)))


def _table(title: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = Table(title=Text(title), title_justify="left", show_lines=False)
    for column in rows[0]:
        table.add_column(Text(column), overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    out.print(table)


def _csv_safe(value: Any) -> Any:
    """A cell a spreadsheet would read as a formula is written as text (with a quote)."""
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    return value


def _print_rows(rows: list[dict[str, Any]], format: OutputFormat, title: str) -> None:
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format is OutputFormat.csv:
        buffer = io.StringIO()
        columns = list(dict.fromkeys(c for row in rows for c in row))
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: _csv_safe(v) for k, v in row.items()} for row in rows)
        sys.stdout.write(buffer.getvalue())
    elif rows:
        _table(title, rows)
    else:
        console.print(Text(f"{title}: nothing found"), highlight=False)


SECTIONS = {
    "events": "Events", "titles": "Titles over time", "organizations": "Organizations", "people": "People",
    "met": "Met", "commitments": "Commitments", "reasons": "Why these are one", "possible_duplicates":
    "Possible duplicates (kept apart)",
}


def _print_profiles(profiles: list[dict[str, Any]], format: OutputFormat, name: str, kind: str) -> None:
    if not profiles:
        _fail(InputEmpty(f"{name}: no {kind} of that name in the knowledge base"))
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(profiles, ensure_ascii=False, indent=2) + "\n")
        return
    if format is OutputFormat.csv:  # one row per item, with its section
        rows = [
            {"id": p["id"], "name": p["name"], "section": section} | item
            for p in profiles for section in SECTIONS if section in p for item in p[section]
        ]
        _print_rows(rows, format, "")
        return
    for profile in profiles:
        others = [n for n in profile["names"] if n != profile["name"]]
        written = f" (also written {'、'.join(others)})" if others else ""
        out.print(Text(f"{profile['id']} {profile['name']}{written}", style="bold"))
        for section, title in SECTIONS.items():
            _table(title, profile.get(section, []))


@kb_app.command("add")
def add(
    inputs: list[str] = typer.Argument(
        ..., help="Articles (.txt, saved pages, .docx, .pdf, URLs), directories, batch results files (.jsonl) "
        "or report files (.json, golden files too).",
    ),
    db: Optional[Path] = DB_OPTION,
    backend: Optional[str] = typer.Option(None, help="local (default) or openai."),
    model: Optional[str] = typer.Option(None, help="GGUF path (local) or model name (openai)."),
    base_url: Optional[str] = typer.Option(None, help="OpenAI-compatible base URL."),
    mode: Optional[str] = typer.Option(None, help="instructor mode for openai: json_schema, json, md_json, tools."),
    prompt: str = typer.Option(DEFAULT_VERSION, "--prompt", help="Prompt set version (prompts/extract-<version>.toml)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached model answers."),
    max_input_mb: float = typer.Option(5.0, "--max-input-mb", min=0.001, help="Refuse inputs larger than this (MB)."),
    fetch_timeout: Optional[float] = typer.Option(None, "--fetch-timeout", min=0.1, help="Seconds a URL may take (30)."),
) -> None:
    """Add articles and reports; what is there already is skipped (adding twice changes nothing)."""
    from functools import partial

    from summarizer.brief.collect import Summarizer
    from summarizer.config import BackendOptions, make_backend
    from summarizer.inputs.load import load_article
    from summarizer.kb.add import add_inputs
    from summarizer.prompt import load_prompts

    try:
        base = _open(db, create=True)
        prompts = load_prompts(prompt)
        summarize = Summarizer(
            lambda: make_backend(BackendOptions(backend, model, base_url, mode, use_cache=not no_cache)), prompts, "zh"
        )
        with console.status("adding…", spinner="dots"):
            outcome = add_inputs(
                base, inputs, summarize, max_bytes=int(max_input_mb * 1024 * 1024),
                load=partial(load_article, timeout=fetch_timeout),
            )
        for failure in outcome.failures:
            console.print(Text(f"skipped {failure.origin}: {failure.reason}"), highlight=False, soft_wrap=True)
        if not outcome.added and not outcome.present and outcome.failures:
            raise InputEmpty("no input gave a meeting report")
    except SummarizerError as error:
        _fail(error)
        return
    ways = ", ".join(f"{count} {way}" for way, count in outcome.ways.items())
    console.print(Text(
        f"added {outcome.added} articles, {outcome.present} already there"
        + (f" ({ways})" if ways else "") + (f"; {len(outcome.failures)} skipped" if outcome.failures else "")
    ), highlight=False)


@kb_app.command("person")
def person(name: str, db: Optional[Path] = DB_OPTION, format: OutputFormat = FORMAT_OPTION) -> None:
    """A person: events with dates, titles over time, organizations, people met, commitments."""
    from summarizer.kb.query import person as profile

    try:
        profiles = profile(_open(db), name)
    except SummarizerError as error:
        _fail(error)
        return
    _print_profiles(profiles, format, name, "person")


@kb_app.command("org")
def org(name: str, db: Optional[Path] = DB_OPTION, format: OutputFormat = FORMAT_OPTION) -> None:
    """An organization: events and its roles there, its people, whom it met and signed with, commitments."""
    from summarizer.kb.query import organization

    try:
        profiles = organization(_open(db), name)
    except SummarizerError as error:
        _fail(error)
        return
    _print_profiles(profiles, format, name, "organization")


@kb_app.command("commitments")
def commitments(
    actor: Optional[str] = typer.Option(None, "--actor", help="A person's or organization's name (any script) or id."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    strength: Optional[str] = typer.Option(None, "--strength", help="agreed, planned, intended or proposed."),
    db: Optional[Path] = DB_OPTION,
    format: OutputFormat = FORMAT_OPTION,
) -> None:
    """Commitments across articles, oldest first."""
    from summarizer.brief.model import STRENGTHS, parse_since
    from summarizer.kb.query import commitments as find

    if since is not None:
        try:
            parse_since(since)
        except ValueError:
            raise typer.BadParameter(f"{since!r} is not a date (YYYY-MM-DD)", param_hint="--since") from None
    if strength is not None and strength not in STRENGTHS:
        raise typer.BadParameter(f"{strength!r} is not one of {', '.join(STRENGTHS)}", param_hint="--strength")
    try:
        rows = find(_open(db), actor, since, strength)
    except SummarizerError as error:
        _fail(error)
        return
    _print_rows(rows, format, "Commitments")


@kb_app.command("search")
def search(
    text: str, db: Optional[Path] = DB_OPTION, format: OutputFormat = FORMAT_OPTION,
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most this many hits."),
) -> None:
    """Full-text search of summaries and quotes (any script; two-character names too)."""
    from summarizer.kb.query import search as find

    try:
        rows = find(_open(db), text, limit)
    except SummarizerError as error:
        _fail(error)
        return
    _print_rows(rows, format, f"Search: {text}")


@kb_app.command("export")
def export(
    output: Path = typer.Option(..., "--output", "-o", help="The .xlsx file (replaced only when complete)."),
    db: Optional[Path] = DB_OPTION,
) -> None:
    """The knowledge base as an Excel workbook: a sheet per table, frozen header, filters."""
    from summarizer.cli import check_output, write_output
    from summarizer.kb.export import xlsx_bytes

    try:
        if output.suffix.lower() != ".xlsx":
            raise ConfigError(f"{output}: kb export writes an .xlsx file")
        check_output(output, "-")
        data = xlsx_bytes(_open(db))
        write_output(output, data)
    except SummarizerError as error:
        _fail(error)
        return
    except OSError as error:
        _fail(ConfigError(f"cannot write {output}: {error.strerror or error}"))
        return
    console.print(Text(f"wrote {output}"), highlight=False)


KIND_OPTION = typer.Option(None, "--kind", help="person or organization (default: a person if one has that name).")


@kb_app.command("merge")
def merge(
    first: str = typer.Argument(..., help="A name (any written form) or id."),
    second: str = typer.Argument(..., help="The other name or id; it joins the first."),
    why: str = typer.Option(..., "--why", help="Why they are one: kept with the merge and shown by `kb person`."),
    kind: Optional[EntityKind] = KIND_OPTION,
    db: Optional[Path] = DB_OPTION,
) -> None:
    """Make two people (or organizations) one; undone by `kb split`."""
    from summarizer.kb.decide import merge as merge_entities

    try:
        row = merge_entities(_open(db), first, second, why, kind.value if kind else None)
    except SummarizerError as error:
        _fail(error)
        return
    console.print(Text(f"merged: {row['id']} {row['names']} ({row['articles']} articles)"), highlight=False)


@kb_app.command("split")
def split(
    name: str = typer.Argument(..., help="A name (any written form) or id."),
    article: list[str] = typer.Option(
        ..., "--article", "-a", help="An article whose mentions are someone else: its id (the event id `kb person` "
        "shows), origin or content hash prefix. Repeatable.",
    ),
    why: str = typer.Option(..., "--why", help="Why they are not one: kept with the split."),
    kind: Optional[EntityKind] = KIND_OPTION,
    db: Optional[Path] = DB_OPTION,
) -> None:
    """Take an entity's mentions in some articles out into an entity of their own (undoes a merge)."""
    from summarizer.kb.decide import split as split_entity

    try:
        rows = split_entity(_open(db), name, article, why, kind.value if kind else None)
    except SummarizerError as error:
        _fail(error)
        return
    for label, row in zip(("stays", "split off"), rows):
        console.print(Text(f"{label}: {row['id']} {row['names']} ({row['articles']} articles)"), highlight=False)


@kb_app.command("datasette-metadata")
def datasette_metadata(
    db: Optional[Path] = DB_OPTION,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (default: stdout)."),
) -> None:
    """Datasette metadata (labels, facets, search, canned queries): `datasette kb.db -m metadata.json`."""
    from summarizer.cli import write_output
    from summarizer.kb.datasette import metadata
    from summarizer.kb.store import default_path

    text = json.dumps(metadata(db or default_path()), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_output(output, text)
    except OSError as error:
        _fail(ConfigError(f"cannot write {output}: {error.strerror or error}"))
