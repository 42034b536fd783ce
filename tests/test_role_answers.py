"""Answers that respect who the subject is and what role they have, and questions DOMAIN.md
answers plainly that once went to "это уточнит юрист" (a lawyer's review of batch 23, README
"Answering"). Each dialogue goes through `chat --json` as QA replays it; the wordings are
other than the transcripts'."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import Feeling, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY

ROLE_CASES = [
    # (what was said, words the last reply must hold, words it must not hold)
    # a relative who signed answers for that loan; "relatives do not answer" would be false
    (
        ["брат поручитель по моему кредиту. родные будут отвечать за мои долги?"],
        ["поручител"],
        ["если никто не поручитель", "наследник"],
    ),
    (
        ["долг 900 тыс, мама созаемщица по одному кредиту", "а родственники платить не будут?"],
        ["созаём"],
        ["если никто не поручитель"],
    ),
    (
        ["долг миллион, сестра поручилась за меня. её зарплату тронут?"],
        ["поручител", "зарплат"],
        ["ничего не удерживают, если"],
    ),
    (
        ["я поручитель по кредиту сестры, мне за неё придётся платить?"],
        ["поручител"],
        ["не отвечают"],
    ),
    # a named other relative of a person whose sister signed: that one does not answer
    (
        ["долг 800 тыс, сестра поручитель по одному кредиту. а дочь не заставят платить?"],
        ["не отвечают"],
        [],
    ),
    # a director or founder: the company's debts, never the heirs' or relatives' paragraph
    (
        ["я директор ооо, у фирмы долги перед поставщиками. меня заставят их гасить?"],
        ["субсидиар"],
        ["наслед", "родные"],
    ),
    (
        ["я учредитель, компания должна банку 2 млн. мне отвечать по долгам компании?"],
        ["субсидиар"],
        ["наслед"],
    ),
    (
        ["долг личный 1 млн. у моей фирмы тоже долги, они перейдут на меня?"],
        ["поручил", "субсидиар"],
        ["наслед"],
    ),
    # the spouse's own liability, asked in words of its own beside the spouse's salary
    (
        ["долг 1 млн. жена узнает? ей за мои кредиты платить? её зарплату тронут?"],
        ["совместн"],
        [],
    ),
    # a doubt about consequences answered by its topic leaves the other question standing
    (
        ["долг 900 тыс, 3 банка. в черный список попаду? и статус самозанятого снимут?"],
        ["юрист"],
        [],
    ),
    # filing alone asked beside the МФЦ: the МФЦ is filed in person, for free
    (
        [
            "долг 500 тыс, приставы взыскивают. "
            "а если закончат производство — тогда можно? сама подам?"
        ],
        ["бесплатн"],
        ["депозит"],
    ),
]


@pytest.mark.parametrize(("said", "wanted", "unwanted"), ROLE_CASES, ids=lambda v: str(v)[:40])
async def test_the_answer_respects_the_subjects_role(
    said: list[str], wanted: list[str], unwanted: list[str], tmp_path: Path
) -> None:
    turns = await replay({"turns": said}, tmp_path / "role.db")
    reply = turns[-1]["reply"].lower()
    assert any(word in reply for word in wanted), (wanted, reply)
    for word in unwanted:
        assert word not in reply, (word, reply)


GROUNDED_CASES = [
    # questions DOMAIN.md answers: never "это уточнит юрист"
    (
        ["долг 3 млн, зарплата 80 в конверте", "а то что неофициально получаю, это помешает?"],
        ["доход", "заработ"],
    ),
    (["долг 2 млн. а чем вообще занимается финансовый управляющий?"], ["назнача"]),
    (["долг 2 млн. зачем нужен управляющий?"], ["назнача"]),
    (["долг 1,5 млн. какие обязательные расходы в суде кроме ваших услуг?"], ["25 000"]),
    (
        ["у меня было ип, закрыла в прошлом году, долги остались. спишут их?"],
        ["предпринимател", "ип"],
    ),
    (["долги по налогам спишут при банкротстве?"], ["налог"]),
    (["я уже проходил банкротство в 2018, можно ещё раз?"], ["5 лет", "пять лет"]),
    (
        [
            "долг 400 тыс, производство окончено, взыскивать нечего. "
            "удерживать из пенсии перестанут, если через мфц?"
        ],
        ["приостан"],
    ),
    (
        ["долг 70 тыс, просрочка месяц, работаю официально", "а омбудсмен финансовый чем поможет?"],
        ["уполномоченн", "омбудсмен"],
    ),
    (
        [
            "долг 70 тыс, просрочка месяц, работаю официально",
            "а если банк откажет, можно будет к вам потом обратиться?",
        ],
        ["можно", "обращ"],
    ),
    (["у меня есть гараж и машина, что с ними будет?"], ["гараж", "имуществ"]),
    (
        ["долг 480 тыс, приставы закрыли производство, имущества нет. это точно бесплатно?"],
        ["бесплатн"],
    ),
    (
        ["коллекторы звонят по 5 раз на дню. как часто им можно звонить?"],
        ["раз в день", "раза в день", "в сутки"],
    ),
    # the public register, and that nobody tells the neighbours (batch 27)
    (["долг 1,2 млн. а соседи узнают? это где-то публикуется?"], ["ефрсб"]),
    # the minimum kept for each dependant
    (
        ["долг 900 тыс, зарплата 40 тыс", "у меня трое детей, на них тоже полагается?"],
        ["иждивен", "каждого ребёнка"],
    ),
    # written for a relative: the debtor files, in person
    (
        ["пишу за папу, у него долг 500 тыс", "папе самому надо идти или я могу за него подать?"],
        ["лично"],
    ),
]


@pytest.mark.parametrize(("said", "wanted"), GROUNDED_CASES, ids=lambda v: str(v)[:40])
async def test_a_question_domain_answers_gets_its_answer(
    said: list[str], wanted: list[str], tmp_path: Path
) -> None:
    turns = await replay({"turns": said}, tmp_path / "grounded.db")
    reply = turns[-1]["reply"].lower()
    assert any(word in reply for word in wanted), (wanted, reply)
    assert "уточнит юрист на консультации" not in reply and "лучше ответит юрист" not in reply


async def test_the_court_costs_never_name_a_fee_amount_or_the_firms_price(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["долг 2 млн", "сколько стоит сама процедура в суде?"]}, tmp_path / "costs.db"
    )
    reply = turns[-1]["reply"].lower()
    assert "25 000" in reply and "юрист" in reply
    assert "пошлин" not in reply


async def test_the_managers_answer_carries_no_route_warning(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["долг 2 млн. а кто такой финансовый управляющий?"]}, tmp_path / "manager.db"
    )
    assert "негативные последствия" not in turns[-1]["reply"].lower()


@pytest.mark.parametrize(
    ("turns", "who"),
    [
        (
            [
                "пишу за маму, у неё долг 300 тыс, приставы закрыли производство, взыскать нечего",
                "а сколько это стоит?",
            ],
            "мама",
        ),
        (
            [
                "я по поводу отца, долг 450 тысяч, производство окончено за отсутствием имущества",
                "юрист нужен или он сам справится?",
            ],
            "папа",
        ),
        (
            [
                "пишу за бабушку, долг 200 тыс, приставы окончили производство, имущества нет, "
                "кредиторов 2, не платит 2 года, пенсия, ипотеки нет, сделок не было, Пенза",
                "в собственности у неё ничего нет",
            ],
            "бабушка",
        ),
    ],
)
async def test_on_the_mfc_route_the_relative_written_for_files(
    turns: list[str], who: str, tmp_path: Path
) -> None:
    replies = await replay({"turns": turns}, tmp_path / "relative.db")
    # the route comes when its facts are in, in whichever message that is
    said = [r["reply"].lower() for r in replies if "мфц" in r["reply"].lower()]
    assert said, replies
    for reply in said:
        assert who in reply and ("подаёт" in reply or "может подать" in reply), reply
        assert "вы подаёте" not in reply and "вы можете подать" not in reply, reply


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("есть дача и машина. что с ними будет?", {Topic.CAR, Topic.PROPERTY}),
        ("квартира в ипотеке и гараж, что будет с ними?", {Topic.MORTGAGE_FLAT, Topic.PROPERTY}),
        ("и правда бесплатно?", {Topic.PRICE}),
        ("а сколько раз в неделю им можно звонить?", {Topic.COLLECTORS}),
        ("меня заставят платить за ооо?", {Topic.COMPANY}),
        ("а ваша фирма что делает?", {Topic.OTHER}),
        ("долг микрофинансовой организации спишут?", {Topic.WHICH_DEBTS, Topic.OTHER,
                                                       Topic.HOW_IT_WORKS}),
        ("можно будет потом к вам вернуться?", {Topic.COME_BACK, Topic.ELIGIBILITY}),
        ("финансовый уполномоченный это кто?", {Topic.RESTRUCTURING}),
        ("что делает управляющий?", {Topic.HOW_IT_WORKS}),
    ],
)  # fmt: skip
def test_the_question_reads_its_topic(text: str, topics: set[Topic]) -> None:
    asked = {a.topic for a in understand(text, None, TODAY).asks}
    assert asked and asked <= topics, asked


@pytest.mark.parametrize(
    "text",
    [
        "коллекторы угрожают что приедут описывать имущество! имеют право??",
        "звонят на работу начальнику, это законно?!",
        "это вообще беспредел, звонят по ночам",
    ],
)
def test_indignation_at_collectors_is_anger(text: str) -> None:
    assert Feeling.ANGER in understand(text, None, TODAY).feelings


@pytest.mark.parametrize(
    "text", ["да пошли они все, куда жаловаться?", "пошли вы со своими звонками"]
)
def test_a_curse_at_them_is_anger(text: str) -> None:
    assert Feeling.ANGER in understand(text, None, TODAY).feelings


def test_going_somewhere_is_no_anger() -> None:
    assert Feeling.ANGER not in understand("пошли они в суд сами", None, TODAY).feelings


def test_a_plain_question_about_the_law_is_no_anger() -> None:
    assert (
        Feeling.ANGER
        not in understand("коллекторы имеют право звонить маме?", None, TODAY).feelings
    )


async def test_a_deal_pressed_again_gets_the_deals_answer_not_the_relatives_liability(
    tmp_path: Path,
) -> None:
    """ "гараж брату продал…", later "вы не ответили про гараж. брату отдавать придётся?":
    whether the deal is undone, fuller, with no script question; no "no garage" stored."""
    turns = await replay(
        {
            "turns": [
                "долг 800 тыс, 3 банка",
                "а гараж я сестре продал год назад, с этим проблем не будет?",
                "не плачу 5 месяцев",
                "вы не ответили про гараж. сестре отдавать придется или нет?",
            ]
        },
        tmp_path / "deal.db",
    )
    last = turns[-1]
    reply = last["reply"].lower()
    assert "оспор" in reply or "недействительн" in reply, reply
    assert "наследник" not in last["reply"].lower()
    assert not last["reply"].rstrip().endswith("?")
    assert last["slots"]["extra_property"] is None


async def test_the_writers_own_salary_asked_beside_the_spouses_debts_is_answered(
    tmp_path: Path,
) -> None:
    """Writing for the husband: "я за его долги отвечаю? у меня своя зарплата, её не тронут?"
    gets both answers, the second about the writer's own salary."""
    turns = await replay(
        {
            "turns": [
                "пишу за мужа, у него долги 1,2 млн",
                "я за его долги отвечаю? у меня своя зарплата 35 тысяч, её не тронут?",
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "личн" in reply, reply  # the husband's debts are his own
    assert "доход не удерживают" in reply or "зарплат" in reply, reply  # and her salary
