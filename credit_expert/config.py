"""Settings: read once from the environment (and .env), validated, passed in.

A wrong value raises ConfigError whose message is one line naming the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from credit_expert.office_hours import (
    DEFAULT_HOURS,
    DEFAULT_OFFICE_HOURS,
    OfficeHours,
    parse_office_hours,
)


class ConfigError(Exception):
    """One line for the operator, naming the variable."""


DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Settings:
    database_url: str
    privacy_policy_url: str
    consent_version: str
    openai_api_key: str | None
    openai_base_url: str | None
    openai_model: str
    llm_timeout: float
    bot_token: str | None
    telegram_api_id: int | None
    telegram_api_hash: str | None
    telegram_session: str | None
    managers_chat_id: int | None
    manager_takeover_minutes: int
    metrics_addr: tuple[str, int]
    burst_seconds: float
    max_message_chars: int
    log_level: str
    openai_transcribe_model: str = "whisper-1"  # voice notes, same provider as the writer
    office_hours: OfficeHours = DEFAULT_HOURS  # when lawyers call; the reminder counts these

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key)


def load_settings(env: Mapping[str, str] | None = None, dotenv: bool = True) -> Settings:
    if env is None:
        if dotenv:
            from dotenv import load_dotenv

            load_dotenv(override=False)
        env = os.environ

    def get(name: str, default: str | None = None) -> str | None:
        value = env.get(name)
        if value is None or value.strip() == "":
            return default
        return value.strip()

    database_url = get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATA_DIR / 'daria.db'}"
    check_database_url(database_url)

    privacy_url = get("PRIVACY_POLICY_URL", "https://example.com/privacy")
    assert privacy_url is not None
    if not privacy_url.startswith(("https://", "http://")):
        raise ConfigError("PRIVACY_POLICY_URL must be an http(s) link to the consent text")

    return Settings(
        database_url=database_url,
        privacy_policy_url=privacy_url,
        consent_version=get("CONSENT_VERSION", "2025-09-01") or "",
        openai_api_key=get("OPENAI_API_KEY"),
        openai_base_url=_url_or_none("OPENAI_BASE_URL", get("OPENAI_BASE_URL")),
        openai_model=get("OPENAI_MODEL", "gpt-4o-mini") or "",
        llm_timeout=_number("LLM_TIMEOUT", get("LLM_TIMEOUT", "12"), 0.5, 120.0),
        bot_token=get("CREDIT_EXPERT_BOT_TOKEN"),
        telegram_api_id=_optional_int("TELEGRAM_API_ID", get("TELEGRAM_API_ID")),
        telegram_api_hash=get("TELEGRAM_API_HASH"),
        telegram_session=get("TELEGRAM_SESSION"),
        managers_chat_id=_optional_int("MANAGERS_CHAT_ID", get("MANAGERS_CHAT_ID")),
        manager_takeover_minutes=int(
            _number("MANAGER_TAKEOVER_MINUTES", get("MANAGER_TAKEOVER_MINUTES", "60"), 1, 10080)
        ),
        metrics_addr=_host_port("METRICS_ADDR", get("METRICS_ADDR", "127.0.0.1:9108") or ""),
        burst_seconds=_number("BURST_SECONDS", get("BURST_SECONDS", "1.5"), 0.0, 10.0),
        max_message_chars=int(
            _number("MAX_MESSAGE_CHARS", get("MAX_MESSAGE_CHARS", "2000"), 100, 100000)
        ),
        log_level=_log_level(get("LOG_LEVEL", "INFO") or "INFO"),
        openai_transcribe_model=get("OPENAI_TRANSCRIBE_MODEL", "whisper-1") or "",
        office_hours=_office_hours(get("OFFICE_HOURS", DEFAULT_OFFICE_HOURS) or ""),
    )


def check_database_url(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme == "sqlite":
        if not url.startswith("sqlite:///") or len(url) <= len("sqlite:///"):
            raise ConfigError(
                "DATABASE_URL: write SQLite as sqlite:///relative.db or sqlite:////abs/path.db"
            )
        return
    if scheme in ("mysql", "mysql+aiomysql", "mariadb"):
        parts = urlsplit(url)
        if not parts.hostname or not parts.path.strip("/"):
            raise ConfigError("DATABASE_URL: write MySQL as mysql://user:password@host:port/db")
        try:
            _ = parts.port  # urlsplit raises only when the port is read
        except ValueError as exc:
            raise ConfigError("DATABASE_URL: the port is not a number") from exc
        return
    raise ConfigError(
        f"DATABASE_URL: unsupported scheme {scheme or '(none)'!r}; use sqlite or mysql"
    )


def _url_or_none(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{name} must start with http:// or https://")
    return value


def _number(name: str, value: str | None, low: float, high: float) -> float:
    try:
        number = float(value or "")
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {value!r}") from exc
    if not low <= number <= high:
        raise ConfigError(f"{name} must be between {low:g} and {high:g}, got {value}")
    return number


def _optional_int(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number") from exc


def _host_port(name: str, value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ConfigError(f"{name} must be host:port, got {value!r}")
    return host.strip("[]"), int(port)


def _office_hours(value: str) -> OfficeHours:
    try:
        return parse_office_hours(value)
    except ValueError as exc:
        raise ConfigError(f"OFFICE_HOURS: {exc}") from exc


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {value!r}")
    return level
