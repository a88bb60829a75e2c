"""How an eval run is shown: a rich table on screen and a self-contained HTML page."""

from __future__ import annotations

import html
from typing import Any

from rich.console import Console
from rich.table import Table

from summarizer.clean import clean_text


def _pct(value: Any) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_run(run: dict[str, Any], console: Console) -> None:
    table = Table(title=f"eval {run['gold_dir']} · prompt {run['prompt_version']} · {run['backend']} · {run['model']}")
    for column in ("article", "people P/R", "orgs P/R", "commit P/R", "date", "kind", "loc", "leaks", "ground", "s", "calls"):
        if column == "article":
            table.add_column(column, no_wrap=True)
        else:
            table.add_column(column, justify="right", overflow="fold")
    for article in run["articles"]:
        score = article["score"]
        table.add_row(
            article["id"] + (" [red]✗[/red]" if not article["schema_valid"] else ""),
            *(f"{score[f]['precision']:.2f}/{score[f]['recall']:.2f}" for f in ("participants", "organizations", "commitments")),
            *("✓" if score[c]["correct"] else "✗" for c in ("date", "kind", "location")),
            str(score["byline_leaks"]), f"{score['grounding_rate']:.2f}", f"{article['seconds']:.1f}",
            f"{article['calls']}+{article['cached_calls']}c",
        )
    console.print(table)
    s = run["summary"]
    console.print(
        "F1 people {p} · orgs {o} · commitments {c} (strength acc {sa}) · organizers {og} · "
        "actor {ac} · person's title {pt} · person's org {po} · is-meeting {im} · date {d} · kind {k} · location {l} · "
        "byline leaks {b} · grounding {g} · schema-valid {v} · median {m} s/article · {calls} model calls ({cached} cached)".format(
            p=_pct(s["participants"]["f1"]), o=_pct(s["organizations"]["f1"]), c=_pct(s["commitments"]["f1"]),
            og=_pct((s.get("organizers") or {}).get("f1")), ac=_pct(s.get("commitment_actor_accuracy")),
            pt=_pct(s.get("participant_title_accuracy")), po=_pct(s.get("participant_organization_accuracy")),
            im=_pct(s.get("is_meeting_report_accuracy")),
            sa=_pct(s.get("strength_accuracy")), d=_pct(s.get("date_accuracy")), k=_pct(s.get("kind_accuracy")),
            l=_pct(s.get("location_accuracy")), b=s["byline_leaks"], g=_pct(s["grounding_rate"]),
            v=_pct(s["schema_valid_rate"]), m=s["seconds_median"], calls=s["model_calls"], cached=s["cached_calls"],
        ),
        highlight=False,
    )
    console.print(summaries_line(s), highlight=False)


def summaries_line(summary: dict[str, Any]) -> str:
    """The summary metrics of a split in one line (a run made before they existed has none)."""
    m = summary.get("summaries")
    if not m:
        return "summaries: not measured in this run"
    line = (
        f"summaries ({m['articles']}, {m['missing']} missing): complete {_pct(m['complete_rate'])} · "
        f"grounded entities {_pct(m['grounded_entity_rate'])} ({m['grounded_entities']}/{m['entities']}) · "
        f"lead copies {_pct(m['lead_copy_rate'])} · coverage {_pct(m['coverage'])} · "
        f"length mean {m['length_mean'] if m['length_mean'] is not None else '—'} max {m['length_max'] if m['length_max'] is not None else '—'}"
    )
    judge = summary.get("judge")
    if judge:
        line += f" · judge faithfulness {_pct(judge['faithfulness_mean'])} coverage {_pct(judge['coverage_mean'])} ({judge['rated']} rated)"
    return line


def _short(text: str, limit: int = 24) -> str:
    """Quotes are long (and gold quotes carry pinyin noise): a clean start identifies them."""
    text = clean_text(text)
    return text if len(text) <= limit else text[:limit] + "…"


def print_diff(changes: list[dict[str, Any]], console: Console) -> None:
    if not changes:
        console.print("no differences")
        return
    table = Table(title="changes from run A to run B")
    for column in ("article", "field", "lost (missed now)", "gained", "new false", "false fixed"):
        table.add_column(column, overflow="fold")
    for change in changes:
        cells = ("\n".join(_short(item) for item in change[k]) for k in ("lost", "gained", "new_wrong", "fixed_wrong"))
        table.add_row(change["id"], change["field"], *cells)
    console.print(table)


def run_html(run: dict[str, Any]) -> str:
    """One self-contained, escaped HTML page of a run."""
    e = html.escape
    s = run["summary"]
    rows = []
    for article in run["articles"]:
        score = article["score"]
        cells = [e(article["id"])]
        for field_name in ("participants", "organizations", "commitments"):
            f = score[field_name]
            cells.append(f"{f['precision']:.2f} / {f['recall']:.2f}<div class=miss>{'<br>'.join('− ' + e(x[:60]) for x in f['missed'])}</div>"
                         f"<div class=add>{'<br>'.join('+ ' + e(x[:60]) for x in f['added'])}</div>")
        cells += [e(str(score[c]["predicted"])) + (" ✓" if score[c]["correct"] else f" ✗ (gold {e(str(score[c]['gold']))})")
                  for c in ("date", "kind", "location")]
        cells.append(f"{article['seconds']:.1f}")
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("article", "participants P/R", "organizations P/R", "commitments P/R", "date", "kind", "location", "s"))
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>summarizer eval {e(run['prompt_version'])}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}
.miss{{color:#a00;font-size:85%}}.add{{color:#06a;font-size:85%}}</style></head><body>
<h1>Eval: prompt {e(run['prompt_version'])} · {e(run['backend'])} · {e(run['model'])}</h1>
<p>{e(run['created'])} · gold {e(run['gold_dir'])} · {s['articles']} articles</p>
<p>F1 participants {s['participants']['f1']:.3f} · organizations {s['organizations']['f1']:.3f} · commitments {s['commitments']['f1']:.3f}
· date {_pct(s.get('date_accuracy'))} · grounding {s['grounding_rate']:.3f} · byline leaks {s['byline_leaks']}
· schema-valid {s['schema_valid_rate']:.2f} · median {s['seconds_median']} s</p>
<p>{e(summaries_line(s))}</p>
<table><tr>{head}</tr>{''.join(rows)}</table></body></html>
"""
