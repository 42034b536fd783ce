"""The systemd unit: systemd itself accepts every directive, and the hardening is there."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

UNIT = Path(__file__).resolve().parent.parent / "systemd" / "credit-expert-bot.service"


def directives(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z]+)=(.*)$", line.strip())
        if match:
            found.setdefault(match[1], []).append(match[2])
    return found


@pytest.fixture
def systemd_analyze(unavailable: Callable[[str], NoReturn]) -> str:
    path = shutil.which("systemd-analyze")
    if path is None:
        unavailable("systemd-analyze is not installed")
    return path


def runnable_copy(tmp_path: Path) -> Path:
    """The unit as on a server, with what only a server has (the venv, the user, the
    .env) replaced, so that every complaint left is about the unit's own directives."""
    text = UNIT.read_text()
    text = re.sub(r"(?m)^(ExecStart|ExecStartPre)=.*$", rf"\1={shutil.which('true')}", text)
    text = re.sub(r"(?m)^(User|Group)=.*$", r"\1=root", text)
    text = re.sub(r"(?m)^EnvironmentFile=.*$", "EnvironmentFile=-/nonexistent/.env", text)
    copy = tmp_path / UNIT.name
    copy.write_text(text)
    return copy


def test_systemd_accepts_every_directive(systemd_analyze: str, tmp_path: Path) -> None:
    copy = runnable_copy(tmp_path)
    result = subprocess.run(
        [systemd_analyze, "verify", str(copy)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    about_the_unit = [
        line for line in (result.stdout + result.stderr).splitlines() if UNIT.name in line
    ]
    assert result.returncode == 0, result.stderr
    assert about_the_unit == []


def test_a_typo_would_be_caught(systemd_analyze: str, tmp_path: Path) -> None:
    """The check above is not vacuous: systemd names a misspelt directive."""
    copy = runnable_copy(tmp_path)
    copy.write_text(copy.read_text().replace("ProtectHome=yes", "ProtectHom=yes"))
    result = subprocess.run(
        [systemd_analyze, "verify", str(copy)], capture_output=True, text=True, timeout=20
    )
    assert "Unknown key" in result.stderr and "ProtectHom" in result.stderr


def test_exposure_is_low(systemd_analyze: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [systemd_analyze, "security", "--offline=yes", str(runnable_copy(tmp_path))],
        capture_output=True,
        text=True,
        timeout=20,
    )
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout + result.stderr)
    assert match, result.stdout + result.stderr
    assert float(match[1]) <= 2.0


def test_service_shape_and_hardening() -> None:
    found = directives(UNIT.read_text())
    expected = {
        "Type": "notify",
        "WatchdogSec": "30",
        "Restart": "on-failure",
        "User": "credit-expert",
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "ProtectKernelTunables": "yes",
        "ProtectKernelModules": "yes",
        "ProtectControlGroups": "yes",
        "RestrictNamespaces": "yes",
        "RestrictSUIDSGID": "yes",
        "LockPersonality": "yes",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
        "CapabilityBoundingSet": "",
    }
    for name, value in expected.items():
        assert found.get(name) == [value], name
    assert found["RestartSec"]
    assert found["EnvironmentFile"] == ["/etc/credit-expert-bot/.env"]
    assert found["ExecStart"] == ["/opt/credit-expert-bot/bin/credit-expert-bot run"]
    assert found["ExecStartPre"] == ["/opt/credit-expert-bot/bin/credit-expert-bot migrate"]


def test_data_lives_in_the_state_directory_not_under_the_code() -> None:
    found = directives(UNIT.read_text())
    assert found["StateDirectory"] == ["credit-expert-bot"]
    assert found["StateDirectoryMode"] == ["0700"]
    assert "ReadWritePaths" not in found, "ProtectSystem=strict + StateDirectory= is enough"


# Every secret the program reads: each must come as a credential, never only from the .env.
SECRETS = (
    "TELEGRAM_SESSION",
    "CREDIT_EXPERT_BOT_TOKEN",
    "TELEGRAM_API_HASH",
    "OPENAI_API_KEY",
    "DATABASE_PASSWORD",
    "WEBHOOK_SECRET",
    "BITRIX24_WEBHOOK_URL",
    "AMOCRM_TOKEN",
)


def test_every_secret_is_a_credential_named_like_its_variable() -> None:
    loaded = dict(line.split(":", 1) for line in directives(UNIT.read_text())["LoadCredential"])
    assert set(loaded) == set(SECRETS)
    for name, source in loaded.items():
        # a bare name is looked up in /etc/credstore and skipped when missing (optional secrets)
        assert source == f"credit-expert-bot.{name}", name


def test_the_program_reads_the_credentials_the_unit_passes(tmp_path: Path) -> None:
    from credit_expert.config import load_settings

    (tmp_path / "OPENAI_API_KEY").write_text("sk-credential")
    (tmp_path / "DATABASE_PASSWORD").write_text("secret")
    settings = load_settings(
        {"CREDENTIALS_DIRECTORY": str(tmp_path), "DATABASE_URL": "mysql://daria@db/daria"},
        dotenv=False,
    )
    assert settings.openai_api_key == "sk-credential"
    assert settings.database_url == "mysql://daria:secret@db/daria"
