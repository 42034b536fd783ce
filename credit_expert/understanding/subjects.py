"""The reading: whom a clause is about — the person, or a spouse, child, parent, sibling.

A relative named as the actor or owner ("муж забрал машину", "у мамы квартира",
"квартира оформлена на маму") makes the clause theirs; a relative named as the
other side of the person's own act ("продал гараж брату") does not. A bare
"он"/"она" carries the relative named just before.
"""

from __future__ import annotations

import re

from credit_expert.models import Subject

# "бывший ип", "бывшая работа", "бывший военный": an adjective of the person's own past, no
# ex-spouse (who is "бывший" alone, or "бывший муж")
_EX = (
    r"(?! (?:ип|ипшник\w*|ипэшник\w*|предпринимател\w*|директор\w*|учредител\w*|сотрудник\w*"
    r"|работник\w*|военн\w*|госслужащ\w*|полицейск\w*|бухгалтер\w*|клиент\w*|заемщик\w*"
    r"|самозанят\w*|владел\w*|собственник\w*|работ\w*|предприят\w*|фирм\w*|компани\w*"
    r"|бизнес\w*|ооо|мфо|банк\w*|кредитор\w*|коллектор\w*|адрес\w*|номер\w*|квартир\w*)\b)"
)
# Nominative forms: the relative does or owns something.
_NOMINATIVE = {
    Subject.SPOUSE: f"муж|жена|супруг|супруга|бывший{_EX}|бывшая{_EX}|благоверный|благоверная",
    Subject.CHILD: "сын|дочь|дочка|дети|ребенок|внук|внучка|сынок",
    Subject.PARENT: "мама|мать|отец|папа|родители|мамка|батя|родаки"
    "|предки",  # (slang: "родаки", "предки" are the parents; in-laws are `other`)
    Subject.SIBLING: "брат|сестра|братья|сестры",
    Subject.OTHER: "друг|подруга|знакомый|знакомая|сосед|соседка|коллега|кум|кума|парень|девушка"
    "|сожитель|сожительница|бабушка|дедушка|бабуля|дед|свекровь|свекор|теща|тесть",
}
# "у мужа", "у мамы": their possession or their home.
_GENITIVE = {
    Subject.SPOUSE: f"мужа|жены|супруга|супруги|бывшего{_EX}|бывшей{_EX}",
    Subject.CHILD: "сына|дочери|дочки|детей|ребенка|внука|внучки",
    Subject.PARENT: "мамы|матери|отца|папы|родителей|мамки|бати|родаков|предков",
    Subject.SIBLING: "брата|сестры|братьев",
    Subject.OTHER: "друга|подруги|знакомого|знакомой|соседа|соседки|коллеги|кума|бабушки|дедушки"
    "|бабули|деда|свекрови|свекра|тещи|тестя",
}
# A possessive adjective names the owner: "родительская квартира", "бабушкин дом".
_POSSESSIVE = {
    Subject.SPOUSE: r"мужнин\w*|женин\w*|мужа (?:машин|квартир|дом)\w*",
    Subject.CHILD: r"сынов(?!ья)\w*|дочкин\w*|дочерин\w*|внуков\w*|внучкин\w*",
    Subject.PARENT: r"мамин\w*|папин\w*|материн\w*|отцовск\w*|родительск\w*",
    Subject.SIBLING: r"братов\w*|братнин\w*|сестрин\w*",  # never "Братск", a town
    Subject.OTHER: r"бабушкин\w*|дедушкин\w*|бабулин\w*|дедов(?:а|ой|у|ом|ы)?\b|тещин\w*"
    r"|свекровин\w*|свекров(?:а|ой|у|ом|ы)\b|тестев\w*",
}
_REGISTERED_TO = re.compile(
    r"\b(?:оформлен\w*|записан\w*|зарегистрирован\w*|числится|числятся) на (?P<who>\w+)"
)
# "машина на муже", "квартира на маме": registered to them (the locative).
_ON_SOMEONE = re.compile(
    r"\b(?:машин\w*|авто\w*|тачк\w*|квартир\w*|дом|дача|дачу|гараж\w*|участ\w*|имуществ\w*"
    r"|ипотек\w*|кредит\w*|оформлен\w*|записан\w*|все|всё|она|он|оно|они) (?:\w+ )?"
    r"на (?P<who>муже|жене|супруге"
    r"|маме|матери|отце|папе|брате|сестре|сыне|дочери|дочке|родителях)\b"
)
_LOCATIVE = {
    "муже": Subject.SPOUSE, "жене": Subject.SPOUSE, "супруге": Subject.SPOUSE,
    "маме": Subject.PARENT, "матери": Subject.PARENT, "отце": Subject.PARENT,
    "папе": Subject.PARENT, "родителях": Subject.PARENT, "брате": Subject.SIBLING,
    "сестре": Subject.SIBLING, "сыне": Subject.CHILD, "дочери": Subject.CHILD,
    "дочке": Subject.CHILD,
}  # fmt: skip
_ON_THEM = re.compile(
    r"\b(?:машин\w*|авто\w*|квартир\w*|дом|дача|гараж\w*|имуществ\w*|ипотек\w*|оформлен\w*"
    r"|записан\w*) (?:\w+ )?на (?:нем|ней|них)\b"
)
_ACCUSATIVE = {
    Subject.SPOUSE: "мужа|жену|супруга|супругу",
    Subject.CHILD: "сына|дочь|дочку|детей|ребенка|внука|внучку",
    Subject.PARENT: "маму|мать|отца|папу|родителей",
    Subject.SIBLING: "брата|сестру",
    Subject.OTHER: "бабушку|дедушку|бабулю|деда|свекровь|тещу|свекра|тестя",
}
_PRONOUN = re.compile(r"\b(?:он|она|они|у него|у нее|у них|его|ее|него|нее|ним|ней|ему|ей|им)\b")
# "зарплату жены", "дача мужа": a thing and its owner in the genitive
_OWNED = re.compile(
    r"\b(?:зарплат\w*|зп|доход\w*|пенси\w*|машин\w*|авто\w*|дач\w*|квартир\w*|дом\w*"
    r"|гараж\w*|имуществ\w*|карт\w*|счет\w*|долг\w*|кредит\w*|участ\w*) (?P<who>"
    r"мужа|жены|супруга|супруги|мамы|матери|отца|папы|брата|сестры|сына|дочери|родителей"
    r"|свекрови|свекра|тещи|тестя|бабушки|дедушки)\b"
)
# "мужа зарплату 70 тысяч не тронут?", "мамы пенсия 20": the owner said before the thing
_OWNED_BEFORE = re.compile(
    r"(?<!\bу )(?<!\bот )(?<!для )(?<!\bс )(?<!\bо )\b(?P<who>"
    r"мужа|жены|супруга|супруги|мамы|матери|отца|папы|брата|сестры|сына|дочери|родителей"
    r"|свекрови|свекра|тещи|тестя|бабушки|дедушки) (?:зарплат\w*|зп|доход\w*|пенси(?!онер)\w*"
    r"|оклад\w*|машин\w*|квартир\w*|дач\w*|дом)\b"
)
# "машина есть, но она мужа", "это жены", "она не моя, а мужа": the thing just named is theirs
_IT_IS_THEIRS = re.compile(
    r"^(?:но |а |и |так )?(?:она|он|оно|они|это)(?: же| вообще| вся| все)?"
    r"(?: не мо(?:я|й|е|и),?(?: а)?)? (?P<who>"
    r"мужа|жены|супруга|супруги|мамы|матери|отца|папы|брата|сестры|сына|дочери|родителей"
    r"|свекрови|свекра|тещи|тестя|бабушки|дедушки)\b"
)
_OWNER = {
    "мужа": Subject.SPOUSE, "жены": Subject.SPOUSE, "супруга": Subject.SPOUSE,
    "супруги": Subject.SPOUSE, "мамы": Subject.PARENT, "матери": Subject.PARENT,
    "отца": Subject.PARENT, "папы": Subject.PARENT, "родителей": Subject.PARENT,
    "брата": Subject.SIBLING, "сестры": Subject.SIBLING, "сына": Subject.CHILD,
    "дочери": Subject.CHILD, "свекрови": Subject.OTHER, "свекра": Subject.OTHER,
    "тещи": Subject.OTHER, "тестя": Subject.OTHER, "бабушки": Subject.OTHER,
    "дедушки": Subject.OTHER,
}  # fmt: skip
_DEAL = re.compile(r"\b(?:продал|подарил|переписал|переоформил|отдал|передал|оформил)\w*")
# A clause that opens with a verb in the third person goes on about the one named before:
# "жена учительница, получает 50 тысяч". (Not the impersonal "they" of what is collected:
# "сын помогает… удерживают с пенсии" is the bailiffs taking from the person's pension.)
_THIRD_PERSON_START = re.compile(
    r"^(?:и |а |но )?(?!значит\b|видит\b|говорит\b|выходит\b|получается\b"
    r"|удерживают\b|списывают\b|снимают\b|взыскивают\b"
    # nouns that end like a verb: "кредит 95 тыс" names a loan, nobody acting
    r"|кредит\b|автокредит\b|лимит\b|депозит\b|овердрафт\b|визит\b)"
    r"\w+(?:ает|яет|ует|еет|ит|ут|ют|ят)\b"
)
# "его зарплату", "её квартиру": a thing of the relative named before, even beside "мои долги"
_THEIR_OWN_THING = re.compile(
    r"^(?:а |и |но |так )?(?:\w+ )?(?:его|ее|их) (?:зарплат\w*|зп|доход\w*|пенси\w*|квартир\w*"
    r"|машин\w*|дом|дач\w*|жиль\w*|имуществ\w*)"
)
_SELF = re.compile(r"\b(?:я|у меня|мой|моя|мое|мои|мне|меня|сам|сама)\b")


def names_their_own_thing(clause: str) -> bool:
    """ "и его зарплату не тронут?": "его" owns a salary or a home, so it is a person (the
    relative named before), never a debt or a thing just named."""
    return _THEIR_OWN_THING.search(clause) is not None


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + pattern + r")\b")


# (not after a preposition: "алименты на дочь", "пишу за сына" name no actor)
_NOT_GOVERNED = r"(?<!на )(?<!за )(?<!для )(?<!про )(?<!\bо )(?<!\bс )(?<!со )(?<!\bк )(?<!от )"
_NOMINATIVE_RE = {
    who: re.compile(_NOT_GOVERNED + r"\b(?:" + p + r")\b") for who, p in _NOMINATIVE.items()
}
_GENITIVE_RE = {who: _words(r"у (?:\w+ )?(?:" + p + ")") for who, p in _GENITIVE.items()}
_POSSESSIVE_RE = {who: _words(p) for who, p in _POSSESSIVE.items()}
_ACCUSATIVE_WORDS = {w: who for who, p in _ACCUSATIVE.items() for w in p.split("|")}
_ANY_RELATIVE = _words("|".join(_NOMINATIVE.values()) + "|" + "|".join(_GENITIVE.values()))


# Where a run-on message ("у меня ребенок маленький я в декрете долг 680 тыщ") turns to
# another actor: before "я", "у меня", and a relative named as actor or owner.
ACTOR_START = re.compile(
    r"\b(?:я|у меня|(?:"
    + "|".join(_NOMINATIVE.values())
    + r")|у (?:"
    + "|".join(_GENITIVE.values())
    + r"))\b"
)


_LOANS_ON_ME = re.compile(
    r"\b(?:взял\w*|взять|оформ\w*|набрал\w*|брал\w*) (?:\w+ )?на (?:меня|мое имя)\b"
    r"|\bна (?:меня|мое имя) (?:\w+ )?(?:\d+ )?(?:кредит|кридит|займ|заем|микрозайм)\w*"
)


_RECEIVED_FOR_THEM = re.compile(
    r"\bполуча(?:ю|ем)\b(?: \w+){0,4} (?:пособи\w*|алимент\w*|детск\w*|выплат\w*)"
    r"|\b(?:пособи\w*|алимент\w*|детск\w*|выплат\w*)(?: \w+){0,4} получа(?:ю|ем)\b"
)


_TOGETHER_WITH = re.compile(r"\b(?:вместе с|вместе со|включая|считая|с учетом)\b")


# "мне как дочери", "я как жена": the person's own role, no one else named
_AS_MY_ROLE = re.compile(
    r"\b(?:я|мне|меня|мной|мы|нам|нас) как (?:его |ее |их |родн\w+ )?"
    r"(?:сын\w*|доч\w*|дет(?:и|ям|ей)|жен(?:а|е|ой)|муж\w*|брат\w*|сестр\w*|внук\w*"
    r"|внучк\w*|родственни\w*|поручител\w*|наследни\w*)\b"
    # "а мне придётся за него платить? я отец": who the writer is to the one written for
    r"|\bя (?:же |ведь |ему |ей |им )?(?:его |ее |их )?(?:отец|мать|мама|папа|жена|муж|сестра"
    r"|брат|дочь|сын|бабушка|дедушка)\b(?! (?:и|тоже|сам\w*)? ?(?:долж|взял|брал|набрал))"
)


# The person working for someone ("работаю у знакомого", "подрабатываю у брата на стройке")
_WORKS_FOR_THEM = re.compile(r"\b(?:работаю|подрабатываю|тружусь|вкалываю) (?:\w+ )?у\b")


def _blank_roles(clause: str) -> str:
    return _AS_MY_ROLE.sub(lambda m: " " * len(m.group(0)), clause)


def clause_subject(clause: str, carried: Subject | None = None) -> Subject:
    """Whom one clause (lower case, ё as е) is about."""
    clause = _blank_roles(clause)
    first: tuple[int, Subject] | None = None
    for table in (_NOMINATIVE_RE, _GENITIVE_RE, _POSSESSIVE_RE):
        for who, pattern in table.items():
            found = pattern.search(clause)
            if found and (first is None or found.start() < first[0]):
                first = (found.start(), who)
    if _RECEIVED_FOR_THEM.search(clause):
        return Subject.SELF  # "на сына получаю пособие": the person receives it (for the child)
    employed = _WORKS_FOR_THEM.search(clause)
    if employed and not any(p.search(clause[: employed.start()]) for p in _NOMINATIVE_RE.values()):
        return Subject.SELF  # "работаю у знакомого в ип неофициально": the person's own job
    together = _TOGETHER_WITH.search(clause)
    if (
        together
        and relative_named(clause[together.end() :]) is not None
        and relative_named(clause[: together.start()]) is None
    ):
        # "вместе с сестриным где то миллион сто", "всего с долгом брата 900": a total of the
        # person's that takes the relative's loan in (a guarantee), not the relative's sum
        return Subject.SELF
    deal = _DEAL.search(clause)
    before_deal = clause[: deal.start()] if deal else ""
    nominative = any(p.search(before_deal) for p in _NOMINATIVE_RE.values())
    if deal and not nominative and carried and re.search(r"\b(?:он|она|они)\b", before_deal):
        return carried  # "у отца была машина, он её продал": the father's deal
    if deal and not nominative:
        return Subject.SELF  # "подарил квартиру дочери": the person's own deal with a relative
    if _LOANS_ON_ME.search(clause):
        return Subject.SELF  # "сын уговорил взять на меня 3 кредита": the person's own loans
    theirs = _IT_IS_THEIRS.search(clause)
    if theirs:
        return _OWNER[theirs.group("who")]
    owned = _OWNED.search(clause) or _OWNED_BEFORE.search(clause)
    if owned and (first is None or owned.start() < first[0]):
        first = (owned.start(), _OWNER[owned.group("who")])
    registered = _REGISTERED_TO.search(clause)
    if registered and registered.group("who") in _ACCUSATIVE_WORDS:
        return _ACCUSATIVE_WORDS[registered.group("who")]
    on_someone = _ON_SOMEONE.search(clause)
    if on_someone:
        return _LOCATIVE[on_someone.group("who")]
    if carried is not None and _ON_THEM.search(clause):
        return carried  # "муж работает, машина на нём": his
    if first is not None:
        return first[1]
    if carried is not None and _THEIR_OWN_THING.search(clause):
        return carried  # "муж работает… его зарплату не заберут за мои долги?": his salary
    # "он сам", "сам получает 70": he himself, not the person
    third_self = re.search(r"\bсам[аи]? (?:\w+ )?\w+(?:ает|яет|ет|ит|ют|ят|ут)\b", clause)
    refers_back = _PRONOUN.search(clause) or _THIRD_PERSON_START.search(clause) or third_self
    their_own = re.sub(r"\b(?:он|она|они) (?:\w+ )?сам[аи]?\b", " ", clause)
    if third_self:
        their_own = their_own.replace(third_self.group(0), " ")
    if refers_back and not _SELF.search(their_own):
        # "живу с мамой в её квартире": "её" is the relative named just before, not the one
        # the last message was about
        if refers_back.group(0) in _ACCUSATIVE_THING and _the_thing_itself(clause, refers_back):
            return Subject.SELF  # "квартира… живём с женой, её заберут?": the flat taken
        named = relative_named(clause[: refers_back.start()])
        if named is not None:
            return named
        if _the_thing_itself(clause, refers_back):
            return Subject.SELF  # "квартиру же не заберут, раз она единственная": the flat
        if carried is not None:
            return carried
    return Subject.SELF


# A thing named before a bare "она"/"он" of its gender in the same clause, the pronoun saying
# what the thing is ("раз она единственная", "она в ипотеке"): the pronoun is that thing —
# never one who acts ("машину он себе забрал", "квартиру она продала")
_THING_OF_GENDER = {
    "она": r"\b(?:квартир|машин|дач|комнат|хат|тачк|однушк|двушк|трешк|студи)\w*",
    "он": r"\b(?:дом|гараж|участ(?:ок|ка)|автомобил)\w*",
    "оно": r"\bжиль\w*",
}
_ACTS_NEXT = re.compile(r"^\s+(?:\w+ )?\w+(?:л|ла|ли|ло|ет|ит|ут|ют|ят|ает|яет)\b")


# "есть квартира … живём там с женой, её заберут?": the thing taken, not the wife
_TAKEN_AFTER = re.compile(
    r"^\s+(?:не |тоже |же )?(?:забер\w*|отбер\w*|отним\w*|продад\w*|продаду\w*|изым\w*"
    r"|арестуют|тронут|оставят)"
)
_ACCUSATIVE_THING = {"ее": "она", "его": "он"}


def _the_thing_itself(clause: str, pronoun: re.Match[str]) -> bool:
    if pronoun.group(0) in _ACCUSATIVE_THING:
        taken = _THING_OF_GENDER[_ACCUSATIVE_THING[pronoun.group(0)]]
        return (
            re.search(taken, clause[: pronoun.start()]) is not None
            and _TAKEN_AFTER.match(clause[pronoun.end() :]) is not None
        )
    thing = _THING_OF_GENDER.get(pronoun.group(0))
    return (
        thing is not None
        and re.search(thing, clause[: pronoun.start()]) is not None
        and _ACTS_NEXT.match(clause[pronoun.end() :]) is None
    )


_ANY_FORM = {
    Subject.SPOUSE: r"муж\w*|жен(?:а|ы|е|у|ой)|супруг\w*|бывш\w*" + _EX,
    Subject.CHILD: r"сын\w*|доч\w*|дет(?:и|ей|ям|ьми)|ребен\w*|внук\w*",
    Subject.PARENT: r"мам\w*|мат(?:ь|ери)|отц\w*|отец|пап\w*|родител\w*|родак\w*"
    r"|предк(?:и|ов|ам|ами|ах)",
    Subject.SIBLING: r"брат(?!ск)\w*|сестр\w*",
    Subject.OTHER: r"бабушк\w*|дедушк\w*|бабул\w*|свекров\w*|свекр(?:а|у|ом|е)?|свекор|тещ\w*"
    r"|тест(?:ь|я|ю|ем|е)",
}
_ANY_FORM_RE = {who: re.compile(r"\b(?:" + p + r")\b") for who, p in _ANY_FORM.items()}


def possessive_owner(clause: str) -> Subject | None:
    """ "родительскую квартиру", "бабушкин дом": the owner a possessive adjective names."""
    return next((who for who, p in _POSSESSIVE_RE.items() if p.search(clause)), None)


def relative_named(clause: str) -> Subject | None:
    """Any relative named in any case: "и жене?", "а детям?"."""
    clause = _blank_roles(clause)
    for who, pattern in _ANY_FORM_RE.items():
        if pattern.search(clause):
            return who
    return None


def without_relatives(text: str) -> str:
    """The text with every relative's name blanked: "мама в Сальске живет" → " в Сальске живет";
    with the "у" that makes them the owner: "имущества у мамы нет" → "имущества нет"."""
    return _ANY_RELATIVE.sub(" ", _THEIR_OWNER.sub(" ", text.lower().replace("ё", "е")))


_THEIR_OWNER = re.compile(r"\bу (?=(?:" + "|".join(_GENITIVE.values()) + r")\b)")


def mentions_relative(text: str) -> bool:
    return _ANY_RELATIVE.search(text) is not None


_MALE = re.compile(
    r"\b(?:муж\w*|сын\w*|брат\w*|отец|отц\w*|пап\w*|дед\w*|внук\b|внука|он|его|него|ему)\b"
)
_FEMALE = re.compile(
    r"\b(?:жен(?:а|ы|е|у|ой)|доч\w*|сестр\w*|мам\w*|мат(?:ь|ери)|бабушк\w*|внучк\w*|она|ее|нее|ей)\b"
)
# What a person does with money, said of the relative just named: "набрал кредитов",
# "не платит", "тыщ 70 получает"; the past tense must agree with the relative's gender.
_HUMAN_ACT = re.compile(
    r"\b(?:получа(?:ет|ют)|зарабатыва(?:ет|ют)|работа(?:ет|ют)|(?:не )?плат(?:ит|ят)"
    r"|(?P<m>набрал|взял|брал|задолжал|должен|оформил|влез)"
    r"|(?P<f>набрала|взяла|брала|задолжала|должна|оформила|влезла))\b"
)


def gender_named(clause: str) -> str | None:
    """The grammatical gender of the relative a clause names first: "m", "f" or None."""
    male, female = _MALE.search(clause), _FEMALE.search(clause)
    if male and (not female or male.start() < female.start()):
        return "m"
    return "f" if female else None


def acts_as(clause: str, gender: str | None) -> bool:
    """Whether a clause with no "я" goes on about the relative just named (of `gender`)."""
    if _SELF.search(clause):
        return False
    act = _HUMAN_ACT.search(clause)
    if act is None:
        return False
    if act.group("m"):
        return gender == "m"
    if act.group("f"):
        return gender == "f"
    return True


# "пишу за маму" → "мама": who files at the МФЦ, in the words the person used
_RELATIVE_NOUNS = (
    (r"мам\w*|мать|матер\w*", "мама"),
    (r"пап\w*|отц\w*|отец", "папа"),
    (r"бабушк\w*|бабул\w*", "бабушка"),
    (r"дедушк\w*|деда|дед", "дедушка"),
    (r"мужа|муж", "муж"),
    (r"жену|жены|жена", "жена"),
    (r"сына|сын", "сын"),
    (r"дочь|дочк\w*|дочер\w*", "дочь"),
    (r"брата|брат", "брат"),
    (r"сестр\w*", "сестра"),
    (r"свекров\w*", "свекровь"),
    (r"т[её]щ\w*", "тёща"),
)
_FOR_WHOM = re.compile(
    r"\b(?:за|про|для|вместо|по поводу|насчет|по вопросу|от имени|у меня) "
    r"(?:мою |моего |мой |моя |нашу |нашего )?(" + "|".join(p for p, _ in _RELATIVE_NOUNS) + r")\b"
)


def relative_noun(text: str) -> str | None:
    """ "пишу за маму" → "мама": the relative written for, as a subject, in the person's word."""
    found = _FOR_WHOM.search(text.lower().replace("ё", "е"))
    if found is None:
        return None
    return next(n for p, n in _RELATIVE_NOUNS if re.fullmatch(p, found.group(1)))
