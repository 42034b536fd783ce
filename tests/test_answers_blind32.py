"""The answering side of blind batch 32: price wordings (a supposition, a greeting before it,
a rough range), what to bring to the МФЦ, a bare "а гараж?", a relative guarantor's fate asked
in the same breath, stopping the collectors just answered, whether a deal told counts, a
question before "а не в банкротство", hatred of collectors as anger, and no sentence said
twice when a question or a closing comes again. Each case in other wordings too."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, Feeling, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay


def _asked(text: str, known: frozenset[str] = frozenset()) -> list[Topic]:
    return [
        a.topic for a in understand(text, known=known).acts if a.kind is ActKind.ASK and a.topic
    ]


@pytest.mark.parametrize(
    "text",
    [
        "а сколько стоило бы если бы всё таки захотел?",
        "сколько бы это стоило, если через суд?",
        "здравствуйте сколько стоят ваши услуги",
        "добрый день, сколько у вас стоит банкротство",
        "ну примерно хотя бы скажите сколько, от и до",
        "скажите хоть примерно сколько",
        "ну примерно скажите хоть вилку от и до",
    ],
)
def test_price_wordings_are_the_price(text: str) -> None:
    assert Topic.PRICE in _asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "то есть я сама могу в мфц пойти без юриста? а что с собой брать?",
        "что взять с собой в мфц?",
        "а что нужно принести?",
        "что брать с собой на приём?",
    ],
)
def test_what_to_bring_is_the_documents(text: str) -> None:
    assert Topic.DOCUMENTS in _asked(text)


@pytest.mark.parametrize("text", ["а гараж?", "а дача?", "и участок тоже?", "а гараж как?"])
def test_a_thing_named_alone_asks_its_fate(text: str) -> None:
    assert _asked(text) == [Topic.PROPERTY]


@pytest.mark.parametrize(
    "text",
    [
        "мама поручитель по одному кредиту ей что будет если я не буду платить",
        "брат поручитель по кредиту брату что грозит",
        "отец созаемщик по ипотеке ему что будет",
    ],
)
def test_a_relative_guarantors_fate_is_the_guarantor_answer(text: str) -> None:
    read = understand(text)
    assert Topic.GUARANTOR in [a.topic for a in read.acts if a.kind is ActKind.ASK]
    # the guarantee said in the same clause still reaches the lawyer
    assert any(a.kind is ActKind.NOTE and a.value == "relative_cosigner" for a in read.acts)


@pytest.mark.parametrize(
    "text", ["как их остановить вообще?", "что сделать чтобы они отстали?", "и как это прекратить?"]
)
def test_stopping_the_callers_just_answered_is_the_collectors(text: str) -> None:
    assert _asked(text, frozenset({"answered:relatives_collectors"})) == [Topic.COLLECTORS]
    assert _asked(text, frozenset({"answered:collectors"})) == [Topic.COLLECTORS]
    assert Topic.COLLECTORS not in _asked(text, frozenset({"answered:price"}))


@pytest.mark.parametrize(
    "text",
    [
        "В прошлом году продал лодку знакомому за 150, это считается?",
        "продал мотоцикл соседу в 2024, это учитывается?",
        "подарил другу ноутбук, это важно?",
    ],
)
def test_whether_a_deal_told_counts_is_the_deal_check(text: str) -> None:
    assert _asked(text) == [Topic.DEAL_CHECK]
    assert _asked("это считается?") == [Topic.OTHER]  # no deal told: the lawyer


@pytest.mark.parametrize(
    "text",
    [
        "а военным же кредитные каникулы положены может мне туда а не в банкротство?",
        "может мне реструктуризацию попросить а не в банкротство?",
    ],
)
def test_a_question_before_a_contrast_tail_is_asked(text: str) -> None:
    assert Topic.RESTRUCTURING in _asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "коллекторы звонят с 8 утра каждый день и угрожают сволочи ненавижу их",
        "ненавижу эти банки",
        "звонят уроды каждый день",
    ],
)
def test_hatred_is_anger(text: str) -> None:
    feelings = [a.value for a in understand(text).acts if a.kind is ActKind.FEELING]
    assert Feeling.ANGER.value in [str(getattr(f, "value", f)) for f in feelings]


def _sentences(text: str) -> list[str]:
    import re

    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=seed)]


@pytest.mark.parametrize("seed", [0, 1, 2])
async def test_the_price_asked_again_and_again_is_never_the_same_sentence(
    seed: int, tmp_path: Path
) -> None:
    replies = await _replies(
        [
            "скока стоит ваше банкротство",
            "ну примерно скажите хоть вилку от и до",
            "долг лям восемьсот четыре банка не плачу 10 месяцев",
            "ответьте нормально сколько стоит в рублях!",
            "а всё-таки сколько стоит?",
            "а в рассрочку можно будет?",
        ],
        tmp_path,
        seed=seed,
    )
    seen: list[str] = []
    for reply in replies:
        for sentence in _sentences(reply):
            assert sentence.lower() not in seen, (sentence, replies)
            seen.append(sentence.lower())


@pytest.mark.parametrize("seed", [0, 1])
async def test_closing_lines_are_never_said_twice_after_not_a_fit(
    seed: int, tmp_path: Path
) -> None:
    replies = await _replies(
        [
            "привет. у меня кредитка просрочена, 70 тыщ примерно",
            "просрочка месяц. банк один",
            "работаю на жд, официально, зп 65",
            "приставов нет, живу с родителями",
            "понятно",
            "ясно",
            "ок",
            "хорошо",
            "понятно спасибо",
            "ладно",
        ],
        tmp_path,
        seed=seed,
    )
    seen: list[str] = []
    for reply in replies:
        assert reply.strip(), replies
        for sentence in _sentences(reply):
            assert sentence.lower() not in seen, (sentence, replies)
            seen.append(sentence.lower())
