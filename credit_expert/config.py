"""Settings: read once from the environment (and .env), validated, passed in.

A wrong value raises ConfigError whose message is one line naming the variable.
Secrets may also come as systemd credentials: a file named like the variable in
$CREDENTIALS_DIRECTORY (LoadCredential=) wins over the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from credit_expert.followups import FollowupSettings
from credit_expert.models import Firm
from credit_expert.office_hours import (
    DEFAULT_HOURS,
    DEFAULT_OFFICE_HOURS,
    OfficeHours,
    parse_office_hours,
)


class ConfigError(Exception):
    """One line for the operator, naming the variable."""


CHECKOUT_DIR = Path(__file__).resolve().parent.parent
# Where a checkout keeps its data (the README's first command); an installed package
# uses $STATE_DIRECTORY (systemd) or the user's data folder instead: see default_data_dir.
DEFAULT_DATA_DIR = CHECKOUT_DIR / "data"
VARIABLE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
# Hosts that cannot carry a real consent text (RFC 2606 names, this machine).
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "127.0.0.1")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost")


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
    openai_transcribe_model: str = "whisper-1"  # voice notes
    # Audio cannot be masked: voice may go to another (e.g. Russian-hosted) endpoint.
    openai_transcribe_base_url: str | None = None
    office_hours: OfficeHours = DEFAULT_HOURS  # when lawyers call; the reminder counts these
    crisis_helpline: str = ""  # named next to 112 to a person who writes of suicide
    data_dir: Path = DEFAULT_DATA_DIR  # SQLite default, the Telegram session file, chat.log
    firm: Firm = field(default_factory=Firm)
    retention_days: int = 90  # dialogues that never reached a booking are deleted after this
    crm: CRMSettings = field(default_factory=lambda: CRMSettings())
    db_timeout: float = 5.0  # seconds for any one database call, the handshake included
    reply_stale_minutes: int = 60  # an unsent reply older than this is not sent any more
    flood_wait_max_seconds: int = 900  # a long flood wait reschedules the send at most this far
    # What the LLM provider charges per 1 000 tokens (prompt, completion), in rubles: the
    # funnel report's cost per booked lead. 0: not set, the report shows tokens only.
    llm_price_per_1k_in: float = 0.0
    llm_price_per_1k_out: float = 0.0
    followups: FollowupSettings = field(default_factory=FollowupSettings)  # reminders' delays

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key)


@dataclass(frozen=True)
class CRMSettings:
    """Where lead events go besides the managers' chat; each enabled by its settings."""

    webhook_url: str | None = None
    webhook_secret: str | None = None
    bitrix24_webhook_url: str | None = None
    bitrix24_mode: str = "leads"  # "leads" (classic CRM) or "deals" (simple CRM: contact + deal)
    amocrm_base_url: str | None = None
    amocrm_token: str | None = None
    amocrm_pipeline_id: int | None = None
    amocrm_status_id: int | None = None
    unattended_lead_minutes: int = 60  # working minutes before a booked lead's reminder

    @property
    def destinations(self) -> tuple[str, ...]:
        """Outbox destinations: the managers' chat always (its rows wait without
        MANAGERS_CHAT_ID), the others when configured."""
        found = ["managers"]
        if self.webhook_url:
            found.append("webhook")
        if self.bitrix24_webhook_url:
            found.append("bitrix24")
        if self.amocrm_base_url:
            found.append("amocrm")
        return tuple(found)


def load_settings(env: Mapping[str, str] | None = None, dotenv: bool = True) -> Settings:
    if env is None:
        if dotenv:
            from dotenv import load_dotenv

            load_dotenv(override=False)
        env = os.environ
    env = {**env, **read_credentials(env.get("CREDENTIALS_DIRECTORY"))}

    def get(name: str, default: str | None = None) -> str | None:
        value = env.get(name)
        if value is None or value.strip() == "":
            return default
        return value.strip()

    data_dir = default_data_dir(env)
    database_url = get("DATABASE_URL") or f"sqlite:///{data_dir / 'daria.db'}"
    check_database_url(database_url)
    database_url = with_password(database_url, get("DATABASE_PASSWORD"))

    privacy_url = get("PRIVACY_POLICY_URL", "https://example.com/privacy")
    assert privacy_url is not None
    if not privacy_url.startswith(("https://", "http://")):
        raise ConfigError("PRIVACY_POLICY_URL must be an http(s) link to the consent text")

    return Settings(
        database_url=database_url,
        privacy_policy_url=privacy_url,
        consent_version=get("CONSENT_VERSION", "2025-09-01") or "",
        crisis_helpline=(get("CRISIS_HELPLINE") or "")[:200],
        openai_api_key=get("OPENAI_API_KEY"),
        openai_base_url=_url_or_none("OPENAI_BASE_URL", get("OPENAI_BASE_URL")),
        openai_model=get("OPENAI_MODEL", "gpt-4o-mini") or "",
        # 30 s suits a local CPU server (first turn 10-12 s); a hosted API needs 10-15
        llm_timeout=_number("LLM_TIMEOUT", get("LLM_TIMEOUT", "30"), 0.5, 120.0),
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
        openai_transcribe_base_url=_url_or_none(
            "OPENAI_TRANSCRIBE_BASE_URL", get("OPENAI_TRANSCRIBE_BASE_URL")
        ),
        office_hours=_office_hours(get("OFFICE_HOURS", DEFAULT_OFFICE_HOURS) or ""),
        data_dir=data_dir,
        firm=_firm(get),
        retention_days=int(_number("RETENTION_DAYS", get("RETENTION_DAYS", "90"), 1, 3650)),
        db_timeout=_number("DB_TIMEOUT", get("DB_TIMEOUT", "5"), 0.5, 120.0),
        reply_stale_minutes=int(
            _number("REPLY_STALE_MINUTES", get("REPLY_STALE_MINUTES", "60"), 1, 10080)
        ),
        flood_wait_max_seconds=int(
            _number("FLOOD_WAIT_MAX_SECONDS", get("FLOOD_WAIT_MAX_SECONDS", "900"), 30, 86400)
        ),
        llm_price_per_1k_in=_number("LLM_PRICE_PER_1K_IN", get("LLM_PRICE_PER_1K_IN", "0"), 0, 1e6),
        llm_price_per_1k_out=_number(
            "LLM_PRICE_PER_1K_OUT", get("LLM_PRICE_PER_1K_OUT", "0"), 0, 1e6
        ),
        crm=_crm(get),
        followups=FollowupSettings(
            delays_days=_followup_delays(get("FOLLOWUP_DELAYS_DAYS", "1,3") or ""),
            pause_minutes=int(
                _number("FOLLOWUP_PAUSE_MINUTES", get("FOLLOWUP_PAUSE_MINUTES", "30"), 5, 1440)
            ),
        ),
    )


def _followup_delays(value: str) -> tuple[int, ...]:
    """ "1,3": the first follow-up a day after the agreement, the second 3 days after the
    first; "2": only one, two days after."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not 1 <= len(parts) <= 2 or not all(p.isdigit() and 1 <= int(p) <= 30 for p in parts):
        raise ConfigError(
            f"FOLLOWUP_DELAYS_DAYS must be one or two whole days 1-30 (e.g. 1,3), got {value!r}"
        )
    return tuple(int(p) for p in parts)


def _crm(get: Callable[..., str | None]) -> CRMSettings:
    webhook_url = _url_or_none("WEBHOOK_URL", get("WEBHOOK_URL"))
    secret = get("WEBHOOK_SECRET")
    if webhook_url and (not secret or len(secret) < 16):
        raise ConfigError("WEBHOOK_SECRET must be set (16+ characters) when WEBHOOK_URL is")
    mode = (get("BITRIX24_MODE", "leads") or "leads").lower()
    if mode not in ("leads", "deals"):
        raise ConfigError(f"BITRIX24_MODE must be leads or deals, got {mode!r}")
    amo_url = _url_or_none("AMOCRM_BASE_URL", get("AMOCRM_BASE_URL"))
    amo_token = get("AMOCRM_TOKEN")
    if bool(amo_url) != bool(amo_token):
        raise ConfigError("AMOCRM_BASE_URL and AMOCRM_TOKEN must be set together")
    minutes = _number("UNATTENDED_LEAD_MINUTES", get("UNATTENDED_LEAD_MINUTES", "60"), 1, 10080)
    return CRMSettings(
        webhook_url=webhook_url,
        webhook_secret=secret if webhook_url else None,
        bitrix24_webhook_url=_url_or_none("BITRIX24_WEBHOOK_URL", get("BITRIX24_WEBHOOK_URL")),
        bitrix24_mode=mode,
        amocrm_base_url=amo_url,
        amocrm_token=amo_token,
        amocrm_pipeline_id=_optional_int("AMOCRM_PIPELINE_ID", get("AMOCRM_PIPELINE_ID")),
        amocrm_status_id=_optional_int("AMOCRM_STATUS_ID", get("AMOCRM_STATUS_ID")),
        unattended_lead_minutes=int(minutes),
    )


def read_credentials(directory: str | None) -> dict[str, str]:
    """systemd credentials (LoadCredential=NAME:...): each file named like a variable."""
    if not directory:
        return {}
    found: dict[str, str] = {}
    try:
        entries = sorted(Path(directory).iterdir())
    except OSError as exc:
        raise ConfigError(
            f"CREDENTIALS_DIRECTORY: cannot read {directory}: {exc.strerror}"
        ) from exc
    for path in entries:
        if VARIABLE_NAME.match(path.name) and path.is_file():
            try:
                found[path.name] = path.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path.name}: cannot read the credential file: {exc}") from exc
    return found


def default_data_dir(env: Mapping[str, str]) -> Path:
    """DATA_DIR; else systemd's StateDirectory=; else the checkout's data/ (the README's
    first command); else, for an installed package, the user's data folder."""
    if env.get("DATA_DIR", "").strip():
        return Path(env["DATA_DIR"].strip()).expanduser()
    state = env.get("STATE_DIRECTORY", "").strip()
    if state:
        return Path(state.split(":", 1)[0])
    if (CHECKOUT_DIR / "credit_expert_bot.py").is_file():
        return DEFAULT_DATA_DIR
    xdg = env.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME") or Path.home()) / ".local" / "share"
    return base / "credit-expert-bot"


def with_password(url: str, password: str | None) -> str:
    """DATABASE_PASSWORD (a credential) spliced into a MySQL DATABASE_URL."""
    if not password:
        return url
    parts = urlsplit(url)
    if parts.scheme.lower() == "sqlite":
        raise ConfigError("DATABASE_PASSWORD is set but DATABASE_URL is SQLite: remove one")
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{quote(parts.username or 'root', safe='')}:{quote(password, safe='')}@{host}"
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def processors(settings: Settings) -> list[str]:
    """Who receives personal data with these settings: what the consent text must name
    (and CONSENT_VERSION must change with). Hosts only, never a password."""
    found = [f"the database at {urlsplit(settings.database_url).hostname or 'this machine'}"]
    if settings.llm_enabled:
        llm = urlsplit(settings.openai_base_url or "https://api.openai.com/v1").hostname
        voice = settings.openai_transcribe_base_url or settings.openai_base_url
        found.append(f"the LLM provider at {llm} (texts, phones and names masked)")
        found.append(
            "the transcription provider at"
            f" {urlsplit(voice or 'https://api.openai.com/v1').hostname} (voice notes)"
        )
    return found


def check_production(settings: Settings) -> None:
    """What `run` (real people) needs beyond what `chat` does: a real consent link."""
    url = settings.privacy_policy_url
    host = (urlsplit(url).hostname or "").lower()
    placeholder = host in PLACEHOLDER_HOSTS or host.endswith(
        tuple(f".{h}" for h in PLACEHOLDER_HOSTS) + PLACEHOLDER_SUFFIXES
    )
    if placeholder:
        raise ConfigError(
            f"PRIVACY_POLICY_URL is a placeholder ({url}): set the https link to your"
            " consent text, a consent to a placeholder is no consent"
        )
    if not url.startswith("https://"):
        raise ConfigError("PRIVACY_POLICY_URL must be an https:// link to the consent text")


def _firm(get: Callable[..., str | None]) -> Firm:
    site = get("FIRM_SITE") or ""
    if site and (" " in site or "." not in site):
        raise ConfigError(f"FIRM_SITE must be a site address like pravo-expert.ru, got {site!r}")
    inn = get("FIRM_INN") or ""
    if inn and not (inn.isdigit() and len(inn) in (10, 12)):
        raise ConfigError("FIRM_INN must be 10 digits (a company) or 12 (a sole trader)")
    ogrn = get("FIRM_OGRN") or ""
    if ogrn and not (ogrn.isdigit() and len(ogrn) in (13, 15)):
        raise ConfigError("FIRM_OGRN must be 13 digits (ОГРН) or 15 (ОГРНИП)")
    return Firm(
        name=get("FIRM_NAME") or "",
        site=site,
        phone=_phone("FIRM_PHONE", get("FIRM_PHONE")),
        inn=inn,
        ogrn=ogrn,
    )


def _phone(name: str, value: str | None) -> str:
    """A phone as people read it (+7 495 123-45-67); checked by phonenumbers."""
    if not value:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException as exc:
        raise ConfigError(f"{name} is not a phone number: {value!r}") from exc
    if not phonenumbers.is_valid_number(number):
        raise ConfigError(f"{name} is not a valid phone number: {value!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


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
