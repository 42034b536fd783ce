"""The lawyer's reading of blind batch 37, in general form: a not-a-fit reply holds out no
route, an instalment asked of a bank is restructuring (never the firm's price), the consent
refusal says what the firm does with the number without overstating the law, the court offer
to a relative names the relative, and a question left last in a message is still answered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from credit_expert.models import ActKind, ObjectionKind, Topic
from credit_expert.scripted_writer import STATUTORY_WARNING, load_texts
from credit_expert.understanding import understand
from tests.reading_helpers import asked_topics as _asked
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=seed)]


def _objection(text: str) -> ObjectionKind | None:
    return next(
        (a.value for a in understand(text, None, TODAY).acts if a.kind is ActKind.OBJECTION),
        None,
    )


# ---------------------------------------------------------------- an instalment from the bank


@pytest.mark.parametrize(
    "text",
    [
        "а что тогда делать? банк может рассрочку дать?",
        "а банк мне рассрочку даст?",
        "можно попросить у банка рассрочку?",
        "в сбере отсрочку дают?",
        "мфо дают рассрочку?",
        "а рассрочку по кредиту можно как-то получить?",
        "кредитор может дать отсрочку?",
    ],
)
def test_an_instalment_asked_of_a_creditor_is_restructuring(text: str) -> None:
    assert Topic.RESTRUCTURING in _asked(text)
    assert Topic.PRICE not in _asked(text)
    assert _objection(text) is not ObjectionKind.PRICE


@pytest.mark.parametrize(
    "text",
    [
        "а у вас рассрочка есть?",
        "можно вам в рассрочку платить?",
        "рассрочку даёте?",
        "банк звонит каждый день, а у вас рассрочка есть?",
    ],
)
def test_an_instalment_asked_of_the_firm_is_still_the_price(text: str) -> None:
    assert Topic.PRICE in _asked(text) or _objection(text) is ObjectionKind.PRICE


# ---------------------------------------------------------------- the consent refused


_CONSENT_ANSWERS = (
    "consent_refused",
    "topic.consent_info",
    "answer.consent_info.short",
    "answer.consent_info.full",
    "answer.consent_leak.short",
    "answer.consent_leak.full",
)
# "так требует закон": the no-consent-no-call rule is the firm's (a call the person asks for
# has a basis of its own, 152-ФЗ art. 6 ч. 1 п. 5); "хранятся" beside "не сохраняю"
_OVERSTATED = re.compile(
    r"требует закон|закон\w* (?:\w+ )?требует|требовани\w* закона|закон разрешает|по закону"
    r"|закон\w* (?:\w+ )?(?:нельзя|запрещ)"
)


def test_the_consent_answers_say_the_firms_rule_not_a_ban_of_the_law() -> None:
    texts = load_texts()
    for key in _CONSENT_ANSWERS:
        variants = texts.get(key)
        assert variants, key
        for text in variants:
            assert not _OVERSTATED.search(text.lower()), (key, text)
            # data is never said to be kept unconditionally ("хранятся только для звонка")
            assert not re.search(r"\bхранятся\b", text), (key, text)


async def test_a_refusal_with_a_fear_of_leaks_does_not_contradict_itself(tmp_path: Path) -> None:
    turns = [
        "автокредит 900 тыс и потреб 600, 2 месяца не плачу, работаю официально 85, уфа",
        "давайте созвонимся",
        "согласие не дам, боюсь что данные утекут. просто позвоните 89603334455",
    ]
    for seed in (0, 1, 2):
        reply = (await _replies(turns, tmp_path / str(seed), seed=seed))[2]
        low = reply.lower()
        assert "не передаю" in low or "не передаём" in low, reply
        assert "звонка не будет" in low, reply
        assert not ("хранятся" in low and "не сохраня" in low), reply
        assert not _OVERSTATED.search(low), reply


# ---------------------------------------------------------------- the court offer to a relative


def test_every_court_offer_for_a_relative_names_the_relative() -> None:
    variants = load_texts().get("offer.court_relative")
    assert len(variants) == len(load_texts().get("offer.court"))
    for text in variants:
        assert "{who}" in text and not re.search(r"\bвам\b", text, re.IGNORECASE), text


@pytest.mark.parametrize(
    ("turns", "who"),
    [
        (
            [
                "пишу за маму, ей 72. у неё 3 кредита и кредитка, всего около 450 тысяч, "
                "пенсия 23 тысячи, 5 месяцев не платит",
                "мама в смоленске, квартира единственная, машины нет",
                "приставов не было, сделок не было",
                "давайте созвонимся, но звонить мне",
            ],
            "мама",
        ),
        (
            [
                "я за мужа спрашиваю. у него долгов миллиона два, 6 банков, 4 месяца не платит",
                "живём в казани, работает официально, 50 тысяч",
                "приставов нет, ничего не продавали, имущества кроме квартиры нет",
                "пусть юрист позвонит",
            ],
            "муж",
        ),
    ],
)
@pytest.mark.parametrize("seed", [0, 1])
async def test_the_court_offer_to_a_relative_is_about_the_relative(
    turns: list[str], who: str, seed: int, tmp_path: Path
) -> None:
    replies = await _replies(turns, tmp_path, seed=seed)
    offer = next(r for r in replies if "6–12 месяцев" in r and STATUTORY_WARNING in r)
    assert who in offer, offer
    assert not re.search(r"\bвам,? (?:похоже,? |скорее всего,? )?подходит", offer, re.I), offer


# ---------------------------------------------------------------- an ИП to come, asked last


@pytest.mark.parametrize(
    "text",
    [
        "ситуация такая: был ип, закрыл в 2024 году, остались долги — кредиты в 3 банках и "
        "налоговая, всего где то 1,4 млн, из них налоги тыс 280. за налоги посадить могут?? и "
        "ип потом можно будет снова открыть?",
        "закрыла ип в прошлом году, долгов 800 тысяч. что с налогами будет? и ип можно будет "
        "потом открыть заново?",
        "бывший ип, долги 1,2 млн. меня посадят? а снова зарегистрировать ип после банкротства "
        "получится?",
    ],
)
@pytest.mark.parametrize("seed", [0, 1, 2])
async def test_an_ip_to_come_beside_a_former_ip_is_answered(
    text: str, seed: int, tmp_path: Path
) -> None:
    reply = (await _replies([text], tmp_path, seed=seed))[0]
    low = reply.lower()
    # answer.company_ip: the 3-year ban is on managing a company; the ИП is the lawyer's
    assert re.search(r"\b(?:3|три|трёх|трех) (?:года|лет)\b", low), reply
    assert re.search(r"(?:открыть|регистрац\w*)[^.]{0,40}\bип\b|\bип\b[^.]{0,40}юрист", low), reply


def test_a_former_ip_told_is_no_ip_to_come() -> None:
    from credit_expert.scripted_writer import _IP_AGAIN

    for told in ("был ип, потом закрыл", "ип закрыл, потом долги остались", "ип закрыт в 2023"):
        assert not _IP_AGAIN.search(told), told
