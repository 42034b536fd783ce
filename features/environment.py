"""behave hooks: every scenario talks to a fresh Daria on its own SQLite file."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path


def before_scenario(context, scenario) -> None:
    context.loop = asyncio.new_event_loop()
    context.tmpdir = Path(tempfile.mkdtemp(prefix="daria-behave-"))
    # Settings a step may change before the first message (e.g. an LLM server).
    context.env = {
        "DATABASE_URL": f"sqlite:///{context.tmpdir / 'daria.db'}",
        "PRIVACY_POLICY_URL": "https://example.com/privacy",
    }
    context.app = None
    context.user_id = 1001
    context.message_id = 0
    context.replies = []
    context.cleanups = []
    context.clock = None  # a fixed clock (chat's), set by "Допустим сейчас ..."
    context.reminders = []  # what Daria sent unasked during the last wait


def after_scenario(context, scenario) -> None:
    for cleanup in reversed(context.cleanups):
        cleanup()
    if context.app is not None:
        context.loop.run_until_complete(context.app.close())
    context.loop.close()
    shutil.rmtree(context.tmpdir, ignore_errors=True)
