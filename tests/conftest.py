"""Shared fixtures: one real model load per test session, isolated user directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import model_store
from summarizer.llm import LocalBackend

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The real embedded model; the README's test command pulls it before pytest runs."""
    path = model_store.default_model_path()
    if not path.is_file():
        pytest.fail("the local model is missing: run `summarizer model pull` (the README's test command does)")
    return path


@pytest.fixture(scope="session")
def local_backend(model_path: Path) -> LocalBackend:
    """The embedded model, loaded once for the whole session; no response cache."""
    return LocalBackend(model_path=model_path)


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User directories of the test's own (cache, call log, knowledge base, endpoint modes),
    no config file, and none of the user's endpoint settings from the environment."""
    directory = tmp_path / "home"
    monkeypatch.setenv("SUMMARIZER_HOME", str(directory))
    monkeypatch.setenv("SUMMARIZER_CONFIG", "/dev/null")
    for name in ("SUMMARIZER_BACKEND", "SUMMARIZER_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MODE",
                 "SUMMARIZER_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    return directory
