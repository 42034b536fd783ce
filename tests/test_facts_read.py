"""Facts the reader must not invent, and figures it must read right (blind batches 24–25, in
other wordings than the transcripts'): what "ничего нет" denies, counts put right, whose
figure a number is."""

from __future__ import annotations

import pytest

from credit_expert.models import ActKind, Ask, Subject
from credit_expert.understanding import understand
from tests.understanding_examples import TODAY


def _read(text: str, expected: Ask | None = None, *known: str) -> dict[str, object]:
    reading = understand(text, expected, TODAY, known=frozenset(known))
    return {k: v for k, v in vars(reading.slots).items() if v is not None}


@pytest.mark.parametrize(
    ("text", "expected", "known"),
    [
        # why the bailiffs took nothing, not the property question's answer
        ("лист у приставов лет 5 лежит, ничего не списали, у меня ничего нет", Ask.CREDITORS, ()),
        ("производство висит, взять с меня нечего, ничего нет", None, ()),
        ("пристав закрыл дело, сказали имущества нет", Ask.DEBT_TOTAL, ("on_behalf:parent",)),
        # a list of incomes closed by "больше ничего"
        ("живу на пенсию 17 тысяч и всё, больше ничего", Ask.CREDITORS, ()),
        ("получаю пособие на ребенка 15 тыс, больше ничего нет", None, ()),
        ("у него пенсия 19 и больше ничего", None, ("on_behalf:parent",)),
    ],
)
def test_a_nothing_about_income_or_bailiffs_denies_no_property(
    text: str, expected: Ask | None, known: tuple[str, ...]
) -> None:
    assert "extra_property" not in _read(text, expected, *known)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("имущества нет", Ask.PROPERTY),
        ("больше ничего", Ask.PROPERTY),  # the answer to the property question
        ("пенсия 20 тысяч, машины нет, больше ничего", None),  # the car denied by name
        ("приставов нет, имущества нет", None),
    ],
)
def test_a_denial_of_property_still_counts(text: str, expected: Ask | None) -> None:
    assert _read(text, expected).get("extra_property") is False


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("не 4 а 5 банков, про мфо забыла", 5),
        ("кредитов не 3, а 4 — забыл про кредитку в альфе", 4),
        ("ой не 2 а 3 банка, про тинькофф забыла", 3),
    ],
)
def test_a_forgotten_loan_in_a_corrected_count_is_in_the_new_count(text: str, count: int) -> None:
    assert _read(text, Ask.ENFORCEMENT, "creditors:2")["creditors_count"] == count


@pytest.mark.parametrize(
    ("text", "expected", "known"),
    [
        # a lender named beside a guarantee: the guaranteed loan, one of the person's
        ("сестра у меня поручитель по кредиту в альфе на 300 тысяч", Ask.MONTHS_OVERDUE,
         ("creditors:4", "debt:900000")),
        ("жена умерла, кредиты остались, я созаёмщик по одному, в сбере", None, ()),
        # a lender named for its court case or writ
        ("по втб был суд, приказ какой-то", Ask.DEBT_TOTAL, ("creditors:3",)),
        ("альфа подала на меня в суд", Ask.ENFORCEMENT, ()),
        # a bank talked about, after the creditors question
        ("банк этот просто хамы, названивают каждый день", Ask.CREDITORS, ()),
        # loans listed with the mortgage: how many lenders hold them is unsaid
        ("по ипотеке осталось 1,5 млн, ещё кредитка 200 и займ 40", Ask.DEBT_TOTAL, ()),
    ],
)  # fmt: skip
def test_lenders_named_for_something_else_count_no_creditors(
    text: str, expected: Ask | None, known: tuple[str, ...]
) -> None:
    read = _read(text, expected, *known)
    assert "creditors_count" not in read
    assert read.get("debt_total") in (None, 1_740_000)


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("кредитка в тинькофф и займ", Ask.CREDITORS, 2),
        ("ну одна кредитка наверно", Ask.CREDITORS, 1),
        ("у меня 3 кредита, по одному муж созаёмщик", None, 3),
        ("кредиты в сбере и втб, по сберу суд был", None, 2),
        ("сбер 300, втб 200 и ещё мфо 40", None, 3),  # "мфо 40" is a sum, not 40 creditors
    ],
)
def test_creditors_still_counted(text: str, expected: Ask | None, count: int) -> None:
    assert _read(text, expected)["creditors_count"] == count


# --- blind batch 31, in other wordings


@pytest.mark.parametrize(
    ("text", "debt", "count"),
    [
        # a list of parts opened by "сейчас": what is owed now, added up
        ("Сейчас выходит альфа 200 тысяч, втб 150 и кредитка тинькоф около 50", 400_000, 3),
        # "в общем" only opens the story; a sum closing the list is no count
        ("в общем 2 банка и мфо: сбер 300, отп 100 тысяч, мфо где-то 15", 415_000, 3),
    ],
)
def test_a_list_of_parts_adds_up(text: str, debt: int, count: int) -> None:
    read = _read(text, Ask.DEBT_TOTAL)
    assert (read["debt_total"], read["creditors_count"]) == (debt, count)


def test_a_debt_that_was_and_is_now_is_no_sum() -> None:
    assert _read("было 500 в сбере, сейчас 300 в сбере", Ask.DEBT_TOTAL)["debt_total"] != 800_000


@pytest.mark.parametrize(
    "text", ["у нас дом в долевой, 1/3 моя 2/3 мужа", "квартира пополам, доля 1/2 у меня"]
)
def test_a_share_is_never_an_amount(text: str) -> None:
    assert "debt_total" not in _read(text, Ask.SITUATION)


def test_hoping_to_get_out_of_debt_is_no_correction() -> None:
    read = understand("брал в 2020, думал выкарабкаемся, вылезем. втб 400", None, TODAY)
    assert not read.correction


@pytest.mark.parametrize(
    ("text", "months"),
    [("платить не могу уже 4 месяца", 4), ("вносить уже не получается месяцев 6", 6)],
)
def test_unable_to_pay_said_verb_first_is_overdue(text: str, months: int) -> None:
    assert _read(text)["months_overdue"] == months


def test_childrens_ages_are_no_overdue() -> None:
    assert "months_overdue" not in _read(
        "одна воспитываю, трое детей, 3 и 7 лет и младший, живём на пособия", Ask.MONTHS_OVERDUE
    )


def test_a_thing_listed_after_what_a_relative_has_is_theirs() -> None:
    assert "mortgage" not in _read("дочь поручитель, у неё муж и дети, ипотека")


def test_no_mortgage_with_whose_between() -> None:
    assert _read("ипотеки у нас нет, машины нет", Ask.PROPERTY)["mortgage"] is False


def test_what_the_writer_is_stays_off_the_relatives_slots() -> None:
    read = _read("а мою зарплату не тронут? я учительница, 38 тыс", Ask.INCOME, "on_behalf:spouse")
    assert "income_monthly" not in read and "debt_total" not in read


@pytest.mark.parametrize(
    "text",
    [
        "долг по налогам 50 тыс с ИП, его закрыл в 2021",
        "налоговая насчитала с ИП, его уже ликвидировали",
    ],
)
def test_a_closed_business_is_no_closed_enforcement(text: str) -> None:
    assert "enforcement" not in _read(text)
    notes = {a.value for a in understand(text, None, TODAY).acts if a.kind.value == "note"}
    assert "ip_closed" in notes


def test_a_bank_named_before_counted_mfos_is_one_more() -> None:
    assert _read("втб тысяч 90 и ещё мфо 3 штуки по 10")["creditors_count"] == 4


def test_a_count_of_one_kind_put_right_with_a_forgotten_name_moves_the_count() -> None:
    read = _read(
        "ой не 1 мфо а 2, ещё займер забыла. всего тысяч 70 получается", None, "creditors:3"
    )
    assert read["creditors_count"] == 4


def test_cards_in_the_same_banks_are_no_creditors() -> None:
    read = _read("не 4 а 2 банка, кредиток 4 штуки но они в этих же банках", None, "creditors:4")
    assert read["creditors_count"] == 2


def test_an_income_that_changed_puts_the_held_one_right() -> None:
    read = understand(
        "пенсию мне снизили до 25, теперь 25", None, TODAY, known=frozenset({"income:31000"})
    )
    assert read.correction and read.slots.income_monthly == 25_000
    assert any(a.kind.value == "correction" and a.slot == "income_monthly" for a in read.acts)


def test_when_in_the_past_asks_nothing() -> None:
    read = understand("брала в 2019 когда жена в декрете сидела", None, TODAY)
    assert not read.asks


# ---------------------------------------------------------------- blind batch 31 (fix-e)


@pytest.mark.parametrize(
    ("text", "enforcement"),
    [
        # deductions denied state no open case: the closure or the "приставов нет" decides
        (
            "производство окончили в прошлом году, взыскать было нечего, с зарплаты не удерживают",
            "closed",
        ),
        ("списаний пока нет, приставов тоже нет", "none"),
        ("приставов нет, из пенсии ничего не удерживают", "none"),
        # the closure's reason told after it, far from "приставы"
        ("приставы приходили по двум кредитам, весной оба дела закрыли — имущества нет", "closed"),
        # an open case still reads open
        ("приставы есть, с пенсии удерживают 50%", "open"),
    ],
)
def test_deductions_denied_are_no_open_case(text: str, enforcement: str) -> None:
    assert str(_read(text, Ask.ENFORCEMENT).get("enforcement")) == enforcement


def test_a_case_closed_for_lack_of_property_says_nothing_of_the_property() -> None:
    read = _read("приставы были, в том году всё закрыли — имущества нет", Ask.ENFORCEMENT)
    assert read.get("enforcement") is not None and "extra_property" not in read


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("приставы списывают с пенсии уже четвертый год", 3),
        ("пристав удерживает с зарплаты второй год", 1),
    ],
)
def test_an_ordinal_year_of_deductions_is_the_writs_age(text: str, years: int) -> None:
    assert _read(text, Ask.ENFORCEMENT)["writ_years"] == years


def test_a_writ_held_since_a_year_counts_the_years() -> None:
    text = f"лист у приставов с {TODAY.year - 8} года, взять с меня нечего"
    assert _read(text, Ask.ENFORCEMENT)["writ_years"] == 8


@pytest.mark.parametrize(
    "text",
    [
        "если посчитать всего около 410 выходит",
        "если всё сложить, всего где-то 410 тысяч",
    ],
)
def test_a_total_summed_up_with_esli_is_no_condition(text: str) -> None:
    assert _read(text, Ask.ENFORCEMENT, "debt:300000")["debt_total"] == 410_000


@pytest.mark.parametrize(
    "text",
    [
        "зарплата около 900 долларов",
        "получаю 1200 евро в месяц",
        "долг 3 тыс евро",
    ],
)
def test_a_foreign_currency_figure_is_never_rubles(text: str) -> None:
    read = _read(text)
    assert "income_monthly" not in read and "debt_total" not in read


def test_a_foreign_currency_figure_is_kept_in_words_for_the_lawyer() -> None:
    read = understand("живу в Грузии, зарплата около 900 долларов", None, TODAY)
    notes = [a for a in read.acts if a.kind.value == "note"]
    assert any(a.value == "foreign_currency" and "900 долларов" in a.text for a in notes)


def test_a_job_sought_is_no_official_income() -> None:
    assert "income_official" not in _read("потом хочу устроиться официально, сейчас ищу")


def test_the_persons_own_job_at_someones_is_theirs() -> None:
    read = understand("работаю у соседа на стройке неофициально, 30-35 тыс", Ask.INCOME, TODAY)
    assert read.slots.income_official is False and read.slots.income_monthly == 30_000
    assert all(a.subject.value == "self" for a in read.acts)


def test_pay_at_the_persons_own_firm_is_income_not_a_price() -> None:
    read = _read("оклад в своей фирме 40 тыс официально", Ask.INCOME)
    assert read["income_monthly"] == 40_000


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # the list after the colon spells out the count before it, more creditors follow
        ("банка 3: сбер 200, втб 150 и альфа 90. и ещё мфо 4 штуки", 7),
        ("у 3 банков: автокредит в одном, остальное две кредитки", 3),
        # the same count told again in another sentence
        ("I owe 3 banks. По-русски: 3 банка, около 800 тысяч", 3),
        ("кредиторов 5. короче, 5 кредиторов", 5),
    ],
)
def test_counts_spelled_out_or_repeated_add_nothing(text: str, count: int) -> None:
    assert _read(text)["creditors_count"] == count


@pytest.mark.parametrize(
    "text",
    [
        "живу у сестры, своего ничего",
        "имущества никакого, живу на съёмной",
    ],
)
def test_short_denials_of_property(text: str) -> None:
    assert _read(text)["extra_property"] is False


def test_a_thing_to_talk_over_is_not_owned() -> None:
    assert "extra_property" not in _read("запишите меня, хочу уточнить про гараж", Ask.CALL_INVITE)


# ---------------------------------------------------------------- blind batch 32 (messy phone
# writing, numbers in words, numbers that are not debts), in other wordings


@pytest.mark.parametrize(
    ("text", "debt"),
    [
        # a hedge between the figure and its unit; the count after is no "тысяч два"
        ("долгов семьсот с лишним тысяч три кредита", 700_000),
        ("четыреста с хвостиком тысяч, два банка", 400_000),
        # "два триста": millions and hundreds of thousands said short
        ("должен три пятьсот примерно", 3_500_000),
        ("итого один восемьсот, четыре банка", 1_800_000),
        # a decimal is never a count, even with the creditors counted after it
        ("долг наверно 2,4, банков 7 не помню точно", 2_400_000),
        # the company's debt is not the person's
        ("у ооо долги перед поставщиками миллиона два, а лично на мне кредиты 650 тысяч", 650_000),
        ("компания должна контрагентам 5 млн, на мне потребы на 400 тыщ", 400_000),
        # "штук" after money is thousands
        ("долг 700 штук", 700_000),
        ("по кредитам 500 штук", 500_000),
    ],
)
def test_debt_figures_in_words_and_shorthand(text: str, debt: int) -> None:
    assert _read(text, Ask.DEBT_TOTAL).get("debt_total") == debt


@pytest.mark.parametrize(
    "text",
    [
        # "штук" after loans counts them
        "набрала микрозаймов двенадцать штук",
        "кредитов штук пять и карт 3",
        # a figure the person leaves out
        "сестра давала 50 тысяч, это я ей сама верну, это не считайте",
        "отец одолжил 100 тыс, но это не в счет",
    ],
)
def test_numbers_that_are_not_the_debt(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert reading.slots.debt_total is None
    assert not any(a.slot == "debt_total" for a in reading.acts)


def test_a_guaranteed_company_debt_stays_the_persons() -> None:
    assert _read("фирма должна банку 2 млн, я поручитель", None).get("debt_total") == 2_000_000


def test_the_loan_counted_into_the_sum_is_no_creditor_count() -> None:
    assert "creditors_count" not in _read(
        "пересчитал с кредиткой втб, выходит 920 тысяч", Ask.DEBT_TOTAL
    )


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        # a holding stated, then asked about
        ("дача есть в снт, ее продадут?", "extra_property", True),
        ("и уазик у меня старый", "extra_property", True),
        (
            "есть квартира по льготной ипотеке, живём с мужем, её отберут если подам?",
            "mortgage",
            True,
        ),
        (
            "гараж продал соседу в прошлом году за 200 тысяч чтобы заплатить по кредиту это плохо?",
            "recent_deals",
            True,
        ),
    ],
)
def test_told_then_asked(text: str, slot: str, value: object) -> None:
    assert _read(text, None).get(slot) == value


@pytest.mark.parametrize(
    "text",
    [
        "если дача есть, ее заберут?",
        "а если продам гараж это плохо?",
        "у брата дача есть, ее заберут?",
    ],
)
def test_asked_only_tells_nothing(text: str) -> None:
    read = _read(text, None)
    assert "extra_property" not in read and "recent_deals" not in read


@pytest.mark.parametrize(
    "text",
    [
        "а жены зарплату 55 тысяч не заберут?",
        "Дочь у меня получает 45 тысяч, её доход не тронут?",
    ],
)
def test_a_relatives_income_is_not_the_persons(text: str) -> None:
    reading = understand(text, Ask.INCOME, TODAY)
    assert reading.slots.income_monthly is None
    assert all(a.subject is not Subject.SELF for a in reading.acts if a.slot == "income_monthly")


@pytest.mark.parametrize(
    "text",
    [
        "и по алиментам долг накопился тыщ 180, приставы удерживают 50%",
        "задолженность по алиментам около 200 тысяч",
        "штрафов гибдд набежало тыщ 30",
    ],
)
def test_another_kind_of_debt_is_no_loans_debt(text: str) -> None:
    """Alimony owed and fines are notes for the lawyer, never a figure for `debt_total` (so
    never a conflict with the loans' total held)."""
    assert "debt_total" not in _read(text, None, "debt_total", "debt:850000")


@pytest.mark.parametrize(
    ("text", "debt"),
    [
        ("долг 500 тыс и алименты плачу", 500_000),
        ("долг по алиментам и кредитам 500 тыс", 500_000),
        ("долг 1.35 млн вместе с пенями и штрафами", 1_350_000),
    ],
)
def test_loans_debt_beside_alimony_or_fines_stays(text: str, debt: int) -> None:
    assert _read(text, Ask.DEBT_TOTAL).get("debt_total") == debt


@pytest.mark.parametrize(
    "text",
    [
        "имущества нет, машину бывшей оставил при разводе",
        "машину жене оставил при разводе",
        "квартиру оставила дочке",
    ],
)
def test_a_thing_left_to_someone_else_is_not_owned(text: str) -> None:
    read = _read(text, Ask.PROPERTY)
    assert read.get("extra_property") is not True
    assert "recent_deals" not in read


def test_a_thing_kept_is_owned() -> None:
    assert _read("машину оставил себе при разводе", Ask.PROPERTY).get("extra_property") is True


def test_a_writ_dated_by_month_and_year() -> None:
    year = TODAY.year - 2
    assert _read(f"Приставы возбудили в январе {year} года", Ask.ENFORCEMENT)["writ_years"] == 2
    # a month later in the year than today's: not yet the full years
    if TODAY.month < 12:
        got = _read(f"исполнительное с декабря {year}", Ask.ENFORCEMENT)["writ_years"]
        assert got == 1


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("банки: сбер, втб, газпромбанк и озон кредитка", 4),
        ("сбер и кредитка озон", 2),
        ("работаю на озоне, кредит в сбере и втб", 2),
    ],
)
def test_a_marketplace_bank_named_by_its_card(text: str, count: int) -> None:
    assert _read(text, Ask.CREDITORS).get("creditors_count") == count


@pytest.mark.parametrize(
    ("said", "taken"),
    [
        ("я вступила в наследство, доля в квартире", True),
        ("наследство уже оформили на меня", True),
        ("я приняла наследство после папы", True),
        ("я в наследство еще не вступил, думаю", False),
        ("если вступлю в наследство, буду должен?", False),
        ("мама приняла наследство", False),  # the mother's, not the person's
    ],
)
def test_an_inheritance_the_person_took_is_a_note_for_the_lawyer(said: str, taken: bool) -> None:
    notes = [a.value for a in understand(said, None, TODAY).acts if a.kind is ActKind.NOTE]
    assert ("inheritance_accepted" in notes) is taken, notes


@pytest.mark.parametrize(
    ("said", "months"),
    [
        ("платеж 15 числа в этом месяце первый раз не смогла внести", 0),
        ("первый платёж пропустила на прошлой неделе", 0),
        ("пока не было просрочек", 0),
        ("первая просрочка была 5 месяцев назад, с тех пор не плачу", 5),
    ],
)
def test_a_first_missed_payment_is_under_a_month_overdue(said: str, months: int) -> None:
    """Batch 32: "в этом месяце первый раз не смогла внести" was not heard, and Daria asked
    how many months the person had not paid."""
    assert understand(said, Ask.MONTHS_OVERDUE, TODAY).slots.months_overdue == months


def test_things_named_after_the_mortgage_question_answer_nothing_of_the_mortgage() -> None:
    """Batch 33: "есть гараж и машина нива" after "Есть ли у вас ипотека?" set a mortgage."""
    read = understand("есть гараж и дача от родителей", Ask.MORTGAGE, TODAY)
    assert read.slots.mortgage is None and read.slots.extra_property is True
    assert understand("есть, ещё 10 лет платить", Ask.MORTGAGE, TODAY).slots.mortgage is True


def test_a_no_that_opens_a_refused_figure_answers_nothing() -> None:
    """Batch 33: "нет, не 2, уже 3 месяца" after the bailiffs' question read as "приставов
    нет", and the months were not put right."""
    read = understand(
        "нет, не 4, уже 5 месяцев", Ask.ENFORCEMENT, TODAY, None, frozenset({"months:4"})
    )
    assert read.slots.enforcement is None and read.slots.months_overdue == 5
    assert understand("нет", Ask.ENFORCEMENT, TODAY).slots.enforcement is not None
