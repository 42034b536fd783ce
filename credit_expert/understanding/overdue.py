"""The reading: months overdue."""

from __future__ import annotations

import re
from datetime import date

from credit_expert.models import (
    Ask,
)
from credit_expert.understanding.creditors import _bare_number
from credit_expert.understanding.message import _clauses, _Message, _sentences
from credit_expert.understanding.numbers import _ONE_AND_HALF, _PAIR, _TEENS, _UNITS

# ---------------------------------------------------------------- months overdue

_OVERDUE_CUE = re.compile(
    r"\b(?:не (?:плачу|платим|платил\w*|плачу уже|вношу|вносил\w*|гашу|гасил\w*|погашаю"
    r"|оплачиваю|плачем|платит|могу платить|получается платить|тяну|тянем|потяну)|просроч\w*"
    r"|задерж\w*"
    r"|перестал\w* (?:платить|вносить|гасить)|без оплат\w*|не платить|не плотю|неплачу"
    r"|(?:платить|гасить|отдавать) (?:уже )?(?:нечем|нечего|не(?: ?)чем)|нечем платить"
    # "платить не могу уже 5 месяцев": the same said the other way round
    r"|(?:платить|вносить|гасить|платежи) (?:уже )?не (?:могу|можем|могла|смогла|смог|тяну"
    r"|тянем|получается)"
    r"|(?:платить|вносить|гасить|платежи|платеж) (?:\w+ )?(?:перестал\w*|прекратил\w*)"
    # "плачу через раз, последние 4 месяца вообще не смог": paying, then no longer able to
    r"|(?:плачу|платил\w*|вносил\w*|гасил\w*)\b[^.!?]{0,40}\bне (?:смог|смогла|смогли|могу|могла"
    r"|получается|получалось|получилось))\b"
)
_NO_OVERDUE = re.compile(
    r"\b(?:(?<!не )(?:пока|еще|все еще|исправно|вовремя) (?:плачу|платим|вношу|гашу)"
    r"|плачу (?:пока|исправно|вовремя)|просрочек (?:нет|не было|пока нет)|без просроч\w*"
    r"|просрочки (?:нет|пока нет|не было)|не просрочивал\w*"
    r"|(?:не было|нет) (?:еще |ещё |пока )?просроч\w*"
    # a first payment missed this month is under a month overdue: "в этом месяце первый раз не
    # смогла внести", "первый платёж пропустила на прошлой неделе", "первая просрочка"
    r"|(?:первый раз|впервые) (?:\w+ ){0,2}(?:не смог\w*|не внес\w*|не заплатил\w*"
    r"|не оплатил\w*|пропустил\w*)"
    r"|перв\w* (?:\w+ )?(?:платеж|плат[её]ж|взнос) (?:\w+ ){0,2}(?:пропустил\w*|не внес\w*"
    r"|не оплатил\w*|не заплатил\w*)|перв(?:ая|ую) просрочк\w*)\b"
)
_TAKE_BACK = re.compile(
    r"\b(?:ой,? нет|ой,? вру|хотя нет|нет,? вернее|вернее|точнее|вру|ой)\b[,.!]?"
)
_MORTGAGE_PAID = re.compile(r"\b(?:ипотек\w*|автокредит\w*)")
_MONTH_WORD = r"(?:месяц\w*|мес|мес\.|месячн\w*)"
_NUM = (
    r"(?:\d+|один|одна|одного|два|две|двух|три|трех|четыре|четырех|пять|пяти|шесть|шести"
    r"|семь|семи|восемь|восьми|девять|девяти|десять|десяти|одиннадцать|двенадцать|пару"
    r"|пара|полтора|полторы|несколько)"
)
_MONTHS_OF_YEAR = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_SEASONS = {"весн": 3, "лет": 6, "осен": 9, "зим": 12}
MAX_OVERDUE_YEARS = 20
_SINCE_MONTH = re.compile(
    r"\bс (?:(?P<prev>прошлого|прошлой|позапрошлого) )?"
    r"(?:(?P<m>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    r"|декабря)|(?P<s>весны|лета|осени|зимы)|(?P<ny>нового года)|(?P<y>(?:19|20)\d\d) (?:года|г))"
    r"(?P<last> прошлого года)?"
)


def _word_count(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    if word in _ONE_AND_HALF:
        return 1.5
    if word in _PAIR:
        return 2
    if word == "несколько":
        return None
    return float(_UNITS.get(word) or _TEENS.get(word) or 0) or None


_ORDINALS = {
    "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7,
    "восьмой": 8, "девятый": 9, "десятый": 10,
}  # fmt: skip


def _month_spans(text: str) -> list[tuple[int, int]]:
    """Every duration in the text as (position, months)."""
    found: list[tuple[int, int]] = []
    for m in re.finditer(
        rf"\b(?:(?P<y>{_NUM}) )?(?:год|года|лет) и (?P<n>{_NUM}) {_MONTH_WORD}\b", text
    ):  # "год и 2 месяца": one duration, 14 months
        whole = _word_count(m.group("y")) if m.group("y") else 1
        months = _word_count(m.group("n"))
        if whole is not None and months is not None and whole <= MAX_OVERDUE_YEARS:
            found.append((m.start(), round(whole * 12 + months)))
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    for m in re.finditer(rf"\b(?:(?P<n>{_NUM}) (?:с половиной )?)?{_MONTH_WORD}\b", text):
        if m.group("n"):
            count = _word_count(m.group("n"))
            if count is None:
                continue
            half = 0.5 if "половиной" in m.group(0) else 0
            found.append((m.start(), round(count + half)))
        elif not re.search(
            rf"\b(?:в|за|через|раз в|на|каждый|этот|этом|прошлый|прошлом|том|тот|следующ\w*"
            rf"|\d+ ?-? ?(?:й|ий|ой)|{'|'.join(_ORDINALS)})\s$",
            text[max(m.start() - 12, 0) : m.start()],
        ) and not re.match(rf" {_NUM}\b", text[m.end() :]):
            found.append((m.start(), 1))
    for m in re.finditer(rf"\b(?P<o>{'|'.join(_ORDINALS)}) месяц\b", text):
        found.append((m.start(), _ORDINALS[m.group("o")]))
    for m in re.finditer(r"\b(?P<n>\d{1,2}) ?-? ?(?:й|ий|ой) месяц\b", text):
        found.append((m.start(), int(m.group("n"))))  # "3й месяц не плачу"
    for m in re.finditer(
        rf"\b{_MONTH_WORD} (?P<n>{_NUM})\b(?! (?:{_MONTH_WORD}|год|лет|банк))", text
    ):
        count = _word_count(m.group("n"))
        if count is not None and count <= 36:
            found.append((m.start(), round(count)))
    for m in re.finditer(
        rf"\b(?:года|лет|годика) (?P<n>{_NUM})\b"
        rf"(?! (?:{_MONTH_WORD}|год|лет|банк|кредит|займ|мфо|раз))",
        text,
    ):
        count = _word_count(m.group("n"))
        if count is not None and count <= MAX_OVERDUE_YEARS:
            found.append((m.start(), round(count * 12)))  # "не плачу года 3 уже", "года полтора"
    for m in re.finditer(r"\bпол ?-? ?года\b|\bполгода\b", text):
        found.append((m.start(), 6))
    years = rf"\b(?:(?P<n>{_NUM}) (?:с половиной )?)?(?:год|года|лет|годик\w*)\b"
    for m in re.finditer(years, text):
        if m.group("n"):
            count = _word_count(m.group("n"))
            if count is None or count > MAX_OVERDUE_YEARS:
                continue  # "мне 45 лет", "гранта 2012 года": an age or a year, not an overdue
            if re.search(
                r"\b(?:мне|исполнилось|возраст\w*)\s$", text[max(m.start() - 14, 0) : m.start()]
            ) or _AGE_OF.search(text[max(m.start() - 30, 0) : m.start()]):
                continue  # "внуку моему 12 лет": an age
            half = 0.5 if "половиной" in m.group(0) else 0
            found.append((m.start(), round((count + half) * 12)))
        elif re.search(
            r"\b(?:нового|прошлого|этого|позапрошлого|текущего|прошлом|этом|пол)\s?-?\s?$",
            text[max(m.start() - 14, 0) : m.start()],
        ):
            continue  # "в прошлом году" is a date; "пол года" is counted as 6 above
        elif re.search(
            # "не платит год", "не вносила год": any person of the verb
            r"\b(?:уже|почти|больше|более|около|целый|год|весь|плачу|плат\w*|вношу|внос\w*"
            r"|гашу|гас\w*|погаша\w*|просрочк\w*|просрочен\w*)\s$",
            text[max(m.start() - 12, 0) : m.start()],
        ) or re.match(
            r"(?:год|года) (?:не|как|уже|с хвостиком|с лишним|с небольшим)", text[m.start() :]
        ):
            if re.match(rf"(?:года|лет) {_NUM}\b", text[m.start() :]):
                continue  # "года 3": counted above
            found.append((m.start(), 12))
    for m in re.finditer(rf"\b(?:{_NUM} )?(?:недел\w*|дн(?:я|ей)|день|денька)\b", text):
        if re.search(
            r"\b(?:в|каждый|через|раз в|час\w*|весь|целый|на весь|добрый|этот|тот|рабочий"
            r"|выходной|свободный)\s$",
            text[max(m.start() - 10, 0) : m.start()],
        ):
            # "по 10 раз в день", "каждый день", "на смене весь день": not how long overdue
            continue
        found.append((m.start(), 0))
    return sorted(found)


def _since_months(text: str, today: date | None) -> list[tuple[int, int]]:
    if today is None:
        return []
    found = []
    for m in _SINCE_MONTH.finditer(text):
        if m.group("y"):
            months = (today.year - int(m.group("y"))) * 12 + today.month - 1
        else:
            if m.group("m"):
                start = next(v for k, v in _MONTHS_OF_YEAR.items() if m.group("m").startswith(k))
            elif m.group("s"):
                start = next(v for k, v in _SEASONS.items() if m.group("s").startswith(k))
            else:
                start = 1
            months = (today.month - start) % 12
            if m.group("last") or m.group("prev"):
                months += 12  # "с прошлого лета", "с марта прошлого года"
        if months >= 0:
            found.append((m.start(), months))
    return found


_AGE_OF = re.compile(
    r"\b(?:внуку|внучке|сыну|дочери|дочке|ребенку|детям|маме|папе|отцу|матери|мужу|жене|брату"
    r"|сестре|младшему|младшей|старшему|старшей|малышу|малышке|сыночку|внучку"
    r"|ему|ей|им|мне|салону|магазину|бизнесу|фирме|компании|машине|квартире|дому"
    r"|кредиту|ипотеке)(?: (?:моему|моей|моим|уже|сейчас|всего))*\s*$"
)
_OTHER_DURATION = re.compile(
    r"\b(?:в браке|женат\w*|замужем|живу|живем|живет|работаю|работает|(?:про|от)?работал\w*"
    r"|трудил\w*|стаж\w*|прописан\w*"
    r"|мне|ему|ей|детям|сыну|дочери|возраст\w*|ипотек\w*|лет назад)\b"
)
_CHILDREN = re.compile(
    r"\b(?:дет(?:ей|и|ям)|ребен\w*|ребён\w*|сын\w*|доч\w*|внук\w*|внучк\w*|малыш\w*)\b"
)
_YEARS_ONLY = re.compile(r"^\W*(?:\w+ )?\d{1,2}(?: и \d{1,2})? (?:год\w*|лет)\b")
_A_TERM = re.compile(r"\b(?:на|через|за)\s(?:последн\w*\s|прошл\w*\s|этот\s)?$")
_WORKED_FOR = re.compile(
    r"\b(?:(?:про|от)?работал\w*|работаю|трудил\w*|стаж\w*|в браке|замужем|женат\w*"
    r"|прожил\w*|живу|живем)(?: \w+)?\s*$"
)
# ("удерживают уже два года": deductions under a writ, its age, not the overdue)
_WRIT_CUE = re.compile(
    r"\b(?:лист\w*|пристав\w*|фссп|производств\w*|исполнит\w*|взыск\w*|удержива\w*)\b"
)


_ALIMONY = re.compile(r"\bалимент\w*")
_LOAN_WORD = re.compile(r"\b(?:банк(?!рот)\w*|мфо|мфк|кредит\w*|займ\w*|микрозайм\w*|ипотек\w*)")
_MONTH_UNIT = re.compile(r"\b(?:месяц\w*|мес)\b")
_DEBT_TALK = re.compile(r"\b(?:банк\w*|мфо|кредит\w*|займ\w*|долг\w*|пристав\w*)")
_HEDGE = r"(?:уже |около |где-то |примерно |почти |наверно |вроде )?"
_BARE_MONTHS = re.compile(
    rf"{_HEDGE}(?:\d{{1,2}}|{_NUM}) (?:месяц\w*|мес)(?: уже| наверно\w*)?"
    rf"|{_HEDGE}(?:месяц\w*|мес) (?:\d{{1,2}}|{_NUM})(?: уже| наверно\w*)?"
)
# "месяцев 14", "если точно то месяцев 15", "точнее 13 месяцев": the exact count
_EXACT_MONTHS = re.compile(
    r"(?:(?:а |если |ну )?(?:точн\w*|вернее|то есть|именно|по факту)(?: то)? )?"
    + f"(?:{_BARE_MONTHS.pattern})"
)
_MONTHS_OR_YEARS = re.compile(r"\b(?:месяц\w*|мес|пол ?года|год\w*|лет)\b")


def _read_months(msg: _Message) -> int | None:
    # "не плачу полгода. ой нет, 8 месяцев уже": after a take-back, the last figure stands
    taken_back = _TAKE_BACK.search(msg.text)
    if taken_back:
        rest = msg.text[taken_back.end() :]
        after = [
            (at, months)
            for at, months in _month_spans(rest)
            if not _A_TERM.search(rest[max(at - 25, 0) : at])  # "проценты за последний месяц"
        ]
        if after:
            return after[0][1]
    # (explicit, -distance): a count the person gave ("не плачу с января, месяца 4") wins
    # over one computed from a date; among equals, the one nearest an overdue cue.
    best: tuple[bool, bool, int, int] | None = None
    after_cue = False
    for at, sentence in enumerate(_sentences(msg.text)):
        cues = [m.start() for m in _OVERDUE_CUE.finditer(sentence)]
        # "не 6 а 5 месяцев": a refused figure put right with a month unit counts too; so
        # does "в просрочке с февраля... месяцев 5 наверно": a short afterthought
        corrected = msg.correcting and _MONTH_UNIT.search(sentence)
        afterthought = after_cue and len(sentence.split()) <= 4 and _MONTH_UNIT.search(sentence)
        # "3 банка, 8 месяцев, приставы удерживают": a bare duration listed among debt facts
        listed = _DEBT_TALK.search(msg.text) and any(
            _BARE_MONTHS.fullmatch(c.strip(" .,!")) for c in _clauses(sentence)
        )
        # "месяца четыре. муж тоже в долгах…": a message opening with a bare duration in
        # months answers the overdue question, even one asked turns before
        listed = listed or (at == 0 and _BARE_MONTHS.fullmatch(sentence.strip(" .,!")) is not None)
        after_cue = bool(cues)
        if not cues and msg.expected != Ask.MONTHS_OVERDUE:
            if not (msg.restating or corrected or afterthought or listed):
                continue
            if not _MONTHS_OR_YEARS.search(sentence):
                continue  # a correction of something else: "добрый день" is no overdue
        bailiffs_before = False
        previous_clause = ""
        for clause in _clauses(sentence):
            kids_before, previous_clause = _CHILDREN.search(previous_clause), clause
            if kids_before and _YEARS_ONLY.search(clause) and not _OVERDUE_CUE.search(clause):
                continue  # "двое детей, 2 и 5 лет": the children's ages
            if _WRIT_CUE.search(clause) and not _OVERDUE_CUE.search(clause):
                bailiffs_before = True
                continue
            if bailiffs_before and not _OVERDUE_CUE.search(clause) and len(clause.split()) <= 4:
                # "приставы удерживают 50% пенсии уже года два, с 2023 где то": the date goes
                # on the bailiffs' clause, it is no start of the overdue
                continue
            bailiffs_before = False
            if not cues and _OTHER_DURATION.search(clause):
                continue  # "мы в браке 12 лет", "мне 41": how long something else lasts
            if _ALIMONY.search(clause) and not _LOAN_WORD.search(clause):
                continue  # "он алименты не платит 3 года": alimony unpaid, whoever owes it,
                # is no overdue on the loans (and no debt bankruptcy writes off)
            offset = sentence.find(clause)
            explicit = _month_spans(clause)
            spans = explicit or _since_months(clause, msg.today)
            for position, months in spans:
                before = clause[max(position - 12, 0) : position]
                if _AGE_OF.search(clause[max(position - 30, 0) : position]) and not (
                    _OVERDUE_CUE.search(clause)
                ):
                    continue  # "младшему 8 месяцев": a child's age
                if _WORKED_FOR.search(clause[max(position - 30, 0) : position]):
                    continue  # "где я проработала 20 лет", even beside "не тяну": a job's years
                if re.search(r"\bне\s*$", before):
                    continue  # "не полгода, уже 8 месяцев": the figure refused
                if _A_TERM.search(clause[max(position - 25, 0) : position]) and not re.search(
                    r"просроч\w*\s+на\s$", clause[max(position - 30, 0) : position]
                ):
                    continue  # "кредит на 2 года" is a term, "просрочил на две недели" is not
                ago = "назад" in clause[position : position + 20]
                if ago and not _OVERDUE_CUE.search(clause):
                    continue
                distance = min((abs(offset + position - c) for c in cues), default=0)
                # "больше года не плачу, месяцев 14": a bare count of months said beside a
                # rounder figure is the exact one
                bare = _EXACT_MONTHS.fullmatch(clause.strip(" .,!")) is not None
                rank = (bool(explicit), bare, -distance)
                if best is None or rank > best[:3]:
                    best = (*rank, months)
    if best is not None:
        return best[3]
    if any(_NO_OVERDUE.search(c) and not _MORTGAGE_PAID.search(c) for c in _sentences(msg.text)):
        return 0  # (not "ипотеку пока платим": the other loans may be overdue)
    if msg.expected == Ask.MONTHS_OVERDUE:
        if re.fullmatch(
            r"\W*(?:уже |почти |около |больше |более |целый )?(?:год|годик)\W*", msg.text
        ):
            return 12
        number = None if msg.correcting else _bare_number(msg)  # "не 120 а 150": the debt
        if _COUNT_TALK.search(msg.text):
            number = None  # "банков 5, еще мфо 2": how many, not how long
        if number is not None and 0 <= number <= 120 and not _INCOME_TALK.search(msg.text):
            return round(number)  # (not "у меня 25 официально": that is a salary)
    return None


_COUNT_TALK = re.compile(r"\b(?:банк\w*|кредитор\w*|мфо|мфк|займ\w*|кредит(?:а|ов|ы)?|штук\w*)\b")
_INCOME_TALK = re.compile(
    r"\b(?:зарплат\w*|зп|получаю|получает|доход\w*|(?:не)?официальн\w*|пенси\w*|оклад\w*"
    r"|работаю|подрабатываю|зарабатываю|тыс\w*|тыщ\w*|руб\w*)"
)
