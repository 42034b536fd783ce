"""The reading: enforcement."""

from __future__ import annotations

import re

from credit_expert.models import (
    Ask,
    Enforcement,
)
from credit_expert.understanding.message import _Message, _sentences
from credit_expert.understanding.notes import business_ip
from credit_expert.understanding.overdue import _NUM, _WRIT_CUE, _word_count

# ---------------------------------------------------------------- enforcement

_CLOSED = re.compile(
    r"\b(?:(?:закончил\w*|закрыл\w*) (?:\w+ )?(?:за|из-за|по) отсутстви\w*"
    r"|за отсутствием имуществ\w*"
    r"|(?:закрыл\w*|закрыт\w*|оконч\w*|прекращ\w*|прекрат\w*|вернул\w* лист\w*"
    # one sentence, whole words: "фирму закрыл. лично на мне … ипотека" is no closed case
    r"|возвращ\w* лист\w*)\b[^.!?]{0,40}\b(?:производств\w*|ип|пристав\w*|дело|дела)\b"
    r"|(?:производств\w*|ип|пристав\w*|дело|дела)\b[^.!?]{0,40}\b(?:закрыл\w*|закрыт\w*|оконч\w*"
    r"|прекращ\w*|прекрат\w*)"
    r"|(?:взыскать|взыскивать|забрать|брать|взять) (?:было )?нечего|нечего (?:взыскать|взыскивать)"
    r"|невозможно взыскать|невозможности взыскания|акт о невозможности"
    # "в прошлом году все закрыли — имущества нет": why the case was ended, said just after
    r"|(?:закрыл\w*|закрыт\w*|оконч\w*|прекрат\w*|прекращ\w*)\W+(?:\w+ ){0,2}"
    r"(?:имуществ\w* (?:нет|нету|не нашли|не нашлось|не было)|нет имуществ\w*))"
)
_NOTHING_TO_TAKE = re.compile(
    r"(?:взыскать|взыскивать|забрать|брать|взять) (?:было )?нечего|нечего (?:взыскать|взыскивать)"
    r"|невозможно взыскать"
)
_OPEN = re.compile(
    r"\b(?:пристав\w* (?:\w+ )?(?:описал\w*|опис\w*|арестовал\w*|наложил\w*)"
    r"|(?:списыва\w*|удержива\w*|снима\w*|взыскива\w*|забира\w*) (?:\w+ )?пристав\w*"
    r"|производств\w* (?:\w+ )?(?:открыт\w*|есть|идет|идут|возбужден\w*|ведется|открыли|висит"
    r"|висят"
    r"|возбудили|завели)"
    # "приставы с 2024 года производство ведут", "ведут производство" (never "не ведут")
    r"|производств\w* (?:(?!не )\w+ )?(?:ведут|ведет)|(?<!не )(?:ведут|ведет) (?:\w+ )?"
    r"(?:исполнительн\w* )?производств\w*"
    r"|пристав\w* (?:списыва\w*|снима\w*|удержива\w*|забира\w*|арестовал\w*|взыскива\w*"
    r"|держат|держит"  # "с пенсии приставы держат половину": what is held back each month
    r"|сняли|списали|удержали|забрали|арестовали|заблокировали"
    r"|приходил\w*|звонят|есть|пришли|наложили|открыли|возбудили"
    r"|уже(?! нет)|тоже(?! нет)|все(?! закрыл| нет))"  # not "приставов тоже нет"
    r"|(?:списыва\w*|снима\w*|удержива\w*|удерживают) .{0,20}(?:зарплат\w*|зп|пенси\w*"
    r"|карт\w*|счет\w*"
    r"|доход\w*)|арест\w* (?:на )?(?:карт\w*|счет\w*|счета|имуществ\w*|машин\w*|зарплат\w*)"
    r"|(?:зарплат\w*|зп|пенси\w*) (?:\w+ )?(?:удерживают|удерживали|удержива[ею]т|списывают"
    r"|списали|снимают|сняли|забирают)(?! ли)"
    r"|(?:с|из) (?:зарплат\w*|зп|пенси\w*|карт\w*|счет\w*|счета|доход\w*) (?:\S+ ){0,3}"
    r"(?:списыва\w*|снима\w*|удержива\w*|забира\w*|удерживают|держат|держит)"
    r"|(?:карт\w*|счет\w*|счета) арестова\w*|арестовали"
    r"|есть (?:одно |одна |два |две |три |несколько |\d+ )?(?:исполнительн\w* )?производств\w*"
    r"|(?:возбудил\w*|открыл\w*|завели) (?:исполнительн\w* )?производств\w*|у пристав\w*"
    r"|исполнительн\w* (?:производств\w*|лист\w*) (?:есть|открыт\w*|уже)|удержани\w*"
    r"|пристав\w* (?:по|у|на) (?:\w+ ){0,3}(?:есть|уже|открыл\w*|пришли)"
    r"|пристав\w* (?:с |со |из )(?:\w+ ){0,2}(?:удержива\w*|списыва\w*|снима\w*|забира\w*)"
    r"|пристав\w*(?: —| -|:)? (?:да |вроде |уже |тоже )*есть"
    r"|(?:списали|сняли|удержали|забрали|арестовали) (?:\S+ ){0,4}пристав\w*"
    r"|пристав\w* (?!не )\w+ (?:списали|сняли|удержали|забрали|списывают|снимают|удерживают"
    r"|забирают|арестовали)"
    r"|нов\w* (?:\w+ )?(?:открыл\w*|возбудил\w*|завели)|(?:открыл\w*|возбудил\w*|завели) нов\w*"
    r"|пристав\w* (?:\w+ ){0,2}дел[оа] (?:открыл\w*|завели|возбудил\w*)"
    r"|(?:передали|подали|отправили) (?:лист\w* )?(?:к |в )?пристав\w*"
    r"|на мне (?:\w+ )?(?:исполнительн\w* )?производств\w*"
    r"|висят (?:\w+ )?(?:исполнительн\w*|производств\w*)"
    # "карта заблокирована приставами", "счёт арестован приставами"
    r"|(?:заблокирова\w*|арестова\w*|наложен\w* арест\w*) (?:\w+ )?(?:пристав\w*|фссп)"
    # "приставы по двум делам", "приставы по всем кредитам", "приставы везде"
    r"|пристав\w* (?:по|на) (?:\w+ )?(?:\d+|одн\w*|дв\w*|тр[её]м|трех|четыр\w*|пят\w*"
    r"|нескольк\w*|всем|всех|каждому) (?:\w+ )?(?:дел\w*|кредит\w*|банк\w*|долг\w*"
    r"|производств\w*|займ\w*|мфо|кредитк\w*)"
    r"|пристав\w* (?:уже )?(?:везде|повсюду|по всем|на всех)"
    # "приставы пока только по одному": bailiffs on some of the debts
    r"|пристав\w* (?:пока |уже |только |тоже |еще )*по (?:одн\w*|дв\w*|тр[её]м|трем|четыр\w*|\d+)\b"
    # "есть исполнительное", "на госуслугах висит исполнительное", "исполнительное пришло"
    r"|(?<!не )(?:есть|висит|висят|пришл\w*|открыл\w*|завели|возбудил\w*) (?:\w+ )?исполнительн\w*"
    r"|исполнительн\w* (?:\w+ )?(?:висит|висят|пришл\w*|открыл\w*|завели|возбудил\w*)"
    r"|постановлени\w* (?:\w+ )?(?:от |из )?(?:фссп|пристав\w*)"
    r"|(?:фссп|пристав\w*) (?:\w+ )?(?:прислал\w*|вынесл\w*) (?:\w+ )?постановлени\w*"
    # "приставы вроде открыли": a hedge between; "а в 2023 снова открыли": a case again
    r"|пристав\w* (?:вроде|кажется|наверно|наверное|вроде бы|уже вроде) (?:открыл\w*"
    r"|возбудил\w*|завели|есть)"
    r"|(?:снова|опять|заново|вновь|потом) (?:\w+ )?(?:открыл\w*|возбудил\w*|завели))"
)
_NO_ENFORCEMENT = re.compile(
    r"\b(?:(?<!новых )пристав\w*(?: —| -|:)? "
    r"(?:вроде |кажется |наверно |вроде бы |пока |у меня |еще |тоже |уже )*"
    r"(?:нет|нету|не было|пока нет|не приходили|не трогали|еще нет)"
    r"|нет (?:никаких )?(?:пристав\w*|исполнительн\w*|производств\w*)"
    r"|(?<!новых )(?<!новые )исполнительн\w* (?:нет|нету|не было)"
    r"|(?<!новых )(?<!новые )(?:исполнительн\w* )?производств\w* (?:нет|нету|не было|не открыва\w*"
    r"|не возбужда\w*|пока нет)|до пристав\w* (?:не дошло|еще не дошло|пока не дошло|дело не дошло)"
    r"|пристав\w* (?:пока |еще |ещё )?не (?:было|приходили|трогали|подключались|взыскивали"
    r"|списывали|появлялись|объявлялись|пришли|приходят|появились|объявились|звонили)"
    r"|судов (?:не было|нет)"
    r"|(?:дело )?не дошло до пристав\w*)"
)
_WRIT_YEARS = re.compile(
    rf"\b(?:(?:больше|более|уже|почти|около|где-то|лет)\s)?(?P<n>{_NUM})?\s?"
    r"(?:с половиной )?(?P<unit>год\w*|лет)\b(?: (?P<n2>\d+|[а-я]+))?"
)


# (what is held back now, not "удерживали, потом закрыли": the past ended by the closure)
_STILL_ENFORCED = re.compile(
    r"\b(?:нов\w* (?:\w+ )?(?:открыл\w*|возбудил\w*|завели|пришл\w*)|(?:открыл\w*|возбудил\w*"
    r"|завели) (?:\w+ )?нов\w*|(?:списыва|удержива|снима)(?!л)\w*"
    r"|(?:снова|опять|заново|вновь) (?:\w+ )?(?:открыл\w*|возбудил\w*|завели))"
)
# "я ИП был, закрыл в 2022", "закрыла ИП": the person's business, not a bailiff's case.
_BUSINESS_IP = re.compile(
    r"\b(?:я (?:\w+ )?ип|ип (?:был|была|открыл\w*|закрыл(?!и)\w*)|(?:был|была|открыл\w*"
    r"|закрыл(?!и)\w*|оформил\w*|зарегистрировал\w*) (?:\w+ )?ип|как ип|на ип|ип на"
    r"|ип ?,? (?:а )?(?:его|ее) (?:\w+ )?(?:закрыл(?!и)\w*|ликвидир\w*))\b"
)


# "приставы есть… это прекратится?": a closure asked about is none
_ASKED = re.compile(r"[^.!?]*\?")


def _business_ip(text: str) -> str:
    """ "у меня ип было, закрыл в прошлом году": a sentence naming the person's business (and
    no bailiffs) speaks of an ИП, never of an исполнительное производство."""
    return " ".join(
        re.sub(r"\bип\b", "предпринимательство", s)
        if business_ip(s) and not _BAILIFF_WORDS.search(s)
        else s
        for s in re.split(r"(?<=[.!?;])\s+", text)
    )


_BAILIFF_WORDS = re.compile(r"\b(?:пристав\w*|производств\w*|фссп|исполнительн\w*|взыск\w*)")


# "плачу алименты, из зп удерживают 33%": deductions for alimony, no case for the debts
_ALIMONY_ONLY = re.compile(r"\bалимент\w*")
_BAILIFFS = re.compile(r"\b(?:пристав\w*|фссп|производств\w*|исполнит\w*)")
_LOAN_WORDS = re.compile(r"\b(?:кредит\w*|долг\w*|банк\w*|мфо|займ\w*|микрозайм\w*)")


# "с пенсии ничего не удерживают", "удержаний пока нет": deductions denied state no case open
# (nor that there is none: a case may hang on with nothing to take)
_NO_DEDUCTIONS = re.compile(
    r"\b(?:(?:с|из|со) \w+ )?(?:(?:ничего|пока|еще|ничо|уже|больше) )*не (?:списыва|удержива"
    r"|снима|забира|взыскива|удерж)\w*(?: (?:с|из|со) \w+)?"
    r"|\b(?:удержани\w*|списани\w*) (?:\w+ )?(?:пока |еще |уже )?(?:нет|нету|не было)\b"
    r"|\bнет (?:никаких )?(?:удержани\w*|списани\w*)"
)


def _read_enforcement(msg: _Message) -> Enforcement | None:
    text = _business_ip(_BUSINESS_IP.sub(" предпринимательство ", msg.text))
    text = _NO_DEDUCTIONS.sub(" , ", text)
    # (bailiffs named for the alimony, "приставы по алиментам есть", are a case all the same)
    text = " . ".join(
        s
        for s in _sentences(text)
        if not (_ALIMONY_ONLY.search(s) and not _LOAN_WORDS.search(s) and not _BAILIFFS.search(s))
    )
    closed = _CLOSED.search(_ASKED.sub(" . ", text))
    if closed and _OPEN.search(text) and _STILL_ENFORCED.search(text):
        # "одно закрыли, но в марте новое открыли", "взять нечего, списывают копейки"
        return Enforcement.OPEN
    if closed and _NOTHING_TO_TAKE.fullmatch(closed.group(0)) and _OPEN.search(text):
        # "лист у приставов с 2022 года, взять нечего": the writ is there, nothing collected —
        # an open case, never ended by these words alone
        return Enforcement.OPEN
    if closed:
        return Enforcement.CLOSED
    if _OPEN.search(text):
        return Enforcement.OPEN
    if _NO_ENFORCEMENT.search(text):
        return Enforcement.NONE
    if _LISTED_BAILIFFS.search(text):
        return Enforcement.OPEN  # "долги 1.2 млн 4 банка приставы": one more item of the list
    return None


# "приставы" closing a list of the debts' facts, with no question or negation near
_LISTED_BAILIFFS = re.compile(
    r"(?:\d\S* |(?:банк|кредит|займ|мфо|карт)\w* )(?:и |плюс |еще |ещё |уже )?приставы(?: \.| ,|$)"
)


_PAYMENT_NEAR = re.compile(r"(?<!зар)(?:плач|плат)\w*|просроч\w*|внош\w*")  # not "зарплата"


# "с 2017 года", "в феврале 2024 года", "с марта 2023": a month name may stand before the year
_MONTH = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
# ("с весны 2023 года": a season stands for its first month)
_SEASON = r"(?:весн\w*|лет[оа]|осен\w*|осень|зим[аыу])"
_WRIT_SINCE_YEAR = re.compile(
    rf"\b(?:в|с) (?:(?:(?P<m>{_MONTH})|(?P<s>{_SEASON})) )?(?P<y>(?:19|20)\d\d)"
    r"(?: (?:году|года|г))?\b"
)
_SEASON_MONTH = {"весн": 3, "лет": 6, "осен": 9, "зим": 1}


_OTHER_EVENT = re.compile(
    r"\b(?:продал\w*|подарил\w*|купил\w*|переписал\w*|переоформил\w*|взял\w*|брал\w*"
    r"|продавал\w*|дарил\w*|переписывал\w*|переоформлял\w*|сделок|сделк\w*"
    r"|женат\w*|замуж\w*|в браке|развел\w*|работаю|живу|живем|родил\w*)"
)
_AGES = re.compile(
    r"\b(?:детям|детей|детьми|дети|сыну|дочке|дочери|ребенку|внук\w*|мне|ему|ей|возраст\w*)\b"
)


_MONTH_STEMS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def _month_number(word: str) -> int:
    """1..12 for a month's name in any case ("феврале" is 2, "мая" is 5)."""
    return next(i for i, stem in enumerate(_MONTH_STEMS, 1) if word.startswith(stem))


def _piece_around(clause: str, at: int) -> str:
    """The comma piece of a sentence that holds position `at`."""
    start = clause.rfind(",", 0, at) + 1
    end = clause.find(",", at)
    return clause[start : end if end >= 0 else len(clause)]


_ENDED = re.compile(r"\b(?:закрыл\w*|закрыт\w*|оконч\w*|прекращ\w*|прекрат\w*|закончил\w*)\b")


_ORDINALS = (
    "второй",
    "третий",
    "четвертый",
    "пятый",
    "шестой",
    "седьмой",
    "восьмой",
    "девятый",
    "десятый",
)
_ORDINAL_YEAR = rf"\b({'|'.join(_ORDINALS)})\s*$"


def _read_writ_years(msg: _Message) -> int | None:
    for clause in _sentences(msg.text):
        if _ENDED.search(clause) and not re.search(r"\bлист|до сих пор|висит", clause):
            # "приставы были 2 года назад, закрыли, взыскать нечего": when the closed case
            # was, no writ still unpaid
            continue
        since = _WRIT_SINCE_YEAR.search(clause)
        closed_then = since and re.search(
            r"\b(?:закрыл\w*|закрыт\w*|оконч\w*|прекрат\w*|прекращ\w*|закончил\w*)\b"
            r"(?: \S+){0,3} (?:в )?\d{4}|\bв \d{4}\w* (?:\S+ ){0,2}(?:закрыл|закрыт|оконч|прекрат"
            r"|прекращ|закончил)",
            clause,
        )
        if since and msg.today and _WRIT_CUE.search(clause) and not closed_then:
            years = msg.today.year - int(since.group("y"))
            season = since.group("s")
            month = (
                _month_number(since.group("m"))
                if since.group("m")
                else next((n for k, n in _SEASON_MONTH.items() if season.startswith(k)), 1)
                if season
                else None
            )
            if month is not None and msg.today.month < month:
                years -= 1  # "в декабре 2024", told in November 2026: not two full years yet
            if 0 <= years < 60:
                return years  # "лист предъявили в 2016 году"
        if not _WRIT_CUE.search(clause) and (
            msg.expected != Ask.ENFORCEMENT
            or _AGES.search(clause)
            or len(clause.split()) > 4
            or _OTHER_EVENT.search(clause)
        ):
            # "детям 12 и 16 лет", "гараж брату продал два года назад" after the bailiff
            # question: ages and other events, not a writ; only a bare "года три" answers it
            continue
        half = re.search(r"\bполгода\b|\bпол года\b", clause)
        if half and not _PAYMENT_NEAR.search(clause[max(0, half.start() - 25) : half.end() + 25]):
            return 0  # (not "не плачу с полгода, приставы уже есть": that is the overdue)
        for m in _WRIT_YEARS.finditer(clause):
            piece = _piece_around(clause, m.start())
            near = clause[max(0, m.start() - 20) : m.end() + 25]
            if _PAYMENT_NEAR.search(near) and _PAYMENT_NEAR.search(piece):
                # "год не плачу, приставов нет": the year is the overdue, not the writ; but in
                # "лист у приставов уже года два, ничего не платила" the payment is another piece
                continue
            if _OTHER_EVENT.search(piece) or _AGES.search(piece):
                continue  # "…, работаю в садике 12 лет": how long she works, not the writ
            word = m.group("n") or ""
            after = m.group("n2") or ""
            if not word and m.group("unit") in ("лет", "год", "года") and _word_count(after):
                word = after  # "лет восемь назад", "уже года два"
            elif not word and m.group("unit") == "лет" and not after:
                continue
            ordinal = re.search(_ORDINAL_YEAR, clause[: m.start()])
            if not word and ordinal and m.group("unit") == "год":
                # "удерживают с пенсии уже третий год": two full years and more
                return _ORDINALS.index(ordinal.group(1)) + 1
            if not word:
                dated = re.search(r"\b(?:прошлом|этом|том|позапрошлом)\s*$", clause[: m.start()])
                if dated and re.search(
                    r"\b(?:закрыл|закрыт|оконч|прекрат|прекращ|закончил)", clause
                ):
                    continue  # "закрыли в прошлом году": when it ended, not the writ's age
                if dated and dated.group(0).startswith("позапрошлом"):
                    return 2
                if dated and dated.group(0).startswith("этом"):
                    return 0  # "открыли в этом году": under a year
                if m.group("unit").startswith("год"):
                    return 1
                continue
            count = _word_count(word)
            if count is not None and 0 < count < 60:
                return int(count)
        late = re.search(rf"\bлет (?P<n>{_NUM})\b", clause)
        if late and _word_count(late.group("n")):
            return int(_word_count(late.group("n")) or 0)
    return None
