"""The reading: region."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from credit_expert.models import (
    Ask,
)
from credit_expert.resources import resource_path
from credit_expert.understanding.message import _Message
from credit_expert.understanding.subjects import relative_named
from credit_expert.understanding.text import _LEMMA_TOKEN_LIMIT

# ---------------------------------------------------------------- region

_CITIES = """
Москва Санкт-Петербург Новосибирск Екатеринбург Казань Нижний_Новгород Челябинск Красноярск
Самара Уфа Ростов-на-Дону Омск Краснодар Воронеж Пермь Волгоград Саратов Тюмень Тольятти
Ижевск Барнаул Ульяновск Иркутск Хабаровск Махачкала Ярославль Владивосток Оренбург Томск
Кемерово Новокузнецк Рязань Набережные_Челны Астрахань Киров Пенза Севастополь Балашиха
Липецк Чебоксары Калининград Тула Ставрополь Курск Улан-Удэ Сочи Тверь Магнитогорск Иваново
Брянск Белгород Сургут Чита Архангельск Нижний_Тагил Симферополь Калуга Якутск
Грозный Волжский Смоленск Саранск Череповец Подольск Вологда Владикавказ Тамбов
Мурманск Петрозаводск Нижневартовск Кострома Йошкар-Ола Новороссийск Стерлитамак Химки
Таганрог Мытищи Сыктывкар Комсомольск-на-Амуре Нижнекамск Нальчик Дзержинск Благовещенск
Братск Великий_Новгород Старый_Оскол Ангарск Псков Люберцы Бийск Прокопьевск Южно-Сахалинск
Армавир Балаково Абакан Норильск Сызрань Северодвинск Уссурийск Петропавловск-Камчатский
Каменск-Уральский Волгодонск Красногорск Новочеркасск Златоуст Электросталь Альметьевск Салават
Миасс Керчь Копейск Пятигорск Хасавюрт Рубцовск Майкоп Коломна Одинцово Березники Домодедово
Ковров Нефтекамск Кисловодск Нефтеюганск Батайск Новочебоксарск Серпухов Щёлково Дербент
Черкесск Новомосковск Назрань Раменское Первоуральск Кызыл Орск Обнинск Новый_Уренгой
Невинномысск Димитровград Камышин Ессентуки Каспийск Муром Новошахтинск Сергиев_Посад Ноябрьск
Ачинск Северск Елец Арзамас Евпатория Элиста Жуковский Пушкино Ханты-Мансийск Салехард Магадан
Анадырь Биробиджан Горно-Алтайск Нарьян-Мар Гатчина Выборг Тобольск Зеленоград Ейск Геленджик
Анапа Туапсе Ялта Феодосия Донецк Луганск Великие_Луки Воткинск Глазов Сарапул Чайковский
Соликамск Серов Краснотурьинск Асбест Березовский Верхняя_Пышма Ревда Лобня Долгопрудный Реутов
Ногинск Фрязино Ивантеевка Дмитров Клин Чехов Воскресенск Егорьевск Наро-Фоминск Видное Котельники
Лыткарино Дубна Ступино Кинешма Рыбинск Тихорецк Кропоткин Славянск-на-Кубани Белореченск
Лабинск Минеральные_Воды Буденновск Георгиевск
"""
_AMBIGUOUS_CITIES = """
Владимир Курган Орёл Шахты Энгельс Королёв Находка Артём Октябрьский Железногорск Мирный
Пушкин Канск Ишим Бор Заречный Лесной Озерск Клин Чехов Серов Асбест
"""
_SUBJECTS: dict[str, str] = {
    "адыгея": "Республика Адыгея", "алтай": "Республика Алтай",
    "башкортостан": "Республика Башкортостан", "башкирия": "Республика Башкортостан",
    "бурятия": "Республика Бурятия", "дагестан": "Республика Дагестан",
    "ингушетия": "Республика Ингушетия", "кабардино-балкария": "Кабардино-Балкарская Республика",
    "калмыкия": "Республика Калмыкия", "карачаево-черкесия": "Карачаево-Черкесская Республика",
    "карелия": "Республика Карелия", "коми": "Республика Коми", "крым": "Республика Крым",
    "марий_эл": "Республика Марий Эл", "мордовия": "Республика Мордовия",
    "якутия": "Республика Саха (Якутия)", "саха": "Республика Саха (Якутия)",
    "северная_осетия": "Республика Северная Осетия — Алания",
    "осетия": "Республика Северная Осетия — Алания",
    "татарстан": "Республика Татарстан", "тыва": "Республика Тыва", "тува": "Республика Тыва",
    "удмуртия": "Удмуртская Республика", "хакасия": "Республика Хакасия",
    "чечня": "Чеченская Республика", "чувашия": "Чувашская Республика",
    "днр": "Донецкая Народная Республика", "лнр": "Луганская Народная Республика",
    "кубань": "Краснодарский край", "приморье": "Приморский край",
    "ставрополье": "Ставропольский край", "забайкалье": "Забайкальский край",
    "камчатка": "Камчатский край", "подмосковье": "Московская область",
    "ленобласть": "Ленинградская область", "кузбасс": "Кемеровская область",
    "югра": "Ханты-Мансийский автономный округ — Югра",
    "хмао": "Ханты-Мансийский автономный округ — Югра",
    "янао": "Ямало-Ненецкий автономный округ", "ямал": "Ямало-Ненецкий автономный округ",
    "чукотка": "Чукотский автономный округ", "сахалин": "Сахалинская область",
}  # fmt: skip
_KRAI = "алтайский забайкальский камчатский краснодарский красноярский пермский приморский "
_KRAI += "ставропольский хабаровский"
_OBLAST = """
амурская архангельская астраханская белгородская брянская владимирская волгоградская
вологодская воронежская ивановская иркутская калининградская калужская кемеровская кировская
костромская курганская курская ленинградская липецкая магаданская московская мурманская
нижегородская новгородская новосибирская омская оренбургская орловская пензенская псковская
ростовская рязанская самарская саратовская сахалинская свердловская смоленская тамбовская
тверская томская тульская тюменская ульяновская челябинская ярославская запорожская херсонская
"""
_AUTONOMOUS = {
    "ханты-мансийский": "Ханты-Мансийский автономный округ — Югра",
    "ямало-ненецкий": "Ямало-Ненецкий автономный округ",
    "ненецкий": "Ненецкий автономный округ", "чукотский": "Чукотский автономный округ",
    "еврейский": "Еврейская автономная область",
}  # fmt: skip
_SLANG_PLACES = {
    "спб": "Санкт-Петербург", "питер": "Санкт-Петербург", "петербург": "Санкт-Петербург",
    "мск": "Москва", "екб": "Екатеринбург", "ебург": "Екатеринбург", "екат": "Екатеринбург",
    "новосиб": "Новосибирск", "нск": "Новосибирск", "челяба": "Челябинск", "владик": "Владивосток",
    "нн": "Нижний Новгород", "нижний": "Нижний Новгород", "ростов": "Ростов-на-Дону",
    "краснодаре": "Краснодар", "тольяти": "Тольятти", "питербург": "Санкт-Петербург",
    "мо": "Московская область", "ло": "Ленинградская область", "кмв": "Ставропольский край",
    "севас": "Севастополь", "симф": "Симферополь",
}  # fmt: skip
_SLANG_NEEDS_PREPOSITION = {"нн", "нижний", "мо", "ло", "ростов", "нск", "кмв"}
_PLACE_PREPOSITIONS = {"в", "во", "из", "г", "город", "города", "городе", "гор", "с", "со"}
_NOT_PLACES = {
    "россия", "рф", "европа", "азия", "турция", "америка", "сша", "китай", "мир", "земля",
    "украина", "казахстан", "беларусь", "родина", "деревня", "село", "город", "район",
    "область", "край", "республика", "банк", "долг", "работа", "дом", "квартира",
}  # fmt: skip


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=20_000)
def _lemma(word: str) -> str:
    parses = _morph().parse(word)  # type: ignore[attr-defined]
    for parse in parses:
        if "Geox" in parse.tag:
            return str(parse.normal_form).replace("ё", "е")
    return str(parses[0].normal_form).replace("ё", "е") if parses else word


@lru_cache(maxsize=20_000)
def _plain_lemma(word: str) -> str:
    parses = _morph().parse(word)  # type: ignore[attr-defined]
    return str(parses[0].normal_form).replace("ё", "е") if parses else word


@lru_cache(maxsize=20_000)
def _is_known_word(word: str) -> bool:
    return bool(_morph().word_is_known(word))  # type: ignore[attr-defined]


@lru_cache(maxsize=20_000)
def _geo_lemma(word: str) -> str | None:
    for parse in _morph().parse(word):  # type: ignore[attr-defined]
        if "Geox" in parse.tag and parse.is_known:
            return str(parse.normal_form).replace("ё", "е")
    return None


@dataclass(frozen=True)
class _City:
    name: str
    subject: str  # the federal subject, e.g. "Ивановская область"
    zone: str  # IANA, e.g. "Europe/Moscow"


@lru_cache(maxsize=1)
def _geonames_cities() -> tuple[_City, ...]:
    """Cities of 15 000+ people from GeoNames (scripts/build_cities.py), biggest first."""
    lines = resource_path("data", "cities.tsv").read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if line and not line.startswith("#"))
    return tuple(_City(name, subject, zone) for name, subject, zone, _ in rows)


def _key(name: str) -> str:
    return name.lower().replace("ё", "е")


# Places the hand list reads that GeoNames' 15 000+ list lacks (a Moscow district, cities
# GeoNames files elsewhere): their zones, so every name the reader returns has one.
_EXTRA_ZONES = {
    "зеленоград": "Europe/Moscow", "пушкин": "Europe/Moscow", "донецк": "Europe/Moscow",
    "луганск": "Europe/Moscow",
    "донецкая народная республика": "Europe/Moscow",
    "луганская народная республика": "Europe/Moscow",
    "запорожская область": "Europe/Moscow", "херсонская область": "Europe/Moscow",
}  # fmt: skip


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    zones: dict[str, str] = dict(_EXTRA_ZONES)
    for city in _geonames_cities():
        zones.setdefault(_key(city.name), city.zone)
    for city in _geonames_cities():  # a subject's zone: its biggest city's (the list's order)
        zones.setdefault(_key(city.subject), city.zone)
    return zones


def city_zone(region_name: str | None) -> str | None:
    """The IANA time zone of a place the reader returned ("Кинешма", "Пермский край",
    "Москва"), or None when unknown. A subject spanning zones gets its biggest city's."""
    if not region_name:
        return None
    return _zones().get(_key(region_name.strip()))


def place_zone(word: str) -> str | None:
    """The zone of a city named by one word in any case ("саратову", "кургане"), if listed;
    a word pymorphy3 reads as no place ("кредиту") is none."""
    lemma = _geo_lemma(word)
    zone = city_zone(lemma) if lemma is not None else None
    return zone or city_zone(_slang_place(word))


_CASE_ENDINGS = ("", "а", "у", "е", "ом", "ой", "и")


def _slang_place(word: str) -> str | None:
    """ "владику", "новосибе", "челябе": a city's everyday short name in any case (pymorphy3
    knows none of them), as the city's name."""
    for key, name in _SLANG_PLACES.items():
        if key in _SLANG_NEEDS_PREPOSITION:
            continue
        stem = key[:-1] if key.endswith("а") and len(key) > 4 else key  # "челяба" -> "челяб"
        ending = word[len(stem) :] if word.startswith(stem) and len(stem) >= 4 else None
        if word == key or ending in _CASE_ENDINGS:
            return name
    return None


def place_genitive(word: str) -> str | None:
    """ "перми" -> "Перми", "уфе" -> "Уфы": a listed city named by one word, in the genitive
    ("по времени Уфы"); None for a word that names no listed city."""
    for parse in _morph().parse(word):  # type: ignore[attr-defined]
        if "Geox" in parse.tag and parse.is_known:
            lemma = str(parse.normal_form).replace("ё", "е")
            inflected = parse.inflect({"gent"}) if city_zone(lemma) else None
            if inflected is not None:
                parts = str(inflected.word).split("-")  # "Ростова-на-Дону"
                return "-".join(p if p == "на" else p.capitalize() for p in parts)
    return None


def _is_word(word: str, names_too: bool) -> bool:
    """pymorphy3 knows the word as something else than a place (any reading; a name or
    surname counts only with names_too)."""
    return any(
        p.is_known
        and "Geox" not in p.tag
        and (names_too or not {"Name", "Surn", "Patr"} & p.tag.grammemes)
        for p in _morph().parse(word)  # type: ignore[attr-defined]
    )


def _is_common_word(name: str) -> bool:
    """ "Суворов", "Белая Глина", "Калуга": a city named like a surname, a word or with a
    word in its name is read only after a preposition ("в Калуге") or as the answer to the
    region question."""
    words = _key(name).replace("-", " ").split()
    return any(len(word) <= 3 or _is_word(word, names_too=True) for word in words)


@lru_cache(maxsize=20_000)
def _adjective_lemma(word: str) -> str | None:
    """ "кировском" → "кировский" (read first as an adjective), "чусовом" → "чусовой"."""
    parses = _morph().parse(word)  # type: ignore[attr-defined]
    if parses and "ADJF" in parses[0].tag:
        return str(parses[0].normal_form).replace("ё", "е")
    return None


def _is_person_name(name: str) -> bool:
    words = _key(name).split()
    return len(words) == 1 and any(
        {"Name", "Surn", "Patr"} & p.tag.grammemes
        for p in _morph().parse(words[0])  # type: ignore[attr-defined]
    )


def _is_plain_word(name: str) -> bool:
    """ "Сокол", "Игра", "Светлый", "Никель": one common word that pymorphy3 does not know
    as a place at all ("в свободном доступе", "в игре"): GeoNames' cities so named are
    not read (the hand list has its own, e.g. "Мирный")."""
    words = _key(name).split()
    if len(words) != 1:
        return False
    word = words[0]
    geo = any("Geox" in p.tag for p in _morph().parse(word))  # type: ignore[attr-defined]
    return word in _NOT_PLACES or (not geo and _is_word(word, names_too=False))


@dataclass(frozen=True)
class _Gazetteer:
    by_lemmas: dict[tuple[str, ...], tuple[str, bool]]  # lemmas → (name, needs preposition)
    by_hyphenated: dict[str, str]  # "йошкар-ола" → "Йошкар-Ола"
    first_letters: frozenset[str]
    longest: int
    # GeoNames' cities named like people ("Анна", "Ершов"): "с Анной" is company, not a place
    named_like_people: frozenset[str] = frozenset()
    generated: frozenset[str] = frozenset()  # names only GeoNames' list gives


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    entries: dict[tuple[str, ...], tuple[str, bool]] = {}

    def add(words: str, name: str, ambiguous: bool = False) -> None:
        raw = tuple(w for w in re.split(r"[\s_-]+", words.lower().replace("ё", "е")) if w)
        for key in (tuple(_lemma(w) for w in raw), tuple(_plain_lemma(w) for w in raw), raw):
            entries.setdefault(key, (name, ambiguous))

    ambiguous = set(_AMBIGUOUS_CITIES.split())
    for city in _CITIES.split():
        add(city, city.replace("_", " "), city in ambiguous)
    for city in ambiguous:
        add(city, city, True)
    for key, name in _SUBJECTS.items():
        add(key, name)
    for adjective in _KRAI.split():
        add(f"{adjective} край", f"{adjective.capitalize()} край")
    for adjective in _OBLAST.split():
        name = f"{adjective.capitalize()} область"
        add(f"{adjective} область", name)
        add(f"{adjective} обл", name)
    for adjective, name in _AUTONOMOUS.items():
        add(f"{adjective} автономный округ", name)
        add(f"{adjective} ао", name)
    add("еврейская автономная область", "Еврейская автономная область")
    add("еврейская ао", "Еврейская автономная область")
    for key, name in _SLANG_PLACES.items():
        entries.setdefault((key,), (name, key in _SLANG_NEEDS_PREPOSITION))
    people: set[str] = set()
    hand_names = {name for name, _ in entries.values()}
    for place in _geonames_cities():  # after the hand lists: those keep their readings
        if not _is_plain_word(place.name):
            add(place.name, place.name, _is_common_word(place.name))
            if _is_person_name(place.name):
                people.add(place.name)
    letters = frozenset(part[:2] for key in entries for part in key[:1])
    hyphenated = {
        name.lower().replace("ё", "е"): name for name, _ in entries.values() if "-" in name
    }
    longest = max(len(k) for k in entries)
    generated = frozenset({name for name, _ in entries.values()} - hand_names)
    return _Gazetteer(entries, hyphenated, letters, longest, frozenset(people), generated)


def _place_words(msg: _Message) -> list[str]:
    return [w for w in re.findall(r"[а-я]+", msg.text)][:_LEMMA_TOKEN_LIMIT]


_FIRST_PERSON = frozenset({"я", "живу", "живем", "мы", "нас", "меня", "переехал", "переехала"})


def _a_relatives_place(words: list[str], at: int) -> bool:
    """A relative named just before the place at `at`, with no "я"/"живу" between: their
    place. Not one the person is with ("живу с родителями, город Тында", "с мамой в Твери"):
    "с" makes the relative a companion, the place stays the person's."""
    for k in range(at - 1, max(at - 4, 0) - 1, -1):
        if words[k] in _FIRST_PERSON:
            return False
        if relative_named(words[k]) is not None:
            while k >= 2 and words[k - 1] == "и" and relative_named(words[k - 2]) is not None:
                k -= 2  # "с мужем и детьми": all of them the company
            return not (k > 0 and words[k - 1] in ("с", "со"))
    return False


def _refused_place(before: list[str]) -> bool:
    """ "не из Красноярска, я в Ачинске", "не Красноярск, а Ачинск": the place taken back."""
    return bool(before) and (
        before[-1] == "не" or (before[-1] in _PLACE_PREPOSITIONS and before[:-1] == ["не"])
    )


def place_refused(msg: _Message) -> bool:
    """ "не Красноярск, а Ачинск": a known place taken back, so the place read corrects."""
    gazetteer = _gazetteer()
    words = _place_words(msg)
    return any(
        _refused_place(words[max(i - 2, 0) : i])
        and any((key,) in gazetteer.by_lemmas for key in (_lemma(w), _plain_lemma(w)))
        for i, w in enumerate(words)
    )


_BESIDE_ALONE = frozenset({"я", "мы", "сам", "сама", "сейчас", "город", "г"})


def _standalone(text: str, word: str) -> bool:
    """ "приставов нет, зп 70 белая, ростов", "курган я. а мфц…": the word is a whole comma
    piece of its own, but for "я", "мы", "живу" and the like."""
    for piece in re.split(r"[,.;!?]", text):
        words = piece.split()
        if word in words and [w for w in words if w not in _BESIDE_ALONE] == [word]:
            return True
    return False


_TIME_GAP = re.compile(r"\bразниц\w*|\bчас(?:а|ов)? (?:разниц|вперед|назад|позже|раньше)")


def _read_region(msg: _Message) -> str | None:
    gazetteer = _gazetteer()
    for m in re.finditer(r"[а-я]+(?: - [а-я]+)+", msg.text):
        lemma = _geo_lemma(m.group(0).replace(" ", ""))
        if lemma in gazetteer.by_hyphenated:
            return gazetteer.by_hyphenated[lemma]
    words = _place_words(msg)
    # "живёт в перми. хотя нет, он в краснокамске": the place named after the correction wins
    taken_back = _taken_back_at(words)
    # "под пермью, в краснокамске": the town near which comes second to the one named
    for near in (False, True):
        place, _ = _first_place(msg, words, taken_back, near)
        if place is not None:
            return place
    place, theirs = _first_place(msg, words, 0, True)
    if place is not None:
        return place
    if msg.expected == Ask.REGION and not theirs:
        return _free_place(words)  # ("мама в Саратове": a relative's town, never "Мама Саратов")
    return None


# "хотя нет", "вернее", "точнее", "ой нет": what was said before is taken back
_TAKE_BACK = (("хотя", "нет"), ("ой", "нет"), ("вернее",), ("точнее",), ("нет", "стоп"))


def _taken_back_at(words: list[str]) -> int:
    """Where the words after the last taking back start, or 0."""
    found = 0
    for i in range(len(words)):
        for marker in _TAKE_BACK:
            if tuple(words[i : i + len(marker)]) == marker:
                found = i + len(marker)
    return found


def _first_place(
    msg: _Message, words: list[str], begin: int, near: bool
) -> tuple[str | None, bool]:
    """The first place named from word `begin` on (with `near`, also one said "под Пермью"),
    and whether a place passed over was someone else's (a relative's town, another firm's)."""
    gazetteer = _gazetteer()
    candidate = [w[:2] in gazetteer.first_letters and len(w) > 1 for w in words]
    geo = [_lemma(w) if c else w for w, c in zip(words, candidate, strict=True)]
    plain = [_plain_lemma(w) if c else w for w, c in zip(words, candidate, strict=True)]
    theirs = False
    for i in range(begin, len(words)):
        if not candidate[i] or _refused_place(words[max(i - 2, 0) : i]):
            continue
        if not near and i > 0 and words[i - 1] == "под":
            continue
        for size in range(min(gazetteer.longest, len(words) - i), 0, -1):
            found = next(
                (
                    gazetteer.by_lemmas[key]
                    for key in (tuple(geo[i : i + size]), tuple(plain[i : i + size]))
                    if key in gazetteer.by_lemmas
                ),
                None,
            )
            if found is None:
                continue
            name, needs_preposition = found
            if _a_relatives_place(words, i):
                theirs = True
                break  # "коллекторы звонят маме в Саратов": the mother's town, not theirs
            if _offered_there(msg.text, words[i]):
                theirs = True
                break  # "в Ставрополе мне за 60 тысяч под ключ предлагали": another firm's town
            if i > 0 and words[i - 1] in ("с", "со") and _TIME_GAP.search(msg.text):
                break  # "у нас с Москвой 2 часа разница": the clock compared, not the home
            adjective = _adjective_lemma(words[i]) if size == 1 else None
            if name in gazetteer.generated and adjective not in (None, _key(name)):
                break  # "в Кировском районе": the district, not the town of Кировск
            preceded = i > 0 and words[i - 1] in _PLACE_PREPOSITIONS
            if name in gazetteer.named_like_people and words[i - 1] in ("с", "со"):
                preceded = False
            if (
                needs_preposition
                and not preceded
                and not (msg.expected == Ask.REGION and len(words) <= 3)
                and not (size == 1 and len(words[i]) > 3 and _standalone(msg.text, words[i]))
            ):
                break
            return name, theirs
    return None, theirs


# A sentence about another firm's offer or price, where the place is where it was offered
_OFFER_WORDS = re.compile(
    r"\b(?:предлага\w*|предложил\w*|обещал\w*|берут|брали|просил\w*|просят|под ключ"
    r"|насчитал\w*|озвучил\w*)"
)
_LIVES_THERE = re.compile(
    r"\b(?:живу|живем|живём|проживаю|проживаем|прописан\w*|я из|мы из|сам из)\b"
)


def _offered_there(text: str, word: str) -> bool:
    """ "В Ставрополе мне за 60 тысяч под ключ предлагали": the place named in a sentence about
    another firm's offer, with no word of living there, is not the person's home."""
    for sentence in re.split(r"[.!?\n]+", text):
        if re.search(rf"\b{re.escape(word)}\b", sentence):
            return bool(_OFFER_WORDS.search(sentence)) and not _LIVES_THERE.search(sentence)
    return False


_PLACE_FILLER = {
    "я", "из", "в", "во", "живу", "г", "город", "городе", "гор", "пгт", "поселок", "поселке",
    "село", "селе", "деревня", "деревне", "станица", "станице", "мы", "проживаю", "прописка",
    "прописан", "прописана", "зарегистрирован", "зарегистрирована", "область", "обл", "район",
    "р-н", "п", "с", "д", "ст", "нахожусь", "у", "нас", "сейчас",
}  # fmt: skip


def _free_place(words: list[str]) -> str | None:
    """An unlisted place given as the answer to "where do you live": "в Кинешме"."""
    content = [w for w in words if w not in _PLACE_FILLER]
    if not 1 <= len(content) <= 3 or any(w in _NOT_PLACES or len(w) < 3 for w in content):
        return None
    geo = [_geo_lemma(w) for w in content]
    if any(g for g in geo):
        return " ".join((g or w).capitalize() for g, w in zip(geo, content, strict=True))
    if len(content) == 1 and not _is_known_word(content[0]):
        return content[0].capitalize()
    return None
