"""The package installs with `pip install .`, its command runs, and the hashed lock for
deployment pins exactly what requirements.txt pins."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PURELIB = "import sysconfig; print(sysconfig.get_path('purelib'))"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", re.MULTILINE)


def pins(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}


def test_the_lock_pins_what_requirements_txt_pins_each_with_a_hash() -> None:
    lock = ROOT / "requirements.lock"
    assert pins(lock) == pins(ROOT / "requirements.txt"), (
        "requirements.lock is stale: run `bash scripts/lock.sh`"
    )
    blocks = re.split(r"\n(?=[A-Za-z])", lock.read_text(encoding="utf-8"))
    for block in blocks:
        if PIN.match(block):
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_the_dev_requirements_stay_apart_from_the_hashed_lock() -> None:
    """pip wants hashes for all or none: the dev list (no hashes) never includes the lock."""
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "requirements.lock" not in dev and "--hash" not in dev
    assert "--hash" not in (ROOT / "requirements.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install .` of a clean copy into a fresh venv. The runtime dependencies come
    from the test venv (a .pth file) so that nothing is downloaded; the package, its
    data files and its command come from the install alone."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_path('purelib'))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "test-venv-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return venv


def test_pip_install_gives_the_command_and_python_dash_m(installed: Path, tmp_path: Path) -> None:
    command = installed / "bin" / "credit-expert-bot"
    assert command.exists()
    help_text = subprocess.run(
        [str(command), "--help"], capture_output=True, text=True, cwd=tmp_path, check=True
    ).stdout
    assert "usage: credit-expert-bot" in help_text and "migrate" in help_text
    module = subprocess.run(
        [str(installed / "bin" / "python"), "-m", "credit_expert", "run", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert "PRIVACY_POLICY_URL" in module


def test_the_installed_package_declares_every_runtime_pin(installed: Path, tmp_path: Path) -> None:
    script = (
        "import importlib.metadata as m, json;print(json.dumps(m.requires('credit-expert-bot')))"
    )
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,  # not the checkout: a stale *.egg-info there would answer instead
    ).stdout
    declared = {Requirement(r).name.lower().replace("_", "-") for r in json.loads(out)}
    assert declared == set(pins(ROOT / "requirements.txt")), (
        "a pin the package does not declare: no comment after a pin in requirements.txt"
    )


def test_the_installed_package_talks_from_anywhere_with_its_own_data(
    installed: Path, tmp_path: Path
) -> None:
    """No checkout around it: texts and SQL come from inside the package, the data go to
    the user's data folder."""
    home = tmp_path / "home"
    result = subprocess.run(
        [str(installed / "bin" / "credit-expert-bot"), "chat", "--json"],
        input="Здравствуйте\n/mydata\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home)},
        timeout=60,
        check=True,
    )
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["stage"] == "greeting" and first["reply"]
    assert "храню" in second["reply"]
    assert (home / ".local" / "share" / "credit-expert-bot" / "daria.db").exists()
