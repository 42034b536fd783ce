"""The lead card tells the lawyer about relatives: labelled as theirs, never as the client's,
and whose case it is when someone writes for a relative."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from credit_expert.conversation import dialogue_summary
from credit_expert.models import SessionState, Slots
from tests.transcript_check import replay

BOOKING = ["давайте юрист позвонит", "да", "+7 912 345 67 80"]


async def _booked(tmp_path: Path, told: list[str], when: str = "завтра в 10") -> tuple:
    """Replay what the person told, then the booking; the last turn and the lead's row."""
    db = tmp_path / "lead.db"
    turns = await replay({"turns": [*told, *BOOKING, when]}, db)
    with sqlite3.connect(db) as conn:
        summary, debt = conn.execute("SELECT summary, debt_total FROM bot_leads").fetchone()
    return turns[-1], summary, debt


def test_relatives_facts_are_on_the_summary_labelled_as_theirs() -> None:
    said = "машина на муже, куплена до свадьбы"
    state = SessionState(
        slots=Slots(debt_total=800_000),
        others=(
            {"kind": "fact", "slot": "extra_property", "value": True, "subject": "spouse",
             "text": said},
            {"kind": "fact", "slot": "income_monthly", "value": 95_000, "subject": "spouse",
             "text": "муж получает 95 тыс"},
        ),
    )  # fmt: skip
    summary = dialogue_summary(state)
    assert "Долг 800 000 ₽" in summary
    line = next(x for x in summary.splitlines() if x.startswith("О близких"))
    assert "супруг" in line and f"«{said}»" in line and "95 тыс" in line


def test_the_persons_words_on_deals_and_the_topics_asked_reach_the_lawyer() -> None:
    state = SessionState(
        slots=Slots(debt_total=900_000, recent_deals=True),
        notes=("Машину я 8 месяцев назад продал брату за 300 тысяч, чтоб банки не забрали",),
        answered=("deal_with_relative", "criminal", "deal_with_relative", "relatives_collectors"),
        questions=("deal_with_relative", "criminal"),  # (the collectors were a stated concern)
    )
    summary = dialogue_summary(state)
    assert "«Машину я 8 месяцев назад продал брату" in summary
    assert "Спрашивал(а): сделка с родственником, уголовная ответственность." in summary


async def test_a_deal_told_in_the_dialogue_is_quoted_on_the_lead(tmp_path: Path) -> None:
    _, summary, _ = await _booked(
        tmp_path,
        [
            "долг 1,2 млн, 4 банка, не плачу полгода",
            "машину продал брату в прошлом году, чтоб не забрали",
        ],
    )
    assert "Со слов клиента: «машину продал брату в прошлом году" in summary


def test_no_relatives_no_line() -> None:
    assert "О близких" not in dialogue_summary(SessionState(slots=Slots(debt_total=500_000)))


async def test_a_booked_lead_for_a_mother_says_whose_case_it_is(tmp_path: Path) -> None:
    _, summary, debt = await _booked(
        tmp_path, ["здравствуйте, пишу за маму, ей 72, у неё долг 450 тыс, 2 банка, пенсия 19 тыс"]
    )
    assert debt == 450_000
    assert "Пишет не сам должник" in summary and "мать или отец" in summary


async def test_a_husbands_car_is_on_the_card_as_his(tmp_path: Path) -> None:
    last, summary, _ = await _booked(
        tmp_path,
        [
            "долг 1,1 млн, 3 банка, не плачу полгода",
            "машина у мужа своя, куплена до брака, у меня ничего нет",
        ],
    )
    assert last["slots"]["extra_property"] is False  # the person's own: nothing
    assert "О близких" in summary and "супруг" in summary


async def test_a_person_hiding_the_debts_from_the_family_is_flagged_for_the_caller(
    tmp_path: Path,
) -> None:
    _, summary, _ = await _booked(
        tmp_path,
        ["Набрала микрозаймов на 280 тысяч, 7 мфо, муж не знает"],
        when="завтра в 14, только днём когда муж на работе",
    )
    assert "«муж не знает»" in summary


async def test_an_heirs_small_own_debt_decides_nothing_beside_the_dead_relatives(
    tmp_path: Path,
) -> None:
    """Batch 32's lawyer: a widow who took the inheritance, her late husband's loans about
    800 000 ₽ and her own card 40 000 ₽, was told bankruptcy "не оправдано" and carded as
    not a fit, the husband's loans "не долги клиента". The heir may answer for them."""
    told = [
        "добрый день, отец умер летом, теперь банки звонят мне по его кредитам",
        "я приняла наследство, там гараж и старая машина",
        "у папы кредиты в двух банках где-то 600 тысяч, а моих долгов только займ 30 тысяч",
        "работаю официально, 45 тысяч",
        "приставов нет, ипотеки нет, ничего не продавала",
        "Вологда",
    ]
    last, summary, _ = await _booked(tmp_path, told)
    assert last["stage"] == "booked" and last["verdict"] is None
    assert "не подходит" not in summary and "Маршрут: не определён" in summary
    line = next(x for x in summary.splitlines() if x.startswith("О близких"))
    assert "долги умершего" in line and "600" in line, line


async def test_a_living_relatives_debt_still_leaves_a_small_own_debt_not_a_fit(
    tmp_path: Path,
) -> None:
    told = [
        "у мужа кредиты где-то 600 тысяч, а у меня только займ 30 тысяч",
        "работаю официально, 45 тысяч",
        "приставов нет, ипотеки нет, ничего не продавала",
    ]
    turns = await replay({"turns": told}, tmp_path / "alive.db")
    assert turns[-1]["verdict"] == "not_a_fit"


async def test_a_widow_asked_whether_she_must_pay_hears_the_heirs_rule(tmp_path: Path) -> None:
    """Tried as a new user: "а меня заставят платить его долги?" after a husband's death and
    an accepted inheritance got no answer (read as an unknown question)."""
    turns = await replay(
        {
            "turns": [
                "здравствуйте",
                "муж умер в марте, я вступила в наследство, у него кредиты тыщ 500",
                "а меня заставят платить его долги? и квартиру нашу не заберут?",
            ]
        },
        tmp_path / "widow.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "наслед" in reply and "единственное жильё" in reply, reply


async def test_a_writer_asking_whether_they_must_pay_hears_relatives_do_not(
    tmp_path: Path,
) -> None:
    """Tried as a new user: writing for a mother, "и меня не заставят платить?" was read as
    "what if I stop paying" and got the advice not to stop."""
    turns = await replay(
        {
            "turns": [
                "пишу за отца, ему 70, кредиты в двух банках тысяч на 400",
                "его дом не заберут? и меня не заставят платить?",
            ]
        },
        tmp_path / "writer.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "не отвечают" in reply and "прекратить платежи" not in reply, reply
