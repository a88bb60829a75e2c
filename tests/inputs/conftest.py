"""Every input test gets its own cache directory, so the page cache starts empty."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    monkeypatch.setenv("SUMMARIZER_HOME", str(directory))
    return directory
