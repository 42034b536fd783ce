"""Facts that reach the lead card: the relative written for, facts told after /stop, and the
lawyer's notes (a former ИП, debts not written off, an earlier bankruptcy)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from credit_expert.conversation import dialogue_summary, lead_card
from credit_expert.destinations.bitrix24 import lead_comments
from credit_expert.destinations.managers_chat import format_lead_card
from credit_expert.models import ActKind, Ask, SessionState, Slots, Subject, Topic
from credit_expert.store.base import Lead
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("у него машина, старая уже", True),
        ("у мамы гараж и участок в деревне", True),
        ("у него ничего нет кроме квартиры", False),
    ],
)
def test_the_relative_written_for_owns_the_leads_property(text: str, expected: bool) -> None:
    whom = "parent" if "мам" in text else "spouse"
    reading = understand(text, Ask.PROPERTY, TODAY, known=frozenset({f"on_behalf:{whom}"}))
    assert reading.slots.extra_property is expected
    whose = {a.subject for a in reading.of(ActKind.FACT) if a.slot == "extra_property"}
    assert whose == {Subject(whom)}


async def test_facts_told_after_stop_still_decide_the_route(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["долг 1,4 млн, 5 банков, год не плачу", "/stop", "пермь, зарплата 60 белая"]},
        tmp_path / "x.db",
    )
    assert turns[-1]["stage"] == "opted_out"
    assert turns[-1]["verdict"] == "court"
    assert turns[-1]["slots"]["region"] == "Пермь"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("я ИП была, закрыла в 2022", "ip_closed"),
        ("раньше был индивидуальным предпринимателем, сейчас в найме", "ip_closed"),
        ("ИП закрыл прошлой осенью, долги по нему остались", "ip_closed"),
        ("у меня ИП до сих пор висит, не закрыл", "ip_open"),
        ("я ип, торгую на рынке", "ip_open"),
        ("налоги не платила два года, налоговая насчитала 80 тысяч", "tax_debt"),
        ("ещё недоимка в ФНС тысяч 30", "tax_debt"),
        ("кредиторов 5 если налоговую считать", "tax_debt"),
        ("штрафов гибдд на 40 тысяч не оплачено", "fines"),
        ("ещё административный штраф висит", "fines"),
        ("долг по алиментам 150 тыс", "alimony_debt"),
        ("а задолженность по алиментам тоже спишут?", "alimony_debt"),
        ("плачу алименты на двоих детей", "alimony"),
        ("я уже банкротилась в 2019 через суд", "past_bankruptcy"),
        ("меня признали банкротом лет 6 назад", "past_bankruptcy"),
        ("через мфц уже списывали в 2021, а можно ещё раз?", "past_bankruptcy"),
    ],
)
def test_what_the_lawyer_must_know_is_a_note(text: str, value: str) -> None:
    notes = understand(text, None, TODAY).of(ActKind.NOTE)
    assert value in {a.value for a in notes}
    assert all(a.subject is Subject.SELF and a.text for a in notes)


@pytest.mark.parametrize(
    "text",
    [
        "ИП у приставов открыто по кредиту",  # the bailiffs' case, not a business
        "ип потом можно будет открыть?",  # one to come
        "банк начисляет штрафы и пени",  # the lender's penalties
        "бывший платит алименты 10 тыс на дочь",  # alimony received
        "хочу обанкротиться, долг 900 тыс",
        "работаю в налоговой, зп 50",
        "зарплата 45 на руки, после налогов",
        "муж был ИП, закрыл в 2020",  # the husband's, not the person's
        "а если бы я уже банкротилась, можно было бы?",
    ],
)
def test_no_note_where_nothing_of_it_is_said(text: str) -> None:
    assert not understand(text, None, TODAY).of(ActKind.NOTE)


def test_the_writers_own_business_is_no_note_of_the_relative_written_for() -> None:
    reading = understand(
        "пишу за маму. у неё долг 400 тыс, она раньше была ИП, закрыла в 2020. я сама ИП",
        None,
        TODAY,
    )
    assert [(a.value, a.subject) for a in reading.of(ActKind.NOTE)] == [
        ("ip_closed", Subject.PARENT)
    ]


async def test_the_notes_reach_the_lead_summary(tmp_path: Path) -> None:
    db = tmp_path / "lead.db"
    await replay(
        {
            "turns": [
                "долг 1,3 млн, 4 банка, год не плачу. я ИП была, закрыла в 2022",
                "ещё алименты должен бывшей, тысяч 120 набежало",
                "а банкротиться мне можно? я уже проходила банкротство в 2018",
                "давайте юрист позвонит",
                "да",
                "+7 912 345 67 80",
                "завтра в 10",
            ]
        },
        db,
    )
    with sqlite3.connect(db) as conn:
        (summary,) = conn.execute("SELECT summary FROM bot_leads").fetchone()
    line = next(x for x in summary.splitlines() if x.startswith("Важно для юриста:"))
    assert "был(а) ИП, закрыто — «я ИП была, закрыла в 2022»" in line
    assert "долг по алиментам (не списывается)" in line
    assert "уже было банкротство" in line and "2018" in line


@pytest.mark.parametrize(
    "text",
    [
        "а банкротиться мне можно? я уже проходила банкротство в 2018",
        "мне можно через суд? меня признали банкротом в 2020",
    ],
)
def test_may_i_with_an_earlier_bankruptcy_asks_about_the_pause(text: str) -> None:
    assert Topic.REPEAT in {a.topic for a in understand(text, None, TODAY).asks}


@pytest.mark.parametrize(
    "text",
    [
        "давайте по мне теперь",
        "а теперь про меня: долг 600 тыс",
        "ладно, с мамой потом, давай лучше про мою ситуацию",
        "не за маму, а за себя хочу узнать",
        "банкротиться буду я, у меня 700 тысяч",
        "посчитайте лучше меня",
    ],
)
def test_the_writer_asks_to_be_the_lead(text: str) -> None:
    reading = understand(text, Ask.MONTHS_OVERDUE, TODAY, known=frozenset({"on_behalf:parent"}))
    assert reading.for_self
    assert reading.on_behalf is None


@pytest.mark.parametrize(
    "text",
    [
        "у меня самой тоже долги, тысяч 300",
        "а мне самой можно тоже?",
        "я тоже должна банкам",
        "давайте про маму дальше",
    ],
)
def test_the_writers_own_words_leave_the_relative_the_lead(text: str) -> None:
    reading = understand(text, None, TODAY, known=frozenset({"on_behalf:parent"}))
    assert not reading.for_self
    assert reading.slots.debt_total is None


def test_without_a_relative_written_for_there_is_nothing_to_switch() -> None:
    assert not understand("давайте по мне", None, TODAY).for_self


async def _booked_summary(tmp_path: Path, told: list[str]) -> tuple[dict, str]:
    db = tmp_path / "lead.db"
    booking = ["давайте юрист позвонит", "да", "+7 912 345 67 80", "завтра в 10"]
    turns = await replay({"turns": [*told, *booking]}, db)
    with sqlite3.connect(db) as conn:
        (summary,) = conn.execute("SELECT summary FROM bot_leads").fetchone()
    return turns[-1], summary


async def test_the_writer_who_asks_to_be_counted_becomes_the_lead(tmp_path: Path) -> None:
    last, summary = await _booked_summary(
        tmp_path,
        [
            "пишу за маму, у неё долг 400 тыс, 2 банка, пенсия 19 тыс",
            "а теперь давайте про меня. у меня 600 тыс, 3 мфо",
            "не плачу 4 месяца, работаю официально, 45 тыс",
        ],
    )
    assert last["slots"]["debt_total"] == 600_000
    assert last["slots"]["creditors_count"] == 3
    assert last["slots"]["benefits"] is None  # the mother's pension went with her
    assert "Пишет не сам должник" not in summary
    assert "Сначала писал(а) за близкого (мать или отец: долг 400 000 ₽" in summary


async def test_the_writers_own_debts_are_noted_and_the_relative_stays_the_lead(
    tmp_path: Path,
) -> None:
    last, summary = await _booked_summary(
        tmp_path,
        [
            "пишу за маму, у неё долг 400 тыс, 2 банка, пенсия 19 тыс",
            "у меня самой тоже долги, тысяч 300",
        ],
    )
    assert last["slots"]["debt_total"] == 400_000
    assert "Пишет не сам должник" in summary
    assert "у пишущего свои долги (отдельный случай) — «у меня самой тоже долги" in summary


def test_a_call_asked_about_me_is_no_switch() -> None:
    # (a blind relabeller kept the sister the lead after "давайте созвонимся по мне")
    known = frozenset({"on_behalf:sibling"})
    assert not understand("давайте созвонимся по мне", None, TODAY, known=known).for_self


async def test_the_switch_to_the_writer_is_acknowledged_once(tmp_path: Path) -> None:
    turns = await replay(
        {
            "turns": [
                "пишу за папу, у него долг 500 тыс, 3 банка",
                "знаете, давайте лучше по мне, у меня 700 тыс, 4 мфо",
                "не плачу полгода",
            ]
        },
        tmp_path / "x.db",
    )
    said = ("теперь о вашей ситуации", "дальше говорим о ваших долгах")
    switch, after = turns[1]["reply"].lower(), turns[2]["reply"].lower()
    assert any(s in switch for s in said)
    assert switch.rstrip().endswith("?")  # the script's question still closes it
    assert not any(s in after for s in said)


async def test_the_summary_lists_only_what_the_person_asked(tmp_path: Path) -> None:
    _, summary = await _booked_summary(
        tmp_path,
        [
            "должна 900 тысяч, 4 банка",
            "коллекторы названивают сестре и на работу, устала",  # a concern: answered, unasked
            "дорого у вас, наверное. а машину отберут?",  # a doubt, then a question
        ],
    )
    asked = next(line for line in summary.splitlines() if line.startswith("Спрашивал(а):"))
    assert "машина" in asked
    assert "коллекторы" not in asked
    assert "цена" not in asked  # the doubt was answered, but no price was asked
    assert "сомнения: цена" in summary  # the doubt the person raised


async def test_the_summary_names_no_question_when_none_was_asked(tmp_path: Path) -> None:
    _, summary = await _booked_summary(
        tmp_path, ["долг 1 200 000, 5 банков, коллекторы звонят маме", "полгода не плачу"]
    )
    assert "Спрашивал(а)" not in summary
    assert "сомнения: нет" in summary


# --- blind batch 27: hedged figures, the relative named before "пишу за нее", the notes


def test_a_hedged_debt_reads_as_an_estimate_on_the_card_and_in_the_summary() -> None:
    slots = Slots(debt_total=700_000, creditors_count=4, months_overdue=5, phone="+79195551234")
    state = SessionState(slots=slots, approximate=("debt_total", "months_overdue"))
    lead = Lead(
        user_id=1, phone="+79195551234", debt_total=700_000, creditors_count=4, verdict="court",
        call_time=None, region=None, source=None, first_name=None, consent_at=None,
        consent_version=None, summary=dialogue_summary(state),
    )  # fmt: skip
    card = lead_card(lead, state)
    assert card["debt_total"] == 700_000 and card["debt_approximate"] is True
    text = format_lead_card("lead.booked", card)
    assert "Долг: около 700 000 ₽ (со слов)" in text
    assert "Кредиторов: 4\n" in text  # said exactly, shown exactly
    assert "Долг около 700 000 ₽ (со слов)" in text and "просрочка около 5 месяцев" in text
    assert "Долг: около 700 000 ₽ (со слов)" in lead_comments(card)
    exact = lead_card(lead, SessionState(slots=slots))
    assert exact["debt_approximate"] is False
    assert "Долг: 700 000 ₽" in format_lead_card("lead.booked", exact)
    # a card queued before the mark existed reads as before
    assert "Долг: 700 000 ₽" in format_lead_card("lead.booked", {"debt_total": 700_000})


@pytest.mark.parametrize(
    "text",
    [
        "мама пенсионерка, у нее долги 400 тыс, пишу за нее",
        "у папы кредиты на 400 тыс, я пишу за него",
    ],
)
def test_the_relative_named_before_writing_for_them_is_the_lead(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert reading.on_behalf == "parent"
    assert reading.slots.debt_total == 400_000
    assert not reading.others_facts  # the lead's facts are the case's, not "о близких"


def test_the_leads_property_stated_before_a_question_is_theirs() -> None:
    reading = understand(
        "у нее есть дача, можно мы ее на меня переоформим пока не поздно?",
        None,
        TODAY,
        known=frozenset({"on_behalf:parent"}),
    )
    assert reading.slots.extra_property is True


def test_a_writer_without_debts_of_their_own_is_no_separate_case() -> None:
    reading = understand("я пишу за мужа, у него долги 600 тыс, у меня своих долгов нет")
    assert "writer_debts" not in {a.value for a in reading.of(ActKind.NOTE)}


@pytest.mark.parametrize(
    ("text", "value", "said"),
    [
        ("жена созаёмщик по одному кредиту, ей что будет?", "relative_cosigner",
         "жена созаёмщик по одному кредиту"),
        ("мама поручитель по одному кредиту. ей что будет если я обанкрочусь?",
         "relative_cosigner", "мама поручитель по одному кредиту"),
        ("сестра у меня поручитель", "relative_cosigner", "сестра у меня поручитель"),
        ("я учредитель и директор небольшого ооо, лично на мне кредиты 2,4 млн", "company",
         "я учредитель и директор небольшого ооо, лично на мне кредиты 2,4 млн"),
        ("была директором своей фирмы, закрыли в 2021", "company", None),
        ("у меня своё ооо, маленькое", "company", None),
    ],
)  # fmt: skip
def test_a_cosigning_relative_and_a_company_are_notes(
    text: str, value: str, said: str | None
) -> None:
    notes = {a.value: a.text for a in understand(text, None, TODAY).of(ActKind.NOTE)}
    assert value in notes
    assert said is None or notes[value] == said


@pytest.mark.parametrize(
    "text",
    [
        "муж не созаёмщик, нигде не подписывался",
        "я поручитель у брата по кредиту",  # the person signed for someone else
        "а если мама станет поручителем?",
        "директор на работе сказал что уволит",
        "хочу потом стать директором",
        "работаю в ооо продавцом",
    ],
)
def test_no_cosigner_or_company_note_where_none_is_said(text: str) -> None:
    values = {a.value for a in understand(text, None, TODAY).of(ActKind.NOTE)}
    assert not values & {"relative_cosigner", "company"}


def test_the_spouses_car_is_quoted_with_when_it_was_bought() -> None:
    reading = understand(
        "у мужа своя машина, купил её до свадьбы, а у меня где-то 430 тысяч по кредиткам",
        None,
        TODAY,
    )
    theirs = [a for a in reading.others_facts if a.slot == "extra_property"]
    assert [(a.subject, a.text) for a in theirs] == [
        (Subject.SPOUSE, "у мужа своя машина, купил её до свадьбы")
    ]
    assert reading.slots.extra_property is None


async def test_no_home_of_ones_own_is_noted_as_said_and_the_mortgage_is_not_asked(
    tmp_path: Path,
) -> None:
    told = [
        "долг 600 тыс, 3 банка, не плачу 5 месяцев",
        "приставов нет, работаю официально",
        "своего жилья нет, живу у родителей. машины нет, ничего не продавал",
        "казань",
    ]
    turns = await replay({"turns": told}, tmp_path / "x.db")
    assert all("ипотек" not in t["reply"].lower() for t in turns), [t["reply"] for t in turns]
    assert turns[-1]["slots"]["mortgage"] is None  # never a fact they did not say
    _, summary = await _booked_summary(tmp_path, told)
    assert "своего жилья нет (со слов)" in summary


async def test_a_death_mentioned_is_no_inherited_debt_on_the_card(tmp_path: Path) -> None:
    """ "платить перестала, когда мужа похоронила": the loans are hers; the card says what was
    mentioned and what to check, never that the debts are a deceased relative's."""
    _, summary = await _booked_summary(
        tmp_path,
        [
            "долг по кредитам тысяч 380 примерно, в двух банках",
            "платить перестала в 2023 году когда мужа похоронила",
        ],
    )
    assert "Упоминал(а) смерть близкого" in summary
    assert "долги умершего родственника" not in summary


def test_alimony_owed_to_the_person_is_no_alimony_debt_of_theirs() -> None:
    said = "он алименты не платит 3 года уже, его долг по алиментам мне как то поможет?"
    assert not {a.value for a in understand(said, None, TODAY).of(ActKind.NOTE)} & {
        "alimony_debt",
        "alimony",
    }
