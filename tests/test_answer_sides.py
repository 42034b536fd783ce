"""Answers for the side the person is on — batch 26's lawyer (README "Answering"): a writer
asking about their own salary or things while writing for a relative, the relative's own home
and car, a home bought in marriage, a mortgaged home named in the words, missed payments and
the credit history, a relative's pension, and doubts after a lost prepayment. Each case uses
other wordings than the transcripts'; the words asserted are the legal point."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ObjectionKind, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY

CASES = [
    # (what was said, words the last reply must hold, words it must not hold)
    # the writer's own salary and things are not in the relative's case
    (
        ["пишу за отца, у него кредиты на 700 тысяч",
         "у меня самого зарплата 80 и своя квартира в ипотеке, меня это заденет?"],
        ["не входят", "должник"],
        ["прожиточный минимум на вас", "имущество родных"],
    ),
    (
        ["я по поводу сестры, она должна банкам 900 тысяч",
         "а мою машину не заберут за её долги?"],
        ["ваш"],
        ["машину в банкротстве, как правило, включают", "как будет с вашей"],
    ),
    # the debtor's spouse writes: their own salary is theirs
    (
        ["пишу за жену, у неё долгов на миллион",
         "а мою зарплату тоже будут удерживать?"],
        ["ваш", "созаёмщик"],
        ["прожиточный минимум на вас"],
    ),
    (
        ["пишу за мужа, у него долгов 1,5 млн",
         "вы про мою зарплату ничего не сказали. мне банк что-то может сделать?"],
        ["созаёмщик"],
        ["уточнит юрист"],
    ),
    # the relative's home and car: the debtor's own, not "a relative's property"
    (
        ["здравствуйте, я насчёт мамы, у неё долг 600 тысяч",
         "дом у неё один, его не отберут?"],
        ["единственн"],
        ["не ваше", "в вашем банкротстве"],
    ),
    (
        ["пишу за брата, долг 1,1 млн", "а машину у него отнимут?"],
        ["должник"],
        ["как будет с вашей"],
    ),
    # a home bought in marriage, no mortgage: joint, and the sole-home rule
    (
        ["долг у мужа 2 млн", "квартиру покупали в браке, ипотеки нет, её заберут?"],
        ["единственн"],
        [],
    ),
    # a mortgaged home named in the words: never the sole-home reassurance
    (
        ["Долг 900 тысяч", "Квартира у нас ипотечная. Её отберут?"],
        ["залог"],
        ["не забирают, если оно не в ипотеке"],
    ),
    (
        ["Долг 700 тысяч",
         "я поручитель по ипотеке бывшей жены. квартира в ипотеке, что с ней будет?"],
        ["ипотек"],
        ["единственное жильё по общему правилу не забирают"],
    ),
    # missed payments now, not the five years after a bankruptcy
    (
        ["долг 50 тысяч, просрочка месяц, работаю",
         "а если я пропущу пару платежей, кредитная история испортится?"],
        ["кредитн"],
        ["после банкротства нужно сообщать"],
    ),
    # what is left to live on
    (
        ["долг 1,2 млн, 5 банков", "мне хоть что-нибудь оставят на жизнь?"],
        ["прожиточн"],
        [],
    ),
    # the person guarantees a relative's loan: their own bankruptcy, and the borrower
    (
        ["я поручитель по кредиту сестры, банк требует с меня 300 тысяч, и своих долгов 600",
         "а если я обанкрочусь, что будет с поручительством? сестра останется должна?"],
        ["поручител", "заёмщик"],
        ["наравне с вами"],
    ),
    # the person's own car, said "у меня", is never "a relative's property"
    (
        ["я поручитель за брата, долг 400 тысяч", "а квартира у меня однокомнатная, её заберут?"],
        ["единственн"],
        ["не ваше"],
    ),
    # a relative's pension, named beside "не тронут"
    (
        ["долг 1,1 млн", "а отца не тронут? у него пенсия, я у него живу"],
        ["пенси", "не трогают"],
        ["наследник"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("said", "must", "must_not"), CASES)
async def test_the_answer_is_for_the_side_asked_about(
    said: list[str], must: list[str], must_not: list[str], tmp_path: Path
) -> None:
    turns = await replay({"turns": said}, tmp_path / "sides.db")
    reply = turns[-1]["reply"].lower()
    for words in must:
        assert words in reply, (words, reply)
    for words in must_not:
        assert words not in reply, (words, reply)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("у меня останется хоть сколько-то на жизнь?", Topic.SALARY),
        ("на еду мне что-нибудь оставят?", Topic.SALARY),
        ("если я к вам обращусь, мне потом кредиты не будут давать?", Topic.CREDIT_HISTORY),
        ("а ипотеку потом будут одобрять?", Topic.CREDIT_HISTORY),
        ("я вообще могу обанкротиться с такой суммой?", Topic.ELIGIBILITY),
        ("ya mogu obankrotitsya s takim dolgom?", Topic.ELIGIBILITY),
        ("chё po cenniku u vas? i skolko eto dlitsya?", Topic.PRICE),
    ],
)
def test_the_question_is_read_with_its_topic(text: str, topic: Topic) -> None:
    assert topic in {a.topic for a in understand(text, None, TODAY).asks}


@pytest.mark.parametrize(
    "text",
    [
        "не доверяю я юристам, уже обжёгся",
        "а предоплату вы берёте?",
        "один юрист взял деньги и пропал с концами, чем вы отличаетесь?",
    ],
)
def test_a_lost_prepayment_and_distrust_are_the_trust_doubt(text: str) -> None:
    assert understand(text, None, TODAY).objection is ObjectionKind.TRUST


def test_come_back_later_is_still_read() -> None:
    asked = {a.topic for a in understand("а если не договорюсь, можно потом к вам?").asks}
    assert Topic.COME_BACK in asked  # its own topic, answered by answer.come_back
