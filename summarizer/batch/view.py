"""What a batch shows on the terminal: a progress bar with ETA and a closing table."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from summarizer.batch.results import Record
from summarizer.batch.runner import Stats


class ProgressView:
    """Implements :class:`summarizer.batch.runner.Events` with a rich progress bar."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]:.1f}/min"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=True,  # the closing table (or the error) stays, the bar goes
        )
        self.task: TaskID | None = None

    def __enter__(self) -> ProgressView:
        if self.console.is_terminal:  # no bar in a log file or a pipe: the failures and the table suffice
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.console.is_terminal:
            self.progress.stop()

    def planned(self, stats: Stats) -> None:
        if stats.skipped:
            self.console.print(
                f"{stats.total} articles: {stats.skipped} already in the results file (skipped), {stats.to_do} to do",
                highlight=False,
            )
        self.task = self.progress.add_task("batch", total=stats.to_do, failed=0, rate=0.0)

    def finished(self, record: Record, stats: Stats) -> None:
        if self.task is not None:
            self.progress.update(self.task, advance=1, failed=stats.failed, rate=stats.per_minute)
        if record.status == "failed":
            line = Text("failed: ", style="yellow")
            line.append(f"{record.source}: {record.error}")
            self.progress.console.print(line, highlight=False, soft_wrap=True)


def closing_table(stats: Stats) -> Table:
    table = Table(title="batch", title_justify="left")
    for name in ("done", "failed", "skipped", "tokens", "seconds", "articles/min"):
        table.add_column(name, justify="right")
    table.add_row(
        str(stats.done), str(stats.failed), str(stats.skipped), f"{stats.tokens:,}", f"{stats.seconds:.1f}",
        f"{stats.per_minute:.1f}",
    )
    return table
