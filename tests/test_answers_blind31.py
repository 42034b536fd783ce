"""The lawyer's reading of blind batch 31, the answering side: a former ИП is no company
director, the МФЦ's being free comes first in a price answer while it may be the route, and
answers about the right thing (a spouse's premarital car, the person who is the guarantor, an
ex-spouse made to pay). Each case in other wordings too."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ObjectionKind, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    dialogue = {"turns": turns}
    return [t["reply"].lower() for t in await replay(dialogue, tmp_path / "x.db", seed=seed)]


# --- A former (or present) ИП asks about "долги фирмы" ---------------------------------------


@pytest.mark.parametrize(
    ("story", "question"),
    [
        ("у меня было ИП, закрыл в 2023, остались кредиты около 2,3 млн",
         "Долги фирмы на меня повесят?"),
        ("я ип, торговал на рынке, долгов банкам около 900 тысяч",
         "а меня заставят платить за фирму?"),
        ("была ИП, закрыла в прошлом году, долг 600 тысяч", "долги фирмы на мне останутся?"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("seed", [0, 1, 2])
async def test_a_sole_trader_hears_the_business_debts_are_their_own(
    story: str, question: str, seed: int, tmp_path: Path
) -> None:
    replies = await _replies([story, question], tmp_path, seed=seed)
    assert "субсидиар" not in replies[-1] or "для ип" in replies[-1]
    assert "директор или учредитель" not in replies[-1]
    assert "личн" in replies[-1] or "сам" in replies[-1]


@pytest.mark.parametrize(
    "question",
    [
        "Долги фирмы на меня повесят? и потом ип можно будет открыть заново?",
        "долги фирмы на меня перейдут? а ИП потом снова открыть смогу?",
    ],
)
async def test_reopening_an_ip_asked_beside_the_debts_is_answered_too(
    question: str, tmp_path: Path
) -> None:
    replies = await _replies(["у меня было ИП, закрыл в 2023, долг 2,3 млн", question], tmp_path)
    assert "ип" in replies[-1] and "юрист" in replies[-1]
    assert "3 года" in replies[-1] or "три года" in replies[-1]


async def test_a_director_of_an_ooo_still_hears_subsidiary_liability(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "я директор и учредитель ооо, лично должен банкам 800 тысяч",
            "долги фирмы на меня повесят?",
        ],
        tmp_path,
    )
    assert "субсидиар" in replies[-1]


# --- The price while the МФЦ may be the route ------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "и сколько вы берёте? только честно",
        "а по деньгам это скока выйдет?",
        "сколько стоит ваша помощь?",
    ],
)
@pytest.mark.parametrize("seed", [0, 1, 2])
async def test_the_price_says_first_the_mfc_is_free_while_it_may_fit(
    question: str, seed: int, tmp_path: Path
) -> None:
    # 560 000 ₽, the bailiffs not yet asked: the МФЦ is still possible
    replies = await _replies(["долг у меня 560 тыщ, 3 мфо и 2 банка", question], tmp_path, seed)
    answer = replies[-1]
    assert "мфц" in answer and ("бесплатн" in answer or "ничего не стоит" in answer), answer
    assert answer.find("мфц") < answer.find("юрист"), answer


async def test_the_price_on_the_court_route_does_not_hold_out_the_mfc(tmp_path: Path) -> None:
    replies = await _replies(["долг 2 миллиона, 6 банков", "сколько стоят ваши услуги?"], tmp_path)
    assert "мфц" not in replies[-1]


@pytest.mark.parametrize("text", ["и сколько вы берёте? только честно", "а сколько вы берете?"])
def test_what_you_charge_is_the_price(text: str) -> None:
    understood = understand(text, None, TODAY)
    assert Topic.PRICE in {a.topic for a in understood.asks}
    assert understood.objection is ObjectionKind.PRICE


# --- Answers about the right thing -----------------------------------------------------------


@pytest.mark.parametrize(
    "story",
    [
        "Жена говорит банкротись, у неё своя зарплата 60 и машина на ней, киа рио 2017, "
        "куплена до свадьбы",
        "у жены машина, куплена до брака",
    ],
)
async def test_the_spouses_premarital_car_asked_later_is_hers_not_joint(
    story: str, tmp_path: Path
) -> None:
    replies = await _replies(
        [
            "сбер 200 тысяч и мфо ещё на 100",
            story,
            "работаю официально 45 тыс",
            "приставы по двум мфо уже есть",
            "а жену не затронет? её машину не заберут?",
        ],
        tmp_path,
    )
    assert "до брака" in replies[-1] or "добрачн" in replies[-1], replies[-1]
    assert "совместное имущество может" not in replies[-1]


@pytest.mark.parametrize(
    "question",
    [
        "По альфе я поручитель, подписывал в 2022. И мою зарплату приставы тронут?",
        "я поручитель по его кредиту. мою зарплату заберут?",
    ],
)
async def test_a_writer_who_is_the_guarantor_hears_their_salary_may_be_collected(
    question: str, tmp_path: Path
) -> None:
    replies = await _replies(["Я насчёт отца. У него долги около 1,3 млн", question], tmp_path)
    assert "если вы не поручитель" not in replies[-1]
    assert "поручител" in replies[-1] and "зарплат" in replies[-1]


@pytest.mark.parametrize(
    "question",
    [
        "а через мфц долго? и бывшего можно как то заставить платить эти кредиты он же тоже брал",
        "можно заставить бывшего мужа платить половину?",
        "а долг можно разделить с бывшим?",
    ],
)
async def test_making_the_ex_spouse_pay_is_answered(question: str, tmp_path: Path) -> None:
    replies = await _replies(
        ["бывший муж набрал кредитов на меня когда жили вместе, долг 375 тысяч", question],
        tmp_path,
    )
    assert "нужды семьи" in replies[-1] or "на семью" in replies[-1] or "семейные" in replies[-1]
    assert "юрист" in replies[-1]


def test_the_ex_spouse_question_is_read_with_no_question_mark() -> None:
    asks = understand(
        "а через мфц долго? и бывшего можно как то заставить платить эти кредиты", None, TODAY
    ).asks
    assert Topic.SPOUSE in {a.topic for a in asks}
