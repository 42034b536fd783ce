"""The reading: typos in the words the rules look for ("долк", "кридит", "зарплота").

A word pymorphy3 does not know, of 4+ letters, is matched against the reader's own
vocabulary (every form of the key words of its families, listed below) by edit
distance with transpositions (rapidfuzz's OSA). It is replaced only when exactly one
vocabulary form is that close: one edit for words up to 8 letters, two beyond (and then
the lengths differ by one letter at most). Known
words, names and places pymorphy3 knows are never touched, so "сокол" stays a falcon
and a surname stays a surname; unknown words far from the vocabulary stay as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The key words of the reader's families, as lemmas: every form of each is in the
# vocabulary. Short slang the rules read ("лям", "мфо", "сбер") matches itself and so
# is never "corrected" into something else.
_LEMMAS = """
долг задолженность должник должен кредит кредитный кредитка кредитор займ заём микрозайм
микрозаём рассрочка банк банковский просрочка просроченный просрочить платёж платить
выплачивать погашать коллектор коллекторский звонить названивать угрожать пристав судебный
исполнительный производство исполнительный арест арестовать взыскание списание списать
суд решение приказ ипотека ипотечный квартира жильё дом участок гараж машина автомобиль
имущество собственность продать подарить переоформить зарплата заработок зарплатный доход
официально официальный неофициально пенсия пенсионный пособие инвалидность алименты
безработный работать уволить согласие согласный согласна согласен звонок позвонить
перезвонить телефон номер банкротство банкрот обанкротиться юрист консультация помогите
помочь сбербанк сбер тинькофф альфа почта мфо лям ляма тыщ тыща полляма полтора
миллион миллиард тысяча рубль половина один два три четыре пять шесть семь восемь девять
десять двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто сто
двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот около примерно
месяц неделя полгода год прошлый третий январь февраль март апрель май июнь июль август
сентябрь октябрь ноябрь декабрь весна лето осень зима сегодня завтра послезавтра утро
утром день днём вечер вечером после обед понедельник вторник среда четверг пятница
суббота воскресенье удобно сейчас позже записать запишите забрать отобрать отберут
заберут удерживать работодатель декрет пенсионер пенсионерка дача сделка продавать
списывать невозможность внесудебный гарантия стоимость дорого сколько мошенник лохотрон
развод специалист поговорить подумать получать получиться узнать подписывать
государственный перестать почему ничего здравствуйте добрый доброе привет спасибо
отписаться писать робот ошибиться хотеть приходить извините извинить
займер екапуста вебзайм веббанкир манимен турбозайм смсфинанс мигкредит быстроденьги
джоймани лаймзайм кредиплюс
"""  # (the lenders' names last: "займер" is a lender, never "займе")

_WORD = re.compile(r"[а-я]{4,}")
# "сбере", "микрозаймы": a vocabulary word plus an ending is an inflected word the
# dictionary lacks, not a typo of it.
_ENDING = re.compile(r"[аеиоуыэюяь][а-я]{0,2}")


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    forms: set[str] = set()
    for lemma in _LEMMAS.split():
        forms.add(lemma.replace("ё", "е"))
        for parse in _morph().parse(lemma):  # type: ignore[attr-defined]
            if parse.is_known and parse.normal_form == lemma:  # "пристав" the noun, too
                forms.update(str(f.word).replace("ё", "е") for f in parse.lexeme)
    return tuple(sorted(forms))


@lru_cache(maxsize=1)
def _vocabulary_set() -> frozenset[str]:
    return frozenset(_vocabulary())


@lru_cache(maxsize=64)
def _near_in_length(length: int, limit: int) -> tuple[str, ...]:
    """The forms that could be within `limit` edits of a word this long (a cheap filter)."""
    return tuple(form for form in _vocabulary() if abs(len(form) - length) <= limit)


@lru_cache(maxsize=20_000)
def correct_word(word: str) -> str:
    """The vocabulary form a misspelt word stands for, or the word itself."""
    if len(word) < 4 or word in _vocabulary_set():
        return word
    if _morph().word_is_known(word):  # type: ignore[attr-defined]
        return word
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    limit = 1 if len(word) <= 8 else 2
    best = process.extract(
        word, _near_in_length(len(word), limit), scorer=OSA.distance, score_cutoff=limit, limit=2
    )  # each (form, distance, index), the closest first
    if not best or _ENDING.fullmatch(word.removeprefix(best[0][0])):
        return word
    if best[0][1] == 2 and abs(len(best[0][0]) - len(word)) > 1:
        return word  # "разводилы" is not "разводы": two edits only within one letter
    if len(best) == 2 and best[1][1] == best[0][1]:
        return word  # two forms equally close ("долка": "долга" or "долгу"?): leave it
    return str(best[0][0])


def correct_typos(text: str) -> str:
    """Lowercased, ё-less text with its misspelt key words corrected ("кридит" → "кредит")."""
    return _WORD.sub(lambda m: correct_word(m.group(0)), text)
