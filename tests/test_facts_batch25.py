"""Facts a lawyer's review of blind batch 25 found wrong on the lead card: a figure taken from
a neighbouring fact, a total that takes a guaranteed loan in, a figure put right within the
first message read as a correction of nothing, a refusal of consent beside a phone number."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, Ask, Subject
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


@pytest.mark.parametrize(
    "text",
    [
        "приставы по трём долгам, с карты списывают",
        "исп производства по двум делам открыты",
        "по двум листам приставы удерживают",
    ],
)
def test_a_count_of_cases_is_no_debt_in_millions(text: str) -> None:
    reading = understand(text, Ask.ENFORCEMENT, TODAY, known=frozenset({"debt:1500000"}))
    assert reading.slots.debt_total is None


@pytest.mark.parametrize(
    "text",
    [
        "вместе с братовым кредитом где то миллион двести",
        "мои 300 и ещё потреб. вместе с долгом мамы выходит 900 тыщ",
    ],
)
def test_a_total_with_the_relatives_loan_in_it_is_the_persons(text: str) -> None:
    reading = understand(text, Ask.CREDITORS, TODAY, known=frozenset({"debt:500000"}))
    total = [a for a in reading.acts if a.slot == "debt_total"]
    assert total and total[-1].subject is Subject.SELF
    assert reading.slots.debt_total in (1_200_000, 900_000)


def test_together_with_a_relative_still_reads_a_joint_income() -> None:
    reading = understand("вместе с женой получаем тысяч 100", Ask.INCOME, TODAY)
    assert reading.slots.income_monthly == 100_000
    assert reading.slots.debt_total is None


def test_a_refused_consent_with_a_number_is_a_no_not_a_correction() -> None:
    reading = understand("нет, согласия не даю. номер вот 89035556677", Ask.CONSENT, TODAY)
    assert reading.consent is False
    assert not reading.correction
    assert [a.value for a in reading.of(ActKind.ANSWER)] == ["no"]


async def test_a_count_put_right_in_the_first_message_is_a_fact(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["добрый день", "должна около миллиона, кредиторов 4, ой нет 5"]},
        tmp_path / "x.db",
    )
    acts = turns[-1]["acts"]
    assert {a["kind"] for a in acts if a.get("slot") in ("debt_total", "creditors_count")} == {
        "fact"
    }
    assert turns[-1]["slots"]["creditors_count"] == 5
    assert "поправила" not in turns[-1]["reply"].lower()


async def test_a_later_correction_stays_a_correction(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["добрый день", "кредиторов 4", "ой нет, кредиторов 5"]},
        tmp_path / "x.db",
    )
    kinds = {a["kind"] for a in turns[-1]["acts"] if a.get("slot") == "creditors_count"}
    assert kinds == {"correction"}
    assert turns[-1]["slots"]["creditors_count"] == 5


@pytest.mark.parametrize(
    "text",
    [
        "с зарплаты приставы держат 50 процентов",
        "приставы держат половину с пенсии, как быть",
    ],
)
def test_held_back_by_the_bailiffs_is_an_open_case(text: str) -> None:
    assert understand(text, Ask.SITUATION, TODAY).slots.enforcement is not None
    assert str(understand(text, Ask.SITUATION, TODAY).slots.enforcement) == "open"


def test_daria_called_daughter_is_no_relative_of_the_persons() -> None:
    reading = understand(
        "добрый день, сынок. пенсия 15 тыщ, с неё приставы удерживают", None, TODAY
    )
    enforcement = [a for a in reading.acts if a.slot == "enforcement"]
    assert enforcement and enforcement[0].subject is Subject.SELF


@pytest.mark.parametrize(
    ("text", "region"),
    [("владимир мы. а сколько ждать?", "Владимир"), ("я орёл, а что?", "Орёл")],
)
def test_an_ambiguous_town_with_only_i_or_we_beside_it_is_the_region(
    text: str, region: str
) -> None:
    assert understand(text, None, TODAY).slots.region == region


def test_moscow_in_a_time_difference_is_no_region() -> None:
    reading = understand("звоните в 10, у нас разница с Москвой 4 часа", Ask.CALL_TIME, TODAY)
    assert reading.slots.region is None


async def test_he_after_the_writers_own_words_is_the_relative_written_for(
    tmp_path: Path,
) -> None:
    turns = await replay(
        {
            "turns": [
                "здравствуйте, я по поводу мужа",
                "у него 4 банка, долг 900 тыс, не платит 5 месяцев",
                "брат его поручитель по одному кредиту, ему что будет?",
                "у меня своя зарплата, я отдельно работаю. меня не тронут?",
                "он получает 95 официально, приставов нет",
            ]
        },
        tmp_path / "x.db",
    )
    assert turns[-1]["slots"]["income_monthly"] == 95_000
