"""Every batch test gets its own user directories: cache, call log, endpoint modes, no config file."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def home(isolated_home: Path) -> Path:
    return isolated_home
