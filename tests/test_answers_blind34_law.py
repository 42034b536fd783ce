"""The lawyer's reading of blind batch 34, the legal side of the answers: the not-a-fit exit
holds out no route without the statutory warning, a premarital thing is answered as its
owner's, a relative asks whether collectors may come to them, a denied guarantee is no
guarantee, "я за маму спрашиваю" is writing for the mother, and the debtor's income is spoken
of as the debtor's. Each case in other wordings too, with a negative."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import Subject, Topic
from credit_expert.scripted_writer import STATUTORY_WARNING, holds_out_a_route, load_texts
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    dialogue = {"turns": turns}
    return [t["reply"] for t in await replay(dialogue, tmp_path / "x.db", seed=seed)]


# --- 1. A route named only with the statutory warning (38-ФЗ art. 28.1) ---------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Если приставы потом окончат производство, может подойти бесплатный МФЦ — напишите.",
        "А при долге от 25 000 до 1 000 000 ₽ иногда подходит бесплатная процедура через МФЦ.",
        "Судя по вашим словам, вам, скорее всего, подходит МФЦ.",
        "МФЦ вам, похоже, подойдёт.",
        # b37a_12: "…и новых не будет, может стать доступен бесплатный МФЦ при долге от 25 000 ₽"
        "А если приставы окончат производство, может стать доступен бесплатный МФЦ.",
        "Позже вам, возможно, станет доступна процедура через МФЦ.",
        "Тогда может быть доступно внесудебное банкротство.",
    ],
)
def test_a_route_held_out_is_recognised(sentence: str) -> None:
    assert holds_out_a_route(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Если подходит МФЦ, процедура займёт полгода после публикации в ЕФРСБ.",
        "Юрист на звонке скажет, подходит ли вам суд или МФЦ.",
        "Скажу честно: при долге меньше 25 000 ₽ ни суд, ни МФЦ сейчас не подходят.",
        "Лучше попросить у кредитора реструктуризацию; это может подойти лучше процедуры.",
        "МФЦ доступен при долге от 25 000 до 1 000 000 ₽, если производство окончено.",
        "МФЦ бесплатен, но доступен лишь при определённых условиях, их проверит юрист.",
    ],
)
def test_a_condition_or_a_refusal_is_no_route_held_out(sentence: str) -> None:
    assert not holds_out_a_route(sentence)


_UNASKED_EXITS = ("not_a_fit", "not_a_fit_tiny", "offer_at_booking.not_a_fit", "objection.price")


def test_the_exit_and_the_playbook_texts_hold_out_no_route() -> None:
    """Texts sent to many people as they are (the not-a-fit exit, the price playbook) and
    said without the warning: none proposes a route ("может подойти бесплатный МФЦ")."""
    texts = load_texts()
    for key in (*_UNASKED_EXITS, "answer.not_a_fit_again.short", "answer.not_a_fit_again.full"):
        for text in texts.get(key):
            assert not holds_out_a_route(text), (key, text)


def test_every_text_that_holds_out_a_route_is_said_with_the_warning() -> None:
    """Any other text holding out a route goes out with the warning: the offer adds it, and
    the writer adds it to any reply that holds one out (checked on each such text)."""
    from credit_expert.models import Ask, SessionState, Slots, Stage
    from credit_expert.scripted_writer import WriteRequest
    from tests.test_scripted_writer import URL, WRITER, plan

    texts = load_texts()
    holding = sorted(k for k, vs in texts.variants.items() if any(holds_out_a_route(v) for v in vs))
    assert holding  # (the offer holds one out: the check is not empty)
    assert not set(holding) & set(_UNASKED_EXITS)
    # the composer: "а мне МФЦ можно?" from a pensioner under an open writ is answered
    # "МФЦ может вам подойти…" (a route held out, no route topic): the warning goes with it
    from credit_expert.models import Enforcement

    held_out = 0
    for turn in range(3):
        state = SessionState(
            stage=Stage.QUALIFICATION,
            slots=Slots(debt_total=400_000, benefits="pension", enforcement=Enforcement.OPEN),
            turns=turn,
        )
        reply = WRITER.compose(
            WriteRequest(
                plan=plan(Ask.CREDITORS, answers=(Topic.MFC,)),
                state=state,
                user_text="а мне МФЦ можно?",
                privacy_policy_url=URL,
            )
        )
        if holds_out_a_route(reply):
            held_out += 1
            assert STATUTORY_WARNING in reply and reply.rstrip().endswith("?"), reply
    assert held_out  # (one wording at least holds the route out: the check ran)


@pytest.mark.parametrize(
    "turns",
    [
        ["привет. долг тыщ 70 по кредитке одной", "просрочка месяц где-то, работаю, зп 48 белая"],
        ["у меня займы в мфо, 3 штуки, на семьдесят тыщ", "просрочка месяц. работаю официально"],
        ["мне 20, набрала микрозаймов тыщ на 35", "три мфо, просрочка месяц, работаю"],
    ],
)
@pytest.mark.parametrize("seed", [0, 1])
async def test_the_not_a_fit_exit_names_no_route_and_needs_no_warning(
    turns: list[str], seed: int, tmp_path: Path
) -> None:
    replies = await _replies([*turns, "ну и что мне делать"], tmp_path, seed=seed)
    exit_reply, after = replies[1], replies[2]
    assert "реструктуриз" in exit_reply.lower() or "каникул" in exit_reply.lower()
    for reply in (exit_reply, after):
        assert "МФЦ" not in reply, reply
        assert STATUTORY_WARNING not in reply, reply  # no route named, none to warn of


# --- 2. A premarital thing is its owner's --------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "квартира у жены добрачная, на ней. машина на мне, лексус. квартиру жены заберут?",
        "у жены квартира до брака куплена, а машина моя. её квартиру не заберут?",
        "машина на мне, а квартира мужа добрачная. квартиру мужа не тронут?",
    ],
)  # fmt: skip
async def test_the_spouses_premarital_flat_beside_the_persons_car_is_the_spouses(
    message: str, tmp_path: Path
) -> None:
    replies = await _replies(["долгов 3 млн, 4 банка", message], tmp_path)
    reply = replies[-1].lower()
    assert "ваше добрачное" not in reply and "купленное вами" not in reply, reply
    assert "личн" in reply and any(w in reply for w in ("не входит", "не продают", "не попадает"))


async def test_the_persons_own_premarital_car_stays_theirs(tmp_path: Path) -> None:
    """Negative: "у меня машина до брака, жена переживает" is the person's own."""
    replies = await _replies(
        ["долгов 3 млн, 4 банка", "у меня машина до брака куплена, жена переживает. её заберут?"],
        tmp_path,
    )
    reply = replies[-1].lower()
    assert "ваш" in reply and (
        "входит в процедуру" in reply or "продать" in reply or "продаж" in reply
    )


# --- 3. A relative asks whether collectors may come to them ---------------------------------


@pytest.mark.parametrize(
    ("opening", "question"),
    [
        ("пишу за сестру, у неё долг около миллиона",
         "а на меня коллекторы выйти могут? я ей деньги переводила"),
        ("я за маму спрашиваю, у неё долги 300 тысяч", "а мне коллекторы звонить будут?"),
        ("пишу за брата, долг 600 тыс", "коллекторы ко мне могут прийти?"),
    ],
)  # fmt: skip
async def test_a_relative_hears_collectors_need_the_debtors_written_consent(
    opening: str, question: str, tmp_path: Path
) -> None:
    replies = await _replies([opening, question], tmp_path)
    reply = replies[-1].lower()
    assert "согласи" in reply and "фссп" in reply, reply
    assert "восьми в месяц" not in reply and "раз в сутки" not in reply, reply


async def test_the_debtor_asking_of_collectors_hears_the_call_limits(tmp_path: Path) -> None:
    """Negative: the debtor's own "коллекторы мне звонят, это законно?" gets the limits."""
    replies = await _replies(
        ["долг 600 тысяч, 3 банка", "коллекторы мне звонят каждый день, это законно?"], tmp_path
    )
    reply = replies[-1].lower()
    assert "в сутки" in reply or "в день" in reply or "в неделю" in reply, reply


# --- 4. A denied guarantee is no guarantee ------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "вы не ответили, фирменные долги моими станут или нет? я поручителем нигде не был",
        "я ни за кого не поручался, долги фирмы на меня повесят?",
        "поручителем не выступал, долги ооо на меня повесят?",
        "я не выступал поручителем. долги фирмы на меня перейдут?",
    ],
)
def test_a_denied_guarantee_is_not_read_as_one(message: str) -> None:
    topics = {a.topic for a in understand(message, today=TODAY).acts}
    assert Topic.GUARANTOR not in topics, topics


def test_a_guarantee_told_is_still_read() -> None:
    """Negative: "я поручитель за брата" is a guarantee."""
    topics = {a.topic for a in understand("я поручитель за брата, он не платит", today=TODAY).acts}
    assert Topic.GUARANTOR in topics


async def test_the_denied_guarantee_never_gets_the_guarantors_answer(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "я директор и учредитель ооо. лично на мне кредитов 2,7 млн",
            "вы не ответили, фирменные долги моими станут или нет? я поручителем нигде не был",
        ],
        tmp_path,
    )
    assert "как поручитель" not in replies[-1].lower(), replies[-1]


# --- 5. "я за маму спрашиваю": writing for the mother -------------------------------------


@pytest.mark.parametrize(
    ("message", "who"),
    [
        ("здравствуйте, я за маму спрашиваю, ей 81 год", Subject.PARENT),
        ("за сестру пишу, у неё долг 400 тысяч", Subject.SIBLING),
        ("для папы узнаю, у него кредиты", Subject.PARENT),
    ],
)
def test_the_relative_before_the_verb_is_written_for(message: str, who: Subject) -> None:
    assert understand(message, today=TODAY).on_behalf == who.value


@pytest.mark.parametrize(
    "message", ["я за себя спрашиваю, долг 300 тысяч", "за кредит спрашиваю, долг 300 тысяч"]
)
def test_no_relative_before_the_verb_is_no_writing_for(message: str) -> None:
    assert understand(message, today=TODAY).on_behalf is None


async def test_the_mother_written_for_is_asked_about_not_the_writer(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "здравствуйте, я за маму спрашиваю, ей 81 год",
            "набрала займов и по карте должна, всего двести десять тысяч",
        ],
        tmp_path,
    )
    assert "мам" in replies[-1].lower(), replies[-1]
    assert "у вас кредиторов" not in replies[-1].lower()


# --- 6. The debtor's income and spouse, spoken of as the debtor's ---------------------------


@pytest.mark.parametrize(
    ("opening", "question", "wrong"),
    [
        ("пишу за маму, ей 76, долг 280 тысяч, пенсия 17 тыс",
         "скажите пенсию перестанут удерживать если подать?", "оставляя вам"),
        ("пишу за папу, у него долг 500 тысяч, он на пенсии",
         "пенсию у него всю заберут?", "вам оставляют"),
        ("пишу за сестру, у неё долг около миллиона",
         "муж у неё хорошо получает, тыщ 150, его зарплату тронут?", "вашего супруга"),
        ("пишу за брата, долг 700 тысяч",
         "жена у него работает, её зарплату не заберут?", "на ваши долги"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("seed", [0, 1, 2])
async def test_the_debtors_income_is_spoken_of_as_the_debtors(
    opening: str, question: str, wrong: str, seed: int, tmp_path: Path
) -> None:
    replies = await _replies([opening, question], tmp_path, seed=seed)
    reply = replies[-1].lower()
    assert wrong not in reply, reply
    assert "на вас и" not in reply and "за вами" not in reply, reply


async def test_the_writers_own_salary_is_still_the_writers(tmp_path: Path) -> None:
    """Negative: "а мою зарплату не тронут?" from the writer is about the writer's own."""
    replies = await _replies(
        ["пишу за маму, у неё долг 300 тысяч", "а мою зарплату не тронут? я сама работаю"],
        tmp_path,
    )
    reply = replies[-1].lower()
    assert "ваш" in reply and "прожиточный минимум" not in reply, reply


@pytest.mark.parametrize(
    "question", ["а можно мне банкротство?", "а мне вообще можно обанкротиться?"]
)
async def test_may_i_go_bankrupt_after_the_exit_is_answered_with_why_not_now(
    question: str, tmp_path: Path
) -> None:
    """After the not-a-fit exit, "а можно мне банкротство?": yes, the law allows it, but
    not worth it for a small debt (never the statutory warning standing in for an answer)."""
    replies = await _replies(
        ["у меня 3 займа в мфо на 38 тыщ", "просрочка месяц, подрабатываю неофициально", question],
        tmp_path,
    )
    reply = replies[-1].lower()
    assert "небольш" in reply or "не запрещает" in reply, reply
    assert STATUTORY_WARNING.lower() not in reply, reply
