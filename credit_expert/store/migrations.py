"""Numbered schema migrations, shared by both backends.

Version 1 is the base schema (`sql/schema.sql` for MySQL, `SCHEMA` in
sqlite.py). Every later change is a file in `sql/migrations/`:

    NNN_name.mysql.sql + NNN_name.sqlite.sql   one per dialect, or
    NNN_name.sql                               one file both run as is

The `schema_version` table holds the SET of applied numbers, not a high-water
mark: migrations numbered in different ranges by different people may land in
any order, and each one is applied exactly once, oldest number first.
Statements end with ';' at a line end (no semicolons inside comments or strings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from credit_expert.resources import resource_path

MIGRATIONS_DIR = resource_path("sql", "migrations")
BASE_VERSION = 1
DIALECTS = ("mysql", "sqlite")

_FILE = re.compile(r"^(\d{3,})_([a-z0-9_]+?)(?:\.(mysql|sqlite))?\.sql$")


class MigrationError(Exception):
    """The migrations directory is inconsistent (a missing dialect, a number used twice)."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    def statements(self) -> list[str]:
        return split_statements(self.path.read_text(encoding="utf-8"))


def split_statements(script: str) -> list[str]:
    """A SQL script cut into statements: a statement ends with ';' at a line end."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    if any(line.strip() and not line.lstrip().startswith("--") for line in current):
        statements.append("\n".join(current))
    return statements


def migrations(dialect: str, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations for one dialect, by number. Raises MigrationError on a bad directory."""
    if dialect not in DIALECTS:
        raise ValueError(dialect)
    found: dict[int, dict[str | None, Path]] = {}
    names: dict[int, str] = {}
    for path in sorted(directory.glob("*.sql")) if directory.is_dir() else []:
        match = _FILE.match(path.name)
        if match is None:
            raise MigrationError(f"{path.name}: expected NNN_name.sql or NNN_name.DIALECT.sql")
        version, name, file_dialect = int(match[1]), match[2], match[3]
        if version <= BASE_VERSION:
            raise MigrationError(f"{path.name}: version {BASE_VERSION} is sql/schema.sql")
        if names.setdefault(version, name) != name:
            raise MigrationError(f"{path.name}: number {version} is also {names[version]}")
        found.setdefault(version, {})[file_dialect] = path
    result = []
    for version, files in sorted(found.items()):
        if None in files and len(files) > 1:
            raise MigrationError(f"migration {version}: both a shared and a dialect file")
        found_path = files.get(None) or files.get(dialect)
        if found_path is None:
            raise MigrationError(f"migration {version}: no {dialect} file")
        result.append(Migration(version, names[version], found_path))
    return result


def pending(applied: set[int], available: list[Migration]) -> list[Migration]:
    """What is left to apply, oldest number first (a gap below the newest is still applied)."""
    return [m for m in available if m.version not in applied]
