"""Files that ship with the package: prompt sets and exported JSON Schemas.

In a wheel they live inside the package (``summarizer/prompts``); in a source checkout
they are the top-level ``prompts/`` and ``schemas/`` directories.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name
