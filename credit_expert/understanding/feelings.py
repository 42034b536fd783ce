"""The reading: what the person feels — fear, shame, despair, anger — and a crisis.

A crisis (suicide, self-harm) outranks everything else a message says.
"""

from __future__ import annotations

import re

from credit_expert.models import Feeling


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")")


_FEELINGS: list[tuple[Feeling, re.Pattern[str]]] = [
    (Feeling.CRISIS, _any(
        r"поконч\w* (?:с )?(?:собой|жизн\w*)", r"поконч\w* со всем", r"(?:не хочу|не хочется|нет смысла|незачем) (?:больше )?жить",
        r"жить не (?:хочу|хочется)", r"руки на себя", r"наложу на себя", r"суицид\w*", r"самоубийств\w*",
        r"повеш\w*", r"вздерн\w*", r"(?:выпрыгн|спрыгн|прыгн)\w* (?:с |из )?(?:окна|крыши|моста|балкона)",
        r"уйти из жизни", r"уйду из жизни", r"лучше (?:бы )?(?:умереть|сдохнуть|не жить)", r"(?:убью|убить) себя",
        r"вскр\w* вены", r"таблеток (?:наглотаюсь|наглотаться|напьюсь)", r"жить (?:больше )?незачем",
        r"kill myself", r"suicid\w*",
    )),
    (Feeling.DESPAIR, _any(
        r"не знаю,? как (?:дальше )?жить", r"как (?:дальше )?жить", r"руки опуска\w*", r"безвыходн\w*", r"отча\w*",
        r"нет (?:больше )?сил", r"сил (?:больше )?нет", r"не вижу выхода", r"выхода нет", r"тупик\w*", r"беспросвет\w*",
        r"не знаю,? что (?:мне )?делать", r"хоть в петлю", r"погибаю", r"тону в долгах", r"в яме",
        r"не вывожу", r"задыхаюсь", r"реву", r"слезы", r"(?:я )?больше не могу", r"не могу больше", r"всё рухнуло", r"все рухнуло",
    )),
    (Feeling.FEAR, _any(
        r"боюсь", r"страшно", r"пуга\w*", r"в панике", r"паник\w*", r"тревож\w*", r"переживаю", r"не сплю",
        r"спать не могу", r"ужас\w*", r"опасаюсь", r"трясет",
    )),
    (Feeling.SHAME, _any(
        r"стыдно", r"стыд\w*", r"позор\w*", r"неловко", r"стесняюсь", r"совестно",
        r"сам(?:а)? виноват\w*",
    )),
    (Feeling.ANGER, _any(
        r"достали", r"задолбал\w*", r"бесит", r"бесят", r"надоел\w*", r"сколько можно", r"вы (?:читаете|слышите) вообще",
        r"вы меня (?:не )?(?:слышите|читаете)", r"ответьте (?:уже|наконец|нормально)", r"ответьте\W*!", r"издева\w*", r"какого черта",
        r"зла не хватает", r"охренел\w*", r"обнаглел\w*", r"идиот\w*", r"тупая", r"тупой бот",
    )),
]  # fmt: skip


def read_feelings(text: str) -> list[tuple[Feeling, re.Match[str]]]:
    """Each feeling once, with the words it was read from; a crisis first."""
    found = []
    for feeling, pattern in _FEELINGS:
        match = pattern.search(text)
        if match:
            found.append((feeling, match))
    return found
