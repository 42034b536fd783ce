"""Steps for reminders: the clock is fixed and moved forward as `chat --now` and /_wait do."""

from __future__ import annotations

from datetime import datetime, timedelta

from behave import given, then, when
from dialogue_steps import app, run

from credit_expert.chat import ChatClock, ChatSession
from credit_expert.scripted_writer import STATUTORY_WARNING

UNITS = {
    "минут": timedelta(minutes=1),
    "час": timedelta(hours=1),
    "часа": timedelta(hours=1),
    "часов": timedelta(hours=1),
    "день": timedelta(days=1),
    "дня": timedelta(days=1),
    "дней": timedelta(days=1),
}


@given('сейчас "{moment}"')
def fixed_clock(context, moment: str) -> None:
    context.clock = ChatClock(datetime.fromisoformat(moment))


@when("проходит {count:d} {unit}")
def time_passes(context, count: int, unit: str) -> None:
    service = app(context).service
    session = ChatSession(app(context), context.user_id, context.clock)

    async def wait() -> list[str]:
        # What the dialogue already answered went out: only reminders are collected here.
        for outgoing in await service.claim_replies(context.user_id, timedelta(minutes=1)):
            await service.reply_sent(outgoing.id, None)
        waited = await session.wait(count * UNITS[unit])
        return [text for _, text in waited.sent]

    context.reminders = run(context, wait())


@then("Дарья напомнила {count:d} раз")
def reminded(context, count: int) -> None:
    assert len(context.reminders) == count, context.reminders


@then("Дарья ничего не прислала")
def nothing_sent(context) -> None:
    assert context.reminders == [], context.reminders


@then('в напоминании есть "{text}"')
def reminder_contains(context, text: str) -> None:
    assert context.reminders, "напоминаний не было"
    assert text.lower() in context.reminders[-1].lower(), context.reminders[-1]


@then("в напоминании есть предупреждение о последствиях банкротства")
def reminder_warns(context) -> None:
    assert context.reminders, "напоминаний не было"
    assert STATUTORY_WARNING in context.reminders[-1], context.reminders[-1]


@then('время звонка в заявке "{text}"')
def call_time_on_the_lead(context, text: str) -> None:
    lead = run(context, app(context).store.get_lead(context.user_id))
    assert lead is not None and lead.call_time == text, lead
