"""Command line: run (Telegram), chat (terminal), migrate, login."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from credit_expert.config import ConfigError, load_settings

_PERSONAL_DATA_LOGGERS = (
    "aiosqlite",
    "aiomysql",
    "httpx",
    "httpx2",
    "httpcore",
    "openai",
    "telethon",
    "pymorphy3",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="credit_expert_bot.py",
        description="Кредитный эксперт Дарья: a Telegram sales assistant for debt write-off.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    chat = sub.add_parser("chat", help="talk to Daria in the terminal (no keys, no servers)")
    chat.add_argument("--json", action="store_true", help="one message per input line, JSON out")
    chat.add_argument("--user", type=int, default=None, help="continue the dialogue of this id")
    sub.add_parser("run", help="serve Telegram (bot token or user account)")
    sub.add_parser("migrate", help="create or upgrade the database schema in DATABASE_URL")
    sub.add_parser("login", help="make a TELEGRAM_SESSION string for user-account mode")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Libraries that would log SQL parameters, request bodies or message texts
    # (personal data) at DEBUG/INFO stay at WARNING whatever LOG_LEVEL says.
    for chatty in _PERSONAL_DATA_LOGGERS:
        logging.getLogger(chatty).setLevel(logging.WARNING)
    if args.command == "chat":
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    try:
        return asyncio.run(_dispatch(args, settings))
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _dispatch(args: argparse.Namespace, settings) -> int:
    from credit_expert.store.base import StoreUnavailable

    try:
        if args.command == "chat":
            from credit_expert.chat import run_chat

            return await run_chat(
                settings, json_mode=True if args.json else None, user_id=args.user
            )
        if args.command == "migrate":
            from credit_expert.store import migrate_main

            return await migrate_main(settings)
        if args.command == "run":
            from credit_expert.telegram_app import run_telegram

            return await run_telegram(settings)
        if args.command == "login":
            from credit_expert.telegram_app import login

            return await login(settings)
    except StoreUnavailable as exc:
        print(f"database error: {exc}", file=sys.stderr)
        return 3
    return 2
