"""Facts read from one message: what blind batch 38 showed the reader misread.

Each case is the general form of a miss: a dead relative's debts detailed in the sentence after
the one that tells them ("муж умер… у него кредиты оказались. сбер и втб где то 600") stay the
relative's, never the heir's own total."""

from __future__ import annotations

import pytest

from credit_expert.models import ActKind, Ask, Enforcement, Subject
from credit_expert.understanding import understand
from tests.understanding_examples import TODAY

# ---------------------------------------------------------------- a dead relative's debts


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "у меня муж умер в августе а у него кредиты оказались я даже не знала. сбер и втб"
            " где то 600 с чем то тысяч. звонят теперь мне каждый день",
            Subject.SPOUSE,
        ),
        ("папа умер весной, после него долги остались. тысяч 400 в альфе", Subject.PARENT),
        ("мама скончалась, у нее были кредиты. сбер 200 тыс и втб 150", Subject.PARENT),
    ],
)
def test_a_dead_relatives_debts_detailed_after_are_theirs(text: str, who: Subject) -> None:
    reading = understand(text, None, TODAY)
    assert reading.slots.debt_total is None
    assert reading.slots.creditors_count is None
    facts = [a for a in reading.acts if a.kind is ActKind.FACT and a.slot == "debt_total"]
    assert facts and all(a.subject is who for a in facts)


def test_the_heirs_own_debts_told_after_stay_theirs() -> None:
    text = "муж умер, у него кредиты на 600 тысяч. а у меня своя кредитка, 40 тысяч"
    assert understand(text, None, TODAY).slots.debt_total == 40000


def test_the_heirs_own_debts_said_with_svoi_stay_theirs() -> None:
    text = "у папы после смерти остались кредиты тысяч на 300. и свои у меня есть, примерно 650 тыс"
    assert understand(text, None, TODAY).slots.debt_total == 650000


# ---------------------------------------------------------------- "их N" right after the noun


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("набрала микрозаймов их 8 штук всего тыщ 180", 8),
        ("микрозаймов их 8", 8),
        ("банков их 3", 3),
        ("должна банкам 1 400 000, их 4 и ещё одна мфо", 5),
    ],
)
def test_their_count_right_after_the_noun_is_counted_once(text: str, count: int) -> None:
    assert understand(text, None, TODAY).slots.creditors_count == count


# ---------------------------------------------------------------- "у меня 700, кредиты в 3 банках"


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("у него тоже долги. у меня где-то 700 с чем-то, кредиты в 3 банках", 700000),
        ("у меня 450, кредиты в сбере и втб", 450000),
        ("на мне около 300, займы и кредитка", 300000),
    ],
)
def test_my_bare_sum_before_the_loans_it_is_made_of_is_the_debt(text: str, total: int) -> None:
    assert understand(text, None, TODAY).slots.debt_total == total


@pytest.mark.parametrize("text", ["мне 45, кредиты в 3 банках", "у меня 3, кредиты в 3 банках"])
def test_an_age_or_a_small_figure_before_the_loans_is_no_debt(text: str) -> None:
    assert understand(text, None, TODAY).slots.debt_total is None


# ---------------------------------------------------------------- the zone said before the time


@pytest.mark.parametrize(
    "text", ["по местному после 19, раньше на смене", "по местному после 19", "у нас после 19"]
)
def test_a_zone_said_before_the_only_time_keeps_the_time(text: str) -> None:
    assert understand(text, Ask.CALL_TIME, TODAY).slots.call_time == "после 19:00"


def test_a_time_restated_in_the_local_zone_is_still_one_time() -> None:
    reading = understand("с 10 до 12 по москве, у нас это с 12 до 2", Ask.CALL_TIME, TODAY)
    assert reading.slots.call_time == "с 10:00 до 12:00"


# ---------------------------------------------------------------- bailiffs "ведут производство"


@pytest.mark.parametrize(
    "text",
    [
        "приставы с 2024 года производство ведут, взыскать ничего не могут",
        "приставы ведут производство с прошлого года",
    ],
)
def test_bailiffs_conducting_a_case_is_open_enforcement(text: str) -> None:
    assert understand(text, None, TODAY).slots.enforcement is Enforcement.OPEN


@pytest.mark.parametrize("text", ["приставы не ведут производство", "производство не ведут"])
def test_bailiffs_not_conducting_a_case_is_no_open_enforcement(text: str) -> None:
    assert understand(text, None, TODAY).slots.enforcement is not Enforcement.OPEN
