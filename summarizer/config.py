"""Settings for backends: flags first, then environment, then the config file.

Config file: $SUMMARIZER_CONFIG or ~/.config/summarizer/config.toml, e.g.::

    backend = "openai"
    [openai]
    base_url = "https://api.deepseek.com/v1"
    model = "deepseek-chat"
    mode = "json"              # json_schema | json | md_json | tools
    api_key_env = "DEEPSEEK_API_KEY"

Keys are read from the environment (SUMMARIZER_API_KEY, OPENAI_API_KEY or the variable
named by api_key_env) or the file's ``api_key``; they are never printed or logged.
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


def config_path() -> Path:
    explicit = os.environ.get("SUMMARIZER_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "summarizer" / "config.toml"


def load_config() -> dict[str, Any]:
    path = config_path()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None


@dataclass
class BackendOptions:
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    mode: str | None = None
    timeout: float | None = None
    use_cache: bool = True


def make_backend(options: BackendOptions) -> Backend:
    config = load_config()
    backend = options.backend or os.environ.get("SUMMARIZER_BACKEND") or config.get("backend") or "local"
    cache = ResponseCache(cache_dir() / "responses.sqlite") if options.use_cache else None
    if backend == "local":
        local = config.get("local", {})
        model = options.model or os.environ.get("SUMMARIZER_LOCAL_MODEL") or local.get("model_path")
        return LocalBackend(cache=cache, model_path=Path(model) if model else None, n_ctx=int(local.get("n_ctx", 4096)))
    if backend == "openai":
        remote = config.get("openai", {})
        key_env = remote.get("api_key_env")
        api_key = (
            (os.environ.get(key_env) if key_env else None)
            or os.environ.get("SUMMARIZER_API_KEY")
            or os.environ.get("OPENAI_API_KEY")
            or remote.get("api_key")
        )
        mode = options.mode or os.environ.get("SUMMARIZER_MODE") or remote.get("mode") or "json_schema"
        return OpenAIBackend(
            cache=cache,
            base_url=options.base_url or os.environ.get("SUMMARIZER_BASE_URL") or remote.get("base_url"),
            model=options.model or os.environ.get("SUMMARIZER_MODEL") or remote.get("model") or "",
            api_key=api_key,
            timeout=options.timeout or float(remote.get("timeout", 120)),
            mode=mode_from_name(mode),
            rewrite_schema=mode == "json_object_schema",
        )
    raise ConfigError(f"unknown backend {backend!r}: use local or openai")
