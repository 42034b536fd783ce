"""Steps that read like the sales script: a person writes, Daria answers."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

from behave import given, then, when

from credit_expert.app import build_app
from credit_expert.config import load_settings
from credit_expert.models import Ask, Event, Incoming

ASK_NAMES = {
    "ситуацию": Ask.SITUATION,
    "сумму долга": Ask.DEBT_TOTAL,
    "кредиторов": Ask.CREDITORS,
    "просрочку": Ask.MONTHS_OVERDUE,
    "приставов": Ask.ENFORCEMENT,
    "доход": Ask.INCOME,
    "имущество": Ask.PROPERTY,
    "ипотеку": Ask.MORTGAGE,
    "сделки": Ask.DEALS,
    "регион": Ask.REGION,
    "звонок юриста": Ask.CALL_INVITE,
    "согласие": Ask.CONSENT,
    "телефон": Ask.PHONE,
    "время звонка": Ask.CALL_TIME,
    "остались ли вопросы": Ask.ANYTHING_ELSE,
}

FORBIDDEN = re.compile(
    r"гарантир|100\s?%|точно спиш|государственн\w* программ|перестаньте платить|не платите"
    r"|(?<!\w)я (юрист|человек)\b|точно не заберут|точно выпустят|никаких ограничений",
    re.IGNORECASE,
)


def run(context, coroutine):
    return context.loop.run_until_complete(coroutine)


def app(context):
    if context.app is None:
        settings = load_settings(env=context.env, dotenv=False)
        # The reference wordings (variant seed 0, as `chat` replays): a scenario quotes them.
        clock = context.clock.now if context.clock is not None else None  # reminder steps
        context.app = run(context, build_app(settings, variant_seed=0, clock=clock))
    return context.app


def last(context):
    assert context.replies, "Дарья ещё ничего не ответила"
    return context.replies[-1]


@given("новый клиент открывает чат с Дарьей")
def new_person(context) -> None:
    app(context)


@given('клиент уже рассказал: "{text}"')
@when('клиент пишет "{text}"')
def person_writes(context, text: str) -> None:
    context.message_id += 1
    incoming = Incoming(
        user_id=context.user_id,
        chat_id=context.user_id,
        message_id=context.message_id,
        text=text,
        at=context.clock.now() if context.clock is not None else datetime.now(UTC),
    )
    context.replies.append(run(context, app(context).service.handle(incoming)))


@when("клиент пишет длинное сообщение из {count:d} символов")
def person_writes_long(context, count: int) -> None:
    person_writes(context, ("долг " + "я" * count)[:count])


@when("клиент пишет по очереди")
def person_writes_lines(context) -> None:
    for row in context.table:
        person_writes(context, row[0])


@when("то же сообщение приходит ещё раз")
def duplicate_arrives(context) -> None:
    incoming = Incoming(
        user_id=context.user_id,
        chat_id=context.user_id,
        message_id=context.message_id,
        text="повтор",
        at=datetime.now(UTC),
    )
    context.replies.append(run(context, app(context).service.handle(incoming)))


@then("Дарья отвечает")
def daria_answers(context) -> None:
    reply = last(context)
    assert reply is not None and reply.text.strip(), "пустой ответ"


@then("Дарья представляется виртуальным помощником")
def daria_introduces(context) -> None:
    assert "Дарья" in last(context).text and "виртуальн" in last(context).text


# The words each question must contain, whoever wrote it (script or LLM), kept apart
# from the script's table: a question text swapped in the table fails here.
QUESTION_WORDS = {
    Ask.SITUATION: r"случил|произош",
    Ask.DEBT_TOTAL: r"сумм|сколько[^?]*должн",
    Ask.CREDITORS: r"кредитор|банк|МФО",
    Ask.MONTHS_OVERDUE: r"просрочк|платеж",
    Ask.ENFORCEMENT: r"пристав|исполнительн",
    Ask.INCOME: r"доход|работаете|пенси",
    Ask.PROPERTY: r"имуществ|собственност",
    Ask.MORTGAGE: r"ипотек",
    Ask.DEALS: r"продавал|дарил|сделк|переоформ",
    Ask.REGION: r"город|регион",
    Ask.CALL_INVITE: r"юрист|консультац",
    Ask.CONSENT: r"соглас",
    Ask.PHONE: r"номер|телефон",
    Ask.CALL_TIME: r"когда|время|удобн",
    Ask.ANYTHING_ELSE: r"вопрос|помочь",
}


@then("Дарья спрашивает {what}")
def daria_asks(context, what: str) -> None:
    reply = last(context)
    assert reply is not None
    expected = ASK_NAMES[what.strip('"')]
    assert reply.plan.ask is expected, f"спросила {reply.plan.ask}, а не {expected}"
    assert reply.text.count("?") <= 1, f"больше одного вопроса: {reply.text}"
    question = reply.text  # the sentence with the question mark, when there is one
    for sentence in re.split(r"(?<=[.!])\s+", reply.text):
        if "?" in sentence:
            question = sentence
    assert re.search(QUESTION_WORDS[expected], question, re.IGNORECASE), (
        f"в вопросе нет слов про «{what}»: {question}"
    )


@then("Дарья говорит, что в номере ошибка")
def daria_says_phone_is_wrong(context) -> None:
    reply = last(context)
    assert reply.plan.has(Event.INVALID_PHONE), "номер с ошибкой не распознан как ошибка"
    assert re.search(r"ошибк|не получается распознать|не хватает", reply.text, re.I), reply.text


@then("Дарья говорит, что это не её тема")
def daria_says_off_topic(context) -> None:
    reply = last(context)
    assert reply.plan.has(Event.OFF_TOPIC), "вопрос не по теме не распознан"
    assert re.search(r"не подскажу|не моя тема|только (с|по) долг", reply.text, re.I), reply.text


@then('этап разговора "{stage}"')
def stage_is(context, stage: str) -> None:
    reply = last(context)
    assert reply is not None and reply.stage.value == stage, reply and reply.stage


@then("долг записан как {amount:d} ₽")
def debt_is(context, amount: int) -> None:
    assert last(context).state.slots.debt_total == amount, last(context).state.slots


@then('маршрут "{route}"')
def route_is(context, route: str) -> None:
    verdict = last(context).plan.verdict
    assert verdict is not None and verdict.value == route, verdict


@then('распознано возражение "{kind}"')
def objection_is(context, kind: str) -> None:
    objection = last(context).plan.objection
    assert objection is not None and objection.value == kind, objection


@then('телефон записан как "{phone}"')
def phone_is(context, phone: str) -> None:
    assert last(context).state.slots.phone == phone
    lead = run(context, app(context).store.get_lead(context.user_id))
    assert lead is not None and lead.phone == phone


@then("телефон не сохранён")
def phone_not_stored(context) -> None:
    reply = last(context)
    assert reply.state.slots.phone is None and reply.state.pending_phone is None
    assert run(context, app(context).store.get_lead(context.user_id)) is None
    # ... and not in the stored messages either: read them through the rewrite hook,
    # changing nothing.
    stored: list[str] = []
    run(
        context,
        app(context).store.rewrite_incoming(
            context.user_id, lambda text: stored.append(text) or text
        ),
    )
    assert stored, "сообщения клиента не сохранены"
    digits = ["".join(ch for ch in text if ch.isdigit()) for text in stored]
    assert not any(re.search(r"\d{10}", d) for d in digits), "номер остался в сообщениях"


@then("номер ждёт согласия и не записан в заявку")
def phone_waits_for_consent(context) -> None:
    reply = last(context)
    assert reply.state.slots.phone is None and reply.state.pending_phone
    assert run(context, app(context).store.get_lead(context.user_id)) is None


@then("заявка передана менеджерам")
def lead_handed_off(context) -> None:
    due = run(context, app(context).store.outbox_due(datetime.now(UTC), 10))
    assert [item.kind for item in due] == ["lead.booked"], due
    assert due[0].payload["phone"] == last(context).state.slots.phone


@then('в ответе есть "{text}"')
def reply_contains(context, text: str) -> None:
    assert text.lower() in last(context).text.lower(), last(context).text


@then('в ответе нет "{text}"')
def reply_lacks(context, text: str) -> None:
    assert text.lower() not in last(context).text.lower(), last(context).text


@then("в ответе есть ссылка на согласие")
def reply_has_consent_link(context) -> None:
    assert context.env["PRIVACY_POLICY_URL"] in last(context).text


@then("Дарья молчит")
def daria_is_silent(context) -> None:
    reply = last(context)
    assert reply is None or reply.text == "", reply.text


@then("в базе не осталось данных клиента")
def nothing_stored(context) -> None:
    store = app(context).store
    assert run(context, store.count_messages(context.user_id)) == 0
    assert run(context, store.load_state(context.user_id)) is None
    assert run(context, store.get_lead(context.user_id)) is None


@then("ни в одном ответе нет обещаний и запретных слов")
def nothing_forbidden(context) -> None:
    for reply in context.replies:
        if reply is None:
            continue
        found = FORBIDDEN.search(reply.text)
        assert found is None, f"«{found and found.group(0)}» в ответе: {reply.text}"


@then("каждый ответ содержит не больше одного вопроса")
def one_question_each(context) -> None:
    for reply in context.replies:
        if reply is not None:
            assert reply.text.count("?") <= 1, reply.text


@then("ни один ответ не повторяет предыдущий")
def no_repeats(context) -> None:
    texts = [r.text for r in context.replies if r is not None and r.text]
    for before, after in itertools.pairwise(texts):
        first = {s for s in re.split(r"(?<=[.!?])\s+", before) if len(s) > 20}
        second = {s for s in re.split(r"(?<=[.!?])\s+", after) if len(s) > 20}
        assert not first & second, f"повтор: {first & second}"
