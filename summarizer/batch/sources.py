"""What a batch reads: the inputs a user names (directories, globs, list files) as paths.

``DIR`` is every article file under it (``.txt``, ``.html``/``.htm``, ``.docx``, ``.pdf``,
hidden files and folders left out), ``GLOB`` every file it matches (``**`` included), a
``LIST.txt`` one path or http(s) URL a line (relative paths are relative to the list; blank
lines and ``#`` comments skipped). A ``.txt`` file counts as a list when every line of it
names an existing file or a URL; otherwise it is an article. The order is the order given,
each directory sorted; a path named twice is read once.

An article is known by its content hash: the SHA-256 of the file's bytes, or for a URL of
the page's text as read, so that a renamed or moved file is still done.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from summarizer.errors import InputMissing
from summarizer.inputs.fetch import is_url

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}
_GLOB_CHARS = set("*?[")
MAX_LIST_BYTES = 50 * 1024 * 1024


def expand(inputs: Iterable[str]) -> list[str]:
    """The article paths (and URLs) the arguments name, in order, without repeats."""
    found: list[str] = []
    for given in inputs:
        if is_url(given):
            found.append(given)
        elif any(c in _GLOB_CHARS for c in given) and not Path(given).exists():
            matches = sorted(m for m in glob.glob(given, recursive=True) if Path(m).is_file())
            if not matches:
                raise InputMissing(f"{given}: no file matches")
            found += matches
        elif Path(given).is_dir():
            found += _directory(Path(given))
        elif Path(given).is_file():
            listed = _list_file(Path(given))
            found += listed if listed is not None else [given]
        else:
            raise InputMissing(f"{given}: no such file, directory or pattern")
    return list(dict.fromkeys(found))


def _directory(directory: Path) -> list[str]:
    files = []
    for root, folders, names in os.walk(directory):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        files += [
            os.path.join(root, name) for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES
        ]
    return files


def _list_file(path: Path) -> list[str] | None:
    """The entries of a list file, or None when ``path`` is an article rather than a list."""
    if path.suffix.lower() != ".txt" or path.stat().st_size > MAX_LIST_BYTES:
        return None
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (UnicodeDecodeError, OSError):
        return None
    entries = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not entries:
        return None
    resolved = [entry if is_url(entry) else str(path.parent / entry) if not os.path.isabs(entry) else entry for entry in entries]
    if all(is_url(entry) or Path(entry).is_file() for entry in resolved):
        return resolved
    return None


def file_hash(path: str) -> str:
    """SHA-256 of a file's bytes, read in blocks (raises OSError)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
