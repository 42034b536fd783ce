"""The lawyer's audit of every text the offline writer can send (29 findings, against
shared DOMAIN.md). Each finding is replayed with the input the lawyer used, through the
real reader, policy and scripted writer (`chat --json`, as QA replays transcripts), or,
where the finding is a wording that no single input reaches, checked on every variant of
the text. A reply is checked against the tables it must and must not come from, so the
test holds whichever wording the rotation picks."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from credit_expert.scripted_writer import PROMPTS_DIR, _first_sentence, load_texts
from tests.transcript_check import replay

TEXTS = load_texts()


async def last_reply(tmp_path: Path, *turns: str) -> str:
    replies = await replay({"id": "audit", "turns": list(turns)}, tmp_path / "audit.db")
    return str(replies[-1]["reply"])


def _piece(text: str) -> str:
    # the first sentence, without its first letter: "Как я уже писала, купленное…" still counts
    return _first_sentence(text)[1:]


def sent(reply: str, key: str) -> bool:
    """Whether the reply carries one of the wordings of this text (answers.toml's short and
    full answers of a table, or a script.toml text)."""
    variants = TEXTS.get(f"{key}.short") + TEXTS.get(f"{key}.full") or TEXTS.get(key)
    assert variants, key
    return any(_piece(v) in reply for v in variants)


def variants(key: str) -> tuple[str, ...]:
    found = TEXTS.get(f"{key}.short") + TEXTS.get(f"{key}.full") or TEXTS.get(key)
    assert found, key
    return found


# --- 1. premarital property: whose it is decides ---------------------------------------------


async def test_1_the_persons_own_premarital_car_is_in_their_procedure(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path, "у меня машина куплена до брака, жена переживает — машину заберут?"
    )
    assert sent(reply, "answer.own_premarital"), reply
    assert not sent(reply, "answer.spouse_premarital"), reply
    assert "принадлежит только ему" not in reply and "прода" in reply, reply


async def test_1_the_spouses_premarital_car_is_not_in_the_persons_case(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "машина жены куплена до брака, заберут?")
    assert sent(reply, "answer.spouse_premarital"), reply
    assert not sent(reply, "answer.own_premarital"), reply


async def test_1_premarital_with_no_owner_named_gets_both_cases(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "а добрачную квартиру мужа заберут?")
    assert sent(reply, "answer.premarital") or sent(reply, "answer.spouse_premarital"), reply
    assert not sent(reply, "answer.own_premarital"), reply


def test_1_no_premarital_answer_promises_the_persons_own_property_is_safe() -> None:
    for text in variants("answer.own_premarital") + variants("answer.premarital"):
        low = text.lower()
        assert re.search(r"входит в (?:вашу )?процедуру|прода|включает", low), text
        assert "ипотек" in low or "залог" in low, text  # the sole home only without a pledge


# --- 2. "муж набрал кредитов, мне за них отвечать?" is about the husband ---------------------


async def test_2_the_husbands_debts_get_the_spouse_answer_not_the_childrens(
    tmp_path: Path,
) -> None:
    reply = await last_reply(tmp_path, "муж набрал кредитов, мне за них отвечать?")
    assert sent(reply, "answer.spouse_debts"), reply
    assert not sent(reply, "answer.children"), reply
    assert "нужды семьи" in reply or "на семью" in reply, reply


async def test_2_a_later_question_about_the_husbands_debts_too(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "у мужа долги 500 тысяч", "а мне за них отвечать?")
    assert sent(reply, "answer.spouse_debts"), reply
    assert "за сына" not in reply, reply


def test_2_every_spouse_debts_answer_names_the_family_needs_exception() -> None:
    for text in variants("answer.spouse_debts"):
        assert re.search(r"нужды семьи|на семью", text), text
        assert re.search(r"созаём|подпис", text), text


# --- 3. the pensioner's МФЦ ground needs a writ ---------------------------------------------


async def test_3_no_proceedings_no_pension_ground(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path,
        "я пенсионерка, долг 300 тыс, приставов нет, суда не было",
        "через мфц мне можно? ответьте",
    )
    assert not sent(reply, "answer.mfc_benefits"), reply
    assert sent(reply, "answer.mfc_no_grounds"), reply
    assert "скорее всего, открыт" not in reply


async def test_3_an_open_case_of_a_pensioner_still_gets_the_writ_ground(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path, "я пенсионерка, долг 300 тыс, приставы удерживают с пенсии", "через мфц можно?"
    )
    assert sent(reply, "answer.mfc_benefits"), reply


def test_3_the_pension_ground_is_never_said_as_likely_open() -> None:
    for text in variants("answer.mfc_benefits"):
        assert "скорее всего" not in text and re.search(r"если|достаточно|основание", text), text


# --- 4. "сама в МФЦ схожу": the close says whether the МФЦ would take it --------------------


async def test_4_over_the_limit_the_mfc_plan_is_not_endorsed(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path, "долг 2 млн, 5 банков, работаю официально", "не надо, тогда я сама в мфц схожу"
    )
    assert sent(reply, "files_alone_out_of_limits"), reply
    assert "Хорошее решение" not in reply and "1 000 000" in reply, reply


async def test_4_with_no_ground_the_mfc_plan_is_not_endorsed(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path,
        "долг 500 тысяч, приставов нет, работаю официально",
        "не надо, тогда я сама в мфц схожу",
    )
    assert sent(reply, "files_alone_no_grounds"), reply


async def test_4_on_the_mfc_route_the_plan_is_supported(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path,
        "долг 600 тыс, приставы окончили производство, взыскать нечего",
        "не надо, тогда я сама в мфц схожу",
    )
    assert sent(reply, "files_alone"), reply
    assert "кредитор" in reply, reply


def test_4_the_llm_is_told_the_mfc_conditions_for_a_self_filer() -> None:
    goals = tomllib.loads((PROMPTS_DIR / "llm_stage_goals.toml").read_text("utf-8"))
    goal = goals["event"]["files_alone"]
    assert "1 000 000" in goal and "не примет" in goal and "поддержи решение" not in goal
    for text in variants("files_alone_conditions"):
        assert "25 000" in text and "1 000 000" in text and "основани" in text, text
    for text in variants("files_alone_no_grounds"):
        assert "основани" in text and "Хорошее решение" not in text, text


# --- 5, 6. the co-signer of the spouse's loan, the spouse who co-signed ----------------------


@pytest.mark.parametrize(
    "said",
    [
        "я созаемщик по кредиту мужа, он хочет банкротиться, мне теперь платить?",
        "я поручитель у мужа по кредиту, что со мной будет если он обанкротится?",
    ],
)
async def test_5_the_person_who_co_signed_the_husbands_loan_is_liable(
    said: str, tmp_path: Path
) -> None:
    reply = await last_reply(tmp_path, said)
    assert sent(reply, "answer.guarantor_self"), reply
    assert not sent(reply, "answer.guarantor"), reply
    assert "после вашего банкротства" not in reply and "с вас" in reply, reply


async def test_6_a_spouse_who_guarantees_hears_of_the_family_needs(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "жена поручитель по моему кредиту, что ей будет?")
    assert sent(reply, "answer.guarantor_spouse"), reply
    assert "нужды семьи" in reply or "на семью" in reply, reply


def test_6_no_guarantor_answer_says_a_spouse_answers_for_nothing_else() -> None:
    for text in variants("answer.guarantor"):
        low = text.lower()
        assert not (re.search(r"\bмуж\b|супруг|жена", low) and "остальн" in low), text
    for text in variants("answer.guarantor_spouse"):
        assert re.search(r"нужды семьи|на семью|семейные", text), text


# --- 7. "у мужа долги, а квартира общая" ------------------------------------------------------


async def test_7_the_debtor_husband_and_the_joint_flat(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "у мужа долги, а квартира общая, заберут?")
    assert sent(reply, "answer.spouse_debts"), reply
    assert not sent(reply, "answer.spouse"), reply
    assert "по вашим личным кредитам" not in reply and "единственн" in reply, reply


# --- 8, 9. a relative's property: as a rule, and the 3-year claw-back ------------------------


async def test_8_9_the_mothers_flat_is_hedged(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "квартира мамина, я там прописан, её заберут?")
    assert sent(reply, "answer.relative_property"), reply
    assert "3 года" in reply and "не ваше" in reply, reply


def test_8_9_no_relative_property_answer_leaves_out_the_claw_back() -> None:
    for text in TEXTS.get("answer.relative_property.short"):
        assert "3 года" in text, text
        assert "не заберут" not in text and "его не продают," not in text, text


# --- 10, 11, 12, 28. МФЦ grounds stated whole -------------------------------------------------


def test_10_11_28_a_closed_case_is_always_said_closed_for_lack_of_property() -> None:
    """Proceedings ended because the debt was paid are no МФЦ ground: every text that
    names a closed case says why it closed."""
    closed = re.compile(r"окончили производство|производство окончено|оконченн\w* производств")
    for key, texts in TEXTS.variants.items():
        for text in texts:
            for sentence in re.split(r"(?<=[.!?;])\s+", text):
                if closed.search(sentence.lower()):
                    assert re.search(r"взыскать нечего|отсутстви", sentence), (
                        key,
                        sentence,
                    )


def test_12_the_eligibility_answer_names_every_mfc_ground_and_no_court_otherwise() -> None:
    for text in TEXTS.get("answer.eligibility.short"):
        assert "иначе — суд" not in text, text
    listing = TEXTS.get("answer.eligibility.short")[1]
    assert "детских пособий" in listing and "7 лет" in listing, listing


def test_28_the_both_routes_offer_keeps_the_mfc_free_and_the_7_year_ground_general() -> None:
    for text in TEXTS.get("offer.both"):
        assert "бесплатен, если" not in text, text
    listing = TEXTS.get("offer.both")[1]
    assert "любой лист" in listing and "новых нет" in listing, listing


# --- 13. a working mother's salary ------------------------------------------------------------


async def test_13_a_working_mother_asks_of_her_salary_not_a_pension(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path, "долг 400 тыс, работаю, получаю детские пособия на двоих. зарплату всю заберут?"
    )
    assert not sent(reply, "answer.salary_pension"), reply
    assert "пенси" not in reply.lower(), reply
    assert "прожиточн" in reply and "пособия остаются полностью" in reply, reply


async def test_13_a_pensioner_still_hears_of_her_pension(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "долг 400 тыс, я на пенсии", "а пенсию заберут?")
    assert sent(reply, "answer.salary_pension"), reply


# --- 14, 15, 16. the sole home is protected only without a mortgage ---------------------------


async def test_14_15_household_things_for_a_mortgaged_home(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path,
        "долг 700 тысяч, квартира в ипотеке единственная",
        "а холодильник и телевизор заберут?",
    )
    assert sent(reply, "answer.household"), reply
    assert "ипоте" in reply.lower(), reply
    assert "сверх единственного жилья." not in reply, reply


async def test_16_a_dacha_for_a_mortgaged_home(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "долг 700 тысяч, квартира в ипотеке", "а дачу заберут?")
    assert sent(reply, "answer.property"), reply
    assert "ипоте" in reply.lower(), reply


def test_14_15_16_no_contrast_with_the_sole_home_leaves_out_the_mortgage() -> None:
    sole = re.compile(r"единственн\w* жил\w*")
    for key in ("answer.household", "answer.property", "answer.car", "topic.car"):
        for text in variants(key):
            for sentence in re.split(r"(?<=[.!?;])\s+", text):
                if sole.search(sentence.lower()):
                    assert re.search(r"ипотек|ипотеч|залог", sentence.lower()), (key, sentence)


# --- 17. the spouse's debts: three cases, not "only" two -------------------------------------


def test_17_the_spouse_debts_answer_says_no_only() -> None:
    for text in variants("answer.spouse_debts"):
        assert "только совместное" not in text and "не его личные долги, а ваши" not in text


# --- 18. three questions: each first sentence answers its own question -----------------------


async def test_18_the_price_survives_the_three_question_cut(tmp_path: Path) -> None:
    reply = await last_reply(tmp_path, "сколько стоит? квартиру заберут? и за границу выпустят?")
    price = next(s for s in re.split(r"(?<=[.!?])\s+", reply) if "бесплатн" in s)
    assert re.search(r"цен|стоимост", price) and re.search(r"част|рассрочк", price), price


def test_18_the_first_sentence_of_every_price_answer_is_the_whole_answer() -> None:
    for text in TEXTS.get("answer.price.short"):
        first = _first_sentence(text)
        assert re.search(r"цен|стоимост", first) and re.search(r"юрист|назов|озвуч", first), first


def test_18_every_short_answer_answers_in_its_first_sentence() -> None:
    """Three questions in one message: each answer is cut to its first sentence, which must
    still carry the answer (one of the table's key stems)."""
    for key, texts in TEXTS.variants.items():
        if key.startswith("answer.") and key.endswith(".short"):
            stems = TEXTS.get(key.removesuffix(".short") + ".key")
            for text in texts:
                first = _first_sentence(text).lower()
                assert any(stem in first for stem in stems), (key, first)


def test_18_the_cut_never_splits_a_citation() -> None:
    assert _first_sentence("Отвечают в пределах (ГК РФ, ст. 1175). Дальше.").endswith("1175).")
    for text in TEXTS.get("answer.heirs.short"):
        assert _first_sentence(text).count("(") == _first_sentence(text).count(")"), text


# --- 19, 20. the МФЦ route: no court, no manager ----------------------------------------------


async def test_19_a_salary_on_the_mfc_route(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path,
        "долг 600 тыс, 4 банка, приставы окончили производство, взыскать нечего",
        "а с зарплаты будут удерживать в процедуре?",
    )
    assert sent(reply, "answer.salary_mfc"), reply
    assert not sent(reply, "answer.salary"), reply
    assert "суд может разрешить" not in reply, reply


async def test_20_a_guarantee_on_the_mfc_route(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path,
        "долг 500 тыс, приставы закрыли производство, взыскать нечего. гарантии есть что спишут?",
    )
    assert sent(reply, "answer.guarantee_mfc"), reply
    assert "решение за судом" not in reply and "итог решает суд" not in reply, reply


# --- 21, 22, 29. single texts of the script and the LLM brief --------------------------------


def test_21_a_mortgaged_flat_is_not_protected_as_a_rule_it_is_sold_as_a_rule() -> None:
    for text in TEXTS.get("topic.flat_mortgage"):
        assert "как правило, не распространяется" not in text, text
        assert "не распространяется" in text and "как правило, продают" in text, text


def test_22_the_spouse_objection_names_the_exceptions() -> None:
    for key in ("objection.spouse", "topic.spouse"):
        for text in TEXTS.get(key):
            assert "нужды семьи" in text, (key, text)
    system = (PROMPTS_DIR / "llm_system.md").read_text("utf-8")
    spouse_line = next(line for line in system.splitlines() if line.startswith("- spouse"))
    assert "нужды семьи" in spouse_line, spouse_line


def test_29_the_llm_brief_hedges_the_sole_home() -> None:
    system = (PROMPTS_DIR / "llm_system.md").read_text("utf-8")
    line = next(line for line in system.splitlines() if line.startswith("- property"))
    assert "защищено" not in line and "по общему правилу" in line, line


# --- 23, 24. the honest exit -----------------------------------------------------------------


def test_23_the_mfc_after_a_not_a_fit_may_become_open_never_will() -> None:
    for text in variants("answer.not_a_fit_again"):
        assert "станет доступен" not in text.replace("может стать доступен", ""), text
        if "МФЦ" in text:
            assert "взыскать нечего" in text or "отсутстви" in text, text


def test_24_only_the_tiny_debt_is_said_to_cost_less_than_the_procedure() -> None:
    for key, texts in TEXTS.variants.items():
        for text in texts:
            if "дороже самого долга" in text:
                assert key == "not_a_fit_tiny", (key, text)


# --- 25, 26. deductions, dismissal -----------------------------------------------------------


def test_25_no_flat_yes_that_deductions_stop_in_court() -> None:
    for text in variants("answer.deductions"):
        assert not text.startswith("Да"), text
        assert "прожиточн" in text, text


def test_26_no_blanket_you_keep_your_job() -> None:
    for text in variants("answer.job"):
        assert "не теряют" not in text, text
        assert "не основание" in text or "нельзя" in text or "не вправе" in text, text


# --- 27. the court offer lists the firm's fee among the costs --------------------------------


def test_27_the_court_offer_names_the_firms_services_among_the_costs() -> None:
    for text in TEXTS.get("offer.court"):
        assert "услуги компании" in text and "юрист" in text, text


async def test_27_the_court_offer_as_sent(tmp_path: Path) -> None:
    reply = await last_reply(
        tmp_path,
        "долг 1,5 млн, 4 банка, не плачу полгода, приставов нет, работаю официально,"
        " квартира съёмная, машины нет, ипотеки нет, ничего не продавала, Пермь",
    )
    assert sent(reply, "offer.court"), reply
    assert "услуги компании" in reply, reply
