"""prompts/answers.toml: every ask topic answered, briefly, honestly, never twice the same."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXTS = tomllib.loads(
    (ROOT / "credit_expert" / "prompts" / "answers.toml").read_text(encoding="utf-8")
)
ANSWERS: dict[str, dict[str, list[str]]] = TEXTS["answer"]


def readme_topics() -> list[str]:
    """The ask topics as the README's "Acts" section lists them (the contract with nlu)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("Ask topics:", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"`([a-z_]+)`", block)


TOPICS = readme_topics()
EXTRA_ANSWERS = [
    "consent_leak",
    "company_debts_ip",
    "price_mfc_open",
    "ex_spouse_share",
    "refusal_grounds",
    "company_debts_director",
    "joint_sole_home",
    "foreigner",
    "pension_future",
    "guarantor_salary",
    "writer_own_relative",
    "writer_thing_relative",
    "collectors_writer_relative",
    "writer_salary_spouse",
    "salary_debtor",
    "salary_relative",
    "salary_pension_relative",
    "flat_relative",
    "car_debtor",
    "credit_history_overdue",
    "guarantor_own_bankruptcy",
    "price_mfc",
    "company_ip",
    "salary_pension",
    "not_a_fit_again",
    "heirs",
    "mfc_benefits",
    "children_credit",
    "self_filing_mfc",
    "spouse_premarital",
    "mfc_over_limit",
    "spouse_salary_cosigned",
    "guarantor_self",
    "guarantor_spouse",
    "own_premarital",
    "premarital",
    "mfc_no_grounds",
    "mfc_open_enforcement",
    "joint_property",
    "spouse_not_cosigned",
    "salary_mfc",
    "guarantee_mfc",
    "collectors_seizure",
    "criminal_deal",
    "criminal_tax",
    "spouse_own",
    "inherit_own",
    "mfc_fits",
    "mfc_fits_relative",
    "company_debts",
    "not_a_bank",
    "job_new",
    "job_relative",
    "job_civil_service",
    "heirs_refusal",
    "heirs_kin",
    "salary_grey",
    "court_costs",
    "manager",
    "ombudsman",
    "come_back",
    "former_ip",
    "relatives_cosigned",
    "relative_salary_cosigned",
    "price_mfc_relative",
    "self_filing_mfc_relative",
    "hope_after_crisis",
    "what_to_do_after_crisis",
    "publicity",
    "self_filing_relative",
    "collectors_writer_relative",
    "income_relative",
    "deductions_relative",
    "spouse_salary_relative",
    "spouse_debts_own_case",
    "study_place",
    "collectors_visit",
    "legal",
]

# Never said (DOMAIN.md "Never say", 38-ФЗ). Plain lowercase substrings, as sales QA
# matches them, so "консультация юриста" (it contains "я юрист") is out too.
FORBIDDEN = (
    "гарантир",
    "гарантия",
    "гарантии",
    "100%",
    "100 %",
    "точно спиш",
    "спишут",
    "спишем",
    "списание гарантировано",
    "освободят от долгов",
    "государственн",
    "перестаньте платить",
    "не платите",
    "можете не платить",
    "бесплатное банкротство",
    "бесплатная процедура банкротства",
    "госпошлин",
    "пошлин",
    "я юрист",
    "я человек",
    "я живой",
    "я — юрист",
    "точно не заберут",
    "точно выпустят",
    "никаких ограничений",
    "сделки никто",
    "перепишите",
    "переоформите",
    "спрячьте",
)
PLACEHOLDERS = {"helpline", "debt", "old", "new", "who", "year"}
# Words that carry "ё": the file writes it everywhere, so these spellings must not occur.
WITHOUT_YO = re.compile(
    r"(?<!\w)(еще|ее|все равно|счет|идет|подаете|назовет|разберет|вернет|живете"
    r"|остается|тяжел(?:ый|ая|ое|ые|ого|ом)|жестк\w*|начнет|пойдет|займет|расчет|созаемщик\w*)(?!\w)"
)


def words(text: str) -> int:
    """Words as a reader counts them: "6–12" is two, "₽" and "—" are none."""
    return len(re.findall(r"\w+", text))


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z0-9«/])", text.strip())
    return [p for p in parts if p]


def all_variants() -> list[tuple[str, str]]:
    """(table, text) for every text in the file."""
    out: list[tuple[str, str]] = []
    for topic, table in ANSWERS.items():
        for kind in ("short", "full"):
            out += [(f"answer.{topic}.{kind}", text) for text in table[kind]]

    def walk(prefix: str, node: dict) -> None:
        for name, value in node.items():
            if name == "answer" and not prefix:
                continue
            if isinstance(value, dict):
                walk(f"{prefix}{name}.", value)
            elif name == "variants":
                out.extend((prefix.rstrip("."), text) for text in value)

    walk("", TEXTS)
    return out


VARIANTS = all_variants()


def test_the_readme_lists_the_ask_topics_this_file_serves() -> None:
    assert len(TOPICS) >= 27 and "price" in TOPICS and "other" in TOPICS, TOPICS


@pytest.mark.parametrize("topic", TOPICS + EXTRA_ANSWERS)
def test_every_ask_topic_has_three_short_and_two_full_answers(topic: str) -> None:
    table = ANSWERS.get(topic)
    assert table is not None, f"no [answer.{topic}]"
    assert set(table) == {"key", "short", "full"}, topic
    assert 2 <= len(table["key"]) <= 6, table["key"]
    assert all(stem == stem.lower() and stem.strip() for stem in table["key"])
    assert len(table["short"]) == 3 and len(table["full"]) == 2, topic


def test_no_answer_table_names_an_unknown_topic() -> None:
    assert set(ANSWERS) == set(TOPICS) | set(EXTRA_ANSWERS)


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_short_answers_are_one_or_two_sentences_of_at_most_35_words(topic: str) -> None:
    for text in ANSWERS[topic]["short"]:
        assert words(text) <= 35, (topic, words(text), text)
        assert 1 <= len(sentences(text)) <= 2, (topic, sentences(text))


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_full_answers_are_two_or_three_sentences_of_at_most_60_words(topic: str) -> None:
    for text in ANSWERS[topic]["full"]:
        assert words(text) <= 60, (topic, words(text), text)
        assert 2 <= len(sentences(text)) <= 3, (topic, sentences(text))


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_every_answer_contains_one_of_its_key_stems(topic: str) -> None:
    table = ANSWERS[topic]
    for text in table["short"] + table["full"]:
        assert any(stem in text.lower() for stem in table["key"]), (topic, text)


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_a_full_answer_shares_no_sentence_and_no_five_word_run_with_the_short_ones(
    topic: str,
) -> None:
    # Asked again, the person must read new words, not the first answer padded out.
    table = ANSWERS[topic]
    for short, full in itertools.product(table["short"], table["full"]):
        assert not set(sentences(short)) & set(sentences(full)), (topic, short, full)
        assert not shingles(short) & shingles(full), (topic, shingles(short) & shingles(full))
    first, second = table["full"]
    assert not shingles(first) & shingles(second), (topic, shingles(first) & shingles(second))


def test_no_two_texts_anywhere_are_the_same() -> None:
    texts = [text.strip().lower() for _, text in VARIANTS]
    assert len(texts) == len(set(texts)), [t for t in texts if texts.count(t) > 1]


def test_no_sentence_repeats_one_of_the_offline_script() -> None:
    # The writer mixes both files in one conversation; a shared sentence would reach the
    # same person twice word for word.
    script = tomllib.loads(
        (ROOT / "credit_expert" / "prompts" / "script.toml").read_text(encoding="utf-8")
    )
    theirs = {
        s.lower()
        for table in script.values()
        for node in (table.values() if "variants" not in table else [table])
        for text in node["variants"]
        for s in sentences(text)
    }
    ours = {s.lower() for _, text in VARIANTS for s in sentences(text)}
    assert len(theirs) > 50, len(theirs)
    assert not ours & theirs, ours & theirs


@pytest.mark.parametrize(("where", "text"), VARIANTS)
def test_no_text_says_what_daria_must_never_say(where: str, text: str) -> None:
    low = text.lower()
    assert not [bad for bad in FORBIDDEN if bad in low], (where, text)


@pytest.mark.parametrize(("where", "text"), VARIANTS)
def test_placeholders_are_only_the_ones_code_fills(where: str, text: str) -> None:
    names = set(re.findall(r"\{([^{}]*)\}", text))
    assert names <= PLACEHOLDERS, (where, names)
    assert text.count("{") == text.count("}"), where
    text.format(helpline="X", debt="X", old="X", new="X", who="X", year="X")  # no stray braces


@pytest.mark.parametrize(("where", "text"), VARIANTS)
def test_yo_is_written_consistently(where: str, text: str) -> None:
    assert not WITHOUT_YO.search(text.lower()), (where, WITHOUT_YO.search(text.lower()))


def test_answers_ask_nothing_and_stand_alone() -> None:
    # An answer is followed by the script's one question, so it asks none itself, and it
    # never leans on an earlier message (that is what the [again] prefix is for).
    for where, text in VARIANTS:
        if where.startswith(("answer.", "offer.", "risk.", "feeling.", "crisis")):
            assert "?" not in text, (where, text)
            assert not re.search(r"как я (уже )?(писала|говорила)|выше", text.lower()), where


def test_the_sole_home_is_worded_as_the_brief_says() -> None:
    for text in ANSWERS["flat"]["short"]:
        assert "по общему правилу не забирают, если оно не в ипотеке" in text.lower()
        assert "юрист" in text


def test_the_mfc_price_says_first_that_the_procedure_is_free_then_the_consultation() -> None:
    free = re.compile(r"бесплатн|ничего не стоит|платить не нужно|деньги не нужны")
    for text in ANSWERS["price_mfc"]["short"] + ANSWERS["price_mfc"]["full"]:
        low = text.lower()
        lawyer = low.find("юрист")
        before, after = low[:lawyer], low[lawyer:]
        assert lawyer > 0 and "мфц" in before and free.search(before), text
        assert re.search(r"сами|самостоятельно", before), text
        assert "бесплатн" in after, text


@pytest.mark.parametrize(
    ("topic", "must"),
    [
        ("spouse_salary", r"супруг|мужа|жены"),
        ("salary_pension", r"пенси"),
        ("salary_pension", r"мфц|внесудебн"),
        ("children", r"наслед"),
        ("relatives_collectors", r"письменного согласия"),
        ("hide_property", r"отказ|не освобод"),
        ("deal_with_relative", r"родственник|близкими"),
        ("mortgage_flat", r"залог|ипотек"),
        ("job", r"управляющ"),
        ("number_leaked", r"юрист"),
        ("other", r"юрист"),
        ("is_bot", r"виртуальн|программ"),
        ("guarantee", r"суд"),
    ],
)
def test_each_answer_is_about_what_was_asked(topic: str, must: str) -> None:
    for text in ANSWERS[topic]["short"] + ANSWERS[topic]["full"]:
        assert re.search(must, text.lower()), (topic, must, text)


def test_the_spouse_salary_answer_is_about_the_spouse_not_the_person() -> None:
    for text in ANSWERS["spouse_salary"]["short"] + ANSWERS["spouse_salary"]["full"]:
        assert "прожиточн" not in text.lower(), text


@pytest.mark.parametrize("feeling", ["fear", "shame", "despair", "anger"])
def test_a_feeling_gets_four_plain_one_sentence_acknowledgements(feeling: str) -> None:
    variants = TEXTS["feeling"][feeling]["variants"]
    assert len(variants) == 4
    for text in variants:
        assert words(text) <= 14 and len(sentences(text)) == 1, text
        assert not re.search(r"юрист|консультац|позвон|запиш|ваши чувства", text.lower()), text


def test_no_two_feelings_lean_on_the_same_cliche() -> None:
    feelings = [t.lower() for f in TEXTS["feeling"].values() for t in f["variants"]]
    assert sum(t.startswith("понимаю") for t in feelings) <= 1, feelings


def test_the_crisis_message_names_112_and_the_configured_helpline_and_sells_nothing() -> None:
    variants = TEXTS["crisis"]["variants"]
    assert len(variants) == 2
    for text in variants:
        assert "112" in text and "{helpline}" in text, text
        assert words(text.replace("{helpline}", "")) <= 60, text
        # no invented phone numbers beyond 112, no sales, no question about debts
        assert re.findall(r"\d+", text) == ["112"], text
        assert not re.search(r"юрист|консультац|банкрот|сумм|стоим|номер телефона", text.lower())
        assert "?" not in text


def test_the_english_note_asks_for_russian() -> None:
    variants = TEXTS["english"]["variants"]
    assert len(variants) == 2
    for text in variants:
        assert "Russian" in text and "please" in text.lower(), text
        assert not re.search(r"[А-Яа-яЁё]", text), text


def test_again_prefixes_end_with_a_space_and_over_budget_points_to_the_lawyer() -> None:
    assert len(TEXTS["again"]["variants"]) == 3
    for text in TEXTS["again"]["variants"]:
        assert text.endswith(", ") and not text.endswith("  "), repr(text)
    assert len(TEXTS["over_budget"]["variants"]) == 2
    for text in TEXTS["over_budget"]["variants"]:
        assert "юрист" in text and len(sentences(text)) == 1


@pytest.mark.parametrize(
    ("route", "must"),
    [
        ("court", [r"арбитражн|судебн", r"6–12 месяцев", r"25 000 ₽", r"отказ"]),
        ("mfc", [r"мфц", r"бесплатн", r"6 месяцев", r"заявлени", r"сам"]),
        ("both", [r"мфц", r"суд", r"пристав", r"пенсионер"]),
    ],
)
def test_the_offer_names_the_route_with_its_honest_conditions(route: str, must: list[str]) -> None:
    variants = TEXTS["offer"][route]["variants"]
    assert len(variants) == 2
    for text in variants:
        assert words(text) <= 45, (route, words(text), text)
        assert "?" not in text
        for pattern in must:
            assert re.search(pattern, text.lower()), (route, pattern, text)
        assert not re.search(r"спиш|списан", text.lower()), text


@pytest.mark.parametrize("risk", ["mortgage_flat", "pledged_car"])
def test_a_pledge_risk_is_one_sentence_that_it_is_normally_sold(risk: str) -> None:
    variants = TEXTS["risk"][risk]["variants"]
    assert len(variants) == 2
    for text in variants:
        low = text.lower()
        assert len(sentences(text)) == 1 and "юрист" in low, text
        assert re.search(r"прода", low) and re.search(r"залог|ипотек", low), text
    for text in TEXTS["risk"]["mortgage_flat"]["variants"]:
        assert "единственного жилья" in text.lower(), text


def test_confirmations_approximate_in_passing_conflict_as_a_question() -> None:
    approx = TEXTS["confirm"]["debt_approx"]["variants"]
    assert len(approx) == 3
    for text in approx:
        assert "{debt}" in text and "?" not in text, text
    conflict = TEXTS["confirm"]["conflict"]["variants"]
    assert len(conflict) == 2
    for text in conflict:
        assert "{old}" in text and "{new}" in text and text.count("?") == 1, text


def test_the_offer_never_names_release_from_debts_or_writing_them_off() -> None:
    """The offer is the same text for many people: 38-ФЗ art. 28.1 as for advertising."""
    for route, table in TEXTS["offer"].items():
        for text in table["variants"]:
            assert not re.search(r"освобо|списа|спиш|списыв", text.lower()), (route, text)
            assert "суд" in text.lower() or "мфц" in text.lower(), (route, text)


def test_the_credit_history_answer_names_the_credit_history() -> None:
    # "а кредитная история испортится?": the short answer speaks of it, not only of the 5 years
    for text in TEXTS["answer"]["credit_history"]["short"]:
        assert "кредитн" in text.lower() and "истори" in text.lower(), text
