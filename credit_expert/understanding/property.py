"""The reading: property, mortgage, deals."""

from __future__ import annotations

import re

from credit_expert.models import (
    Ask,
)
from credit_expert.understanding.enforcement import _CLOSED
from credit_expert.understanding.message import _clauses, _Message, _sentences

# ---------------------------------------------------------------- property, mortgage, deals

_EXTRA_PROPERTY = re.compile(
    r"\b(?:машин\w*|автомобил\w*|авто|тачк\w*|дач\w*|участ(?:ок|ка|ке)|земл\w*|гараж\w*"
    r"|втор\w* квартир\w*|еще (?:одна )?квартир\w*|две квартиры|доля|долю|доли|дол[ея] в"
    # a garden plot and its house: "6 соток с домиком", "садовый дом в снт"
    r"|домик\w*|садов\w* (?:дом\w*|участ\w*)|\d+ соток|снт"
    r"|недвижимост\w*|дом(?:ик)? в деревне|мотоцикл\w*|лодк\w*|квартир\w* (?:у )?(?:мамы|матери)"
    r"|коммерческ\w*|апартамент\w*|прицеп\w*|трактор\w*|уаз\w*|иномарк\w*|жигул\w*|газел\w*)\b"
)
_NO_EXTRA_PROPERTY = re.compile(
    r"\b(?:ничего (?:нет|не имею|такого нет|больше нет)"
    r"|имущества (?:(?:и|или) \w+ )?(?:(?:больше|другого|иного|никакого|особо|своего) )*"
    r"(?:нет|нету|ноль|0)"
    r"|(?:ничего|ничо) сво\w* (?:нет|не имею)|сво\w* (?:ничего|ничо) (?:нет|не имею)"
    # "живу у родителей, своего ничего": the "нет" left unsaid at the clause's end
    r"|сво(?:его|ей) (?:у меня )?(?:ничего|ничо)(?= [.,;!]|$)"
    r"|(?:имуществ\w* (?:у меня )?никакого|никакого имуществ\w*)(?= [.,;!]|$)"
    r"|ноль имущества|из имущества (?:ничего|ничо)"
    r"|машины нет(?:,? (?:\w+ )?(?:ничо|ничего) нет)?|ничо нет"
    r"|нет (?:никакого )?имущества|нет ничего"
    r"|только (?:\w+ )?(?:квартир\w*|комнат\w*|жиль\w*|дом\w*"
    r"|единственн\w*)|единственн\w* (?:жиль\w*|квартир\w*)|кроме (?:квартир\w*|комнат\w*|жиль\w*"
    r"|дом\w*)[^.]{0,30}(?:ничего|нет)|больше ничего|ничего не имею)\b"
)
_NEGATION_NEAR = re.compile(r"\b(?:нет|нету|не|без|ни|никакой|никаких|продал\w*)\b")
# "машина старая лада, не в кредите", "фокус 2015 без залога", "кредит за неё выплатил": the
# pledge or the loan on the thing is denied, not the thing itself
_UNPLEDGED = re.compile(
    r"\b(?:не|без|нет) (?:в |под |на )?(?:кредит\w*|залог\w*|обременени\w*|арест\w*|автокредит\w*"
    r"|лизинг\w*)"
    r"|\bне (?:заложен\w*|кредитн\w*|обременен\w*|залогов\w*)"
    r"|\b(?:кредит\w*|автокредит\w*|залог\w*) (?:\w+ ){0,3}(?:нет|нету|не было"
    r"|выплатил\w*|выплачен\w*|погасил\w*|погашен\w*|закрыл\w*|закрыт\w*|сня\w*)"
    r"|\b(?:выплатил\w*|погасил\w*|закрыл\w*) (?:\w+ ){0,2}(?:кредит\w*|автокредит\w*|залог\w*)"
)
_QUESTION_VERBS = re.compile(
    r"\b(?:заберут|отберут|отнимут|изымут|арестуют|продадут|лишат|оставят|заберете|будет с"
    r"|трогать|тронут|могут|если)\b"
)
_MORTGAGE_NO = re.compile(
    r"\b(?:ипотек\w* (?:у (?:меня|нас) )?(?:никогда |и )?(?:нет|нету|не было|нет и не было"
    r"|закрыл\w*|погасил\w*"
    r"|выплатил\w*)"
    r"|нет (?:никакой )?ипотек\w*|без ипотек\w*|не в ипотеке|не ипотечн\w*|не ипотека"
    r"|не под ипотек\w*"
    r"|не в залоге|без залога|ипотеку (?:не брал\w*"
    r"|выплатил\w*|погасил\w*|закрыл\w*))\b"
)
_MORTGAGE_YES = re.compile(
    r"\b(?:в ипотек\w*|ипотек\w* (?:есть|на|еще|плачу|осталась|висит)|есть ипотек\w*|ипотечн\w*"
    # "квартира по военной ипотеке": the mortgage the flat was bought on
    r"|(?<!не )по (?:военной |льготной |семейной |сельской )?ипотек\w*"
    r"|плачу ипотек\w*|платим ипотек\w*|взял\w* ипотек\w*|ипотека"
    # "брат сам ипотеку платит", "платят ипотеку": one paying a mortgage has one
    r"|(?:плат(?:ит|ят)|выплачива(?:ю|ем|ет|ют)|гас(?:ит|им|ят)) ипотек\w*"
    r"|ипотек\w* (?:\w+ )?(?:плачу|платим|плат(?:ит|ят)|выплачива(?:ю|ем|ет|ют)"
    r"|гаш(?:у)|гас(?:ит|им|ят)))\b"
)
_DEALS_NO = re.compile(
    r"\b(?:ничего не (?:продавал\w*|дарил\w*|переоформлял\w*|переписывал\w*)"
    r"|не (?:продавал\w*|дарил\w*|переоформлял\w*|переписывал\w*|отчуждал\w*)"
    r"|сделок (?:не было|нет|никаких не было)|никаких сделок|ничего такого не было"
    r"|ни(?:чего)? не продавал\w*)\b"
)
_DEALS_YES = re.compile(
    r"\b(?:продал\w*|подарил\w*|переоформил\w*|переписал\w*|дарственн\w*|оформил\w* на"
    r"|продавал\w*|отдал\w* (?:машин\w*|квартир\w*|дол\w*)|отчуждал\w*)\b"
)


_DEBT_SOLD = re.compile(
    r"\b(?:долг\w*|кредит\w*|займ\w*)\b.{0,30}\b(?:продал\w*|переуступ\w*|передал\w*)"
    r"|\b(?:продал\w*|переуступ\w*|передал\w*) (?:\w+ )?(?:долг\w*|кредит\w*)"
    r"|\bколлектор\w* (?:\w+ )?(?:продал\w*|передал\w*)"
    r"|(?:продал\w*|передал\w*) (?:\w+ )?коллектор\w*"
)


def _is_question(clause: str) -> bool:
    return bool(_QUESTION_VERBS.search(clause))


# "ничего не взыскали", "взять нечего": the bailiffs found nothing to take (the writ may hang on)
_NOTHING_COLLECTED = re.compile(
    r"\b(?:ничего не (?:взыскал\w*|списал\w*|нашл\w*|наш[её]л|забрал\w*|удержал\w*|описал\w*)"
    r"|не (?:смогл\w*|могут) (?:ничего )?(?:взыскать|забрать|найти)"
    r"|(?:нечего|не с чего|не из чего) (?:\w+ )?(?:взыскать|взыскивать|взять|брать|списывать"
    r"|описывать|забирать)"
    r"|(?:взыскать|взыскивать|взять|брать|забрать|списывать) (?:\w+ ){0,2}нечего)"
)
# What a "больше ничего", "и всё" may close instead of the property: a list of incomes
_INCOME_CONTEXT = re.compile(
    r"\b(?:получа\w*|пособи\w*|детск\w*|зарплат\w*|зп|доход\w*|пенси(?!онер)\w*|алимент\w*"
    r"|заработ\w*|подработ\w*|живу на|живем на|живём на)"
)
# A denial that names the property ("имущества нет", "машины нет"), not a bare "больше ничего"
_NAMES_PROPERTY = re.compile(
    r"\b(?:имуществ\w*|машин\w*|квартир\w*|жиль\w*|дом\w*|комнат\w*|недвижим\w*)"
)


def _denial_of_something_else(sentence: str) -> bool:
    """ "приставы окончили производство, имущества нет", "лист 8 лет висит, ничего не взыскали,
    у меня ничего нет": why the bailiffs took nothing; "получаю детские 22 тыщи и всё, больше
    ничего": no other income. Neither answers "is there property beyond the home?"."""
    if _CLOSED.search(sentence) or _NOTHING_COLLECTED.search(sentence):
        return True
    if not _INCOME_CONTEXT.search(sentence):
        return False
    denials = [m.group(0) for m in _NO_EXTRA_PROPERTY.finditer(sentence)]
    return not any(_NAMES_PROPERTY.search(d) for d in denials)


def _bailiffs_reason(msg: _Message) -> bool:
    """Every denial of property in the message is about something else (above)."""
    return all(
        _denial_of_something_else(s) for s in _sentences(msg.text) if _NO_EXTRA_PROPERTY.search(s)
    )


_KIN = (
    r"(?:нее|неё|него|жен\w*|муж\w*|супруг\w*|мам\w*|пап\w*|сын\w*|доч\w*|брат\w*|сестр\w*"
    r"|свекр\w*|св[её]кр\w*|т[её]щ\w*|тест\w*|бабушк\w*|дедушк\w*|родител\w*)"
)
# Whom a thing was left to or given: "машину бывшей оставил при разводе", "оставила дочке"
_RECIPIENT = (
    r"(?:бывш(?:ей|ему)|жене|мужу|супруг[еу]|маме|матери|папе|отцу|сыну|дочк[еи]|дочери|брату"
    r"|сестре|детям|ребенку|ей|ему|им|родителям|бабушке|дедушке)"
)
_LEFT_TO = re.compile(
    rf"\b(?:оставил\w*|отписал\w*) (?:\w+ )?{_RECIPIENT}\b"
    rf"|\b{_RECIPIENT} (?:\w+ )?(?:оставил\w*|отписал\w*)"
)
_NOT_THEIRS = re.compile(
    r"\bипотек|\bна (?:машин|авто|квартир|дач|дом)|продал|подарил|переоформ|отдал|передал"
    r"|(?:брату|сестре|маме|папе|сыну|дочке|дочери|жене|мужу) (?:\w+ )?нужн"
    rf"|(?:на|у) {_KIN} (?:\w+ )?(?:оформлен\w*|записан\w*)?"
    rf"|(?:оформлен\w*|записан\w*) на {_KIN}"
)
_POINTS_BACK = re.compile(
    rf"(?:но |и )?(?:она|он|оно|она же|он же|которая|который) |(?:но |и )?(?:на|у) {_KIN}\b"
)
_STILL_HAS = re.compile(r"\b(?:есть|имеется|имею|остал\w*|у меня)\b")
_SOLD_OFF = re.compile(r"\b(?:продал\w*|подарил\w*|переоформил\w*|переписал\w*|отдал\w*)\b")


_TALK_ABOUT = re.compile(
    r"\b(?:не )?(?:ответил\w*|сказал\w*|написал\w*|спрашивал\w*|спросил\w*|поняла?|объяснил\w*"
    # "хочу понять про машину", "уточнить насчёт гаража": a thing to talk over, not one owned
    r"|понять|узнать|спросить|уточнить|обсудить|поговорить|разобраться|спрошу|уточню|вопрос)"
    r" (?:\w+ )?(?:про|насчет|о|об|по поводу)\b"
)
# "вы не ответили про гараж", "так и не сказали насчёт дачи": a question pressed again
_NOT_ANSWERED = re.compile(
    r"\bне (?:ответил\w*|сказал\w*|объяснил\w*|написал\w*) (?:\w+ )?(?:про|на|о|об|насчет|по)\b"
)


# "гараж есть в кооперативе его заберут?", "дача есть, её тоже продадут?": a thing said to be
# held, then a question pointing back at it (not "если гараж есть, его заберут?")
_HELD_THEN_ASKED = re.compile(
    r"^(?!.*\b(?:если|вдруг|допустим)\b)(?P<held>.*\b(?:есть|имеется|имеются)\b.*?)[\s,]+"
    r"(?:а |и |но )?(?:его|ее|её|их|он|она|оно)\b"
)


def states_holding(clause: str) -> bool:
    """A question piece that first says a thing beyond the home is held ("гараж есть в
    кооперативе его заберут?"): the holding is stated."""
    held = _HELD_THEN_ASKED.match(clause.lower().replace("ё", "е"))
    return bool(
        held
        and _EXTRA_PROPERTY.search(held.group("held"))
        and not _NOT_THEIRS.search(held.group("held"))
        and not _NEGATION_NEAR.search(held.group("held"))
    )


# "машина, она на мне", "гараж, но он мой", "дача, она на меня оформлена": the piece after a
# thing points back at it and names the writer as its holder
_WRITERS_HOLDING = re.compile(
    r"^(?:но |и |а |так )?(?:она|он|оно|они)(?: же| тоже| вообще| то| так то)?"
    r" (?:на мне|у меня|моя|мой|мое|мои|на меня(?: \w+)?(?: оформлен\w*| записан\w*)?"
    r"|(?:оформлен\w*|записан\w*) на меня)\b"
)


def held_by_writer(clause: str, after: str) -> bool:
    """ "и машина ещё, она на мне": a thing beyond the home named, and the next piece says the
    writer holds it (for someone written for, it is not theirs)."""
    return bool(_EXTRA_PROPERTY.search(clause) and _WRITERS_HOLDING.match(after))


def _read_extra_property(msg: _Message) -> bool | None:
    answer: bool | None = None
    # "нет ничего не продавал" to the deals question: the "ничего" is the deals' own
    unsold = msg.text if msg.expected == Ask.PROPERTY else _DEALS_NO.sub(" ", msg.text)
    said_none = _NO_EXTRA_PROPERTY.search(unsold) is not None and (
        msg.expected == Ask.PROPERTY or not _bailiffs_reason(msg)
    )
    if said_none or (msg.expected == Ask.PROPERTY and re.search(r"\b(?:и все|и всё)\b", msg.text)):
        answer = False
    if not msg.has(_EXTRA_PROPERTY):
        return answer
    sold = [s for s in _sentences(msg.text) if _SOLD_OFF.search(s)]
    pieces = _clauses(msg.text)
    for at, clause in enumerate(pieces):
        # "и машина, она на него, но покупали в браке": the piece pointing back says whose
        after = pieces[at + 1] if at + 1 < len(pieces) else ""
        points_back = _POINTS_BACK.match(after) and not _EXTRA_PROPERTY.search(after)
        whose = f"{clause} {after} " if points_back else clause
        if any(clause in sentence for sentence in sold) and not _STILL_HAS.search(clause):
            continue  # "Машину свою, Ниву 2012 года, я продал сыну": no longer theirs
        if _TALK_ABOUT.search(clause):
            continue  # "вы не ответили про дачу": the thing talked about, nothing said of it
        if _NOT_ANSWERED.search(clause):
            continue  # "вы не ответили про гараж": the question pressed, no "no garage"
        if states_holding(clause):
            return True  # "гараж есть в кооперативе его заберут?": stated, then asked about
        if _is_question(clause) or _NOT_THEIRS.search(whose) or _LEFT_TO.search(clause):
            # someone else's car, or one given away ("брату нужна была машина"), is not theirs
            continue
        sentence = next((s for s in _sentences(msg.text) if clause in s), clause)
        if (
            _SHARE.search(clause)
            and _SHARE_OF_HOME.search(sentence)
            and (msg.has(_LIVES) or msg.has(_NO_OTHER_HOME))
        ):
            # "живу у родителей, у меня там доля 1/3", "квартиру не заберут? у меня там доля и
            # больше жилья нет": a share of the home itself
            continue
        if (
            _SHARE.search(clause)
            and _INHERITED_SHARE.search(sentence)
            and not _ELSEWHERE.search(sentence)
        ):
            continue  # "муж умер… я наследство приняла, долю в квартире": most often the home
        if _HOME_LIKE.search(clause) and _lives_there_only(sentence):
            continue  # "живу на даче круглый год, другого жилья нет": the home itself
        if _EXTRA_PROPERTY.search(clause):
            if _NEGATION_NEAR.search(_UNPLEDGED.sub(" ", clause)):
                answer = False if answer is None else answer
            else:
                return True
    return answer


# A dacha or a plot's house is the person's only home when they say they live there for good
# ("живу на даче постоянно, другого жилья нет"); "я там летом живу" keeps it extra property.
_HOME_LIKE = re.compile(r"\b(?:дач\w*|домик\w*|садов\w* дом\w*|дом(?:ик)? в деревне|участ\w*)")
_ONLY_HOME = re.compile(
    r"\b(?:единственн\w*|постоянно|круглый год|круглогодично"
    r"|друго\w* (?:\w+ )?(?:жиль\w*|жилья|квартир\w*) (?:\w+ )?(?:нет|нету))"
)
_SEASONAL = re.compile(r"\b(?:летом|на лето|лето|сезон\w*|выходн\w*|иногда|по выходным)\b")


def _lives_there_only(sentence: str) -> bool:
    return bool(
        _LIVES.search(sentence) and _ONLY_HOME.search(sentence) and not _SEASONAL.search(sentence)
    )


_SHARE = re.compile(r"\b(?:дол[яиюе]|долей)\b")
_SHARE_OF_HOME = re.compile(
    r"\b(?:там|тут|в ней|в этой|в нашей|в родительск\w*|где (?:я |мы )?(?:живу|живем|прописан\w*))"
)
# A share taken by inheritance, in a flat or house no one else is named the owner of: the
# heir's own home as often as not (the widow in the family flat), so no other property is told
_INHERITED_SHARE = re.compile(r"\bнаследств\w*|\bунаследовал\w*|\bпо наследству\b")
_ELSEWHERE = re.compile(
    r"\b(?:втор\w*|еще|ещё|другой|другом|родител\w*|мам\w*|матер\w*|отц\w*|пап\w*|бабушк\w*"
    r"|дедушк\w*|деда|тет\w*|дяд\w*|брат\w*|сестр\w*|дач\w*|гараж\w*|участ\w*|деревн\w*"
    r"|другом городе|в (?!квартир|доме)\w+е\b)"
)
# "больше жилья никакого нет", "другой квартиры нет": no second home (other things untold)
_NO_OTHER_HOME = re.compile(
    r"\b(?:больше|другого|другой|иного|второго|второй) (?:\w+ )?(?:жиль\w*|квартир\w*)"
    r" (?:\w+ )?(?:нет|нету)\b"
)
_LIVES = re.compile(r"\b(?:живу|живем|живём|прописан\w*|проживаю)\b")


# "ипотека на муже", "ипотека оформлена на маму": the mortgage is theirs, and so is "квартира в
# ипотеке тоже уйдёт?" after it, unless the person names one of their own.
THEIR_MORTGAGE = re.compile(
    r"\bипотек\w* (?:\w+ )?на (?:муже|жене|супруге|маме|матери|отце|папе|брате|сестре|сыне"
    r"|дочери|родителях|мужа|жену|супруга|супругу|маму|мать|отца|папу|брата|сестру|сына|дочь)\b"
)
OWN_MORTGAGE = re.compile(
    r"\b(?:у меня|моя|мою|своя|свою|я плачу|плачу|я созаемщи\w*) (?:\w+ )?ипотек"
    r"|\bипотек\w* (?:\w+ )?на (?:мне|меня)\b|\bя (?:\w+ )?созаемщи\w* по ипотек"
)


# A thing other than a home, whose pledge a "без залога" may deny ("фокус 2015 без залога")
_NOT_A_HOME = re.compile(
    r"\b(?:машин\w*|автомобил\w*|авто|тачк\w*|гараж\w*|мотоцикл\w*|лодк\w*|прицеп\w*|трактор\w*"
    r"|фокус\w*|лад[аеуы]|солярис\w*|приор\w*|калин\w*|грант\w*|логан\w*|ниву|нива|газел\w*"
    r"|уаз\w*|камаз\w*|грузовик\w*|фургон\w*|микроавтобус\w*)\b"
)
_HOME = re.compile(r"\b(?:квартир\w*|жиль\w*|дом\w*|комнат\w*|ипотек\w*)")


def _denies_mortgage(sentence: str) -> bool:
    """ "ипотеки нет", "квартира не в залоге"; not "машина есть, без залога" (the car's)."""
    for found in _MORTGAGE_NO.finditer(sentence):
        if "ипотек" in found.group(0) or "ипотечн" in found.group(0):
            return True
        if not (_NOT_A_HOME.search(sentence) and not _HOME.search(sentence)):
            return True
    return False


_KIN_HOME = (
    r"(?:мамы|мамой|матери|мамки|папы|отца|родителей|родни|родных|родственников|свекрови"
    r"|свекра|тещи|тестя|бабушки|бабули|дедушки|деда|сестры|брата|дочери|дочки|сына|друга"
    r"|подруги|друзей|знакомых|сожител\w*)"
)
_A_HOME = r"(?:квартир\w*|жиль\w*|жилплощад\w*|дом\w*|комнат\w*|хат\w*)"
# "живу на съёмной", "снимаю комнату", "живу у свекрови", "в маминой квартире живу", "своего
# жилья нет", "своего ничего нет", "ни машины ни квартиры": the person owns no home (so no
# mortgage to ask about); never a fact stored, only the mortgage question spared
_NO_OWN_HOME = re.compile(
    r"\b(?:живу|живем|живём|проживаю|проживаем|обитаю|ютимся|ючусь)\b[^.?!;]{0,25}"
    r"(?:\b(?:на|в) (?:съ[её]мн\w*|арендн\w*|чуж\w*|служебн\w*|общаг\w*|общежити\w*)"
    rf"|\bу {_KIN_HOME}\b"
    r"|\bв (?:маминой|маминном|папиной|родительской|родительском|бабушкиной|бабушкином"
    r"|свекровиной|тещиной|чужой|чужом) )"
    rf"|\bу {_KIN_HOME} (?:\w+ )?(?:живу|живем|живём|проживаю)\b"
    rf"|\bсъ[её]мн\w* (?:{_A_HOME})?\b[^.?!;]{{0,10}}\b(?:живу|живем|живём)\b"
    rf"|\b(?:снимаю|снимаем|арендую|арендуем) (?:\w+ )?{_A_HOME}"
    rf"|\b(?:сво\w+|собственн\w+) (?:\w+ )?{_A_HOME} (?:\w+ )?(?:нет|нету|не имею|не было)\b"
    rf"|\b{_A_HOME} (?:сво\w+|собственн\w+) (?:\w+ )?(?:нет|нету)\b"
    rf"|\bнет (?:у меня )?(?:сво\w+|собственн\w+) {_A_HOME}"
    r"|\bсвоего (?:у меня )?ничего\b|\bничего своего\b"
    rf"|\bни (?:\w+ ){{0,2}}(?:квартир\w*|жиль\w*|дома)\b"
)


def reads_no_own_home(msg: _Message) -> bool:
    """The person says they own no home of their own (never in a question)."""
    return any(
        _NO_OWN_HOME.search(clause) and "?" not in clause and not re.search(r"\bесли\b", clause)
        for clause in re.split(r"(?<=[.?!])\s+", msg.norm)
    )


def _read_mortgage(msg: _Message) -> bool | None:
    if any(_denies_mortgage(s) for s in _sentences(msg.text)):
        return False
    if not msg.has(_MORTGAGE_YES):
        return None
    for clause in _clauses(msg.text):
        if _MORTGAGE_YES.search(clause) and not re.search(r"\bесли\b", clause):
            return True
    return None


def _read_deals(msg: _Message) -> bool | None:
    if msg.has(_DEALS_NO):
        return False
    if not msg.has(_DEALS_YES):
        return None
    for clause in _clauses(msg.text):
        if _DEALS_YES.search(clause) and not re.search(
            r"\b(?:если|можно|нельзя|надо|стоит)\b", clause
        ):
            if _DEBT_SOLD.search(clause):
                continue  # "банк продал долг коллекторам": the lender's deal, not the person's
            return True
    return None


# A spouse's thing said to be the couple's ("купили в браке", "после свадьбы", "брали вместе",
# "общая машина"): joint property wherever it is registered (СК ст. 34) — unless said to be
# theirs alone (before the marriage, inherited, a gift)
_BOUGHT_IN_MARRIAGE = re.compile(
    r"\b(?:в браке|после (?:свадьбы|брака|женитьбы|замужества)|купили|брали|покупали|взяли"
    r"|вместе|совместн\w*|общ(?:ая|ий|ее|ую)|наш[аи]?)\b"
)
_SPOUSES_OWN = re.compile(
    r"\b(?:до (?:свадьбы|брака|женитьбы|замужества)|не в браке|(?:по|в) наследств\w*"
    r"|наследств\w*|унаследова\w*|подар\w*|в подарок|досталас\w*|достался"
    r"|от (?:его|ее|её|их) родител\w*)"
)


def said_bought_in_marriage(text: str) -> bool:
    """The words of a spouse's thing say it was bought in the marriage (and not theirs alone)."""
    low = text.lower().replace("ё", "е")
    return _BOUGHT_IN_MARRIAGE.search(low) is not None and _SPOUSES_OWN.search(low) is None
