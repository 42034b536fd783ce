"""A question pressed as unanswered, the firm's number asked for, a leak feared at the
consent, and the last resort that leaves nobody without an answer (blind batch 33)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from credit_expert.models import (
    ActKind,
    Ask,
    Event,
    Feeling,
    Firm,
    SessionState,
    Slots,
    Stage,
    Subject,
    Topic,
    TurnPlan,
    Understanding,
    Verdict,
    WriteRequest,
)
from credit_expert.policy import take_turn
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.understanding.asks import complains_unanswered
from credit_expert.understanding.reader import understand
from tests.transcript_check import replay

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
URL = "https://example.com/privacy"


def asks(read: Understanding) -> list[tuple[Topic | None, Subject]]:
    return [(a.topic, a.subject) for a in read.acts if a.kind is ActKind.ASK]


# --- the complaint: "вы не ответили про X" -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "known", "topic", "subject"),
    [
        # the husband's salary: the topic from X, the subject from its owner
        ("вы не ответили про зарплату мужа. у него 90 тысяч", (), Topic.SPOUSE_SALARY, "spouse"),
        # writing for the husband, "моя зарплата" is the debtor's spouse's salary, the writer's
        (
            "вы не ответили про мою зарплату. у меня 80 тыс, мне отвечать за его долги?",
            ("on_behalf:spouse",),
            Topic.SPOUSE_SALARY,
            "self",
        ),
        ("вы про мою зарплату не ответили", (), Topic.SALARY, "self"),
        ("Вы не ответили про дачу. Отберут или нет?", (), Topic.PROPERTY, "self"),
        ("я же спросила про квартиру", (), Topic.FLAT, "self"),
        ("так и не ответили — с пенсии сколько оставят?", (), Topic.SALARY, "self"),
        # a bare complaint presses the question answered last
        ("вы не ответили", ("last:travel", "answered:travel"), Topic.TRAVEL, "self"),
        ("ответьте на мой вопрос", ("last:price", "answered:price"), Topic.PRICE, "self"),
    ],
)
def test_a_complaint_that_a_question_went_unanswered_presses_it(
    text: str, known: tuple[str, ...], topic: Topic, subject: str
) -> None:
    read = understand(text, None, TODAY, None, frozenset(known))
    assert (topic, Subject(subject)) in asks(read), asks(read)
    assert topic in read.pressed


def test_the_question_asked_again_beside_the_complaint_names_it_more_precisely() -> None:
    # "про гараж" is the deal with the brother that the next sentence asks about
    read = understand(
        "вы не ответили про гараж. брату отдавать придется или нет?",
        None,
        TODAY,
        None,
        frozenset({"recent_deals", "last:deal_with_relative", "answered:deal_with_relative"}),
    )
    assert [t for t, _ in asks(read)] == [Topic.DEAL_WITH_RELATIVE]
    assert read.pressed == (Topic.DEAL_WITH_RELATIVE,)


@pytest.mark.parametrize(
    "text",
    [
        "вы не ответили",
        "вы мне так и не ответили, на работе узнают или нет?",
        "вы про машину так толком и не ответили",
        "я спросил можно её оставить или нет",
        "ответьте на вопрос",
        "я так и не поняла, пособие на ребёнка точно не тронут?",
    ],
)
def test_complaints_are_recognised(text: str) -> None:
    assert complains_unanswered(text.lower())


@pytest.mark.parametrize(
    "text",
    [
        "банк так и не ответил на заявление",
        "приставы до сих пор не сказали, сколько осталось",
        "я спрашивала в банке про реструктуризацию",
        "ответьте, пожалуйста, сколько стоит",
    ],
)
def test_someone_elses_silence_or_a_plain_question_is_no_complaint(text: str) -> None:
    assert not complains_unanswered(text.lower())
    assert not understand(text, None, TODAY, None, frozenset()).pressed


def test_a_pressed_question_is_answered_fuller_and_the_script_waits() -> None:
    # "вы не ответили про зарплату мужа" right after a message about the car: the salary
    # answer, fuller, and no script question in this reply (DOMAIN.md: listen first)
    state = SessionState(
        stage=Stage.QUALIFICATION,
        slots=Slots(debt_total=450_000, creditors_count=3),
        turns=3,
        last_ask=Ask.ENFORCEMENT,
        answered=("spouse",),
    )
    read = understand(
        "вы не ответили про зарплату мужа. у него 90 тысяч",
        Ask.ENFORCEMENT,
        TODAY,
        None,
        frozenset(),
    )
    plan = take_turn(state, read, NOW).plan
    assert plan.answers == (Topic.SPOUSE_SALARY,)
    assert plan.repeated == (Topic.SPOUSE_SALARY,)
    assert plan.ask is Ask.NOTHING


# --- a leak feared at the consent ------------------------------------------------------------


def test_a_leak_feared_at_the_consent_is_the_data_question_not_the_collectors() -> None:
    read = understand(
        "нет, согласие на обработку не дам, боюсь утечки. можно без этого?",
        Ask.CONSENT,
        TODAY,
        None,
        frozenset(),
    )
    topics = [t for t, _ in asks(read)]
    assert Topic.CONSENT_INFO in topics and Topic.NUMBER_LEAKED not in topics


def test_a_leak_of_the_number_to_collectors_stays_their_question() -> None:
    read = understand(
        "коллекторы звонят, откуда утечка моего номера?", None, TODAY, None, frozenset()
    )
    assert [t for t, _ in asks(read)] == [Topic.NUMBER_LEAKED]


def _refusal(plan_answers: tuple[Topic, ...], text: str) -> WriteRequest:
    plan = TurnPlan(
        stage=Stage.OFFER,
        previous_stage=Stage.BOOKING,
        ask=Ask.NOTHING,
        verdict=Verdict.COURT,
        events=(Event.CONSENT_REFUSED,),
        answers=plan_answers,
        feeling=Feeling.FEAR,
    )
    state = SessionState(stage=Stage.OFFER, turns=8, offered=True, consent=False)
    return WriteRequest(
        plan=plan,
        state=state,
        user_text=text,
        privacy_policy_url=URL,
        understanding=Understanding(),
    )


def test_the_leak_answer_says_what_the_data_is_for_and_how_to_delete_it() -> None:
    text = ScriptedWriter().compose(
        _refusal((Topic.CONSENT_INFO,), "нет, согласие не дам, боюсь утечки. можно без этого?")
    )
    assert "/forget" in text and "юрист" in text
    assert "коллектор" not in text.lower() and "звонят и давят" not in text
    assert "?" not in text  # the "no" is respected: no push


# --- the firm's number asked for -------------------------------------------------------------


def test_asking_for_daria_s_number_is_read_as_the_firm_contact() -> None:
    read = understand("ну тогда дайте ваш номер, мы сами позвоним", None, TODAY, None, frozenset())
    assert [t for t, _ in asks(read)] == [Topic.FIRM_CONTACT]


@pytest.mark.parametrize(
    "text", ["я сама позвоню в банк, ладно?", "а номер договора где посмотреть?"]
)
def test_calling_someone_else_or_another_number_is_not_the_firm_contact(text: str) -> None:
    read = understand(text, None, TODAY, None, frozenset())
    assert Topic.FIRM_CONTACT not in [t for t, _ in asks(read)]


def _contact(firm: Firm) -> str:
    plan = TurnPlan(
        stage=Stage.OFFER,
        previous_stage=Stage.OFFER,
        ask=Ask.NOTHING,
        verdict=Verdict.COURT,
        answers=(Topic.FIRM_CONTACT,),
    )
    state = SessionState(stage=Stage.OFFER, turns=9, offered=True, consent=False)
    request = WriteRequest(
        plan=plan, state=state, user_text="дайте ваш номер", privacy_policy_url=URL
    )
    return ScriptedWriter(firm=firm).compose(request)


def test_the_firm_contact_answer_gives_no_invented_number() -> None:
    text = _contact(Firm())
    assert "номер" in text.lower() and "согласи" in text
    assert not any(ch.isdigit() for ch in text)  # no number configured: none said


def test_the_firm_contact_answer_names_the_configured_phone_or_site() -> None:
    assert "+7 495 123-45-67" in _contact(Firm(phone="+7 495 123-45-67"))
    assert "example.ru" in _contact(Firm(site="example.ru"))


# --- the last resort ---------------------------------------------------------------------------


@pytest.mark.parametrize("stage", list(Stage))
def test_a_plan_with_nothing_to_say_still_gets_an_honest_reply(stage: Stage) -> None:
    plan = TurnPlan(stage=stage, previous_stage=stage, ask=Ask.NOTHING)
    request = WriteRequest(
        plan=plan,
        state=SessionState(stage=stage, turns=5),
        user_text="ну и что",
        privacy_policy_url=URL,
        understanding=Understanding(),
    )
    assert ScriptedWriter().compose(request).strip()


async def test_after_a_refused_consent_the_request_for_a_number_is_answered(
    tmp_path: Path,
) -> None:
    turns = await replay(
        {
            "id": "t",
            "turns": [
                "долг 750 тысяч, 3 банка, не плачу 2 месяца, работаю официально, приставов нет,"
                " ипотеки нет, сделок не было, Ростов",
                "давайте звонок",
                "нет, согласие на обработку не дам",
                "ну тогда дайте ваш номер, мы сами позвоним",
            ],
        },
        tmp_path / "t.db",
        now=NOW,
    )
    last = turns[-1]["reply"]
    assert last.strip() and "номер" in last.lower()
    assert turns[-1]["stage"] != "booking"
