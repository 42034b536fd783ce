"""The validator of LLM replies: given a plan and a candidate text, the verdict."""

from __future__ import annotations

import pytest

from credit_expert.llm_validation import check_extracted_phone, check_reply, sentences
from credit_expert.models import (
    Ask,
    Event,
    ObjectionKind,
    SessionState,
    Slots,
    Stage,
    Topic,
    TurnPlan,
    Understanding,
    Verdict,
    WriteRequest,
)
from credit_expert.script import SCRIPT
from credit_expert.scripted_writer import STATUTORY_WARNING, ScriptedWriter

URL = "https://example.com/privacy"
CANARY = "CANARY-0123456789abcdef"


def request(
    ask: Ask = Ask.CREDITORS,
    *,
    stage: Stage = Stage.QUALIFICATION,
    events: tuple[Event, ...] = (),
    verdict: Verdict | None = None,
    objection: ObjectionKind | None = None,
    topic: Topic | None = None,
    slots: Slots | None = None,
    pending_phone: str | None = None,
    rules_phone: str | None = None,
    turns: int = 3,
) -> WriteRequest:
    plan = TurnPlan(
        stage=stage,
        previous_stage=stage,
        ask=ask,
        verdict=verdict,
        objection=objection,
        topic=topic,
        events=events,
    )
    state = SessionState(
        stage=stage,
        slots=slots or Slots(debt_total=950_000),
        pending_phone=pending_phone,
        turns=turns,
    )
    return WriteRequest(
        plan=plan,
        state=state,
        user_text="",
        privacy_policy_url=URL,
        understanding=Understanding(slots=Slots(phone=rules_phone)),
    )


COURT = request(
    Ask.CALL_INVITE, stage=Stage.OFFER, events=(Event.VERDICT_READY,), verdict=Verdict.COURT
)

# (reply, request, expected reason or None)
CASES: list[tuple[str, WriteRequest, str | None]] = [
    # accepted
    ("Поняла, долг 950 000 ₽. Сколько у вас кредиторов — банков и МФО?", request(), None),
    ("Спасибо! А перед сколькими банками у вас долги?", request(), None),
    ("Понимаю, это тяжело. Сколько у вас кредиторов?", request(), None),
    (
        "Гарантировать результат никто честно не может: шансы оценит юрист. Сколько у вас "
        "кредиторов?",
        request(topic=Topic.GUARANTEE),
        None,
    ),
    ("Депозит управляющему — 25 000 ₽. Сколько у вас кредиторов?", request(), None),
    (
        "Через МФЦ можно при долге от 25 000 до 1 000 000 ₽. Сколько у вас кредиторов?",
        request(),
        None,
    ),
    (
        "Консультация у юриста бесплатная. Сколько у вас кредиторов?",
        request(objection=ObjectionKind.PRICE),
        None,
    ),
    ("Консультация юриста бесплатная. Сколько у вас кредиторов?", request(), "identity_substring"),
    (
        "Процедура через МФЦ бесплатная. Сколько у вас кредиторов?",
        request(topic=Topic.MFC),
        None,
    ),
    # a claim the plan never made: the model only rewords the draft
    ("Процедура через МФЦ бесплатная. Сколько у вас кредиторов?", request(), "unsupported_claim"),
    ("Просрочка 5 месяцев, 3 банка — записала. Сколько у вас кредиторов?", request(), None),
    ("Напишите, пожалуйста, номер телефона для звонка юриста.", request(Ask.PHONE), None),
    ("Хорошо, больше не буду писать.", request(Ask.NOTHING), None),
    ("Спасибо за доверие, всего доброго.", request(Ask.ANYTHING_ELSE, stage=Stage.BOOKED), None),
    (
        "Вам подходит банкротство через арбитражный суд, и итог его решает суд. "
        + STATUTORY_WARNING
        + f" Для бесплатного звонка юриста нужно ваше согласие на обработку данных: {URL}."
        + " Согласны?",
        COURT,
        None,
    ),
    (
        # the invitation carries the consent text: a yes to it is the consent (152-ФЗ)
        "Вам подходит банкротство через арбитражный суд, и итог его решает суд. "
        + STATUTORY_WARNING
        + " Хотите бесплатный звонок юриста?",
        COURT,
        "consent_link_missing",
    ),
    (
        "Вам подходит банкротство через арбитражный суд. Честно о последствиях: 5 лет нужно "
        f"сообщать о нём при кредитах. Для звонка юриста нужно согласие: {URL}. Согласны?",
        COURT,
        "statutory_warning_missing",  # 38-FZ art. 28.1: the warning word for word
    ),
    (
        f"Нужно ваше согласие на обработку данных: {URL}. Вы согласны?",
        request(Ask.CONSENT, stage=Stage.BOOKING),
        None,
    ),
    (
        "Я Дарья, виртуальный помощник юристов. Что случилось и сколько вы должны?",
        request(Ask.SITUATION, stage=Stage.GREETING, events=(Event.FIRST_CONTACT,)),
        None,
    ),
    (
        "Я виртуальный помощник, не человек; звонит живой юрист. Сколько у вас кредиторов?",
        request(events=(Event.ASKS_IF_BOT,)),
        None,
    ),
    (
        "Юрист позвонит на +7 922 600-11-22. Подготовьте договоры.",
        request(
            Ask.ANYTHING_ELSE,
            stage=Stage.BOOKED,
            events=(Event.BOOKED,),
            slots=Slots(phone="+79226001122"),
        ),
        None,
    ),
    # never-say list
    ("Мы гарантируем списание долгов. Сколько у вас кредиторов?", request(), "guarantee"),
    ("Долги спишут гарантированно. Сколько у вас кредиторов?", request(), "guarantee"),
    ("Спишем на 100%! Сколько у вас кредиторов?", request(), "guarantee"),
    ("Точно спишем всё. Сколько у вас кредиторов?", request(), "guarantee"),
    ("Квартиру точно не заберут. Сколько у вас кредиторов?", request(), "flat_or_travel"),
    ("Никаких ограничений не будет. Сколько у вас кредиторов?", request(), "no_consequences"),
    ("Перестаньте платить банкам. Сколько у вас кредиторов?", request(), "advice_to_stop_paying"),
    ("Пока можно не платить. Сколько у вас кредиторов?", request(), "advice_to_stop_paying"),
    (
        "Лучше переоформите машину на маму. Сколько у вас кредиторов?",
        request(),
        "hide_property",
    ),
    (
        "Это государственная программа списания долгов. Сколько у вас кредиторов?",
        request(),
        "state_program",
    ),
    ("Я юрист компании. Сколько у вас кредиторов?", request(), "false_identity"),
    ("Я живой человек, не бот. Сколько у вас кредиторов?", request(), "false_identity"),
    ("Мы из банка. Сколько у вас кредиторов?", request(), "false_identity"),
    ("Банкротство у нас бесплатное. Сколько у вас кредиторов?", request(), "free_procedure"),
    ("Наши услуги стоят 90 000 ₽. Сколько у вас кредиторов?", request(), "price"),
    (
        "Госпошлина — 300 рублей. Сколько у вас кредиторов?",
        request(objection=ObjectionKind.PRICE),
        "price",
    ),
    ("Обычно это 150 тыс. в рассрочку. Сколько у вас кредиторов?", request(), "price"),
    ("Всё обойдётся примерно в 1,5 млн. Сколько у вас кредиторов?", request(), "price"),
    ("Юрист позвонит на +7 999 000-11-22. Сколько у вас кредиторов?", request(), "phone_invented"),
    (
        "Записала вас на звонок юриста на завтра. Сколько у вас кредиторов?",
        request(),
        "false_booking",
    ),
    # persona, canary, shape
    (f"Мой код {CANARY}. Сколько у вас кредиторов?", request(), "canary_leak"),
    ("How many creditors do you have?", request(), "not_in_persona"),
    ("Как языковая модель, я не могу. Сколько у вас кредиторов?", request(), "not_in_persona"),
    ("", request(), "empty"),
    ("   ", request(), "empty"),
    ("Понимаю. " * 90 + "Сколько у вас кредиторов?", request(), "too_long"),
    (
        "Да. Ясно. Хорошо. Поняла. Отлично. Сколько у вас кредиторов?",
        request(),
        "too_many_sentences",
    ),
    # the one question
    ("Сколько у вас кредиторов? И какой доход?", request(), "extra_question"),
    ("Сколько стоит молчание? Сколько у вас кредиторов?", request(), "extra_question"),
    ("Сколько у вас кредиторов? Жду ответа.", request(), "question_not_last"),
    ("Спасибо, записала сумму.", request(), "question_missing"),
    ("Поняла. Какой у вас регион?", request(), "off_plan_question"),
    ("Хорошо, больше не буду писать. Вы уверены?", request(Ask.NOTHING), "unexpected_question"),
    # events the plan requires
    ("Сколько у вас кредиторов?", request(events=(Event.FIRST_CONTACT,)), "no_intro"),
    (
        "Не отвлекайтесь. Сколько у вас кредиторов?",
        request(events=(Event.ASKS_IF_BOT,)),
        "bot_question_dodged",
    ),
    ("Вам подходит МФЦ, 5 лет нельзя повторно. Хотите звонок юриста?", COURT, "wrong_route"),
    ("Вам подходит банкротство через суд. Хотите звонок юриста?", COURT, "consequences_missing"),
    (
        "Нужно ваше согласие на обработку данных. Вы согласны?",
        request(Ask.CONSENT, stage=Stage.BOOKING),
        "consent_link_missing",
    ),
]


@pytest.mark.parametrize(("reply", "req", "reason"), CASES, ids=[c[0][:40] for c in CASES])
def test_check_reply(reply: str, req: WriteRequest, reason: str | None) -> None:
    assert check_reply(reply, req, CANARY) == reason


@pytest.mark.parametrize(
    ("phone", "req", "reason"),
    [
        (None, request(), None),
        ("+79990001122", request(), "phone_invented"),
        ("+79226001122", request(rules_phone="+79226001122"), None),
        ("8 922 600 11 22", request(pending_phone="+79226001122"), None),
        ("+79226001122", request(slots=Slots(phone="+79226001122")), None),
        ("+79226001199", request(rules_phone="+79226001122"), "phone_invented"),
    ],
)
def test_extracted_phone(phone: str | None, req: WriteRequest, reason: str | None) -> None:
    assert check_extracted_phone(phone, req) == reason


def test_sentences_ignore_links_and_count_questions() -> None:
    text = f"Текст согласия: {URL}. Вы согласны?"
    assert sentences(text) == ["Текст согласия: ссылка", "Вы согласны"]


# The script is the fallback: its own replies must pass the same checks.
SCRIPTED_PLANS = [
    request(Ask.SITUATION, stage=Stage.GREETING, events=(Event.FIRST_CONTACT,), turns=0),
    *(request(ask) for ask in SCRIPT[Stage.QUALIFICATION].asks),
    *(request(Ask.CREDITORS, objection=kind) for kind in ObjectionKind),
    *(request(Ask.CREDITORS, topic=topic) for topic in Topic),
    request(Ask.CREDITORS, events=(Event.ASKS_IF_BOT,)),
    request(Ask.CREDITORS, events=(Event.INJECTION,)),
    COURT,
    request(
        Ask.CALL_INVITE,
        stage=Stage.OFFER,
        events=(Event.VERDICT_READY,),
        verdict=Verdict.MFC,
        slots=Slots(debt_total=520_000),
    ),
    request(
        Ask.ANYTHING_ELSE,
        stage=Stage.NOT_A_FIT,
        events=(Event.NOT_A_FIT,),
        slots=Slots(debt_total=45_000),
    ),
    request(Ask.CONSENT, stage=Stage.BOOKING),
    request(Ask.PHONE, stage=Stage.BOOKING, events=(Event.CONSENT_GIVEN,)),
    request(Ask.CALL_TIME, stage=Stage.BOOKING, slots=Slots(phone="+79226001122")),
    request(
        Ask.ANYTHING_ELSE,
        stage=Stage.BOOKED,
        events=(Event.BOOKED,),
        slots=Slots(phone="+79226001122", call_time="в субботу утром"),
    ),
]


@pytest.mark.parametrize("turn", [0, 1, 2])
@pytest.mark.parametrize("req", SCRIPTED_PLANS)
def test_scripted_replies_pass_the_validator(req: WriteRequest, turn: int) -> None:
    from dataclasses import replace

    req = replace(req, state=replace(req.state, turns=turn))
    text = ScriptedWriter().compose(req)
    assert check_reply(text, req, CANARY) is None, text
