"""The offline writer: every plan gets honest Russian words, one question at most."""

from __future__ import annotations

import dataclasses
import itertools
import re

import pytest

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
from credit_expert.scripted_writer import (
    STATUTORY_WARNING,
    ScriptedWriter,
    describe_facts,
    load_texts,
    plural,
)

WRITER = ScriptedWriter()
URL = "https://example.com/privacy"

# Never said, per the domain brief (advertising law, honesty).
FORBIDDEN = re.compile(
    r"гарантир|100\s?%|точно спиш|государственн\w* программ|перестаньте платить|не платите"
    r"|(?<!\w)я (юрист|человек)\b|точно не заберут|точно выпустят|никаких ограничений|сделки никто",
    re.IGNORECASE,
)


def request(plan: TurnPlan, slots: Slots | None = None, last_reply: str = "", turns: int = 3):
    state = SessionState(
        stage=plan.stage, slots=slots or Slots(), turns=turns, last_reply=last_reply
    )
    return WriteRequest(plan=plan, state=state, user_text="", privacy_policy_url=URL)


def plan(ask: Ask, **kw) -> TurnPlan:
    stage = kw.pop("stage", Stage.QUALIFICATION)
    return TurnPlan(stage=stage, previous_stage=stage, ask=ask, **kw)


def test_every_text_in_the_prompts_is_free_of_forbidden_claims() -> None:
    for key, variants in load_texts().variants.items():
        for text in variants:
            assert not FORBIDDEN.search(text), (key, text)


# Sales QA checks replies as plain lowercase substrings, so even innocent words must not
# contain these ("консультация юриста" contains "я юрист").
QA_SUBSTRINGS = ("я юрист", "я человек", "я живой", "я — юрист", "100%", "гарантируем")


def test_no_text_contains_what_qa_searches_for_even_inside_other_words() -> None:
    for key, variants in load_texts().variants.items():
        for text in variants:
            for needle in QA_SUBSTRINGS:
                assert needle not in text.lower(), (key, needle, text)


def test_every_question_text_has_exactly_one_question_mark_or_none() -> None:
    for key, variants in load_texts().variants.items():
        for text in variants:
            limit = 1 if key.startswith(("ask.", "ask_for.", "confirm.conflict")) else 0
            assert text.count("?") <= limit, (key, text)


@pytest.mark.parametrize(
    ("ask", "objection", "topic"),
    list(
        itertools.product(
            [a for a in Ask if a is not Ask.NOTHING],
            [None, *ObjectionKind],
            [None, Topic.FLAT, Topic.TRAVEL],
        )
    ),
)
def test_any_plan_gets_a_reply_with_at_most_one_question(ask, objection, topic) -> None:
    text = WRITER.compose(request(plan(ask, objection=objection, topic=topic)))
    assert text.strip()
    assert text.count("?") <= 1, text
    assert not FORBIDDEN.search(text), text


def test_consent_question_carries_the_link() -> None:
    text = WRITER.compose(request(plan(Ask.CONSENT, stage=Stage.BOOKING)))
    assert URL in text


def test_offer_names_the_route_and_its_consequences() -> None:
    court = WRITER.compose(
        request(
            plan(
                Ask.CALL_INVITE,
                stage=Stage.OFFER,
                verdict=Verdict.COURT,
                events=(Event.VERDICT_READY,),
            )
        )
    )
    mfc = WRITER.compose(
        request(
            plan(
                Ask.CALL_INVITE,
                stage=Stage.OFFER,
                verdict=Verdict.MFC,
                events=(Event.VERDICT_READY,),
            )
        )
    )
    assert "арбитражн" in court and STATUTORY_WARNING in court
    assert "МФЦ" in mfc and "бесплатн" in mfc and STATUTORY_WARNING in mfc
    assert "спишут" not in court + mfc and "списываются" not in court + mfc


def test_booked_confirms_phone_and_time_and_asks_nothing() -> None:
    slots = Slots(phone="+79226001122", call_time="в субботу утром")
    text = WRITER.compose(
        request(plan(Ask.ANYTHING_ELSE, stage=Stage.BOOKED, events=(Event.BOOKED,)), slots)
    )
    assert "+7 922 600-11-22" in text and "в субботу утром" in text
    assert "?" not in text


def test_the_same_sentence_is_not_sent_twice_in_a_row() -> None:
    p = plan(Ask.CREDITORS, objection=ObjectionKind.PRICE)
    first = WRITER.compose(request(p, turns=4))
    second = WRITER.compose(request(p, turns=4, last_reply=first))
    sentences = lambda t: {s for s in re.split(r"(?<=[.!?])\s+", t) if s}  # noqa: E731
    assert first != second
    assert not {s for s in sentences(first) & sentences(second) if len(s) > 30}


def test_silent_plan_says_nothing() -> None:
    assert WRITER.compose(request(plan(Ask.NOTHING, stage=Stage.OPTED_OUT, silent=True))) == ""


def test_forgotten_confirms_and_asks_nothing() -> None:
    text = WRITER.compose(request(plan(Ask.NOTHING, events=(Event.FORGOTTEN,), forget=True)))
    assert "удалила" in text and "?" not in text


def test_declining_the_call_is_respected() -> None:
    req = request(plan(Ask.CALL_INVITE, stage=Stage.OFFER))
    req = WriteRequest(
        plan=req.plan,
        state=SessionState(stage=Stage.OFFER, last_ask=Ask.CALL_INVITE, turns=5),
        user_text="нет",
        privacy_policy_url=URL,
        understanding=Understanding(yes=False),
    )
    text = WRITER.compose(req)
    assert "ни к чему" in text and text.count("?") == 1
    assert "Хотите, чтобы юрист" not in text  # the "no" is respected, not asked again


def test_facts_are_acknowledged_in_plain_russian() -> None:
    slots = Slots(debt_total=1_750_000, creditors_count=4, months_overdue=8, region="Самара")
    facts = describe_facts(slots, ("debt_total", "creditors_count", "months_overdue", "region"))
    assert facts == "долг 1 750 000 ₽, 4 кредитора, просрочка 8 месяцев, регион — Самара"


@pytest.mark.parametrize(
    ("count", "word"),
    [
        (1, "кредитор"),
        (3, "кредитора"),
        (5, "кредиторов"),
        (11, "кредиторов"),
        (21, "кредитор"),
        (22, "кредитора"),
        (14, "кредиторов"),
    ],
)
def test_russian_plurals(count: int, word: str) -> None:
    assert plural(count, "кредитор", "кредитора", "кредиторов") == word


def test_thinking_it_over_at_the_booking_is_not_pushed() -> None:
    text = WRITER.compose(
        request(plan(Ask.CONSENT, stage=Stage.BOOKING, objection=ObjectionKind.THINK))
    )
    assert "Вы согласны" not in text and "Даёте согласие" not in text
    assert text.count("?") == 1 and text.count("ни к чему") == 1


def test_explaining_the_consent_asks_again_briefly_with_the_link() -> None:
    text = WRITER.compose(request(plan(Ask.CONSENT, stage=Stage.BOOKING, topic=Topic.CONSENT_INFO)))
    assert "персональных данных (152-ФЗ)" in text and URL in text  # the firm's rule
    assert text.count(URL) == 1 and len(text) < 450


def test_an_injection_gets_one_refusal_not_two() -> None:
    text = WRITER.compose(request(plan(Ask.DEBT_TOTAL, events=(Event.INJECTION, Event.OFF_TOPIC))))
    assert "внутренние" in text and "не подскажу" not in text and "не моя тема" not in text


@pytest.mark.parametrize(
    ("said", "note"),
    [
        ("/start vk-debt2026-story", False),  # an ad's deep link: a payload, not English
        ("/start site-button-main-page", False),
        ("Hello, I have debts and need help please", True),
    ],
)
def test_the_english_note_answers_english_not_a_start_payload(said: str, note: bool) -> None:
    base = request(plan(Ask.DEBT_TOTAL, stage=Stage.GREETING))
    req = WriteRequest(plan=base.plan, state=base.state, user_text=said, privacy_policy_url=URL)
    english = set(load_texts().get("english"))
    assert any(v in WRITER.compose(req) for v in english) is note


async def test_the_english_note_is_said_once_not_on_every_english_message(tmp_path) -> None:
    from tests.transcript_check import replay

    english = [s.lower()[:30] for s in load_texts().get("english")]
    turns = await replay(
        {
            "turns": [
                "Hi, sorry I write in English, I have debts in Russian banks",
                "3 banks, no payments for 8 months, what can I do?",
                "How long does it take and can I travel abroad?",
            ]
        },
        tmp_path / "en.db",
    )
    notes = [any(e in t["reply"].lower() for e in english) for t in turns]
    assert notes == [True, False, False]
    assert all(t["reply"].strip() for t in turns)  # still answered, in Russian


async def test_the_routes_named_in_an_answer_carry_the_statutory_warning(tmp_path) -> None:
    from credit_expert.scripted_writer import STATUTORY_WARNING
    from tests.transcript_check import replay

    turns = await replay(
        {"turns": ["Здравствуйте, можно как-то списать долги?"]}, tmp_path / "w.db"
    )
    reply = turns[0]["reply"]
    assert "МФЦ" in reply and STATUTORY_WARNING in reply
    assert reply.rstrip().endswith("?")  # the script question stays last


async def test_the_warning_with_the_routes_is_said_once_not_on_every_such_answer(tmp_path) -> None:
    from credit_expert.scripted_writer import STATUTORY_WARNING
    from tests.transcript_check import replay

    dialogue = {"turns": ["можно как-то списать долги?", "а мне можно обанкротиться вообще?"]}
    turns = await replay(dialogue, tmp_path / "w2.db")
    assert [STATUTORY_WARNING in t["reply"] for t in turns] == [True, False]
    assert "МФЦ" in turns[1]["reply"]  # the routes named again, the warning not repeated


@pytest.mark.parametrize(
    ("topic", "objection"),
    [(Topic.SALARY, None), (Topic.DEDUCTIONS, None), (None, ObjectionKind.PRICE)],
)
def test_over_the_mfc_limit_no_answer_holds_out_the_mfc(topic, objection) -> None:
    """Over 1 000 000 ₽ the МФЦ is no route: its clause ("а через МФЦ удержания на полгода
    прекращаются", "при долге до 1 000 000 ₽ иногда подходит МФЦ") is left out."""
    answers = (topic,) if topic else ()
    for turn in range(6):
        state = SessionState(
            stage=Stage.QUALIFICATION,
            slots=Slots(debt_total=1_600_000, benefits="pension"),
            turns=turn,
        )
        the_plan = plan(Ask.NOTHING, answers=answers, objection=objection)
        reply = WRITER.compose(
            WriteRequest(plan=the_plan, state=state, user_text="", privacy_policy_url=URL)
        )
        assert reply and "мфц" not in reply.lower() and "внесудеб" not in reply.lower(), reply
        assert reply[0].isupper(), reply


def _said(*texts: str) -> tuple[str, ...]:
    from credit_expert.scripted_writer import sentence_digests

    return tuple(d for t in texts for d in sentence_digests(t))


def test_the_offer_does_not_warn_of_the_mortgaged_flat_again_once_answered() -> None:
    """ "ипотечную квартиру заберут?" answered: the offer does not send the warning again."""
    texts = load_texts()
    for turn in range(4):
        answered = texts.get("answer.mortgage_flat.short")[turn % 3]
        state = SessionState(
            stage=Stage.OFFER,
            slots=Slots(debt_total=4_300_000, mortgage=True),
            turns=turn,
            sent=_said(answered),
        )
        the_plan = plan(
            Ask.CALL_INVITE, stage=Stage.OFFER, verdict=Verdict.COURT, events=(Event.VERDICT_READY,)
        )
        reply = WRITER.compose(
            WriteRequest(plan=the_plan, state=state, user_text="", privacy_policy_url=URL)
        )
        assert not any(r in reply for r in texts.get("risk.mortgage_flat")), reply
        fresh = dataclasses.replace(state, sent=())
        reply = WRITER.compose(
            WriteRequest(plan=the_plan, state=fresh, user_text="", privacy_policy_url=URL)
        )
        assert any(r in reply for r in texts.get("risk.mortgage_flat")), reply  # said once


def test_asked_if_the_mfc_is_free_the_mfc_answer_says_it_once() -> None:
    state = SessionState(
        stage=Stage.QUALIFICATION, slots=Slots(debt_total=480_000, enforcement="closed")
    )
    price_mfc = load_texts().get("answer.price_mfc.short")
    alone = plan(Ask.NOTHING, answers=(Topic.PRICE,), verdict=Verdict.MFC)
    reply = WRITER.compose(
        WriteRequest(plan=alone, state=state, user_text="", privacy_policy_url=URL)
    )
    assert any(t in reply for t in price_mfc), reply  # asked alone: the МФЦ is free
    both = plan(Ask.NOTHING, answers=(Topic.MFC, Topic.PRICE), verdict=Verdict.MFC)
    reply = WRITER.compose(
        WriteRequest(plan=both, state=state, user_text="", privacy_policy_url=URL)
    )
    assert not any(t in reply for t in price_mfc), reply
    assert "бесплат" in reply


def test_a_topic_answered_before_and_only_touched_on_now_is_not_said_again() -> None:
    """ "приставы по алиментам есть" after "алименты спишут?" was answered: no list again."""
    the_plan = plan(Ask.PROPERTY, topic=Topic.WHICH_DEBTS)
    first = SessionState(stage=Stage.QUALIFICATION, turns=5)
    reply = WRITER.compose(
        WriteRequest(plan=the_plan, state=first, user_text="", privacy_policy_url=URL)
    )
    assert "алимент" in reply.lower(), reply  # the first time, said
    again = dataclasses.replace(first, answered=("which_debts",))
    reply = WRITER.compose(
        WriteRequest(plan=the_plan, state=again, user_text="", privacy_policy_url=URL)
    )
    assert "алимент" not in reply.lower(), reply
