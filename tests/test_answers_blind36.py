"""The answering side of blind batch 36 and its lawyer: alimony the person receives (never the
alimony-debt paragraph), a widow's "сколько платить, всё?" about her late husband's debts (the
heirs' answer, never the price), a serviceman at the front (`svo`), whether the relative written
for can file at the МФЦ herself, who receives the person's data, an answer after a crisis told
over, and no stock text that mentions being freed from debts. Each case in other wordings too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from credit_expert.conversation import dialogue_summary
from credit_expert.models import ActKind, SessionState, Topic
from credit_expert.scripted_writer import load_texts
from credit_expert.understanding import understand
from tests.reading_helpers import asked_topics as _asked
from tests.transcript_check import replay

TEXTS = load_texts()


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=seed)]


# --- alimony received is no alimony debt ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "одна с двумя детьми, бывший алименты платит копейки. долги ещё с декрета тянутся",
        "получаю детские пособия и алименты на детей",
        "муж бывший алименты присылает 5 тысяч, больше ничего",
        "получаем пособие и алименты, приставов нет",
    ],
)
def test_alimony_received_told_in_passing_asks_nothing(text: str) -> None:
    assert Topic.WHICH_DEBTS not in _asked(text)


@pytest.mark.parametrize(
    "text",
    ["бывший алименты платит, их не заберут?", "получаю алименты на сына, а их тронут?"],
)
def test_alimony_received_asked_of_is_kept_in_full(text: str) -> None:
    asked = _asked(text)
    assert Topic.WHICH_DEBTS not in asked and Topic.BENEFITS in asked


@pytest.mark.parametrize(
    "text",
    ["а долги по алиментам спишут?", "алименты спишут?", "я плачу алименты, их спишут?"],
)
def test_alimony_owed_is_still_which_debts(text: str) -> None:
    assert Topic.WHICH_DEBTS in _asked(text)


async def test_a_mother_receiving_alimony_hears_nothing_of_alimony_debts(
    tmp_path: Path,
) -> None:
    replies = await _replies(
        ["добрый вечер. одна с двумя детьми, бывший алименты платит копейки. долги тянутся"],
        tmp_path,
    )
    assert "не списываются" not in replies[0]


# --- a death told: "сколько платить, всё?" is the heir's question ----------------------

_DEATH = frozenset({"heirs"})


@pytest.mark.parametrize(
    "text",
    [
        "и сколько платить то, все 600??",
        "сколько мне придётся отдавать, всё?",
        "мне все его долги гасить?",
    ],
)
def test_how_much_to_pay_after_a_death_is_no_price(text: str) -> None:
    reading = understand(text, known=_DEATH)
    asked = [a.topic for a in reading.acts if a.kind is ActKind.ASK]
    assert Topic.PRICE not in asked and reading.objection is None


@pytest.mark.parametrize(
    "text", ["сколько стоят ваши услуги?", "сколько платить юристу?", "сколько стоит?"]
)
def test_the_firms_price_after_a_death_stays_the_price(text: str) -> None:
    assert Topic.PRICE in _asked(text, _DEATH)


@pytest.mark.parametrize(
    "text",
    [
        "квартиру его я у нотариуса на себя оформила, живём там с дочкой",
        "дом его мы у нотариуса оформили",
        "его долю я на себя оформила",
    ],
)
def test_the_estate_taken_in_other_words_is_the_inheritance(text: str) -> None:
    notes = [a.value for a in understand(text, known=_DEATH).acts if a.kind is ActKind.NOTE]
    assert "inheritance_accepted" in notes


async def test_the_widow_hears_the_heirs_limit_never_the_price_or_the_living_rule(
    tmp_path: Path,
) -> None:
    replies = await _replies(
        [
            "добрый вечер. муж умер в марте, после него остались кредиты в сбере и втб тысяч"
            " 600. звонят теперь мне каждый день",
            "квартиру его я у нотариуса на себя оформила, живём там с дочкой. а меня заставят"
            " платить его долги? а дочку? и сколько платить то, все 600??",
        ],
        tmp_path,
    )
    reply = replies[-1].lower()
    assert "наследств" in reply and ("в пределах" in reply or "не больше" in reply)
    assert "цен" not in reply and "пока они живы" not in reply and "живого" not in reply


# --- after a crisis told over: what to do with the debts gets a calm fact ---------------


@pytest.mark.parametrize(
    "text",
    ["что мне с долгами то делать", "что теперь с кредитами делать?", "а с долгами что делать"],
)
def test_what_to_do_with_the_debts_asks_how_it_works(text: str) -> None:
    assert Topic.HOW_IT_WORKS in _asked(text)


async def test_after_a_crisis_what_to_do_gets_the_court_fact_and_no_script(
    tmp_path: Path,
) -> None:
    replies = await _replies(
        [
            "я не знаю зачем пишу. долгов 2 миллиона 300, кредиторов 7. иногда думаю что проще"
            " не жить",
            "спасибо. я ничего с собой делать не буду, просто устал. что мне с долгами то делать",
        ],
        tmp_path,
    )
    reply = replies[-1]
    assert "арбитражн" in reply and "готовы" in reply
    assert "не хочу гадать" not in reply.lower()
    assert "?" not in reply  # no script question, no sales push


# --- 38-ФЗ: texts the same for many people never mention being freed from debts ---------

_FREED = re.compile(r"освобо\w* от долг|освобожден\w* от долг|от долгов (?:\w+ )?освобо", re.I)


@pytest.mark.parametrize("key", ["answer.how_it_works", "topic.state_program"])
def test_the_routes_are_described_without_being_freed_from_debts(key: str) -> None:
    texts = TEXTS.get(f"{key}.short") + TEXTS.get(f"{key}.full") or TEXTS.get(key)
    assert texts
    assert not [t for t in texts if _FREED.search(t)]
    assert all("арбитраж" in t.lower() for t in texts)  # still the two procedures


# --- who receives the person's data ----------------------------------------------------


def test_the_data_answer_names_lawyers_managers_russia_and_forget() -> None:
    texts = TEXTS.get("answer.consent_leak.short") + TEXTS.get("answer.consent_leak.full")
    assert texts
    for text in texts:
        low = text.lower()
        assert "только юрист" not in low  # the managers who arrange the call see it too
        assert "менеджер" in low and "росси" in low and "/forget" in low


@pytest.mark.parametrize(
    "text", ["а номер мой никуда не сольют?", "данные не утекут?", "номер не сливаете?"]
)
def test_a_leak_feared_asks_about_the_data_never_the_lawyer(text: str) -> None:
    asked = _asked(text)
    assert Topic.CONSENT_INFO in asked and Topic.OTHER not in asked


# --- written for mum: whether she can file at the МФЦ herself is about her ----------------

_FOR_MUM = frozenset({"on_behalf:parent"})


@pytest.mark.parametrize(
    "text",
    [
        "а маме можно через мфц? она сама сходит?",
        "может мама сама в мфц пойти?",
        "а она сама подаст?",
    ],
)
def test_the_relative_filing_herself_is_never_our_service_for_her(text: str) -> None:
    asked = _asked(text, _FOR_MUM)
    assert Topic.RELATIVE_SERVICE not in asked
    assert Topic.SELF_FILING in asked or Topic.MFC in asked


@pytest.mark.parametrize("text", ["брату тоже можно к вам?", "а ему самому можно к вам написать?"])
def test_another_relatives_own_case_stays_relative_service(text: str) -> None:
    assert Topic.RELATIVE_SERVICE in _asked(text)


# --- a serviceman at the front (СВО): the lawyer's note and one sentence in the offer ----


@pytest.mark.parametrize(
    "text",
    [
        "здравствуйте я пишу за мужа, он контрактник, сейчас там, сам писать не может",
        "добрый вечер. муж на сво по контракту, я одна с двумя детьми",
        "сын мобилизован, кредиты остались на нём",
        "я сейчас на СВО, жена пишет за меня",
        "брат на фронте уже год",
        "муж в зоне СВО, долги 800 тысяч",
    ],
)
def test_a_serviceman_at_the_front_is_a_note(text: str) -> None:
    notes = [a.value for a in understand(text).acts if a.kind is ActKind.NOTE]
    assert "svo" in notes


@pytest.mark.parametrize(
    "text",
    ["свои кредиты плачу сама", "сводная сестра поручитель", "свой дом, фронтон течёт"],
)
def test_no_svo_note_where_none_is_said(text: str) -> None:
    notes = [a.value for a in understand(text).acts if a.kind is ActKind.NOTE]
    assert "svo" not in notes


async def test_the_offer_names_the_svo_rights_once_and_the_card_tells_the_lawyer(
    tmp_path: Path,
) -> None:
    turns = await replay(
        {
            "turns": [
                "здравствуйте я пишу за мужа, он контрактник, сейчас там, сам писать не может",
                "у него кредитов на 1 млн 300, 4 банка, не платит уже 5 месяцев. зарплата у него"
                " 95 тыщ официально",
                "живём в хабаровске. больше ничего нет, квартира съемная",
                "приставов пока нет",
                "сделок не было",
                "давайте созвонимся, только звоните мне",
            ]
        },
        tmp_path / "x.db",
    )
    replies = [t["reply"] for t in turns]
    said = [r for r in replies if "377-ФЗ" in r]
    assert len(said) == 1 and "кредитные каникулы" in said[0]
    assert "Банкротство влечет негативные последствия" in said[0]  # it is the offer


def test_the_lead_card_tells_the_lawyer_of_the_svo() -> None:
    said = "здравствуйте я пишу за мужа, он контрактник, сейчас там"
    state = SessionState(flagged=({"value": "svo", "text": said},))
    summary = dialogue_summary(state)
    assert "СВО" in summary and "377-ФЗ" in summary and said in summary
