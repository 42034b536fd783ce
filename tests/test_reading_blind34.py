"""Facts read from one message: what blind batch 34 showed the reader misread.

Each case is the general form of a miss: the unit said before its figure ("миллиона два"),
a thing the writer holds beside the relative's case, a place taken back in the same message,
an ИП closed (no bailiffs' case), a debt looked up for the relative, a share inherited in the
home, counts said in words, slang pay, third-person overdue, official income denied."""

from __future__ import annotations

import pytest

from credit_expert.models import ActKind, Ask, Enforcement, Subject
from credit_expert.understanding import understand
from credit_expert.understanding.numbers import parse_amount
from tests.understanding_examples import TODAY

# ---------------------------------------------------------------- the unit before the figure


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("миллиона два", 2_000_000),
        ("миллиона три с половиной", 3_500_000),
        ("миллионов пять", 5_000_000),
        ("ляма 2", 2_000_000),
        ("миллиона полтора", 1_500_000),
        ("тысяч триста", 300_000),
        # not inverted: the thousands after a million, or something counted after the figure
        ("лям двести", 1_200_000),
        ("миллиона 300 тысяч", 1_300_000),
        ("миллиона два банка", 1_000_000),
        ("миллиона 2 года", 1_000_000),
    ],
)
def test_the_unit_said_first_counts_the_figure_after_it(text: str, amount: int) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    "text",
    [
        "долгов у него миллиона два наверно, он сам толком не знает, кредиторов штук семь",
        "у папы долгов миллиона два, кредиторов семь",
    ],
)
def test_millions_said_backwards_beside_other_facts_are_the_debt(text: str) -> None:
    reading = understand(text, None, TODAY, Subject.PARENT, frozenset({"on_behalf:parent"}))
    debt = next(a for a in reading.acts if a.slot == "debt_total")
    assert debt.value == 2_000_000


# ---------------------------------------------------------------- the writer's own thing

_FOR_FATHER = frozenset({"on_behalf:parent"})


@pytest.mark.parametrize(
    "text",
    [
        "и машина ещё, она на мне, а ездит он. её не тронут?",
        "гараж ещё, но он мой, папа им только пользуется",
        "дача есть, она на меня оформлена",
    ],
)
def test_a_thing_the_writer_holds_is_not_the_relatives_property(text: str) -> None:
    reading = understand(text, None, TODAY, Subject.PARENT, _FOR_FATHER)
    assert reading.slots.extra_property is None
    assert not [a for a in reading.acts if a.slot == "extra_property"]


def test_the_relatives_own_thing_is_still_theirs() -> None:
    reading = understand("и машина ещё, она на нём", None, TODAY, Subject.PARENT, _FOR_FATHER)
    assert reading.slots.extra_property is True


# ---------------------------------------------------------------- a place taken back


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("живёт в перми. хотя нет, он в краснокамске, это под пермью", "Краснокамск"),
        ("живу в перми, вернее в краснокамске", "Краснокамск"),
        ("я из самары, точнее из тольятти", "Тольятти"),
        ("я в москве, ой нет, в подольске", "Подольск"),
        ("живу под москвой, в подольске", "Подольск"),
        # the place kept: nothing named after the taking back, or only the town near which
        ("живу в самаре. хотя нет, не важно", "Самара"),
        ("живу под пермью", "Пермь"),
    ],
)
def test_the_place_named_after_a_taking_back_wins(text: str, place: str) -> None:
    assert understand(text, None, TODAY).slots.region == place


def test_the_relatives_place_put_right_in_one_message() -> None:
    reading = understand(
        "живёт в перми. хотя нет, он в краснокамске, это под пермью",
        Ask.REGION,
        TODAY,
        Subject.PARENT,
        _FOR_FATHER,
    )
    assert reading.slots.region == "Краснокамск"


# ---------------------------------------------------------------- an ИП closed


@pytest.mark.parametrize(
    "text",
    [
        "у него долги после ип, ип закрыли в прошлом году",
        "кредиты остались с ип, его закрыли",
        "налоги от ип, ип закрыли давно",
    ],
)
def test_a_business_closed_is_no_bailiffs_case_closed(text: str) -> None:
    reading = understand(text, None, TODAY, Subject.SPOUSE, frozenset({"on_behalf:spouse"}))
    assert reading.slots.enforcement is None
    assert "ip_closed" in {a.value for a in reading.of(ActKind.NOTE)}


def test_a_bare_ip_closed_is_still_the_bailiffs_case() -> None:
    assert understand("ип закрыли в прошлом году", None, TODAY).slots.enforcement is (
        Enforcement.CLOSED
    )


# ---------------------------------------------------------------- a debt looked up


_SPOUSE_DEBT = frozenset({"on_behalf:spouse", "debt:3500000"})


@pytest.mark.parametrize(
    "text",
    [
        "ой я посмотрела в госуслугах, 3 миллиона 800 тысяч точно",
        "я проверила в приложении фссп, там 3 миллиона 800 тысяч",
        "я узнала в банке, долг 3 миллиона 800 тысяч",
    ],
)
def test_looking_the_relatives_debt_up_is_no_switch_to_ones_own(text: str) -> None:
    reading = understand(text, Ask.CREDITORS, TODAY, Subject.SPOUSE, _SPOUSE_DEBT)
    debt = next(a for a in reading.acts if a.slot == "debt_total")
    assert debt.value == 3_800_000
    assert debt.subject is Subject.SPOUSE
    assert not reading.for_self


def test_the_writers_own_town_is_still_the_writers() -> None:
    reading = understand(
        "мама в брянске, я сейчас в москве", None, TODAY, Subject.PARENT, _FOR_FATHER
    )
    assert reading.slots.region == "Брянск"


# ---------------------------------------------------------------- a share inherited


@pytest.mark.parametrize(
    "text",
    [
        "муж умер. я наследство приняла, долю в квартире. его долги теперь на мне?",
        "вступила в наследство, мне досталась доля в квартире",
    ],
)
def test_an_inherited_share_in_a_flat_is_no_other_property(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert reading.slots.extra_property is None
    assert "inheritance_accepted" in {a.value for a in reading.of(ActKind.NOTE)}


@pytest.mark.parametrize(
    "text",
    [
        "по наследству досталась доля в доме в деревне",
        "я наследство приняла, долю в квартире и гараж",
        "вступила в наследство, ещё доля во второй квартире",
    ],
)
def test_an_inherited_share_elsewhere_is_other_property(text: str) -> None:
    assert understand(text, None, TODAY).slots.extra_property is True


# ---------------------------------------------------------------- counts in words


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("у него долгов лям сто где-то, банки и мфо, штук пять всего", 5),
        ("долгов два миллиона триста тыщ, банки и мфо, штук семь", 7),
        ("мфо штук двенадцать", 12),
        ("кредиты в банках, штук 6", 6),
    ],
)
def test_pieces_counted_in_words(text: str, count: int) -> None:
    assert understand(text, None, TODAY).slots.creditors_count == count


def test_pieces_of_thousands_are_no_count() -> None:
    assert understand("микрозаймы, штук пять тысяч", None, TODAY).slots.creditors_count is None


@pytest.mark.parametrize(
    ("text", "known", "slot", "value"),
    [
        ("ой нет не четыре а пять, ещё мфо забыла. не плачу месяца три", "creditors:4",
         "creditors_count", 5),
        ("не четыре, а пять", "creditors:4", "creditors_count", 5),
        ("ой не восемь а четыре", "months:8", "months_overdue", 4),
    ],
)  # fmt: skip
def test_a_known_figure_refused_in_words_is_put_right(
    text: str, known: str, slot: str, value: int
) -> None:
    reading = understand(text, Ask.MONTHS_OVERDUE, TODAY, None, frozenset({known}))
    assert getattr(reading.slots, slot) == value


def test_a_figure_in_words_known_nowhere_corrects_nothing() -> None:
    reading = understand("не четыре а пять", Ask.MONTHS_OVERDUE, TODAY, None, frozenset())
    assert reading.slots.creditors_count is None


# ---------------------------------------------------------------- slang, overdue, income


@pytest.mark.parametrize(
    ("text", "income"),
    [
        ("зп тридцатка официально", 30_000),
        ("получаю двадцатку в месяц", 20_000),
        ("пенсия сороковник", 40_000),
        ("зарплата полтинник", 50_000),
    ],
)
def test_pay_in_slang(text: str, income: int) -> None:
    assert understand(text, None, TODAY).slots.income_monthly == income


def test_a_car_called_ten_is_no_pay() -> None:
    assert understand("у меня десятка старая", None, TODAY).slots.income_monthly is None


@pytest.mark.parametrize(
    ("text", "months"),
    [("не платит год", 12), ("кредиторов шесть, не платит год", 12), ("не платила год", 12)],
)
def test_a_relative_not_paying_for_a_year(text: str, months: int) -> None:
    reading = understand(text, None, TODAY, Subject.SIBLING, frozenset({"on_behalf:sibling"}))
    assert reading.slots.months_overdue == months


def test_paying_for_a_year_is_no_overdue() -> None:
    assert understand("он платит год, потом перестал?", None, TODAY).slots.months_overdue is None


@pytest.mark.parametrize(
    "text",
    [
        "зарплату себе не плачу, доходов официальных нет",
        "официальных доходов нет",
        "нет официальной работы",
        "официального заработка никакого нет",
    ],
)
def test_official_income_denied(text: str) -> None:
    assert understand(text, None, TODAY).slots.income_official is False


def test_official_income_said() -> None:
    assert understand("официальный доход есть, 40 тыс", None, TODAY).slots.income_official


@pytest.mark.parametrize(
    "text",
    [
        "долгов в районе 12 лямов, точно не скажу",
        "долг 800 тысяч, точно не знаю",
    ],
)
def test_a_debt_said_roughly_is_approximate(text: str) -> None:
    assert "debt_total" in understand(text, None, TODAY).approximate


# ---------------------------------------------------------------- writing for, verb last


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("здравствуйте, я за маму спрашиваю, ей 81 год", Subject.PARENT),
        ("про брата узнаю, у него долги", Subject.SIBLING),
        ("за мужа пишу", Subject.SPOUSE),
    ],
)
def test_writing_for_a_relative_with_the_verb_last(text: str, who: Subject) -> None:
    assert understand(text, None, TODAY).on_behalf == who.value


def test_asking_about_a_loan_is_no_writing_for_someone() -> None:
    assert understand("я за кредит спрашиваю", None, TODAY).on_behalf is None
