"""The reading: a message cut into clauses, each with whom it is about and whether it asks.

Clauses end at sentence marks, at commas between words, and before "но", "а",
"зато", "хотя". Offsets point into the cleaned text, so an act can quote the
person's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from credit_expert.models import Subject
from credit_expert.understanding.asks import (
    deceased_relatives,
    feared_taking,
    goes_on_asking,
    is_hypothetical,
    is_question,
    opens_with_question_word,
    plans_to_hide,
    states_a_concern,
)
from credit_expert.understanding.creditors import _BANK_NAMES
from credit_expert.understanding.subjects import (
    ACTOR_START,
    acts_as,
    clause_subject,
    gender_named,
    names_their_own_thing,
    relative_named,
)

_THING_THEN_OWNER = re.compile(
    r"\b(?:машин\w*|авто\w*|тачк\w*|квартир\w*|дач\w*|гараж\w*|дом|участ\w*|комнат\w*"
    r"|имуществ\w*|доля|долю|ипотек\w*|кредит\w*|долг\w*|деньги)\s+"
    r"(?:(?:есть|была|был|было|были|имеется|стоит|записана|записан)\s+)?$"  # "машина есть у мужа"
)
# "алименты на дочь", "пишу за сына": a relative after a preposition is no new actor
_GOVERNED = re.compile(r"\b(?:на|за|для|про|о|об|с|со|к|от|при|без|через)\s+$")
_ON_BEHALF = re.compile(
    r"\b(?:пишу|спрашиваю|узнаю|интересуюсь|обращаюсь|пишем)\b (?:\w+ )?(?:за|вместо|для|от имени"
    r"|по поводу|насчет|насчёт|про)\b"
    r"|(?:^|\bя )(?:по поводу|насчет|насчёт|по вопросу)\b"  # "я по поводу мужа"
    # "я за маму спрашиваю", "за сестру пишу": the relative before the verb
    r"|\b(?:за|вместо|для|про|насчет|насчёт) (?:\w+ ){1,2}(?:пишу|спрашиваю|узнаю|интересуюсь"
    r"|обращаюсь|пишем|спрашиваем|узнаем)\b"
)
_FOR_US = re.compile(r"\bза (?:нас|себя)\b")
# "бывшая говорит, что квартиру отсудит": a relative who only speaks or threatens
_THREATENS = re.compile(
    r"^(?:а |и |но |ну )?(?:мой |моя |мои )?\w+ (?:\w+ )?(?:говорит|говорят|грозит\w*|угрожа\w*"
    r"|пугае\w*|пугаю\w*|сказал\w*|обеща\w*)\b"
)
# "мама говорит что её пенсию заберут": what the teller fears for is her own
_TELLERS_OWN = re.compile(
    r"\b(?:говорит|говорят|сказал\w*|пугае\w*|боится|переживает)\b,? (?:\w+ ){0,2}"
    r"(?:е[её]|его|их|сво[юйеи])"
    r" (?:\w+ )?(?:пенси|зарплат|зп\b|доход|заработ|квартир|дом|жиль|машин|имуществ)"
)
# A relative named right before "у меня" ("сын у меня", "муж у меня работает"): "my son"
_RELATIVE_ALONE = re.compile(
    r"(?:^|[,.!?]\s*|\b(?:а|и|но|вот|ну)\s+)(?:сын|дочь|дочка|муж|жена|мама|мать|папа|отец|брат"
    r"|сестра|свекровь|теща|бабушка|дедушка|супруг|супруга)\s+$"
)
_ME = re.compile(r"\b(?:я|меня|мне|мой|моя|мою|мое|мои|моих|моим)\b")

# A piece that is only a figure with its unit and hedges ("тысяч 300", "где-то 1.2 млн").
BARE_FIGURE = re.compile(
    r"^(?:(?:где[- ]?то|около|примерно|наверно\w*|тоже|еще|ещё|вроде|порядка|почти|больше|"
    r"\d+(?:[.,]\d+)?|тысяч\w*|тыс\w*|тыщ\w*|млн|миллион\w*|лям\w*|к|руб\w*|₽|в|у|по|двух|трех"
    r"|четырех|пяти|банк\w*|мфо|кредит\w*|займ\w*|микрозайм\w*|полтора|полторы|один|одна|два|две"
    r"|три|четыре|пять|шесть|семь|восемь|девять|десять|сто|\w+(?:сот|сти|ста|дцать)|с|хвостиком"
    r"|копейками|лишним|небольшим)\s*)+$"
)

# A relative's debts told ("а у него кредиты оказались", "долги остались после мамы")
_THEIR_DEBTS = re.compile(r"\b(?:кредит\w*|долг\w*|займ\w*|микрозайм\w*|задолженн\w*)")
# A piece that details debts with no one named: creditors or a figure ("сбер и втб где то 600")
_DEBT_DETAIL = re.compile(r"\d|\b(?:тысяч\w*|тыс|тыщ\w*|млн|миллион\w*|лям\w*)\b")

# The person turns to what they owe themselves ("и свои у меня есть", "а я должна ещё 40")
_MINE_NOW = re.compile(
    r"\b(?:у меня|у нас|мои|моих|мой|моя|свои|своих|я должна|я должен|должна|должен|мне)\b"
)


_IT_IS_REGISTERED = re.compile(
    r"^(?:но |а |и )?(?:она|он|оно|они) (?:\w+ )?(?:оформлен\w*|записан\w*|зарегистрирован\w*"
    r"|числится|на (?:муже|жене|супруге|маме|матери|отце|папе|брате|сестре|сыне|дочери|дочке"
    r"|родителях)\b"  # "машина есть, но она на муже": no verb needed
    r"|(?:же |вообще )?(?:не мо(?:я|й|е|и),? (?:а )?)?(?:мужа|жены|супруга|супруги|мамы|матери"
    r"|отца|папы|брата|сестры|сына|дочери|родителей|свекрови|свекра|тещи|тестя|бабушки|дедушки)"
    r"\b)"  # "машина есть, но она мужа": the genitive owner
)
_BUT_THEIRS = re.compile(
    r"^а (?:\w+ )?(?:мужа|жены|супруга|супруги|мамы|матери|отца|папы|брата|сестры|сына|дочери"
    r"|родителей|свекрови|свекра|тещи|тестя|бабушки|дедушки)$"
)
_NOT_MINE = re.compile(r"\bне (?:мо(?:я|й|е|и)|сво(?:я|й|е|и))$")
_OWNED_THING = re.compile(r"\b(?:машин\w*|авто\w*|квартир\w*|дом|дача|гараж\w*|участ\w*)\b")

# A thing a later "её"/"его" may stand for, rather than the relative of the last message.
_A_THING = re.compile(
    r"\b(?:пенси[яиюей]|зарплат\w*|зп|карт[аыу]|квартир\w*|машин\w*|дач[аиу]|сч[её]т\w*"
    r"|доход\w*|кредит\w*|долг\w*|ипотек\w*|производств\w*|дело|лист\w*|займ\w*|гараж\w*"
    r"|дом|участ(?:ок|ка))\b"
)
_BOUNDARY = re.compile(
    r"[!?;\n…]+|(?<!\d)\.+|\.+(?!\d)|(?<!\d),|,(?!\d)|\s(?=(?:но|а|зато|хотя|только)\s)"
)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str  # as the person wrote it
    norm: str  # lower case, ё as е
    subject: Subject
    question: bool
    hypothetical: bool  # a question about what might be: states no fact
    sentence: int = 0  # which sentence of the message the clause belongs to
    own_question: bool = False  # a question by its own mark or words, not only its sentence's
    asked_about: Subject = Subject.SELF  # whom a question is about ("а мужа это коснётся?")
    # read as a question only as a concern or a plan ("коллекторы звонят маме", "хочу
    # переписать машину на брата"): answered, but the person did not ask it
    stated: bool = False


# A piece that opens with the reflexive "свой" and names no one: it is the one the clause
# before is about ("жена работает, своя машина", "муж должен, свои кредиты тыщ 600")
_THEIR_OWN_OPENS = re.compile(r"^(?:а |и |но |у \w+ )?(?:тоже |еще |ещё |там )?сво(?:и|й|я|е|их)\b")
_SELF_HERE = re.compile(r"\b(?:я|у меня|меня|мне|мой|моя|мою|мое|мои|моих|моим|сама|сам)\b")


_THEIR_INCOME = re.compile(
    r"^(?:пенси\w*|зп|зарплат\w*|доход\w*|оклад\w*|получк\w*) (?:где[- ]?то |около |примерно )?\d"
)


# "у него своя семья, ипотека": a bare thing listed after what someone has is theirs too
_HAS_LIST = re.compile(r"^(?:а |и |но )?у (?!меня\b|нас\b)\w+\b")
_LISTED_THING = re.compile(
    r"(?:и |а |еще |тоже )?(?:сво\w+ |тоже )?(?:ипотек\w*|машин\w*|квартир\w*|автокредит\w*"
    r"|кредит\w*|дом|дач\w*|дет(?:и|ей)|двое детей|трое детей|работ\w*)(?: тоже)?"
)


def _lister(found: list[Clause], sentence: int) -> Subject | None:
    """Whose things the sentence lists: the subject of its "у него …" piece, when every
    piece since speaks of someone else."""
    for clause in reversed(found):
        if clause.sentence != sentence or clause.subject is Subject.SELF:
            return None
        if _HAS_LIST.match(clause.norm):
            return clause.subject
    return None


def clauses(
    raw: str, carried: Subject | None = None, writing_for: Subject | None = None
) -> list[Clause]:
    """The message's comma pieces, each with whom it is about. `writing_for` is whom the
    session knows the person writes for ("пишу за маму" said before): what they tell with
    no "я" is that relative's, as within the message that said it."""
    found: list[Clause] = []
    start = 0
    sentence = 0
    previous = carried or writing_for  # ("пишу за мужа": a bare "у него" is still the husband)
    thing_before = False
    inherited = True  # `previous` still comes from the last message
    asked_sentence = False  # the sentence opened with a question word and has no mark
    asked_mark = ""
    actor = carried  # the relative a money act with no "я" goes on about
    on_behalf: Subject | None = writing_for  # "пишу за маму": what follows with no "я" is hers
    gender: str | None = None  # of that relative: "m", "f" or unknown
    dead = deceased_relatives([raw])
    dead_debtor: Subject | None = None  # a relative who died and whose debts the message told
    for boundary in [*_boundaries(raw), None]:
        end = boundary.start() if boundary else len(raw)
        mark = boundary.group(0) if boundary else ""
        piece = raw[start:end]
        text = piece.strip()
        if text:
            offset = start + piece.index(text)
            norm = text.lower().replace("ё", "е")
            if (
                inherited
                and previous not in (None, writing_for)
                and thing_before
                and not (_sentence_end(raw, end) == "?" and names_their_own_thing(norm))
            ):
                # "пенсия 21 тысяча, с неё удерживают": "неё" is the pension (but "за его долги
                # отвечаю? и его зарплату не тронут?": a salary's owner is the husband)
                previous = None
            thing_before = thing_before or _A_THING.search(norm) is not None
            subject = clause_subject(norm, previous)
            if subject is Subject.SELF and actor is not None and acts_as(norm, gender):
                # "пишу за сына. ему 27, набрал кредитов на 800": the son took them
                subject = actor
            if subject is Subject.SELF and _ME.search(norm):
                # ("пишу за маму… и мне потом не придётся платить? и пенсию всю заберут?": the
                # writer asks of their own side; the case, and what follows, stays the mother's)
                if on_behalf is None or not is_question(norm, "?" in mark):
                    actor = None  # "дочка посоветовала. я пенсионерка, долгов набрала": mine
                    on_behalf = None
            elif subject is Subject.SELF and on_behalf is not None:
                subject = on_behalf  # "пишу за маму… пенсия 23 тыщи": the mother's
            if (
                _ON_BEHALF.search(norm)
                and not _FOR_US.search(norm)
                and (named_for := relative_named(norm)) is not None
            ):
                on_behalf = named_for  # (not "пишу за нас с женой": the person is one of them)
            threat = _THREATENS.match(norm) is not None and feared_taking(norm)
            if threat:
                subject = Subject.SELF  # "бывшая говорит что квартиру отсудит": the person's home
                if _TELLERS_OWN.search(norm) and (teller := relative_named(norm)) is not None:
                    # "мама говорит что её пенсию тоже заберут": the teller's own pension
                    subject = teller
            if found and found[-1].subject is not Subject.SELF and BARE_FIGURE.match(norm):
                subject = found[-1].subject  # "у сестры тоже долги, тысяч 300": still hers
            elif (
                found
                and found[-1].subject is not Subject.SELF
                and subject is Subject.SELF
                and _THEIR_OWN_OPENS.match(norm)
                and not _SELF_HERE.search(norm)
            ):
                # "муж тоже должен, свои кредиты тыщ 600": "свои" is the one named just before
                subject = found[-1].subject
            elif (
                found
                and found[-1].subject is not Subject.SELF
                and found[-1].sentence == sentence
                and _THEIR_INCOME.match(norm)
            ):
                subject = found[-1].subject  # "муж пенсионер, пенсия 15": his pension
            elif (owner := _lister(found, sentence)) is not None and _LISTED_THING.fullmatch(
                norm.strip(" .!")
            ):
                subject = owner  # "у него своя семья, ипотека": his mortgage
            elif (
                dead_debtor is not None
                and subject is Subject.SELF
                and not _SELF_HERE.search(norm)
                and relative_named(norm) is None
                and (_BANK_NAMES.search(norm) or _DEBT_DETAIL.search(norm))
            ):
                # "муж умер… у него кредиты оказались, я даже не знала. сбер и втб где то 600":
                # the debts detailed after the dead relative's are still theirs, not the heir's
                subject = dead_debtor
            if subject in dead and _THEIR_DEBTS.search(norm):
                dead_debtor = subject
            elif subject is Subject.SELF and _MINE_NOW.search(norm):
                dead_debtor = None  # "и свои у меня есть, примерно 650": the person's own
            opens = not found or found[-1].sentence != sentence
            own_asked = is_question(norm, "?" in mark) or (
                # (a sentence with its own "?" is read as a question already)
                opens
                and "?" in asked_mark
                and _sentence_end(raw, end) != "?"
                and goes_on_asking(norm)
            )
            own = own_asked or plans_to_hide(norm) or states_a_concern(norm)
            if opens:
                asked_sentence = opens_with_question_word(norm) and not own_mark(raw, end)
            not_asked = not opens and "?" not in raw and _when_after_time(found[-1].norm, norm)
            asked = (
                own_asked
                or is_question(norm, _sentence_asks(raw, end, mark))
                or (asked_sentence and not opens)  # "а если я перестану платить что будет"
            ) and not not_asked
            question = (own or asked) and not not_asked
            asked_about = subject
            if (
                question
                and subject is Subject.SELF
                and not _ME.search(norm)
                and (not threat or _TELLERS_OWN.search(norm))
            ):
                # "а мужа это коснётся?": a question names whom it is about in any case
                asked_about = relative_named(norm) or subject
            found.append(
                Clause(
                    start=offset,
                    end=offset + len(text),
                    text=text,
                    norm=norm,
                    subject=subject,
                    question=question,
                    hypothetical=question
                    and (
                        is_hypothetical(norm)
                        or (own and opens_with_question_word(norm))
                        or _after_condition(found, sentence)
                    ),
                    sentence=sentence,
                    own_question=own,
                    asked_about=asked_about,
                    stated=question and not asked,
                )
            )
            if subject is not Subject.SELF:
                previous, inherited = subject, False
                actor, gender = subject, gender_named(norm) or gender
            elif (named := relative_named(norm)) is not None:
                previous, inherited = named, False  # "живу с сестрой, она получает 70 тыс"
                actor, gender = named, gender_named(norm)
            if (
                _BUT_THEIRS.match(norm)
                and len(found) > 1
                and found[-2].sentence == sentence
                and _NOT_MINE.search(found[-2].norm)
                and (subject := relative_named(norm) or subject) is not Subject.SELF
            ):
                # "машина не моя, а мужа", "она не моя а жены": the thing refused is theirs
                found[-1] = replace(found[-1], subject=subject, asked_about=subject)
                found[-2] = replace(found[-2], subject=subject)
                if (
                    len(found) > 2
                    and found[-3].sentence == sentence
                    and found[-3].subject is Subject.SELF
                    and _OWNED_THING.search(found[-3].norm)
                    and not _OWNED_THING.search(found[-2].norm)
                ):
                    found[-3] = replace(found[-3], subject=subject)
            if (
                len(found) > 1
                and subject is not Subject.SELF
                and _IT_IS_REGISTERED.search(norm)
                and found[-2].subject is Subject.SELF
                and _OWNED_THING.search(found[-2].norm)
            ):
                # "машина есть, но она оформлена на мужа": the car of the clause before is his
                found[-2] = replace(found[-2], subject=subject)
        if re.search(r"[.!?\n…]", mark):
            sentence += 1
            asked_mark = mark  # how the sentence before ended: "…забирать? и за границу…"
        start = boundary.end() if boundary else len(raw)
    for i in range(1, len(found)):
        here, before = found[i], found[i - 1]
        if (
            _CONDITION_FIRST.match(here.norm)
            and here.own_question
            and before.question
            and before.sentence == here.sentence
        ):
            # "а папе это не аукнется | если я обанкрочусь?": the question is what comes before
            # the condition; the condition asks nothing of its own
            found[i - 1] = replace(before, own_question=True)
            found[i] = replace(here, own_question=False, hypothetical=True)
    return found


# "после 20:00 по саратову, когда дети уснут": with no "?", a "когда" after a time is the
# conjunction of a statement, not a question
_WHEN = re.compile(r"^(?:а |и |но )?когда\b")
_A_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\b|\b(?:утр\w*|вечер\w*|дн[её]м|ноч\w*|обед\w*|выходн\w*|завтра"
    r"|сегодня|понедельник\w*|вторник\w*|сред[уаы]|четверг\w*|пятниц\w*|суббот\w*|воскресень\w*)\b"
)


# "брала в 2021, когда муж без работы сидел": a "когда" clause in the past tense tells when
# something happened (a question of when would have its "?")
_PAST_VERB = re.compile(r"\b\w+(?:[аяеиыу]л|[аяеиыу]ла|[аяеиыу]ли|[аяеиыу]ло)(?:ся|сь)?\b")


def _when_after_time(before: str, clause: str) -> bool:
    return _WHEN.match(clause) is not None and (
        _A_TIME.search(before) is not None or _PAST_VERB.search(clause) is not None
    )


@dataclass(frozen=True)
class _Cut:
    """A clause boundary: where the clause before ends, where the next starts, its mark."""

    at: int
    after: int
    mark: str

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.after

    def group(self, _: int) -> str:
        return self.mark


# "и кредит я потом смогу взять?", "машину я оставлю?": the thing the clause is about,
# put before the actor
_FRONTED_THING = re.compile(
    r"\s*(?:(?:а|и|ну|но)\s+)?(?:кредит\w*|ипотек\w*|займ\w*|машин\w*|авто\w*|квартир\w*"
    r"|дач\w*|гараж\w*|дом|жиль\w*|зарплат\w*|пенси\w*)\s+"
)
_MY_ROLE_BEFORE = re.compile(r"(?:\bя|\bкак) (?:же |ведь |ему |ей )?(?:его |ее |их )?$")
_WORK_BEFORE = re.compile(r"\b(?:работаю|подрабатываю|тружусь|вкалываю) (?:\w+ )?$")
_CONDITION_FIRST = re.compile(r"(?:если|когда|раз)\b")
_JOINS_NEXT = re.compile(r"(?<=\s)(?:если|когда|раз)\s+$")
_ONLY_JOINS = re.compile(r"\W*(?:(?:а|и|но|ну|так|вот)\W+)*")
# "а почему я вам должен верить": a question word with nothing of its own governs the clause
# that follows it (never a bare "почему?" that would re-open the last answer)
_ASKS_OF_NEXT = re.compile(
    r"^\W*(?:(?:а|и|ну|но|так|вот|слушайте|скажите)\W+)*"
    r"(?:почему|зачем|отчего|откуда|с чего(?: бы| вдруг)?|разве|неужели)\s+$"
)


# "ипотеки нет квартира мамина", "приставов нет живу с мамой": in a run-on message a thing
# said to be absent ("X нет") is a whole clause; the word after it starts the next one (but
# "нет у мамы", "нет и не было", "нет ни одного", "нет вообще" go on with the same)
_NONE_THEN_MORE = re.compile(
    r"(?<=[а-я] )(?:нет|нету)(?= (?!(?:у|и|ни|не|никаких|никакой|никого|ничего|вообще|тоже|уже"
    r"|пока|совсем|больше|еще|давно|сейчас|теперь|там|тут|здесь|никогда|в|во|на|с|со|за|по|от"
    r"|до|из|к|ли|же|бы|ведь|а|но|или|да|так|точно|вроде|наверно|наверное|кажется|как|что"
    r"|чтобы|потому|поэтому|т|уж|либо)\b)[а-я])"
)
_NOT_A_NONE_CLAUSE = re.compile(r"(?:^|[\s,.!?])(?:да|или|не|ну|а|и|ой|ах|так|что)\s*$")


def _none_cuts(raw: str, lowered: str) -> list[_Cut]:
    cuts = []
    for m in _NONE_THEN_MORE.finditer(lowered):
        if not _NOT_A_NONE_CLAUSE.search(lowered[: m.start()]):
            cuts.append(_Cut(m.end(), m.end(), ""))
    return cuts


def _boundaries(raw: str) -> list[_Cut]:
    """Punctuation, and in a run-on stretch every turn to another actor."""
    cuts = [_Cut(m.start(), m.end(), m.group(0)) for m in _BOUNDARY.finditer(raw)]
    lowered = raw.lower().replace("ё", "е")
    cuts += _none_cuts(raw, lowered)
    starts = [0, *(c.after for c in cuts)]
    ends = [*(c.at for c in cuts), len(raw)]
    for start, end in zip(starts, ends, strict=True):
        for actor in ACTOR_START.finditer(lowered, start, end):
            before = lowered[start : actor.start()]
            if _THING_THEN_OWNER.search(before) and actor.group(0).startswith("у "):
                continue  # "машина у брата": whose the thing is, not a new actor
            if _MY_ROLE_BEFORE.search(before):
                continue  # "я отец", "мне как дочери": the writer's role, no new actor
            if actor.group(0) == "у меня" and _RELATIVE_ALONE.search(before):
                continue  # "сын у меня получает 60 тысяч": "my son", the son's own clause
            if actor.group(0).startswith("у ") and _WORK_BEFORE.search(before):
                continue  # "работаю у знакомого": the employer, the person's own clause
            if actor.group(0) == "я" and _FRONTED_THING.fullmatch(before):
                continue  # "и кредит я потом смогу взять?": the thing put first, one clause
            if _ASKS_OF_NEXT.match(before):
                continue  # "а почему я должна платить банку?": one question
            if _ONLY_JOINS.fullmatch(before):
                continue  # "а у жены машина своя": the "а" opens the relative's clause
            if before.strip() and not _GOVERNED.search(before):
                # "а папе это не аукнется | если я обанкрочусь?": the condition goes with its
                # actor, not with the question before it
                joined = _JOINS_NEXT.search(before)
                head = before[: joined.start()].strip(" ,") if joined else ""
                words_before = re.sub(r"\b(?:а|и|ну|но|так|вот)\b", " ", head).strip()
                at = start + joined.start() if joined and words_before else actor.start()
                cuts.append(_Cut(at, at, ""))
    return sorted(cuts, key=lambda c: (c.at, c.after))


def _sentence_end(raw: str, end: int) -> str:
    """The mark closing the sentence that goes on from `end` ("" at the end of the text)."""
    rest = re.match(r"[^.!?\n]*([.!?\n]|$)", raw[end:])
    return rest.group(1) if rest else ""


def own_mark(raw: str, end: int) -> bool:
    """Whether the sentence going on from `end` closes with "." or "!" (a statement)."""
    return _sentence_end(raw, end) in (".", "!")


def _sentence_asks(raw: str, end: int, mark: str) -> bool:
    """A comma clause, or a run-on piece cut before another actor ("меня уволят | если
    узнают что я банкрот?"), belongs to a question when its sentence ends with "?"."""
    # ("…может мне туда | а не в банкротство?": a contrast tail leaves the question before it)
    return _sentence_end(raw, end) == "?" and (
        mark == "" or "," in raw[end : end + 1] or _CONTRAST_TAIL.match(raw, end) is not None
    )


_CONTRAST_TAIL = re.compile(r"\s+а не\s", re.IGNORECASE)


_CONDITION_ONLY = re.compile(r"(?:(?:а|и|ну|но)\s+)*(?:если|вдруг|что если)")


def _after_condition(found: list[Clause], sentence: int) -> bool:
    """ "а если | я один займ забуду…": the piece after a bare "если" is the condition."""
    return (
        bool(found)
        and found[-1].sentence == sentence
        and _CONDITION_ONLY.fullmatch(found[-1].norm) is not None
    )


def writes_for(parts: list[Clause]) -> Subject | None:
    """ "пишу за маму, она сама не умеет": whom the person writes for."""
    for i, part in enumerate(parts):
        if _FOR_US.search(part.norm):
            return None  # "пишу за нас с женой": the person is one of them, their own case
        if not _ON_BEHALF.search(part.norm):
            continue
        if (who := relative_named(part.norm)) is not None:
            return who
        # "мама пенсионерка, у нее долги, пишу за нее": the pronoun names the relative before
        if re.search(
            r"\b(?:за|вместо|для|про|насчет|насчёт|поводу) (?:не[её]|него|них)\b", part.norm
        ):
            named = [p.subject for p in parts[:i] if p.subject is not Subject.SELF]
            if named:
                return named[-1]
        # "пишу по поводу | сестры, …": the relative was cut off into the next piece
        after = parts[i + 1] if i + 1 < len(parts) else None
        if (
            re.search(r"(?:за|для|вместо|имени|поводу|насчет|насчёт|про|вопросу)$", part.norm)
            and after is not None
            and after.sentence == part.sentence
            and (who := relative_named(after.norm.split(" ", 1)[0])) is not None
        ):
            return who
    return None


# "давайте по мне", "а теперь про меня", "не за маму, а за себя", "банкротиться буду я":
# the person who wrote for a relative asks to be counted instead (not "у меня тоже долги")
_FOR_SELF = re.compile(
    # (not "давайте созвонимся по мне": a call asked for, the lawyer hears both cases)
    r"\b(?:давайте|давай|теперь|лучше|можно|хочу|а теперь|сейчас)(?: (?!\w*звон)\w+)?"
    r" (?:по|про|обо|о|насчет|за) (?:мне|меня|мою ситуацию|мои долги|мой случай|себе|себя)\b"
    r"(?! тоже| самой| самому| тож)"
    r"|\bне (?:за|про|по|о|обо) \w+,? а (?:за|про|по|обо|о) (?:себя|себе|меня|мне)\b"
    r"|\b(?:банкротиться|банкротить\w*|должник\w*|должница) (?:\w+ )?(?:буду |будет |-то )?я\b"
    r"(?! тоже)"
    r"|\b(?:посчитайте|считайте|рассмотрите|оформляйте) (?:лучше |теперь )?(?:меня|мой случай)\b"
)


def asks_for_self(raw: str) -> bool:
    """Whether one who wrote for a relative now asks to be the lead: "давайте по мне"."""
    return _FOR_SELF.search(raw.lower().replace("ё", "е")) is not None
