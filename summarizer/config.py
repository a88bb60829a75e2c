"""Settings for backends: flags first, then environment, then the config file.

Config file: $SUMMARIZER_CONFIG or ~/.config/summarizer/config.toml, e.g.::

    backend = "openai"
    [openai]
    base_url = "https://api.deepseek.com/v1"
    model = "deepseek-chat"
    mode = "json"              # json_schema | json | md_json | tools | json_object_schema
    api_key_env = "DEEPSEEK_API_KEY"
    timeout = 60               # seconds

    [local]
    model_path = "/path/to/model.gguf"
    n_ctx = 4096

Keys are read from the environment (SUMMARIZER_API_KEY, OPENAI_API_KEY or the variable
named by api_key_env) or the file's ``api_key``; they are never printed or logged.

The default file may be absent; a file named by $SUMMARIZER_CONFIG must exist
(``SUMMARIZER_CONFIG=/dev/null`` means "no config file"). Every value of the wrong type
is a ConfigError naming the file and the key, never a traceback.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.cache import ResponseCache
from summarizer.errors import ConfigError
from summarizer.llm import Backend, LocalBackend, OpenAIBackend, mode_from_name
from summarizer.model_store import cache_dir

BACKENDS = ("local", "openai")
DEFAULT_TIMEOUT = 120.0
DEFAULT_N_CTX = 4096


def config_path() -> Path:
    explicit = os.environ.get("SUMMARIZER_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "summarizer" / "config.toml"


def load_config() -> dict[str, Any]:
    """The parsed config file; {} when the default file is absent.

    A path given explicitly in $SUMMARIZER_CONFIG that does not exist is an error: a typo
    there would otherwise silently drop every setting the user meant to apply.
    """
    path = config_path()
    explicit = bool(os.environ.get("SUMMARIZER_CONFIG"))
    if not path.exists():
        if explicit:
            raise ConfigError(f"config file not found: {path} (from SUMMARIZER_CONFIG)")
        return {}
    if path.is_dir():
        raise ConfigError(f"config file {path} is a directory")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({' '.join(str(error).split())})") from None
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror or error}") from None


class _File:
    """Typed access to the config file's values; a wrong type names the file and the key."""

    def __init__(self, data: dict[str, Any], path: Path) -> None:
        self.data = data
        self.path = path

    def _fail(self, key: str, expected: str, value: Any, secret: bool = False) -> ConfigError:
        shown = type(value).__name__ if secret else repr(value)[:200]
        return ConfigError(f"{self.path}: {key} must be {expected}, not {shown}")

    def table(self, name: str) -> _File:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise self._fail(f"[{name}]", "a table", value)
        return _Table(value, self.path, name)

    def key(self, name: str) -> str:
        return name

    def string(self, name: str, secret: bool = False) -> str | None:
        """A string value; ``secret`` values are never quoted in the error (an API key)."""
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._fail(self.key(name), "a string", value, secret)
        return value

    def positive_number(self, name: str) -> float | None:
        value = self.data.get(name)
        if value is None:
            return None
        # bool is an int in Python; `timeout = true` is a mistake, not one second.
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise self._fail(self.key(name), "a positive number", value)
        return float(value)

    def positive_integer(self, name: str) -> int | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self._fail(self.key(name), "a positive integer", value)
        return value


class _Table(_File):
    def __init__(self, data: dict[str, Any], path: Path, name: str) -> None:
        super().__init__(data, path)
        self.name = name

    def key(self, name: str) -> str:
        return f"{self.name}.{name}"


@dataclass
class BackendOptions:
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    mode: str | None = None
    timeout: float | None = None
    use_cache: bool = True


def _pick(flag: str | None, flag_name: str, env_name: str | None, file: _File, key: str) -> tuple[str | None, str]:
    """The first value set among flag, environment and file, with a label saying where it came from."""
    if flag:
        return flag, flag_name
    value = os.environ.get(env_name) if env_name else None
    if value:
        return value, env_name  # type: ignore[return-value]
    return file.string(key), f"{file.path}: {file.key(key)}"


def make_backend(options: BackendOptions) -> Backend:
    file = _File(load_config(), config_path())
    backend, source = _pick(options.backend, "--backend", "SUMMARIZER_BACKEND", file, "backend")
    backend = backend or "local"
    if backend not in BACKENDS:
        raise ConfigError(f"{source}: unknown backend {backend!r}: use local or openai")
    if backend == "local":
        local = file.table("local")
        model, _ = _pick(options.model, "--model", "SUMMARIZER_LOCAL_MODEL", local, "model_path")
        n_ctx = local.positive_integer("n_ctx") or DEFAULT_N_CTX
        cache = _cache(options)
        return LocalBackend(cache=cache, model_path=Path(model) if model else None, n_ctx=n_ctx)
    remote = file.table("openai")
    key_env = remote.string("api_key_env")
    api_key = (
        (os.environ.get(key_env) if key_env else None)
        or os.environ.get("SUMMARIZER_API_KEY")
        or os.environ.get("OPENAI_API_KEY")
        or remote.string("api_key", secret=True)
    )
    mode, mode_source = _pick(options.mode, "--mode", "SUMMARIZER_MODE", remote, "mode")
    mode = mode or "json_schema"
    try:
        instructor_mode = mode_from_name(mode)
    except ConfigError as error:
        raise ConfigError(f"{mode_source}: {error}") from None
    base_url, _ = _pick(options.base_url, "--base-url", "SUMMARIZER_BASE_URL", remote, "base_url")
    model, _ = _pick(options.model, "--model", "SUMMARIZER_MODEL", remote, "model")
    timeout = options.timeout or remote.positive_number("timeout") or DEFAULT_TIMEOUT
    return OpenAIBackend(
        cache=_cache(options),
        base_url=base_url,
        model=model or "",
        api_key=api_key,
        timeout=timeout,
        mode=instructor_mode,
        rewrite_schema=mode == "json_object_schema",
    )


def _cache(options: BackendOptions) -> ResponseCache | None:
    return ResponseCache(cache_dir() / "responses.sqlite") if options.use_cache else None
