"""The outbox end to end: a booked lead reaches each destination exactly once, over real
HTTP (tests/fake_crm_servers.py), through failures and restarts; ids are kept; updates and
forgets go to the right id; one dead destination holds up nobody."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.destinations.amocrm import FORGOTTEN_NAME, AmoCRMDestination
from credit_expert.destinations.base import Destination
from credit_expert.destinations.bitrix24 import Bitrix24Destination
from credit_expert.destinations.webhook import WebhookDestination
from credit_expert.managers_desk import ManagersDesk
from credit_expert.metrics import TurnMetrics
from credit_expert.models import Incoming, Stage
from credit_expert.outbox import Outbox
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store, open_store
from tests.fake_crm_servers import FakeAmoCRM, FakeBitrix24, FakeServer, WebhookReceiver

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday, 12:00 in Moscow
PERSON = 42
SECRET = "a-webhook-secret-of-32-characters"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Target:
    """One destination kind: its fake server, how to make a client, what to check."""

    name: str
    server: FakeServer
    make: Callable[[FakeServer], Destination]
    count: Callable[[FakeServer], int]  # leads the CRM holds
    lose_on: str  # the request that creates the lead


def live_webhook_leads(server: FakeServer) -> int:
    assert isinstance(server, WebhookReceiver)
    events = {(b["event"], b["lead_id"]) for b in server.processed.values()}
    created = {lead for event, lead in events if event == "lead.created"}
    return len(created - {lead for event, lead in events if event == "lead.forgotten"})


def webhook_target() -> Target:
    return Target(
        "webhook",
        WebhookReceiver(SECRET),
        lambda s: WebhookDestination(s.url + "/hook", SECRET),
        live_webhook_leads,
        "/hook",
    )


def bitrix_target(mode: str) -> Target:
    return Target(
        "bitrix24",
        FakeBitrix24(),
        lambda s: Bitrix24Destination(s.webhook_url, mode),
        lambda s: len(s.items["lead" if mode == "leads" else "deal"]),
        ".add.json",
    )


def amo_target() -> Target:
    return Target(
        "amocrm",
        FakeAmoCRM(),
        lambda s: AmoCRMDestination(s.url, FakeAmoCRM.TOKEN),
        lambda s: sum(lead["name"] != FORGOTTEN_NAME for lead in s.leads.values()),
        "/complex",
    )


TARGETS = {
    "webhook": webhook_target,
    "bitrix24-leads": lambda: bitrix_target("leads"),
    "bitrix24-deals": lambda: bitrix_target("deals"),
    "amocrm": amo_target,
}


@pytest.fixture(params=list(TARGETS))
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    made = TARGETS[request.param]()
    made.server.start()
    yield made
    made.server.stop()


class Running:
    """The bot's side, which can be restarted: store, service, outbox."""

    def __init__(self, url: str, clock: Clock, destinations: list[Callable[[], Destination]]):
        self.url, self.clock, self.makers = url, clock, destinations
        self.store: Store | None = None

    async def start(self) -> Running:
        self.store = open_store(self.url)
        await self.store.connect()
        await self.store.migrate()
        self.clients = [make() for make in self.makers]
        self.metrics = TurnMetrics()
        self.outbox = Outbox(self.store, self.clients, clock=self.clock, observer=self.metrics)
        names = ("managers", *(c.name for c in self.clients))
        self.service = ConversationService(
            self.store,
            ScriptedWriter(),
            ConversationSettings("https://example.com/privacy", "2025-09-01", destinations=names),
            clock=self.clock,
        )
        return self

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def stop(self) -> None:
        for client in self.clients:
            await client.close()  # type: ignore[attr-defined]
        assert self.store is not None
        await self.store.close()

    async def says(self, n: int, text: str) -> Any:
        return await self.service.handle(
            Incoming(PERSON, PERSON, n, text, self.clock(), first_name="Ольга")
        )

    async def book(self) -> None:
        for n, text in enumerate(
            ["Долг 1,5 млн, перезвоните мне", "согласна", "+7 916 123-45-67", "завтра утром"], 1
        ):
            reply = await self.says(n, text)
        assert reply.stage is Stage.BOOKED

    async def pass_(self, name: str) -> int:
        return await self.outbox.deliver_due(name)


@pytest.fixture
async def running(database_url: str, target: Target) -> AsyncIterator[Running]:
    bot = await Running(database_url, Clock(), [lambda: target.make(target.server)]).start()
    yield bot
    await bot.stop()


async def test_a_booked_lead_lands_once_through_failures_and_restarts(
    running: Running, target: Target
) -> None:
    await running.book()
    target.server.fail_next(2)
    assert await running.pass_(target.name) == 0
    await running.restart()
    running.clock.now += timedelta(seconds=31)
    assert await running.pass_(target.name) == 0
    await running.restart()
    running.clock.now += timedelta(seconds=61)
    target.server.lose_next(1, target.lose_on)  # done there, the answer lost: no second add
    assert await running.pass_(target.name) == 0
    await running.restart()
    running.clock.now += timedelta(minutes=5)
    assert await running.pass_(target.name) == 1  # lead.created
    assert await running.pass_(target.name) == 1  # then lead.booked, in order
    running.clock.now += timedelta(days=1)
    await running.restart()
    assert await running.pass_(target.name) == 0
    assert target.count(target.server) == 1

    store = running.store
    assert store is not None
    lead_key, _ = await store.lead_state(PERSON)
    assert lead_key is not None
    refs = await store.lead_refs(lead_key, target.name)
    if target.name != "webhook":
        assert refs, "the CRM's ids are kept on the lead"

    # A manager's outcome goes to the same id.
    desk = ManagersDesk(
        store,
        _NoChat(),
        _no_send,
        destinations=running.service._settings.destinations,
        clock=running.clock,  # the test's clock: the outcome is due on it, whatever today is
    )
    await store.save_lead_refs(lead_key, "managers", {"message_id": 7}, "7", running.clock())
    assert await desk.on_outcome(7, "contract") == "Записано: договор"
    assert await running.pass_(target.name) == 1
    assert target.count(target.server) == 1
    _assert_outcome(target, refs)

    # /forget: the person's rows go, a lead.forgotten row with only the ids stays.
    await running.says(10, "/forget")
    assert await store.get_lead(PERSON) is None
    [forgotten] = [
        i for i in await store.outbox_due(running.clock()) if i.destination == target.name
    ]
    assert forgotten.kind == "lead.forgotten" and forgotten.payload == refs
    assert "916" not in str(forgotten.payload)
    target.server.fail_next(1)
    assert await running.pass_(target.name) == 0
    await running.restart()
    running.clock.now += timedelta(minutes=1)
    assert await running.pass_(target.name) == 1
    assert target.count(target.server) == 0
    _assert_forgotten(target, lead_key)


def _assert_outcome(target: Target, refs: dict[str, Any]) -> None:
    server = target.server
    if isinstance(server, WebhookReceiver):
        [updated] = [b for b in server.processed.values() if b["event"] == "lead.updated"]
        assert updated["lead"]["outcome"] == "contract"
        assert server.bad_signatures == 0
    elif isinstance(server, FakeBitrix24):
        if "lead_id" in refs:
            assert server.items["lead"][int(refs["lead_id"])].fields["STATUS_ID"] == "PROCESSED"
        else:
            assert server.items["deal"][int(refs["deal_id"])].fields["STAGE_ID"] == "WON"
    elif isinstance(server, FakeAmoCRM):
        assert server.leads[int(refs["lead_id"])]["status_id"] == 142


def _assert_forgotten(target: Target, lead_key: str) -> None:
    server = target.server
    if isinstance(server, WebhookReceiver):
        [gone] = [b for b in server.processed.values() if b["event"] == "lead.forgotten"]
        assert gone["lead"] is None and gone["lead_id"] == lead_key
    elif isinstance(server, FakeBitrix24):
        assert not any(server.items.values())
    elif isinstance(server, FakeAmoCRM):
        assert len(server.tasks) == 1


class _NoChat:
    async def send(self, text: str, **kwargs: Any) -> int:
        return 1


async def _no_send(chat_id: int, text: str) -> None:
    return None


async def test_a_dead_destination_holds_up_nobody(tmp_path) -> None:
    dead, alive = WebhookReceiver(SECRET).start(), FakeBitrix24().start()
    try:
        dead.fail_next(10_000)
        bot = Running(
            f"sqlite:///{tmp_path / 'daria.db'}",
            Clock(),
            [
                lambda: WebhookDestination(dead.url, SECRET),
                lambda: Bitrix24Destination(alive.webhook_url),
            ],
        )
        await bot.start()
        await bot.book()
        for _ in range(3):
            bot.clock.now += timedelta(hours=2)
            await bot.outbox.deliver_all_due()
        assert len(alive.items["lead"]) == 1
        assert await bot.store.outbox_backlog() == {"webhook": 2, "managers": 1}
        bot.metrics.backlog(await bot.store.outbox_backlog())
        assert (
            bot.metrics.registry.get_sample_value(
                "daria_outbox_backlog", {"destination": "webhook"}
            )
            == 2
        )
        await bot.stop()
    finally:
        dead.stop()
        alive.stop()


async def test_a_lead_forgotten_during_its_delivery_is_deleted_after_it(tmp_path) -> None:
    bot = await Running(f"sqlite:///{tmp_path / 'daria.db'}", Clock(), []).start()
    await bot.book()
    store = bot.store
    assert store is not None
    lead_key, _ = await store.lead_state(PERSON)
    assert lead_key is not None
    # The CRM's add is in flight when the person writes /forget; its answer comes after.
    await store.forget_user(PERSON, bot.clock(), ("bitrix24",))
    kept = await store.save_lead_refs(lead_key, "bitrix24", {"lead_id": "555"}, "555", bot.clock())
    assert kept is False
    due = [i for i in await store.outbox_due(bot.clock()) if i.destination == "bitrix24"]
    assert [(i.kind, i.payload) for i in due] == [
        ("lead.forgotten", {}),
        ("lead.forgotten", {"lead_id": "555"}),
    ]
    await bot.stop()


async def test_a_forget_naming_no_destination_still_reaches_those_holding_the_lead(
    tmp_path,
) -> None:
    """The retention job forgets without naming destinations: the kept ids decide."""
    bitrix = FakeBitrix24().start()
    try:
        bot = await Running(
            f"sqlite:///{tmp_path / 'daria.db'}",
            Clock(),
            [lambda: Bitrix24Destination(bitrix.webhook_url)],
        ).start()
        await bot.book()
        assert await bot.pass_("bitrix24") == 1
        store = bot.store
        assert store is not None
        await store.forget_user(PERSON, bot.clock())
        [gone] = await store.outbox_due(bot.clock())
        assert (gone.destination, gone.kind) == ("bitrix24", "lead.forgotten")
        assert await bot.pass_("bitrix24") == 1
        assert bitrix.items["lead"] == {}
        await bot.stop()
    finally:
        bitrix.stop()
