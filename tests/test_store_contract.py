"""The storage contract, run against SQLite and MariaDB alike (the `store` fixture)."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import quote, urlsplit

import pymysql
import pytest

from credit_expert.models import HistoryLine, Incoming, MessageKind, SessionState, Slots, Stage
from credit_expert.store import Store, StoreUnavailable, open_store
from credit_expert.store.base import Lead, OutboxEvent, TurnRecord
from credit_expert.store.migrations import migrations
from credit_expert.store.mysql import MySQLStore
from credit_expert.store.sqlite import SQLiteStore

T0 = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
PERSON_TABLES = ("bot_users", "bot_sessions", "bot_messages", "bot_leads", "bot_outbox")


def message(
    user_id: int, message_id: int, text: str = "Здравствуйте", seconds: int = 0
) -> Incoming:
    return Incoming(
        user_id=user_id,
        chat_id=user_id,
        message_id=message_id,
        text=text,
        at=T0 + timedelta(seconds=seconds),
        first_name="Ирина",
        username="irina_k",
    )


def turn(
    user_id: int,
    answered: tuple[int, ...],
    reply: str = "Здравствуйте! Я Дарья. Какая сумма долга?",
    state: SessionState | None = None,
    **changes,
) -> TurnRecord:
    state = state or SessionState(stage=Stage.QUALIFICATION, turns=1)
    fields = {
        "writer": "script",
        "plan": {"stage": state.stage.value, "ask": "debt_total"},
        "at": T0 + timedelta(minutes=1),
    }
    return TurnRecord(
        user_id=user_id,
        answered_ids=answered,
        reply_text=reply,
        stage=state.stage,
        state=state,
        **(fields | changes),
    )


def booked_lead(user_id: int, **changes) -> Lead:
    lead = Lead(
        user_id=user_id,
        phone="+79161234567",
        debt_total=850_000,
        creditors_count=4,
        verdict="court",
        call_time="завтра после 18:00",
        region="Москва",
        source="vk_ads",
        first_name="Ирина",
        consent_at="2025-09-15T10:05:00+00:00",
        consent_version="2025-09-01",
        summary="Долг 850 000 ₽, 4 кредитора, просрочка 7 месяцев",
    )
    return dataclasses.replace(lead, **changes)


def rows_of_person(database_url: str, user_id: int) -> dict[str, int]:
    """Counted over a separate connection: what is really in the tables."""
    queries = {
        table: f"SELECT COUNT(*) FROM {table} WHERE user_id = {user_id}" for table in PERSON_TABLES
    }
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            return {table: db.execute(sql).fetchone()[0] for table, sql in queries.items()}
    parts = urlsplit(database_url)
    with (
        closing(
            pymysql.connect(
                host=parts.hostname, port=parts.port, user="root", database=parts.path[1:]
            )
        ) as db,
        db.cursor() as cur,
    ):
        counts = {}
        for table, sql in queries.items():
            cur.execute(sql)
            counts[table] = cur.fetchone()[0]
        return counts


async def test_ping(store: Store):
    assert await store.ping() is True


async def test_a_new_person_gets_a_fresh_session(store: Store):
    assert await store.load_state(1) is None
    assert await store.record_incoming(message(1, 10), "Здравствуйте") is True
    assert await store.load_state(1) == SessionState()
    pending = await store.pending_turn(1)
    assert pending is not None
    assert pending.state == SessionState()
    assert pending.history == ()
    assert pending.chat_id == 1


async def test_a_redelivered_message_is_recorded_once(store: Store):
    assert await store.record_incoming(message(1, 10, "долг 800 тысяч"), "долг 800 тысяч")
    assert not await store.record_incoming(message(1, 10, "другой текст"), "другой текст")
    assert await store.count_messages(1) == 1
    pending = await store.pending_turn(1)
    assert [m.text for m in pending.messages] == ["долг 800 тысяч"]


async def test_the_same_message_id_of_another_person_is_a_different_message(store: Store):
    assert await store.record_incoming(message(1, 10), "a")
    assert await store.record_incoming(message(2, 10), "b")
    assert await store.count_messages(1) == 1
    assert await store.count_messages(2) == 1


async def test_stored_text_is_what_is_kept_not_the_raw_text(store: Store):
    await store.record_incoming(message(1, 10, "очень длинный текст"), "очень длинный")
    pending = await store.pending_turn(1)
    assert pending.messages[0].text == "очень длинный"


async def test_pending_turn_gathers_every_unanswered_message_oldest_first(store: Store):
    await store.record_incoming(message(1, 10, "Здравствуйте", 0), "Здравствуйте")
    state = SessionState(stage=Stage.QUALIFICATION, slots=Slots(debt_total=800_000), turns=1)
    assert await store.commit_turn(turn(1, (10,), "Добрый день! Какая сумма долга?", state))
    await store.record_incoming(message(1, 11, "800 тысяч", 60), "800 тысяч")
    voice = dataclasses.replace(message(1, 12, "", 61), kind=MessageKind.VOICE)
    await store.record_incoming(voice, "")
    await store.record_incoming(message(1, 13, "и ещё микрозаймы", 62), "и ещё микрозаймы")

    pending = await store.pending_turn(1)

    assert [m.message_id for m in pending.messages] == [11, 12, 13]
    assert [m.kind for m in pending.messages] == ["text", "voice", "text"]
    assert pending.messages[0].at == T0 + timedelta(seconds=60)
    assert pending.state == state
    assert pending.first_name == "Ирина"
    assert pending.history == (
        HistoryLine("user", "Здравствуйте"),
        HistoryLine("assistant", "Добрый день! Какая сумма долга?"),
    )


async def test_history_is_the_last_answered_messages_up_to_the_limit(store: Store):
    for n in range(4):
        await store.record_incoming(message(1, 10 + n, f"вопрос {n}", n), f"вопрос {n}")
        await store.commit_turn(turn(1, (10 + n,), f"ответ {n}"))
    await store.record_incoming(message(1, 20, "ещё вопрос", 30), "ещё вопрос")

    pending = await store.pending_turn(1, history_limit=3)

    assert pending.history == (
        HistoryLine("assistant", "ответ 2"),
        HistoryLine("user", "вопрос 3"),
        HistoryLine("assistant", "ответ 3"),
    )
    assert (await store.pending_turn(1, history_limit=0)).history == ()


async def test_a_message_written_during_a_turn_waits_for_the_next_with_the_reply_in_history(
    store: Store,
):
    await store.record_incoming(message(1, 10, "долг 800 тысяч", 0), "долг 800 тысяч")
    in_progress = await store.pending_turn(1)
    await store.record_incoming(message(1, 11, "и ещё МФО", 1), "и ещё МФО")  # mid-turn
    answered = tuple(m.message_id for m in in_progress.messages)
    await store.commit_turn(turn(1, answered, "Поняла. Сколько кредиторов?"))

    pending = await store.pending_turn(1)

    assert [m.message_id for m in pending.messages] == [11]
    assert pending.history == (
        HistoryLine("user", "долг 800 тысяч"),
        HistoryLine("assistant", "Поняла. Сколько кредиторов?"),
    )


async def test_no_pending_turn_once_everything_is_answered(store: Store):
    assert await store.pending_turn(1) is None
    await store.record_incoming(message(1, 10), "Здравствуйте")
    await store.commit_turn(turn(1, (10,)))
    assert await store.pending_turn(1) is None


async def test_an_edit_replaces_only_an_unanswered_message(store: Store):
    await store.record_incoming(message(1, 10, "долг 800"), "долг 800")
    await store.commit_turn(turn(1, (10,)))
    await store.record_incoming(message(1, 11, "кредиторов 3"), "кредиторов 3")

    assert await store.update_unanswered(1, 11, "кредиторов 4") is True
    assert await store.update_unanswered(1, 11, "кредиторов 4") is True  # same text again
    assert await store.update_unanswered(1, 10, "долг 900") is False
    assert await store.update_unanswered(1, 99, "нет такого") is False
    assert await store.update_unanswered(2, 11, "чужое") is False

    pending = await store.pending_turn(1)
    assert [m.text for m in pending.messages] == ["кредиторов 4"]
    assert pending.history[0] == HistoryLine("user", "долг 800")


async def test_commit_turn_writes_reply_state_lead_and_outbox(store: Store):
    await store.record_incoming(message(1, 10, "+7 916 123-45-67"), "+7 916 123-45-67")
    state = SessionState(stage=Stage.BOOKED, consent=True, consent_at="2025-09-15T10:05:00+00:00")
    lead = booked_lead(1)
    record = turn(
        1,
        (10,),
        "Записала! Юрист позвонит завтра после 18:00.",
        state,
        lead=lead,
        events=(OutboxEvent("lead_booked", {"user_id": 1, "phone": "+79161234567"}),),
        tokens_in=1200,
        tokens_out=80,
        latency_ms=950,
        writer="llm",
    )

    assert await store.commit_turn(record) is True

    assert await store.pending_turn(1) is None
    assert await store.count_messages(1) == 2
    assert await store.load_state(1) == state
    assert await store.get_lead(1) == lead
    due = await store.outbox_due(T0 + timedelta(minutes=2))
    assert [(item.kind, item.payload, item.attempts) for item in due] == [
        ("lead_booked", {"user_id": 1, "phone": "+79161234567"}, 0)
    ]


async def test_a_booking_change_updates_the_one_lead_row(store: Store, database_url: str):
    await store.record_incoming(message(1, 10), "a")
    await store.commit_turn(turn(1, (10,), lead=booked_lead(1)))
    await store.record_incoming(message(1, 11), "b")
    moved = booked_lead(1, call_time="в субботу утром", status="updated")
    await store.commit_turn(turn(1, (11,), lead=moved))

    assert await store.get_lead(1) == moved
    assert rows_of_person(database_url, 1)["bot_leads"] == 1
    assert await store.get_lead(2) is None


async def test_an_empty_reply_writes_no_outgoing_row_but_answers_and_saves_state(store: Store):
    await store.record_incoming(message(1, 10, "не пишите мне"), "не пишите мне")
    state = SessionState(stage=Stage.OPTED_OUT, turns=1)

    assert await store.commit_turn(turn(1, (10,), "", state, writer="none"))

    assert await store.count_messages(1) == 1
    assert await store.pending_turn(1) is None
    assert await store.load_state(1) == state


async def test_committing_the_same_turn_again_writes_nothing(store: Store):
    await store.record_incoming(message(1, 10), "Здравствуйте")
    assert await store.commit_turn(turn(1, (10,))) is True
    assert await store.commit_turn(turn(1, (10,), "второй ответ")) is False
    assert await store.count_messages(1) == 2


async def test_a_turn_is_all_or_nothing_when_the_lead_breaks_a_constraint(
    store: Store, database_url: str
):
    await store.record_incoming(message(1, 10), "Здравствуйте")
    before = rows_of_person(database_url, 1)
    broken = turn(
        1,
        (10,),
        state=SessionState(stage=Stage.BOOKED),
        lead=booked_lead(1, debt_total=-5),  # CHECK (debt_total >= 0)
        events=(OutboxEvent("lead_booked", {"user_id": 1}),),
    )

    with pytest.raises(Exception) as raised:
        await store.commit_turn(broken)
    assert not isinstance(raised.value, StoreUnavailable)

    assert rows_of_person(database_url, 1) == before
    assert [m.message_id for m in (await store.pending_turn(1)).messages] == [10]
    assert await store.load_state(1) == SessionState()
    assert await store.get_lead(1) is None
    assert await store.outbox_due(T0 + timedelta(days=1)) == []
    assert await store.commit_turn(turn(1, (10,)))  # the store is usable afterwards


async def test_a_turn_is_all_or_nothing_when_it_fails_midway(store: Store, database_url: str):
    await store.record_incoming(message(1, 10), "Здравствуйте")
    before = rows_of_person(database_url, 1)
    # The outbox payload cannot be serialised: the fault comes after the reply,
    # the answered mark, the session and the lead were already written.
    faulty = turn(
        1,
        (10,),
        lead=booked_lead(1),
        events=(OutboxEvent("lead_booked", {"at": object()}),),
    )

    with pytest.raises(TypeError):
        await store.commit_turn(faulty)

    assert rows_of_person(database_url, 1) == before
    assert (await store.pending_turn(1)).messages[0].message_id == 10
    assert await store.load_state(1) == SessionState()


async def test_forget_user_deletes_every_row_of_the_person_and_nothing_else(
    store: Store, database_url: str
):
    for user_id in (1, 2):
        await store.record_incoming(message(user_id, 10), "Здравствуйте")
        await store.commit_turn(
            turn(
                user_id,
                (10,),
                lead=booked_lead(user_id),
                events=(OutboxEvent("lead_booked", {"user_id": user_id}),),
                state=SessionState(stage=Stage.BOOKED, source="site"),
            )
        )
        await store.record_incoming(message(user_id, 11), "ещё вопрос")
    kept = rows_of_person(database_url, 2)

    await store.forget_user(1)

    assert rows_of_person(database_url, 1) == dict.fromkeys(PERSON_TABLES, 0)
    assert rows_of_person(database_url, 2) == kept
    assert all(count > 0 for count in kept.values())
    assert await store.load_state(1) is None
    assert await store.get_lead(1) is None
    assert await store.pending_turn(1) is None
    assert await store.users_with_unanswered() == [2]
    due = await store.outbox_due(T0 + timedelta(days=1))
    assert [item.payload for item in due] == [{"user_id": 2}]


async def test_a_turn_committed_after_forget_writes_nothing(store: Store, database_url: str):
    await store.record_incoming(message(1, 10, "/forget"), "/forget")
    await store.forget_user(1)
    assert await store.commit_turn(turn(1, (10,), "Удалила все ваши данные.")) is False
    assert rows_of_person(database_url, 1) == dict.fromkeys(PERSON_TABLES, 0)


async def test_rewrite_incoming_changes_only_this_persons_matching_messages(store: Store):
    await store.record_incoming(message(1, 10, "мой номер 89031112233"), "мой номер 89031112233")
    await store.record_incoming(message(1, 11, "долг 600 тысяч"), "долг 600 тысяч")
    await store.record_incoming(message(2, 10, "мой номер 89031112233"), "мой номер 89031112233")

    changed = await store.rewrite_incoming(1, lambda t: t.replace("89031112233", "[скрыт]"))

    assert changed == 1
    texts = [m.text for m in (await store.pending_turn(1)).messages]
    assert texts == ["мой номер [скрыт]", "долг 600 тысяч"]
    assert (await store.pending_turn(2)).messages[0].text == "мой номер 89031112233"


async def test_users_with_unanswered_lists_people_oldest_waiting_first(store: Store):
    assert await store.users_with_unanswered() == []
    await store.record_incoming(message(3, 10), "a")
    await store.record_incoming(message(1, 10), "b")
    await store.record_incoming(message(2, 10), "c")
    await store.record_incoming(message(3, 11), "d")
    await store.commit_turn(turn(1, (10,)))

    assert await store.users_with_unanswered() == [3, 2]


async def test_outbox_retries_until_delivered(store: Store):
    await store.record_incoming(message(1, 10), "a")
    await store.commit_turn(turn(1, (10,), events=(OutboxEvent("lead_booked", {"n": 1}),)))
    now = T0 + timedelta(minutes=2)
    [item] = await store.outbox_due(now)

    await store.outbox_failed(item.id, "HTTP 502 from the CRM webhook", now + timedelta(minutes=5))

    assert await store.outbox_due(now) == []
    [again] = await store.outbox_due(now + timedelta(minutes=5))
    assert (again.id, again.attempts) == (item.id, 1)

    await store.outbox_delivered(item.id, now + timedelta(minutes=5))

    assert await store.outbox_due(now + timedelta(days=1)) == []


async def test_a_claimed_event_is_nobody_elses_until_its_lease_ends(store: Store):
    for n in range(6):
        await store.record_incoming(message(1, 10 + n), "a")
        await store.commit_turn(turn(1, (10 + n,), events=(OutboxEvent("lead_booked", {"n": n}),)))
    now = T0 + timedelta(hours=1)
    lease = timedelta(minutes=5)

    first, second = await asyncio.gather(
        store.outbox_claim(now, lease, limit=3), store.outbox_claim(now, lease, limit=3)
    )

    claimed = [item.payload["n"] for item in first + second]
    assert sorted(claimed) == [0, 1, 2, 3, 4, 5]  # two claimers at once: no event twice
    assert await store.outbox_claim(now, lease) == []
    await store.outbox_delivered(first[0].id, now)
    back = await store.outbox_claim(now + lease, lease)
    assert len(back) == 5  # a lease that ran out (a crashed sender): delivered again


async def test_outbox_due_is_oldest_first_and_limited(store: Store):
    for n in range(5):
        await store.record_incoming(message(1, 10 + n), "a")
        await store.commit_turn(turn(1, (10 + n,), events=(OutboxEvent("ping", {"n": n}),)))
    due = await store.outbox_due(T0 + timedelta(hours=1), limit=3)
    assert [item.payload["n"] for item in due] == [0, 1, 2]


async def test_times_are_kept_as_utc_instants(store: Store):
    moscow = timezone(timedelta(hours=3))
    at = datetime(2025, 9, 15, 13, 0, 0, 123456, tzinfo=moscow)
    await store.record_incoming(dataclasses.replace(message(1, 10), at=at), "a")
    [stored] = (await store.pending_turn(1)).messages
    assert stored.at == at
    assert stored.at.tzinfo == UTC


TEXTS = {
    "russian": "Здравствуйте! У меня долг 1,5 млн ₽ по 4 кредитам, приставы списывают ½ зарплаты.",
    "emoji": "Спасибо 🙏😊 👍🏽 👨‍👩‍👧 𝕏",
    "long": "Ж" * 9_990 + "🙂" * 10,
    "sql": "'); DROP TABLE bot_messages; -- \" OR 1=1; SELECT * FROM bot_users WHERE '1'='1",
    "html": "<b>жирный</b> & <script>alert('x')</script> &amp; <a href=\"x\">",
    "escapes": "back\\slash \\n \\' %s %(name)s ? :name \x00 tab\tnew\nline",
}


@pytest.mark.parametrize("name", TEXTS)
async def test_text_roundtrips_exactly(store: Store, name: str):
    text = TEXTS[name]
    await store.record_incoming(message(1, 10, text), text)
    state = SessionState(stage=Stage.QUALIFICATION, last_reply=text, slots=Slots(region=text))
    lead = booked_lead(1, summary=text, call_time=text[:255], first_name=text[:255])
    await store.commit_turn(
        turn(
            1,
            (10,),
            text,
            state,
            lead=lead,
            events=(OutboxEvent("lead_booked", {"summary": text}),),
        )
    )
    await store.record_incoming(message(1, 11, "ещё"), "ещё")

    pending = await store.pending_turn(1)

    assert pending.history == (HistoryLine("user", text), HistoryLine("assistant", text))
    if text:
        assert await store.count_messages(1) == 3
    assert pending.state == state
    assert await store.get_lead(1) == lead
    [item] = await store.outbox_due(T0 + timedelta(days=1))
    assert item.payload == {"summary": text}
    assert await store.update_unanswered(1, 11, text)
    assert (await store.pending_turn(1)).messages[0].text == text


# --- opening and connecting ----------------------------------------------------------------


def test_open_store_picks_the_backend_from_the_url():
    assert isinstance(open_store("sqlite:///data/daria.db"), SQLiteStore)
    for scheme in ("mysql", "mysql+aiomysql", "mariadb"):
        assert isinstance(open_store(f"{scheme}://u:p@db.example:3306/daria"), MySQLStore)


async def test_sqlite_creates_the_folder_of_an_absolute_path(tmp_path):
    path = tmp_path / "deep" / "er" / "daria.db"
    store = open_store(f"sqlite:///{path}")
    await store.connect()
    await store.migrate()
    await store.close()
    assert path.exists()


async def test_sqlite_relative_path_is_relative_to_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = open_store("sqlite:///data/daria.db")
    await store.connect()
    await store.migrate()
    assert await store.schema_version() == max([1, *(m.version for m in migrations("sqlite"))])
    await store.close()
    assert (tmp_path / "data" / "daria.db").exists()


async def test_an_unreachable_mysql_names_database_url_and_hides_the_password():
    store = open_store("mysql://daria:S3cr%21t-pass@127.0.0.1:1/daria")
    with pytest.raises(StoreUnavailable) as raised:
        await store.connect()
    message_text = str(raised.value)
    assert "DATABASE_URL" in message_text
    assert "S3cr" not in message_text and "pass" not in message_text
    assert "127.0.0.1:1" in message_text


async def test_an_unopenable_sqlite_file_names_database_url(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = open_store(f"sqlite:///{blocker / 'daria.db'}")
    with pytest.raises(StoreUnavailable, match="DATABASE_URL"):
        await store.connect()


async def test_a_url_encoded_mysql_password_is_decoded(mariadb_url: str):
    password = "p@ss w:rd/?#%ёж"
    user = "daria_" + urlsplit(mariadb_url).path.rsplit("_", 1)[-1][:8]
    database = urlsplit(mariadb_url).path[1:]
    with closing(pymysql.connect(host="127.0.0.1", user="root", autocommit=True)) as admin:
        with admin.cursor() as cur:
            cur.execute("CREATE USER %s@'127.0.0.1' IDENTIFIED BY %s", (user, password))
            cur.execute(f"GRANT ALL ON `{database}`.* TO %s@'127.0.0.1'", (user,))
        try:
            store = open_store(
                f"mysql://{user}:{quote(password, safe='')}@127.0.0.1:3306/{database}"
            )
            await store.connect()
            assert await store.ping()
            await store.close()
        finally:
            with admin.cursor() as cur:
                cur.execute("DROP USER %s@'127.0.0.1'", (user,))
