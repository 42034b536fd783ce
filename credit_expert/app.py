"""Wiring: settings in, a ready conversation service out. Shared by every front."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from credit_expert.config import Settings
from credit_expert.conversation import ConversationService, ConversationSettings, TurnObserver
from credit_expert.models import Writer
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import open_store
from credit_expert.store.base import Store


@dataclass
class App:
    store: Store
    writer: Writer
    service: ConversationService

    async def close(self) -> None:
        close_writer = getattr(self.writer, "close", None)
        if close_writer is not None:
            await close_writer()
        await self.store.close()


def build_writer(settings: Settings) -> Writer:
    scripted = ScriptedWriter(firm=settings.firm)
    if not settings.llm_enabled:
        return scripted
    from credit_expert.llm_writer import LLMWriter

    return LLMWriter(settings, fallback=scripted)


async def build_app(
    settings: Settings,
    observer: TurnObserver | None = None,
    variant_seed: int | None = None,
    clock: Callable[[], datetime] | None = None,
) -> App:
    """Connects and migrates the store (idempotent), picks the writer. `variant_seed`
    gives every new person the same wordings (`chat`); None: each their own. `clock`:
    `chat --now`'s (None: the real time)."""
    store = open_store(settings.database_url, timeout=settings.db_timeout)
    await store.connect()
    try:
        await store.migrate()
    except Exception:
        await store.close()
        raise
    writer = build_writer(settings)
    reconcile = None
    if settings.llm_enabled:
        from credit_expert.llm_writer import reconcile as reconcile_llm

        reconcile = reconcile_llm
    service = ConversationService(
        store,
        writer,
        ConversationSettings(
            privacy_policy_url=settings.privacy_policy_url,
            consent_version=settings.consent_version,
            max_message_chars=settings.max_message_chars,
            office_hours=settings.office_hours,
            retention_days=settings.retention_days,
            destinations=settings.crm.destinations,
            crisis_helpline=settings.crisis_helpline,
            reply_stale_minutes=settings.reply_stale_minutes,
            variant_seed=variant_seed,
            followups=settings.followups,
        ),
        observer=observer,
        reconcile=reconcile,
        clock=clock or (lambda: datetime.now(UTC)),
    )
    return App(store=store, writer=writer, service=service)
