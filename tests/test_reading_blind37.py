"""Facts read from one message: what blind batch 37 showed the reader misread.

Each case is the general form of a miss: a figure beside the words of a job is the pay, never a
bare count of creditors; a loan held "в другом банке" and a car "в залоге у банка" beside a list
of loans with their sums; the helpless and lonely words people use for despair ("не знаю куда
обратиться", "одна с кредитами", a weeping face); "бывший ип" (an adjective, no ex-spouse);
and a count put right inside the message that first gives it, kept as a correction act while
Daria says "отметила", not "поправила"."""

from __future__ import annotations

import pytest

from credit_expert.models import ActKind, Ask, Feeling, SessionState, Subject, Topic
from credit_expert.policy import first_told
from credit_expert.understanding import understand
from tests.understanding_examples import TODAY

# ---------------------------------------------------------------- a job's pay is no count


@pytest.mark.parametrize(
    "text",
    [
        "уфа, работаю официально 85",
        "работаю официально 85",
        "официально 70, казань",
        "зарабатываю 60, пермь",
    ],
)
def test_a_figure_beside_the_words_of_a_job_is_no_count_of_creditors(text: str) -> None:
    reading = understand(text, Ask.CREDITORS, TODAY)
    assert reading.slots.creditors_count is None
    assert not any(a.slot == "creditors_count" for a in reading.acts)


@pytest.mark.parametrize(
    ("text", "count"), [("казань, 4", 4), ("3, работаю официально", 3), ("5 наверно", 5)]
)
def test_a_bare_count_apart_from_the_job_still_answers(text: str, count: int) -> None:
    assert understand(text, Ask.CREDITORS, TODAY).slots.creditors_count == count


# ---------------------------------------------------------------- a loan placed in its bank


@pytest.mark.parametrize(
    "text",
    [
        "у меня автокредит 900 тыс, машина в залоге у банка, и ещё потреб 600 в другом банке",
        "автокредит 900 тыс и потреб 600 в другом банке",
        "автокредит 700 тыс, машина в залоге у банка, и кредитка 100 в другом банке",
        "потреб 300 тыс и кредитка 80 в другом банке",
    ],
)
def test_loans_with_their_sums_and_the_banks_they_are_in_count_one_each(text: str) -> None:
    assert understand(text, None, TODAY).slots.creditors_count == 2


# ---------------------------------------------------------------- helpless, alone, a sad face


@pytest.mark.parametrize(
    "text",
    [
        "здравствуйте я пенсионерка мне 67 лет не знаю куда обратиться",
        "здравствуйте, муж на сво уже второй год, а я тут одна с кредитами 😔",
        "не знаю к кому обратиться, коллекторы звонят",
        "осталась один на один с долгами после развода",
        "долги 400 тыс 😭",
        "мне некуда идти, банки звонят",
    ],
)
def test_helpless_and_lonely_words_are_despair(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert any(a.kind is ActKind.FEELING and a.value == Feeling.DESPAIR.value for a in reading.acts)


@pytest.mark.parametrize(
    "text", ["банк один с кредиткой и потребом", "не знаю куда платить, реквизиты сменились"]
)
def test_a_count_or_a_practical_question_is_no_despair(text: str) -> None:
    assert not any(a.kind is ActKind.FEELING for a in understand(text, None, TODAY).acts)


# ---------------------------------------------------------------- "бывший ип"


@pytest.mark.parametrize(
    "text", ["здравствуйте, бывший ип, закрылся в 2023", "я бывший ип, долги остались"]
)
def test_a_former_ip_is_the_persons_own_closed_business(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert any(a.kind is ActKind.NOTE and a.value == "ip_closed" for a in reading.acts)


def test_a_bare_former_is_still_the_ex_spouse() -> None:
    reading = understand("бывший набрал кредитов на меня", None, TODAY)
    assert not any(a.kind is ActKind.NOTE and a.value == "ip_closed" for a in reading.acts)
    assert reading.named == Subject.SPOUSE.value


# ---------------------------------------------------------------- a count put right at once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("долг лям двести где то, банков 3. ой не 3 а 4", Ask.SITUATION),
        ("банков 5. ой не 5 а 6, забыл про ренессанс. не плачу месяца 4", Ask.CREDITORS),
    ],
)
def test_a_count_put_right_in_its_own_message_is_a_correction_act(text: str, expected: Ask) -> None:
    told = first_told(SessionState(), understand(text, expected, TODAY))
    corrections = [a for a in told.acts if a.kind is ActKind.CORRECTION]
    assert [a.slot for a in corrections] == ["creditors_count"]
    assert not told.correction  # Daria says "отметила": nothing held was put right
    debt = [a for a in told.acts if a.slot == "debt_total"]
    assert all(a.kind is ActKind.FACT for a in debt)


# ---------------------------------------------------------------- made to answer for my debts


@pytest.mark.parametrize(
    "text",
    [
        "а сына могут к моим долгам привлечь?",
        "а маму не привлекут к моим кредитам?",
        "а мужа не привлекут к моим долгам?",
    ],
)
def test_a_relative_drawn_into_my_debts_is_their_liability_not_a_crime(text: str) -> None:
    topics = {a.topic for a in understand(text, None, TODAY).acts if a.kind is ActKind.ASK}
    assert Topic.CRIMINAL not in topics
    assert topics & {Topic.CHILDREN, Topic.SPOUSE}


def test_a_husband_drawn_into_my_debts_is_the_spouse_question() -> None:
    reading = understand(
        "а его самого могут к моим долгам привлечь? он нигде не подписывался",
        Ask.PROPERTY,
        TODAY,
        Subject.SPOUSE,
    )
    assert [a.topic for a in reading.acts if a.kind is ActKind.ASK] == [Topic.SPOUSE]


def test_being_held_liable_oneself_is_still_the_criminal_question() -> None:
    topics = {a.topic for a in understand("меня не привлекут?", None, TODAY).acts}
    assert Topic.CRIMINAL in topics
