"""Settings: systemd credentials before the environment, the data folder, the consent link."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert import config
from credit_expert.config import (
    ConfigError,
    check_production,
    default_data_dir,
    load_settings,
    processors,
)


def test_a_credential_file_wins_over_the_environment(tmp_path: Path) -> None:
    (tmp_path / "OPENAI_API_KEY").write_text("sk-from-credential\n")
    (tmp_path / "TELEGRAM_SESSION").write_text("")  # an empty credential: the env decides
    (tmp_path / "not-a-variable.txt").write_text("ignored")
    settings = load_settings(
        {
            "CREDENTIALS_DIRECTORY": str(tmp_path),
            "OPENAI_API_KEY": "sk-from-env",
            "TELEGRAM_API_HASH": "0123456789abcdef0123456789abcdef",
        },
        dotenv=False,
    )
    assert settings.openai_api_key == "sk-from-credential"
    assert settings.telegram_api_hash == "0123456789abcdef0123456789abcdef"
    assert settings.telegram_session is None


def test_an_unreadable_credentials_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="CREDENTIALS_DIRECTORY"):
        load_settings({"CREDENTIALS_DIRECTORY": str(tmp_path / "missing")}, dotenv=False)


def test_the_database_password_credential_goes_into_the_url(tmp_path: Path) -> None:
    (tmp_path / "DATABASE_PASSWORD").write_text("p@ss:w/ord\n")
    settings = load_settings(
        {
            "CREDENTIALS_DIRECTORY": str(tmp_path),
            "DATABASE_URL": "mysql://daria@db.internal:3306/daria",
        },
        dotenv=False,
    )
    assert settings.database_url == "mysql://daria:p%40ss%3Aw%2Ford@db.internal:3306/daria"
    with pytest.raises(ConfigError, match="DATABASE_PASSWORD"):
        load_settings({"DATABASE_PASSWORD": "x"}, dotenv=False)  # SQLite has no password


def test_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_data_dir({"DATA_DIR": str(tmp_path)}) == tmp_path
    state = {"STATE_DIRECTORY": "/var/lib/credit-expert-bot"}
    assert default_data_dir(state) == Path("/var/lib/credit-expert-bot")
    assert default_data_dir({}) == config.DEFAULT_DATA_DIR  # a checkout: its data/
    # An installed package (no checkout around it): the user's data folder.
    monkeypatch.setattr(config, "CHECKOUT_DIR", tmp_path / "site-packages")
    assert default_data_dir({"HOME": "/home/op"}) == Path("/home/op/.local/share/credit-expert-bot")
    assert default_data_dir({"XDG_DATA_HOME": "/x"}) == Path("/x/credit-expert-bot")
    settings = load_settings({"DATA_DIR": str(tmp_path)}, dotenv=False)
    assert settings.database_url == f"sqlite:///{tmp_path}/daria.db"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/privacy",
        "https://docs.example.net/consent",
        "https://consent.test/",
        "http://localhost:8000/p",
        "http://pravo-expert.ru/consent",
    ],
)
def test_production_refuses_a_placeholder_consent_link(url: str) -> None:
    with pytest.raises(ConfigError, match="PRIVACY_POLICY_URL"):
        check_production(load_settings({"PRIVACY_POLICY_URL": url}, dotenv=False))


def test_production_refuses_the_default_and_accepts_a_real_link() -> None:
    with pytest.raises(ConfigError, match="PRIVACY_POLICY_URL"):
        check_production(load_settings({}, dotenv=False))
    check_production(
        load_settings({"PRIVACY_POLICY_URL": "https://pravo-expert.ru/consent"}, dotenv=False)
    )


def test_retention_days_is_checked() -> None:
    assert load_settings({}, dotenv=False).retention_days == 90
    with pytest.raises(ConfigError, match="RETENTION_DAYS"):
        load_settings({"RETENTION_DAYS": "0"}, dotenv=False)


def test_the_processors_the_consent_text_must_name() -> None:
    offline = load_settings({"DATABASE_URL": "mysql://daria:pw@db.example.ru/daria"}, dotenv=False)
    assert processors(offline) == ["the database at db.example.ru"]
    with_llm = load_settings(
        {
            "OPENAI_API_KEY": "sk-test",
            "OPENAI_BASE_URL": "https://llm.provider.ru/v1",
            "OPENAI_TRANSCRIBE_BASE_URL": "https://asr.provider.ru/v1",
        },
        dotenv=False,
    )
    named = " ".join(processors(with_llm))
    assert "llm.provider.ru" in named and "asr.provider.ru" in named
    assert "pw" not in named
