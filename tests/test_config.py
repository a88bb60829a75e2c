"""Configuration errors end in ConfigError (exit 13) naming the key or the file, never a traceback.

No model is loaded: the openai backend is only constructed (no request is sent), and the
local backend's errors are raised before it resolves a model.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.config import BackendOptions, config_path, load_config, make_backend
from summarizer.errors import ConfigError, ModelMissing
from summarizer.llm import OpenAIBackend


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARIZER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(path))
    return path


def config_error(options: BackendOptions | None = None) -> str:
    with pytest.raises(ConfigError) as raised:
        make_backend(options or BackendOptions(use_cache=False))
    message = str(raised.value)
    assert "\n" not in message
    return message


# --- the config file itself ----------------------------------------------------------------


def test_explicit_config_that_does_not_exist_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nope" / "config.toml"
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(missing))
    with pytest.raises(ConfigError) as raised:
        load_config()
    assert str(missing) in str(raised.value)


def test_explicit_config_that_is_a_directory_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(tmp_path))
    with pytest.raises(ConfigError) as raised:
        load_config()
    assert str(tmp_path) in str(raised.value)


def test_devnull_means_no_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CONFIG", os.devnull)
    assert load_config() == {}


def test_default_config_may_be_absent(tmp_path: Path) -> None:
    assert config_path() == tmp_path / "xdg" / "summarizer" / "config.toml"
    assert load_config() == {}


def test_invalid_toml_names_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, monkeypatch, "[openai\nmodel = 'x'\n")
    with pytest.raises(ConfigError) as raised:
        load_config()
    assert str(path) in str(raised.value) and "TOML" in str(raised.value)


def test_undecodable_config_names_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"model = '\xff\xfe'\n")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(path))
    with pytest.raises(ConfigError) as raised:
        load_config()
    assert str(path) in str(raised.value)


# --- values of the wrong type ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ('backend = "openai"\n[openai]\nmodel = "m"\ntimeout = "soon"\n', "timeout"),
        ('backend = "openai"\n[openai]\nmodel = "m"\ntimeout = true\n', "timeout"),
        ('backend = "openai"\n[openai]\nmodel = "m"\ntimeout = -1\n', "timeout"),
        ('backend = "openai"\nopenai = "https://api.deepseek.com/v1"\n', "openai"),
        ('backend = "openai"\n[openai]\nmodel = 7\n', "model"),
        ('backend = "openai"\n[openai]\nmodel = "m"\nbase_url = ["a", "b"]\n', "base_url"),
        ('backend = "openai"\n[openai]\nmodel = "m"\napi_key_env = 5\n', "api_key_env"),
        ('backend = "openai"\n[openai]\nmodel = "m"\napi_key = {a = 1}\n', "api_key"),
        ('backend = "openai"\n[openai]\nmodel = "m"\nmode = ["json"]\n', "mode"),
        ('backend = "openai"\n[openai]\nmodel = "m"\nmode = "fast"\n', "mode"),
        ("backend = 3\n", "backend"),
        ('backend = "llama"\n', "backend"),
        ('local = "model.gguf"\n', "local"),
        ('[local]\nn_ctx = "big"\n', "n_ctx"),
        ("[local]\nn_ctx = 1.5\n", "n_ctx"),
        ("[local]\nmodel_path = 5\n", "model_path"),
    ],
)
def test_wrong_value_is_a_config_error_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, key: str
) -> None:
    path = write_config(tmp_path, monkeypatch, text)
    message = config_error()
    assert key in message
    assert str(path) in message


def test_unknown_mode_from_the_flag_names_the_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, monkeypatch, '[openai]\nmodel = "m"\n')
    message = config_error(BackendOptions(backend="openai", mode="fast", use_cache=False))
    assert "mode" in message and "fast" in message


def test_unknown_mode_from_the_environment_names_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, monkeypatch, '[openai]\nmodel = "m"\n')
    monkeypatch.setenv("SUMMARIZER_MODE", "fast")
    message = config_error(BackendOptions(backend="openai", use_cache=False))
    assert "SUMMARIZER_MODE" in message and "fast" in message


def test_unknown_backend_from_the_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_BACKEND", "llama")
    message = config_error()
    assert "SUMMARIZER_BACKEND" in message and "llama" in message


# --- good values still work ----------------------------------------------------------------


def test_good_openai_config_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        tmp_path, monkeypatch,
        'backend = "openai"\n[openai]\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "deepseek-chat"\n'
        'mode = "json_object_schema"\ntimeout = 7\napi_key_env = "MY_KEY"\n',
    )
    monkeypatch.setenv("MY_KEY", "k")
    backend = make_backend(BackendOptions(use_cache=False))
    assert isinstance(backend, OpenAIBackend)
    assert backend.timeout == 7.0 and backend.model == "deepseek-chat" and backend.rewrite_schema
    assert backend.api_key == "k" and backend.base_url == "http://127.0.0.1:9/v1"


def test_timeout_option_beats_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, monkeypatch, '[openai]\nmodel = "m"\ntimeout = 0.5\n')
    backend = make_backend(BackendOptions(backend="openai", timeout=3, use_cache=False))
    assert isinstance(backend, OpenAIBackend) and backend.timeout == 3


def test_good_local_config_reaches_the_model_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid [local] settings pass config checks; the missing model is then exit 8, not 13."""
    write_config(tmp_path, monkeypatch, f'[local]\nn_ctx = 2048\nmodel_path = "{tmp_path / "none.gguf"}"\n')
    with pytest.raises(ModelMissing):
        make_backend(BackendOptions(use_cache=False))


def test_api_key_of_the_wrong_type_is_not_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, monkeypatch, '[openai]\nmodel = "m"\napi_key = 123456789\n')
    message = config_error(BackendOptions(backend="openai", use_cache=False))
    assert "api_key" in message and "123456789" not in message
