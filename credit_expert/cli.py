"""Command line: run (Telegram), chat (terminal), migrate, report, login.

Installed as the `credit-expert-bot` command and `python -m credit_expert`;
`python credit_expert_bot.py` in a checkout is the same program.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from credit_expert.config import (
    ConfigError,
    Settings,
    check_production,
    load_settings,
    processors,
)

PROG = "credit-expert-bot"

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

_COMMON_SETTINGS = """\
settings (environment or .env; secrets also as systemd credentials):
  DATABASE_URL        sqlite:///path.db or mysql://user:password@host:3306/db
                      (default: daria.db in the data folder)
  DATA_DIR            the data folder (default: data/ of a checkout, $STATE_DIRECTORY
                      under systemd, else ~/.local/share/credit-expert-bot)"""

_WRITER_SETTINGS = """\
  OPENAI_API_KEY      enables the LLM writer (empty: the offline script answers)
  OPENAI_BASE_URL, OPENAI_MODEL, LLM_TIMEOUT
  PRIVACY_POLICY_URL  the consent text's link, CONSENT_VERSION its version
  FIRM_NAME, FIRM_SITE, FIRM_PHONE, FIRM_INN, FIRM_OGRN   the firm Daria names"""

_COMMANDS: dict[str, tuple[str, str, str]] = {
    "chat": (
        "talk to Daria in the terminal (no keys, no servers)",
        "Talk to Daria in the terminal as a person in debt would. With --json (or when\n"
        "stdin is not a terminal) every input line is one message and every turn prints\n"
        "one JSON object. Logs go to chat.log in the data folder, never into the dialogue.\n"
        "QA can let time pass: --now fixes the clock, and the line /_wait 1d (2h, 30m)\n"
        "moves it forward and prints the follow-ups and call reminders sent meanwhile.",
        f"{_COMMON_SETTINGS}\n{_WRITER_SETTINGS}\n\nNo setting is required.",
    ),
    "run": (
        "serve Telegram (bot token or user account)",
        "Serve real people on Telegram until SIGTERM; migrates the database at start.\n"
        "Refuses to start with a placeholder PRIVACY_POLICY_URL or the settings of both\n"
        "modes; exits non-zero when Telegram or the database cannot be reached.",
        f"{_COMMON_SETTINGS}\n{_WRITER_SETTINGS}\n"
        "  CREDIT_EXPERT_BOT_TOKEN   bot mode (from @BotFather), or\n"
        "  TELEGRAM_SESSION          user-account mode (printed by `login`)\n"
        "  TELEGRAM_API_ID, TELEGRAM_API_HASH   both modes, from https://my.telegram.org\n"
        "  MANAGERS_CHAT_ID    where lead cards go\n"
        "  OFFICE_HOURS, UNATTENDED_LEAD_MINUTES   when lawyers call; reminder after N min\n"
        "  WEBHOOK_URL, WEBHOOK_SECRET             lead events as signed JSON\n"
        "  BITRIX24_WEBHOOK_URL, BITRIX24_MODE     Bitrix24 (leads or deals)\n"
        "  AMOCRM_BASE_URL, AMOCRM_TOKEN, AMOCRM_PIPELINE_ID, AMOCRM_STATUS_ID   amoCRM\n"
        "  METRICS_ADDR        /healthz and /metrics (default 127.0.0.1:9108)\n"
        "  RETENTION_DAYS      dialogues without a booking are deleted after this (90)\n"
        "  FOLLOWUP_DELAYS_DAYS, FOLLOWUP_PAUSE_MINUTES   reminders people agreed to (1,3; 30)\n\n"
        "Required: PRIVACY_POLICY_URL (a real https link), one mode's Telegram settings.",
    ),
    "migrate": (
        "create the database if missing, create or upgrade its schema",
        "Create the database named in DATABASE_URL when it does not exist (MySQL:\n"
        "utf8mb4), then create or upgrade the schema; safe to run again. Prints what\n"
        "it did in one line.",
        f"{_COMMON_SETTINGS}\n"
        "  DATABASE_PASSWORD   the MySQL password, if not in DATABASE_URL (a credential)",
    ),
    "report": (
        "the funnel report: stages, objections, questions, sources, calls, LLM, variants",
        "Read the dialogues started in a period and print the funnel report: dialogues\n"
        "at each stage and the conversion between stages, objections and how often the\n"
        "dialogue still booked, the questions asked most, the verdicts, lead sources,\n"
        "median time to booking, follow-ups, call outcomes, the LLM's share, fallbacks,\n"
        "tokens and cost per booked lead, and which reply variants book better.\n"
        "DATE is YYYY-MM-DD, a day in the zone of OFFICE_HOURS; --until is inclusive.\n"
        "--png and --html need the optional package matplotlib.",
        f"{_COMMON_SETTINGS}\n"
        "  OFFICE_HOURS        its time zone is the report's (default Europe/Moscow)\n"
        "  LLM_PRICE_PER_1K_IN, LLM_PRICE_PER_1K_OUT   rubles per 1 000 tokens (cost)",
    ),
    "login": (
        "make a TELEGRAM_SESSION string for user-account mode",
        "Log in to a Telegram account interactively (phone, code, 2FA password) and\n"
        "print the TELEGRAM_SESSION=... line to put into the settings. It is a full\n"
        "login to the account: never share or commit it.",
        "settings:\n  TELEGRAM_API_ID, TELEGRAM_API_HASH   from https://my.telegram.org (required)",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Кредитный эксперт Дарья: a Telegram sales assistant for debt write-off.",
        epilog=f"`{PROG} COMMAND --help` tells what a command does and which settings it needs.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = {}
    for name, (short, description, settings) in _COMMANDS.items():
        commands[name] = sub.add_parser(
            name,
            help=short,
            description=description,
            epilog=settings,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    chat = commands["chat"]
    chat.add_argument("--json", action="store_true", help="one message per input line, JSON out")
    chat.add_argument("--user", type=int, default=None, help="continue the dialogue of this id")
    chat.add_argument("--verbose", action="store_true", help="logs to stderr instead of chat.log")
    chat.add_argument(
        "--seed",
        type=int,
        default=0,
        help="variant seed of a new person: which wordings Daria uses (default 0, the"
        " reference ones; the same seed replays the same replies)",
    )
    chat.add_argument(
        "--now",
        type=_moment,
        default=None,
        metavar="ISO-TIME",
        help="fix the clock (e.g. 2026-03-02T19:30+03:00; no zone: UTC); /_wait 1d, 2h or"
        " 30m moves it forward and prints what Daria would send meanwhile",
    )
    report = commands["report"]
    report.add_argument("--since", metavar="DATE", help="first day (default: the first dialogue)")
    report.add_argument("--until", metavar="DATE", help="last day, inclusive (default: today)")
    report.add_argument("--csv", metavar="FILE", type=Path, help="every figure as CSV rows")
    report.add_argument("--png", metavar="FILE", type=Path, help="the funnel and objections chart")
    report.add_argument("--html", metavar="FILE", type=Path, help="one self-contained page")
    return parser


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO time: {text!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "run":
            from credit_expert.telegram_app import check_telegram_settings

            check_production(settings)
            check_telegram_settings(settings)  # before anything is logged or opened
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings, args)
    try:
        return asyncio.run(_dispatch(args, settings))
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def configure_logging(settings: Settings, args: argparse.Namespace) -> None:
    """stderr (the journal under systemd); for `chat`, a file: a log line in the middle
    of the dialogue would read as if Daria said it."""
    handler: logging.Handler
    if args.command == "chat" and not args.verbose:
        handler = _chat_log(settings.data_dir / "chat.log")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # Libraries that would log SQL parameters, request bodies or message texts
    # (personal data) at DEBUG/INFO stay at WARNING whatever LOG_LEVEL says.
    for chatty in _PERSONAL_DATA_LOGGERS:
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))


def _chat_log(path: Path) -> logging.Handler:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return logging.NullHandler()  # a read-only folder must not stop the dialogue


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from credit_expert.store.base import StoreUnavailable

    try:
        if args.command == "chat":
            from credit_expert.chat import run_chat

            return await run_chat(
                settings,
                json_mode=True if args.json else None,
                user_id=args.user,
                seed=args.seed,
                now=args.now,
            )
        if args.command == "report":
            from credit_expert.report_charts import ChartsUnavailable
            from credit_expert.report_command import ReportRequest, parse_day, run_report

            request = ReportRequest(
                since=parse_day("--since", args.since),
                until=parse_day("--until", args.until),
                csv=args.csv,
                png=args.png,
                html=args.html,
            )
            try:
                return await run_report(settings, request)
            except ChartsUnavailable as exc:
                print(f"report error: {exc}", file=sys.stderr)
                return 2
        if args.command == "migrate":
            from credit_expert.store import migrate_main

            return await migrate_main(settings)
        if args.command == "run":
            return await _run(settings)
        if args.command == "login":
            from credit_expert.telegram_app import login

            return await login(settings)
    except StoreUnavailable as exc:
        print(f"database error: {exc}", file=sys.stderr)
        return 3
    return 2


class ConnectAttempts(logging.Filter):
    """Keeps telethon's "Attempt N at connecting failed" lines out of the log, remembering
    the last: an unreachable Telegram is then one line with the reason, not six."""

    def __init__(self) -> None:
        super().__init__()
        self.last: str | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Attempt ") and "at connecting failed" in str(record.msg):
            self.last = record.getMessage().split("failed: ", 1)[-1]
            return False
        return True


async def _run(settings: Settings) -> int:
    from telethon.errors import RPCError

    from credit_expert.telegram_app import run_telegram

    logging.getLogger(__name__).info(
        "personal data go to: %s; the consent text (version %s) must name them",
        "; ".join(processors(settings)),
        settings.consent_version,
    )
    attempts = ConnectAttempts()
    sender = logging.getLogger("telethon.network.mtprotosender")
    sender.addFilter(attempts)
    try:
        return await run_telegram(settings)
    except (ConnectionError, TimeoutError, asyncio.IncompleteReadError) as exc:
        # Telegram unreachable at start (a firewall, no network, a proxy cutting the
        # stream): the reason in one line, and systemd's Restart= tries again later.
        reason = str(exc) or type(exc).__name__
        if attempts.last:
            reason += f" (last: {attempts.last})"
        print(f"telegram error: cannot reach Telegram: {reason}", file=sys.stderr)
        return 4
    except RPCError as exc:
        # Telegram answered but refused (a revoked token, a banned account): one line
        # naming Telegram's reason, no traceback.
        print(f"telegram error: Telegram refused: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 4
    finally:
        sender.removeFilter(attempts)
