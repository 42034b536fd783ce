"""The reading of a message written in English: glossed word by word into Russian first.

People who cannot type Russian still write their facts ("I owe about 900 thousand
rubles to 4 banks, not paid for 7 months, bailiffs closed the case"). Daria answers
in Russian (with a short English note, `scripted_writer`), but the facts must be
read: the message is glossed phrase by phrase into the Russian words the family
rules know ("owe" → "должен", "bailiffs" → "приставы", "6 pm" → "18:00",
"writing for my wife" → "пишу за жену") and then read like any other message.
The gloss is not a translation: word order stays English, unknown words stay
Latin (and read as nothing), so a fact is taken only from words that state it.
"""

from __future__ import annotations

import re

from credit_expert.understanding.text import from_translit, looks_like_translit

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_CUES = re.compile(
    r"\b(?:i|i'm|im|the|have|has|had|my|me|you|your|sorry|please|help|is|are|was|what|how"
    r"|don't|dont|do|does|did|not|about|and|of|owe|owes|with|will|would|can|could|she|he"
    r"|her|his|they|we|our|it|it's|for|to|yes|no|ok|okay|after|before|at|in)\b"
)


def looks_english(text: str) -> bool:
    """No Cyrillic, English function words, and not Russian typed in Latin letters."""
    if _CYRILLIC.search(text):
        return False
    lowered = text.lower()
    cues = _CUES.findall(lowered)
    words = re.findall(r"[a-z']{2,}", lowered)
    return (len(cues) >= 2 or (len(cues) == 1 and len(words) >= 2)) and not looks_like_translit(
        text
    )


# Relatives in the accusative, after "пишу за" ("writing for my wife").
_KIN_ACCUSATIVE = {
    "wife": "жену", "husband": "мужа", "mother": "маму", "mom": "маму", "mum": "маму",
    "mommy": "маму", "father": "отца", "dad": "папу", "son": "сына", "daughter": "дочь",
    "brother": "брата", "sister": "сестру", "grandmother": "бабушку", "grandma": "бабушку",
    "grandfather": "дедушку", "grandpa": "дедушку", "parents": "родителей",
}  # fmt: skip
_KIN_NOMINATIVE = {
    "wife": "жена", "husband": "муж", "mother": "мама", "mom": "мама", "mum": "мама",
    "mommy": "мама", "father": "отец", "dad": "папа", "son": "сын", "daughter": "дочь",
    "brother": "брат", "sister": "сестра", "grandmother": "бабушка", "grandma": "бабушка",
    "grandfather": "дедушка", "grandpa": "дедушка", "parents": "родители", "kids": "дети",
    "children": "дети", "child": "ребенок", "relatives": "родственники", "family": "семья",
}  # fmt: skip
_KIN = "|".join(sorted(_KIN_ACCUSATIVE, key=len, reverse=True))

# Cities and lenders by their English or Latin names.
_NAMES = {
    "saint petersburg": "санкт-петербург", "st. petersburg": "санкт-петербург",
    "st petersburg": "санкт-петербург", "petersburg": "санкт-петербург",
    "moscow": "москва", "rostov-on-don": "ростов-на-дону", "rostov on don": "ростов-на-дону",
    "nizhny novgorod": "нижний новгород", "nizhniy novgorod": "нижний новгород",
    "yekaterinburg": "екатеринбург", "ekaterinburg": "екатеринбург", "kazan": "казань",
    "perm": "пермь", "tyumen": "тюмень", "ryazan": "рязань", "tver": "тверь",
    "yaroslavl": "ярославль", "khabarovsk": "хабаровск", "vladivostok": "владивосток",
    "krasnoyarsk": "красноярск", "novosibirsk": "новосибирск", "omsk": "омск", "tomsk": "томск",
    "samara": "самара", "ufa": "уфа", "chelyabinsk": "челябинск", "volgograd": "волгоград",
    "voronezh": "воронеж", "krasnodar": "краснодар", "sochi": "сочи", "irkutsk": "иркутск",
    "kaliningrad": "калининград", "murmansk": "мурманск", "saratov": "саратов",
    # and lenders, named the way people write them in Latin letters
    "sberbank": "сбербанк", "sber": "сбер", "vtb": "втб", "tinkoff": "тинькофф",
    "t-bank": "т-банк", "alfa-bank": "альфа-банк", "alfa bank": "альфа-банк", "alfa": "альфа",
    "pochta bank": "почта банк", "otp": "отп", "home credit": "хоум кредит",
    "renaissance": "ренессанс", "sovcombank": "совкомбанк", "raiffeisen": "райффайзен",
    "gazprombank": "газпромбанк", "mts bank": "мтс банк", "ozon": "озон",
}  # fmt: skip

# Phrases first (longest first), then single words. Each pattern is matched on the
# lower-cased text with word boundaries; the Russian is what the rules know.
_PHRASES: tuple[tuple[str, str], ...] = (
    # who the message is about
    (
        rf"(?:i'?m |i am )?(?:writing|write|asking|texting) (?:for|on behalf of|about) "
        rf"(?:my )?({_KIN})",
        "пишу за {kin}",
    ),
    (rf"on behalf of (?:my )?({_KIN})", "пишу за {kin}"),
    (r"(\d{1,2})(?::(\d{2}))? ?p\.?m\.?", "{pm}"),
    (r"(\d{1,2})(?::(\d{2}))? ?a\.?m\.?", "{am}"),
    (r"in the morning", "утром"),
    (r"in the evening", "вечером"),
    (r"in the afternoon|after lunch", "после обеда"),
    (r"before lunch|in the first half of the day", "до обеда"),
    (r"\bat night\b", "ночью"),
    # debts
    (r"(\d+(?:[.,]\d+)?) ?k\b", "{num} тыс"),
    (r"(\d+(?:[.,]\d+)?) ?(?:million|mln|mil|m)\b", "{num} млн"),
    (r"(?:a|one) million", "миллион"),
    (r"half a million", "полмиллиона"),
    (r"thousands?", "тысяч"),
    (r"millions?", "миллиона"),
    (r"rub(?:le|les|\.)?s?\b|roubles?|rur\b|₽", "рублей"),
    # "will my credit history be ruined?", "can i get a loan later?"
    (r"credit (?:history|score|rating|record)", "кредитная история"),
    (r"(?:get|take out|take|obtain) (?:a |any |new |another )?mortgage\b", "взять ипотеку"),
    (
        r"(?:get|take out|take|obtain|be given) (?:a |any |new |another )?(?:loans?|credit)\b",
        "взять кредит",
    ),
    (r"credit cards?", "кредитки"),
    (r"micro ?loans?|payday loans?|microfinance|mfos?\b", "микрозаймы"),
    (r"\b(?:i|we) owe|\bowes?|\bowed|in debt", "должен"),
    (r"debts", "долги"),
    (r"debt", "долг"),
    (r"loans", "кредиты"),
    (r"loan", "кредит"),
    (r"banks", "банков"),
    (r"bank", "банк"),
    (r"creditors", "кредиторов"),
    (r"creditor", "кредитор"),
    (r"in total|total|altogether|overall", "всего"),
    (r"about|around|approximately|approx\.?|roughly|nearly|almost|maybe|probably|~", "около"),
    (r"more than|over", "больше"),
    (r"less than|under", "меньше"),
    # overdue
    (
        r"(?:have|has|had|did|do|does)(?: not|n't) (?:paid|pay)(?: anything)?(?: for)?"
        r"|no payments?(?: for)?|not paying(?: for)?|haven'?t paid(?: for)?|hasn'?t paid(?: for)?"
        r"|didn'?t pay(?: for)?",
        "не платил",
    ),
    (r"stopped paying|stop paying|quit paying", "перестал платить"),
    (r"for (\d+) (months?|years?|weeks?)", "{n} {unit}"),
    (r"(?:a )?half a year|six months", "полгода"),
    (r"half of", "половину"),
    (r"months?", "месяцев"),
    (r"years?", "лет"),
    (r"weeks?", "недель"),
    (r"\bago\b", "назад"),
    (r"\bsince\b", "с"),
    (r"last year", "в прошлом году"),
    # enforcement
    (r"bailiffs?|pristav\w*|enforcement officers?", "приставы"),
    (
        r"(?:are|is) (?:taking|deducting|withholding)|\b(?:deduct|deducts|withhold|withholds)\b",
        "удерживают",
    ),
    (
        r"enforcement (?:proceedings?|cases?)|writs?(?: of execution)?",
        "исполнительное производство",
    ),
    (
        r"closed the cases?|closed (?:the )?(?:proceedings?|case)|case (?:was )?closed",
        "закрыли производство",
    ),
    (r"found nothing(?: to take)?|nothing to take", "взыскать нечего"),
    (r"no new cases", "новых нет"),
    # income
    (
        r"not officially|unofficially|not official|off the books|in cash|informal(?:ly)?",
        "неофициально",
    ),
    (r"official(?:ly)?", "официально"),
    (r"child benefits?|child allowance|benefits for (?:the )?(?:kids|children)", "детские пособия"),
    (r"maternity leave|parental leave", "декрет"),
    (r"pensioner|retired|on a pension", "пенсионер"),
    (r"pension", "пенсия"),
    (
        r"(?:does|do|did)(?: not|n't) work|unemployed",
        "не работаю",
    ),
    (r"salary|wages?|income", "зарплата"),
    (r"per month|a month|monthly", "в месяц"),
    (r"lost (?:my|her|his) job|(?:was|got) fired|(?:was|got) laid off", "потерял работу"),
    (r"\bi work\b|\bworking\b|\bwork\b", "работаю"),
    (r"\blive\b|\blives\b", "живу"),
    (r"(?:any )?other property|anything else", "другого имущества"),
    (r"property", "имущество"),
    (r"\bi have\b|\bi've got\b", "у меня есть"),
    (r"\bhave\b|\bhas\b", "есть"),
    # asks
    (
        r"how much does it cost|how much is it|what(?:'s| is) the (?:price|cost)|price|cost|fee"
        r"|how much do you (?:charge|take)|what do you charge",
        "сколько стоит",
    ),
    (r"how long does it take|how long", "сколько длится"),
    (
        r"travel abroad|leave (?:the )?russia|go abroad|travel home|go home|leave the country"
        r"|(?:ban|banned|bar|barred|stop|prevent|restrict)\w* (?:me |us |him |her )?from (?:leaving"
        r"|travel\w*|going abroad|exiting)(?: (?:the )?(?:country|russia|abroad))?"
        r"|leaving (?:the )?(?:country|russia)|travel(?:ling)? ban|exit ban|travel restrictions?",
        "выезд за границу",
    ),
    (r"will they take|can they take|take away|take it|seize", "заберут"),
    (r"write off|cancel|forgive|wipe out", "списать"),
    (r"bankruptcy|bankrupt", "банкротство"),
    (r"foreigner|foreign citizen|not a citizen", "иностранец"),
    (r"employer|my boss", "работодатель"),
    (r"fire me|get fired|lose my job", "уволят"),
    (r"find out|\bknow\b", "узнают"),
    (r"collectors?", "коллекторы"),
    (r"is it true", "правда что"),
    (r"is it possible|can i|can we|can she|can he", "можно ли"),
    # "can she go to MFC herself?": the out-of-court procedure, filed alone
    (
        r"(?:go|file|apply)(?: (?:at|to|in|with))?(?: the)? (?:mfc|multifunctional cent(?:er|re))",
        "подать в мфц",
    ),
    (r"mfc|multifunctional cent(?:er|re)", "мфц"),
    (r"(?:by )?(?:herself|himself|myself|themselves|on (?:her|his|my) own|alone)", "сама"),
    (r"what happens|what will happen", "что будет"),
    # property and deals
    (r"mortgage (?:apartment|flat)", "ипотечная квартира"),
    (r"mortgage", "ипотека"),
    (r"apartment|flat", "квартира"),
    (r"house|home", "дом"),
    (r"cars?", "машина"),
    (r"garage", "гараж"),
    (r"land|plot", "участок"),
    (r"dacha|summer house|country house", "дача"),
    (r"nothing (?:is )?in (?:her|his|my) name", "ничего в собственности нет"),
    (r"in (?:her|his) name", "на нее"),
    (r"in my name", "на мне"),
    (
        r"nothing sold|sold nothing|didn'?t sell anything|did not sell anything",
        "ничего не продавал",
    ),
    (r"\bsold\b", "продал"),
    (r"gave (?:it )?away|gifted", "подарил"),
    (r"before (?:we )?married|before (?:the |our )?marriage", "до брака"),
    (r"(?:we |i )?live in|living in|based in|(?:i'?m|i am|we are|we're) from", "живу в"),
    # the call and the consent
    (r"(?:yes,? )?i agree|i consent|agreed|i accept", "да согласен"),
    (
        r"(?:let'?s|lets) do (?:a|the) call|i want (?:the |a )?call|call me|please call"
        r"|(?:let'?s|lets) (?:have|schedule|book) (?:a|the) call",
        "давайте звонок",
    ),
    # "are you a bot or a real person?"
    (r"are you (?:a )?(?:bot|robot|ai|machine|program)", "вы бот"),
    (r"(?:a )?(?:real|live|living) (?:person|human)|(?:a )?human being", "живой человек"),
    (r"lunch", "обеда"),
    (r"lawyer|attorney", "юрист"),
    (r"\bcall\b", "звонок"),
    (r"tomorrow", "завтра"),
    (r"today", "сегодня"),
    (r"after", "после"),
    (r"before", "до"),
    (r"monday", "в понедельник"),
    (r"tuesday", "во вторник"),
    (r"wednesday", "в среду"),
    (r"thursday", "в четверг"),
    (r"friday", "в пятницу"),
    # small words the rules hang on
    (r"\b(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|not|never)\b", "не"),
    (r"\bnothing\b", "ничего"),
    (r"\bno\b", "нет"),
    (r"\byes\b|\byeah\b|\byep\b", "да"),
    (r"\bok(?:ay)?\b", "ок"),
    (r"\bi'?m\b|\bi am\b|\bi\b", "я"),
    (r"\bshe\b", "она"),
    (r"\bhe\b", "он"),
    (r"\bwe\b", "мы"),
    (r"\bmy\b|\bmine\b", "мой"),
    (r"\bher\b|\bhers\b", "ее"),
    (r"\bhis\b", "его"),
    (r"\band\b", "и"),
    (r"\bin\b", "в"),
    (r"\bbut\b", "но"),
    (r"\bat\b", "в"),
    (r"\bto\b", ""),
    (r"\bthe\b|\ba\b|\ban\b", ""),
    (r"\bcan\b|\bcould\b", "можно"),
)
# Read before the cities ("Moscow time" is a zone, not the place) and before single words.
_FIRST: tuple[tuple[str, str], ...] = (
    # "sorry, my Russian is bad": an apology for the language, not "sorry, 590 not 560"
    (r"sorry(?=,? (?:my|i|i'm|im|for|about|typing|that)\b)", ""),
    (r"moscow time|msk time|by moscow|msk", "по москве"),
    (r"local time|my time", "по местному"),
    (r"per month|a month|monthly|each month", "в месяц"),
    (r"last year", "в прошлом году"),
    (r"this year", "в этом году"),
    (r"(?:i )?work officially|officially employed|official job", "работаю официально"),
)
_COMPILED = tuple((re.compile(rf"(?<![\w']){p}(?![\w'])"), r) for p, r in (*_FIRST, *_PHRASES))
_UNITS = {"month": "месяцев", "months": "месяцев", "year": "лет", "years": "лет",
          "week": "недель", "weeks": "недель"}  # fmt: skip


def _hour(match: re.Match[str], evening: bool) -> str:
    hour = int(match.group(1)) % 12 + (12 if evening else 0)
    return f"{hour}:{match.group(2) or '00'}"


def _fill(template: str, match: re.Match[str]) -> str:
    if template == "{pm}":
        return _hour(match, evening=True)
    if template == "{am}":
        return _hour(match, evening=False)
    if "{kin}" in template:
        return template.format(kin=_KIN_ACCUSATIVE[match.group(1)])
    if "{num}" in template:
        return template.format(num=match.group(1))
    if "{unit}" in template:
        return template.format(n=match.group(1), unit=_UNITS[match.group(2)])
    return template


def gloss(text: str) -> str:
    """ "She owes about 900 thousand rubles to 4 banks" -> "она должен около 900 тысяч рублей
    4 банков": the Russian words the rules read, in English order."""
    lowered = text.lower()
    for pattern, template in _COMPILED[: len(_FIRST)]:
        lowered = pattern.sub(template, lowered)
    for english, russian in sorted(_NAMES.items(), key=lambda kv: -len(kv[0])):
        lowered = re.sub(rf"\b{re.escape(english)}\b", russian, lowered)
    for pattern, template in _COMPILED[len(_FIRST) :]:
        lowered = pattern.sub(lambda m, t=template: _fill(t, m), lowered)  # type: ignore[misc]
    for english, russian in _KIN_NOMINATIVE.items():
        lowered = re.sub(rf"\b{english}\b", russian, lowered)
    # A place left in Latin letters after "живу в": read as translit ("живу в omsk").
    lowered = re.sub(
        r"(живу в )([a-z-]{3,})", lambda m: m.group(1) + from_translit(m.group(2)), lowered
    )
    # "no car" -> "машина нет": said after the noun, "нет" denies it and answers no question
    lowered = re.sub(r"(^|[.,;:!?()-] ?)нет ([а-я]+)(?! [а-я])", r"\1\2 нет", lowered)
    return re.sub(r"[ ]{2,}", " ", lowered).strip()
