"""What a question asks, from blind batch 35: what the spouse earns told with the question
("муж получает около 80, это не считается?"), a relative named just before "её не заставят
платить?", the speaker's own income in reported speech ("мама говорит что её пенсию
заберут"), a relative's thing named alone ("и бабушкин дом?"); and the answer texts that
must say the word asked (a guarantee, the relatives' liability).
Each case in other wordings, and one that must not match."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from credit_expert.models import ActKind, Subject, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay

ANSWERS = tomllib.loads(
    (Path(__file__).parent.parent / "credit_expert" / "prompts" / "answers.toml").read_text(
        encoding="utf-8"
    )
)


def _asked(
    text: str, known: frozenset[str] = frozenset(), carried: Subject | None = None
) -> list[Topic]:
    read = understand(text, carried=carried, known=known)
    return [a.topic for a in read.acts if a.kind is ActKind.ASK and a.topic]


@pytest.mark.parametrize(
    "text",
    [
        "работаю в школе, зп 42 официально. муж получает больше, около 80, это не считается?",
        "муж получает около 100, это не повлияет?",
        "жена зарабатывает 60, это учитывается?",
    ],
)
def test_what_the_spouse_earns_told_with_the_question_is_the_spouses_salary(text: str) -> None:
    assert Topic.SPOUSE_SALARY in _asked(text)


def test_writing_for_a_sister_her_husbands_earnings_are_the_spouses_salary() -> None:
    text = "получает детские пособия. муж у неё получает около 100, это не повлияет?"
    assert Topic.SPOUSE_SALARY in _asked(text, carried=Subject.SIBLING)


def test_the_spouse_receiving_a_benefit_is_no_salary() -> None:
    assert Topic.SPOUSE_SALARY not in _asked("муж получает пособие по инвалидности, его тронут?")


@pytest.mark.parametrize(
    "text",
    [
        "и дочке 19 она работает, её не заставят платить?",
        "сын взрослый, его не заставят платить?",
        "а маме 70, её не обяжут гасить?",
    ],
)
def test_a_relative_named_then_a_pronoun_made_to_pay_is_their_liability(text: str) -> None:
    asked = _asked(text)
    assert Topic.CHILDREN in asked
    assert Topic.NON_PAYMENT not in asked


def test_stopping_payments_oneself_is_still_non_payment() -> None:
    assert Topic.NON_PAYMENT in _asked("а если я не буду платить, что будет?")


@pytest.mark.parametrize(
    "text",
    [
        "мама говорит что её пенсию тоже заберут если я обанкрочусь, это правда?",
        "папа сказал что его пенсию тоже заберут, правда?",
    ],
)
def test_a_relative_fearing_for_their_own_income_asks_of_the_relatives_salary(text: str) -> None:
    assert Topic.RELATIVE_SALARY in _asked(text)


def test_a_relative_threatening_the_persons_home_is_still_the_home() -> None:
    assert Topic.RELATIVE_SALARY not in _asked("бывшая говорит что квартиру отсудит, это правда?")


@pytest.mark.parametrize("text", ["и бабушкин дом?", "а мамина машина?", "и папин гараж?"])
def test_a_relatives_thing_named_alone_asks_of_their_property(text: str) -> None:
    assert _asked(text) == [Topic.RELATIVE_PROPERTY]


def test_a_relative_named_alone_without_a_thing_is_their_liability() -> None:
    assert _asked("а маме?") == [Topic.CHILDREN]


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("answer.guarantee", ("гарантий", "обещ", "суд решает", "решает суд")),
        ("answer.children", ("не отвеча", "не должн", "не обязан")),
    ],
)
def test_every_answer_variant_says_what_was_asked(key: str, words: tuple[str, ...]) -> None:
    table = ANSWERS["answer"][key.split(".", 1)[1]]
    for text in [*table["short"], *table["full"]]:
        assert any(w in text.lower() for w in words), text


# --- Second step: pressed by name, supposed death, deductions said as "резать", whether it
# "светит", "сесть за это", a feared leak, travel told, the civil service, МФЦ named ----------


async def _replies(turns: list[str], tmp_path: Path) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=0)]


def _pressed(text: str) -> tuple[Topic, ...]:
    return understand(text).pressed


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("ответьте про работу!", Topic.JOB),
        ("ответьте насчёт квартиры", Topic.FLAT),
        ("ответь же про зарплату", Topic.SALARY),
    ],
)
def test_answer_about_it_presses_the_question_named(text: str, topic: Topic) -> None:
    assert topic in _pressed(text)


def test_an_answer_about_work_told_is_no_press() -> None:
    assert _pressed("я ответила про работу начальнику") == ()


@pytest.mark.parametrize(
    "text",
    [
        "и пенсию ей перестанут резать если через мфц?",
        "зарплату перестанут резать после суда?",
        "прекратят урезать пенсию?",
    ],
)
def test_deductions_said_as_cutting_are_deductions(text: str) -> None:
    assert Topic.DEDUCTIONS in _asked(text)


@pytest.mark.parametrize(
    "text",
    ["банкротство мне светит?", "мне вообще светит банкротство?", "а процедура мне светит?"],
)
def test_whether_bankruptcy_is_in_store_asks_of_eligibility(text: str) -> None:
    assert Topic.ELIGIBILITY in _asked(text)


@pytest.mark.parametrize(
    "text",
    ["и ещё он может сесть за это?", "а я не сяду за долги?", "меня могут посадить?"],
)
def test_going_to_prison_for_it_is_the_criminal_question(text: str) -> None:
    assert Topic.CRIMINAL in _asked(text)


def test_sitting_down_somewhere_is_no_criminal_question() -> None:
    assert Topic.CRIMINAL not in _asked("можно сесть и спокойно посчитать долги?")


@pytest.mark.parametrize(
    "text",
    [
        "согласие не дам, боюсь утечки",
        "согласие не дам, боюсь утечки, у меня уже номер слили коллекторам",
        "не согласна, опасаюсь что данные сольют",
    ],
)
def test_a_leak_feared_at_the_consent_asks_what_the_consent_is_for(text: str) -> None:
    assert Topic.CONSENT_INFO in _asked(text, known=frozenset({"asked:consent"}))


def test_numbers_leaked_to_collectors_with_no_consent_talk_is_not_consent_info() -> None:
    assert Topic.CONSENT_INFO not in _asked("откуда у коллекторов мой номер?")


@pytest.mark.parametrize(
    "text",
    [
        "а кредитную историю как потом? и за границу по работе езжу часто",
        "кредитная история испортится? я часто летаю за границу",
    ],
)
def test_travel_abroad_told_beside_a_question_is_answered(text: str) -> None:
    assert Topic.TRAVEL in _asked(text)


def test_travel_abroad_long_ago_is_no_concern() -> None:
    assert Topic.TRAVEL not in _asked("кредитная история испортится? в прошлом году был в турции")


@pytest.mark.parametrize(
    "text",
    ["и её на госслужбу потом возьмут?", "на госслужбу после банкротства примут?"],
)
def test_the_civil_service_is_the_job_question(text: str) -> None:
    assert Topic.JOB in _asked(text)


@pytest.mark.parametrize("text", ["через мфц мне можно?", "мне можно через мфц?"])
def test_the_mfc_named_asks_of_the_mfc(text: str) -> None:
    asked = _asked(text)
    assert Topic.MFC in asked
    assert Topic.ELIGIBILITY not in asked


def test_a_court_named_is_still_eligibility() -> None:
    assert Topic.ELIGIBILITY in _asked("через суд мне можно?")


async def test_a_death_supposed_is_answered_with_what_heirs_owe(tmp_path: Path) -> None:
    replies = await _replies(
        ["а если с мамой что случится мне придётся её долги платить?"], tmp_path
    )
    assert "наслед" in replies[0]


async def test_a_relatives_debts_with_no_death_get_no_heirs_answer(tmp_path: Path) -> None:
    replies = await _replies(["мне придётся платить долги мамы?"], tmp_path)
    assert "не отвеча" in replies[0]
    assert "ГК РФ" not in replies[0]


async def test_refusing_an_inheritance_is_answered(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "папа умер в августе, после него остались кредиты тысяч на 500",
            "я обязана платить его долги? от наследства можно отказаться?",
        ],
        tmp_path,
    )
    assert "отказ" in replies[1].lower() and "юрист" in replies[1]


async def test_the_civil_service_is_answered_honestly(tmp_path: Path) -> None:
    replies = await _replies(
        ["пишу за дочь, долг 200 тысяч", "её на госслужбу потом возьмут?"], tmp_path
    )
    assert "госслужб" in replies[1] and "юрист" in replies[1]


async def test_an_ip_later_beside_the_director_question_is_answered(tmp_path: Path) -> None:
    replies = await _replies(
        ["меня директором оставят? долги фирмы на меня повесят? и ип потом смогу открыть?"],
        tmp_path,
    )
    assert "ИП" in replies[0]


@pytest.mark.parametrize(
    "text", ["мне его долги платить придётся?", "нам её кредиты гасить придётся?"]
)
def test_their_debts_named_before_the_verb_ask_who_pays(text: str) -> None:
    assert Topic.CHILDREN in _asked(text)


def test_own_debts_named_before_the_verb_ask_no_relatives_liability() -> None:
    assert Topic.CHILDREN not in _asked("мне мои долги платить придётся?")
