"""The commands explain themselves and refuse to run wrong, each failure in one line."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pymysql
import pytest
from conftest import MARIADB_HOST, MARIADB_PORT, mariadb_admin, skip_unless_ci
from telethon.sessions import SQLiteSession

from credit_expert.cli import build_parser
from tests.transcript_check import replay

ROOT = Path(__file__).resolve().parent.parent
BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
API_HASH = "0123456789abcdef0123456789abcdef"
REAL_URL = "https://pravo-expert.ru/consent"


def cli(*args: str, env: dict[str, str], stdin: str = "", timeout: float = 60):
    """The program as an operator starts it: a fresh process, only the given settings."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": env.get("DATA_DIR", "/")}
    return subprocess.run(
        [sys.executable, str(ROOT / "credit_expert_bot.py"), *args],
        env={**base, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=env.get("DATA_DIR", "/"),
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("command", ["chat", "run", "migrate", "login"])
def test_every_command_help_says_what_it_does_and_which_settings_it_needs(command: str) -> None:
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    text = sub.format_help()
    assert len(text.splitlines()) > 5, text
    assert "settings" in text
    expected = {
        "chat": ["DATABASE_URL", "OPENAI_API_KEY", "chat.log"],
        "run": [
            "PRIVACY_POLICY_URL",
            "CREDIT_EXPERT_BOT_TOKEN",
            "TELEGRAM_SESSION",
            "TELEGRAM_API_ID",
        ],
        "migrate": ["DATABASE_URL", "utf8mb4"],
        "login": ["TELEGRAM_API_ID", "TELEGRAM_API_HASH"],
    }[command]
    for word in expected:
        assert word in text, (command, word)


def test_help_runs_as_a_program(tmp_path: Path) -> None:
    result = cli("run", "--help", env={"DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert "PRIVACY_POLICY_URL" in result.stdout and "usage: credit-expert-bot run" in result.stdout


@pytest.mark.parametrize("url", ["", "https://example.com/privacy"])  # more: test_config.py
def test_run_refuses_a_placeholder_consent_link(tmp_path: Path, url: str) -> None:
    env = {
        "DATA_DIR": str(tmp_path),
        "CREDIT_EXPERT_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_ID": "12345",
        "TELEGRAM_API_HASH": API_HASH,
        "PRIVACY_POLICY_URL": url,
    }
    result = cli("run", env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "PRIVACY_POLICY_URL" in result.stderr
    assert not (tmp_path / "daria.db").exists(), "refused before touching anything"


def test_run_refuses_the_settings_of_both_modes(tmp_path: Path) -> None:
    env = {
        "DATA_DIR": str(tmp_path),
        "PRIVACY_POLICY_URL": REAL_URL,
        "CREDIT_EXPERT_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_SESSION": "1AAAA",
        "TELEGRAM_API_ID": "12345",
        "TELEGRAM_API_HASH": API_HASH,
        "METRICS_ADDR": "127.0.0.1:0",
    }
    result = cli("run", env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "CREDIT_EXPERT_BOT_TOKEN" in result.stderr and "TELEGRAM_SESSION" in result.stderr


def test_unreachable_telegram_at_start_is_one_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    # The session file the bot would use, pointed at a closed local port.
    session = SQLiteSession(str(tmp_path / "telegram-bot-123456789"))
    session.set_dc(2, "127.0.0.1", closed_port())
    session.save()
    session.close()
    env = {
        "DATA_DIR": str(tmp_path),
        "PRIVACY_POLICY_URL": REAL_URL,
        "CREDIT_EXPERT_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_ID": "12345",
        "TELEGRAM_API_HASH": API_HASH,
        "METRICS_ADDR": "127.0.0.1:0",
        "LOG_LEVEL": "WARNING",
    }
    result = cli("run", env=env)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("telegram error: cannot reach Telegram")
    assert "ConnectionRefusedError" in lines[0], "the reason, not just the count"


def test_chat_keeps_logs_out_of_the_dialogue(tmp_path: Path) -> None:
    """An LLM that fails every turn: the warnings go to chat.log, the dialogue stays clean."""
    env = {
        "DATA_DIR": str(tmp_path),
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": f"http://127.0.0.1:{closed_port()}/v1",
        "LLM_TIMEOUT": "1",
    }
    result = cli("chat", "--json", env=env, stdin="Здравствуйте\nДолг 900 тысяч\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    turns = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(turns) == 2 and all(t["writer"] == "script" for t in turns)
    log = (tmp_path / "chat.log").read_text(encoding="utf-8")
    assert "WARNING" in log or "ERROR" in log
    assert "900" not in log, "what the person wrote never reaches a log"

    verbose = cli("chat", "--json", "--verbose", env=env, stdin="Здравствуйте\n")
    assert verbose.returncode == 0
    assert "WARNING" in verbose.stderr or "ERROR" in verbose.stderr


def test_chat_needs_no_settings_at_all(tmp_path: Path) -> None:
    result = cli("chat", "--json", env={"DATA_DIR": str(tmp_path)}, stdin="Здравствуйте\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stage"] == "greeting"
    assert (tmp_path / "daria.db").exists()


def test_migrate_creates_a_missing_database_in_utf8mb4(tmp_path: Path) -> None:
    try:
        admin = mariadb_admin()
    except pymysql.err.MySQLError as exc:
        skip_unless_ci(f"MariaDB is not reachable on {MARIADB_HOST}:{MARIADB_PORT}: {exc}")
    name = f"daria_test_{uuid.uuid4().hex[:12]}"
    url = f"mysql://root@{MARIADB_HOST}:{MARIADB_PORT}/{name}"
    try:
        first = cli("migrate", env={"DATA_DIR": str(tmp_path), "DATABASE_URL": url})
        assert first.returncode == 0, first.stderr
        assert f"database created (utf8mb4): {url}" in first.stdout
        assert "schema version" in first.stdout
        with admin.cursor() as cur:
            cur.execute(
                "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA"
                " WHERE SCHEMA_NAME = %s",
                (name,),
            )
            assert cur.fetchone() == ("utf8mb4",)
        again = cli("migrate", env={"DATA_DIR": str(tmp_path), "DATABASE_URL": url})
        assert again.returncode == 0 and "database created" not in again.stdout
    finally:
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        admin.close()


def test_telegram_refusing_the_login_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from telethon.errors import AccessTokenInvalidError

    import credit_expert.telegram_app as telegram_app
    from credit_expert.cli import main

    async def refused(settings: object) -> int:
        raise AccessTokenInvalidError(request=None)

    monkeypatch.setattr(telegram_app, "run_telegram", refused)
    for name, value in {
        "DATA_DIR": str(tmp_path),
        "PRIVACY_POLICY_URL": REAL_URL,
        "CREDIT_EXPERT_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_ID": "12345",
        "TELEGRAM_API_HASH": API_HASH,
        "LOG_LEVEL": "WARNING",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 4
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "AccessTokenInvalidError" in err[0], err


async def test_call_tz_in_chat_json_is_a_zone_never_the_local_marker(tmp_path: Path) -> None:
    """ "завтра после обеда по местному" from Новосибирск: `call_tz` is Asia/Novosibirsk (the
    README's "it follows from their city"), never the reading's internal "local"."""
    turns = await replay(
        {
            "turns": [
                "долг 1,2 млн, 5 банков",
                "я в Новосибирске. давайте созвонимся",
                "да",
                "89131234567",
                "завтра после обеда по местному",
            ]
        },
        tmp_path / "x.db",
    )
    assert turns[-1]["call_tz"] == "Asia/Novosibirsk"
