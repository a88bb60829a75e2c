"""Every batch test gets its own user directories: cache, call log, endpoint modes, no config file."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "home"
    monkeypatch.setenv("SUMMARIZER_HOME", str(directory))
    monkeypatch.setenv("SUMMARIZER_CONFIG", "/dev/null")
    for name in ("SUMMARIZER_BACKEND", "SUMMARIZER_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MODE",
                 "SUMMARIZER_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    return directory
