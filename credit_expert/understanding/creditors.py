"""The reading: creditors."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from credit_expert.models import (
    Ask,
)
from credit_expert.understanding.message import _Message
from credit_expert.understanding.numbers import _PAIR, _TEENS, _TENS, _UNITS, _number_at

# ---------------------------------------------------------------- creditors

_INSTITUTION = re.compile(
    r"(?:банк(?!рот)\w*|мфо|мфк|мфошк\w*|кредитор\w*|организац\w*|контор\w*|местах)"
)
_PRODUCT = re.compile(
    r"(?:микрозайм\w*|микрозаем\w*|займ\w*|заем|кредитк\w*|кредиток|кредит|кредита|кредитов"
    r"|автокредит\w*|потреб(?:а|ы|ов|ах|ам|ом|у)?|потребкредит\w*"
    r"|кредиты|кредитах|кредитам|карт\w*)"
)
_SINGULAR_CREDITOR = re.compile(
    r"(?:банк|мфо|мфк|микрозайм|займ|заем|кредитка|кредит|кредитку|автокредит|потреб|потребкредит)"
)
_ADJECTIVE = re.compile(r"\w+(?:ых|ые|ая|ие|ой|ий|ый|ую|ом|ое|ым|их)")
_BANK_NAMES = re.compile(
    r"\b(?:сбер\w*|втб|альф\w*|тинько\w*|тиньк\w*|т-банк\w*|хоум\w*|почта банк\w*|ренессанс\w*"
    r"|совком\w*|газпромбанк\w*|росбанк\w*|мтс банк\w*|отп(?:банк\w*| банк\w*)?|уралсиб\w*"
    r"|открыти\w*|райф\w*"
    r"|русский стандарт|русского стандарта|восточн\w* банк\w*|мкб|псб|промсвязьбанк\w*"
    r"|быстроденьг\w*|манимен\w*|мани мен|займер\w*|екапуст\w*|веббанкир\w*|лайм\w*|кредит24"
    r"|смсфинанс\w*|миг кредит\w*|мигкредит\w*|ozon банк|озон банк|яндекс банк|ак барс\w*"
    r"|вебзайм\w*|турбозайм\w*|джоймани|кредиплюс\w*"
    r"|зенит\w*|юникредит\w*|кредит европа|киви\w*|mts|sber|tinkoff|alfa"
    # a marketplace's own bank, named by its card ("озон кредитка", "кредитка озон"): never
    # the marketplace alone ("работаю на озоне")
    r"|(?:озон|ozon|яндекс)\w*(?= (?:кредитк|карт|сплит|рассрочк))"
    r"|(?<=кредитка )(?:озон|ozon|яндекс)\w*|(?<=карта )(?:озон|ozon|яндекс)\w*)\b"
)
_COUNT_PREPOSITION = {"по", "на", "перед", "у", "от", "за"}
# "чтоб кредит закрыть", "одну кредитку закрыла", "первый кредит 2020 года": one loan the
# story is about, not one more creditor in a list.
_HANDLED = re.compile(
    r"(?:закры|закро|погас|гаси|взял|взят|брал|беру|брать|взять|возьм|оформ|плати|плачу|выплат"
    r"|отдал|рефинанс"
    r"|открыл|получил|переве|перекры|тян|тащ|обслужива|вношу|внос)\w*"
)
_ONE_OF_STORY = frozenset({
    "первый", "первая", "первую", "первого", "последний", "последняя", "последнюю", "последнего",
    "этот", "эту", "этого", "тот", "ту", "того", "мой", "мою", "моего", "свой", "свою", "своего",
    "каждый", "новый", "новую", "старый", "старую",
})  # fmt: skip


def _loan_in_story(tokens: list[str], i: int) -> bool:
    """The singular loan at i is handled by a verb or picked by a determiner."""
    if i > 0 and tokens[i - 1] in _ONE_OF_STORY:
        return True
    after: list[str] = []
    for token in tokens[i + 1 : i + 5]:  # within its own comma piece
        if token in {",", ".", "!", "?", ";", ":"}:
            break
        after.append(token)
    near = tokens[max(i - 2, 0) : i] + after
    if any(_HANDLED.fullmatch(t) for t in near):
        return True
    # "дадут мне потом кредит?": a loan asked for, with words between
    before = tokens[max(i - 4, 0) : i]
    return any(_LOAN_TO_COME.fullmatch(t) for t in before) and not {",", "."} & set(before)


# (matched against the 4-letter name keys of `_names_alone`)
_MFO_NAME = re.compile(r"займ|екап|вебз|вебб|мани|турб|смсф|миг |мигк|быст|лайм|джой|zaim")
_GENERAL_LOAN = re.compile(r"кредит(?:ов|а|ы)?|займ(?:ов|а|ы)?|кредитор\w*|долг\w*")
_CLOSED_NEAR = re.compile(r"^(?:[^,.;!?]* )?(?:закрыл\w*|погасил\w*|выплатил\w*|рефинансир\w*)")
_LOAN_TO_COME = re.compile(r"дадут|дадите|дать|выдадут|выдать|одобр\w*")


_COUNT_TAKEN_BACK = re.compile(r"^\S+\s*(?:[.…,]\s*)*(?:не|нет|ой)\s*[,.]?\s*(\d{1,2})\b")
# "мфо 4 штуки", "банки и мфо, штук пять всего": how many, in digits or in words
_COUNT_WORDS = sorted({*_UNITS, *_TEENS, *_TENS}, key=len, reverse=True)
_PIECE_COUNT = r"(\d{1,2}|" + "|".join(_COUNT_WORDS) + ")"
_PIECES = re.compile(
    rf"\b(?:{_PIECE_COUNT} штук\w*|штук\w* {_PIECE_COUNT})\b"
    r"(?! ?(?:тыс|тыщ|млн|лям|к\b|руб|₽))"
)


def _pieces_count(found: tuple[str | None, ...]) -> int:
    word = found[0] or found[1] or ""
    return int(word) if word.isdigit() else _UNITS.get(word) or _TEENS.get(word) or _TENS[word]


_MFO_PIECES = re.compile(r"\b(?:мфо|мфк|микрозайм\w*|займ\w*|мфошк\w*) (?:\d{1,2} штук|штук\w* \d)")
_MFO_NAMES = re.compile(
    r"быстроденьг|манимен|мани мен|займер|екапуст|веббанкир|лайм|кредит24|смсфинанс|миг ?кредит"
    r"|вебзайм|турбозайм|джоймани|кредиплюс"
)


def _banks_before_counted_mfo(text: str) -> int:
    """How many banks are named before "мфо N штук" (none when the pieces count no MFOs)."""
    counted = _MFO_PIECES.search(text)
    if counted is None:
        return 0
    names = {
        m.group(0)[:4]
        for m in _BANK_NAMES.finditer(text[: counted.start()])
        if not _MFO_NAMES.match(m.group(0))
    }
    return len(names)


_CREDITOR_WORD = re.compile(
    r"\b(?:\w*банк(?!рот)\w*|мфо|мфк|\w*займ\w*|кредитор\w*|кредитк\w*|кредит(?:ы|ов)\b)"
)
_ENFORCED_BY = re.compile(r"\b(?:пристав\w*|производств\w*|суд\w*|исполнит\w*)\b.*\bпо\b")
_ONLY_ONE = re.compile(r"(?:\b(?:только|всего|лишь|у меня|всего-то)(?: \S+)?)$")


def _listed_beside_pieces(text: str) -> bool:
    """ "кредитка в тинькофф 180 и мфо штук 6", "мфо 9 штук плюс кредит в почта банке": the
    pieces count one kind beside its noun, and another creditor is listed with it; the list
    is counted item by item (7, 10), not by the pieces alone."""
    tokens = text.split()
    at = [
        i
        for i, t in enumerate(tokens)
        if _INSTITUTION.fullmatch(t) or _PRODUCT.fullmatch(t) or _BANK_NAMES.fullmatch(t)
    ]
    beside = [
        i
        for i in at
        if (_INSTITUTION.fullmatch(tokens[i]) or _PRODUCT.fullmatch(tokens[i]))
        and any(
            _PIECES.fullmatch(" ".join(tokens[k : k + 2]))
            for k in (i - 2, i + 1)
            if k >= 0 and k + 2 <= len(tokens)
        )
    ]
    if not beside:
        return False
    others = [i for i in at if i not in beside]
    return any(_LISTING & set(tokens[min(i, beside[0]) : max(i, beside[0])]) for i in others)


def _count_at(tokens: list[str], i: int) -> int | None:
    """A count standing just before the creditor noun at i (an adjective may sit between)."""
    for back in (1, 2):
        k = i - back
        if k < 0:
            return None
        token = tokens[k]
        if back == 2 and not _ADJECTIVE.fullmatch(tokens[i - 1]):
            return None
        if token in _PAIR:
            return 2
        if token in _UNITS or token in _TEENS or token in _TENS:
            return _UNITS.get(token) or _TEENS.get(token) or _TENS.get(token)
        if k > 0 and tokens[k - 1] == "не":
            return None  # "а не два банка": the refused count
        if token.isdigit() and 0 < int(token) <= 100:
            if (
                k > 1
                and tokens[k - 1] in {".", ","}
                and len(tokens[k - 2]) == 1
                and tokens[k - 2].isdigit()
            ):
                return None
            return int(token)
    return None


# ("в общем 3 банка и мфо": "в общем" only opens the story, the MFO is a fourth)
_STATED_TOTAL = re.compile(
    r"\b(?:всего|итого|в сумме|(?<!\bв )общ\w*|значит|получается)(?: всего)? (\d{1,2})\b(?![.,]\d)"
    r"(?! ?(?:тыс|тыщ|млн|лям|к\b|руб|₽|мес|год|лет))"
)


_LISTING = frozenset({"и", ",", "плюс", "+", "еще"})
_TAX_LISTED = re.compile(
    r"(?:\bи|\bплюс|\+|\bеще|\bтакже) (?:еще )?(?:налоговая|налоговую|налоговой|фнс|налоги)\b"
)


_FORGOT = re.compile(r"\b(?:забыл\w*|не (?:учел|учла|посчитал|посчитала|указал|указала))\b")
_TAKE_BACK_TOKENS = frozenset({"ой", "вру", "вернее", "точнее"})


# "ой не 4 а 2.6 млн, 4 это сколько банков": the figure taken for the debt was the count
_COUNT_EXPLAINED = re.compile(
    r"\b(\d{1,2}|\w+) (?:- |— )?это (?:\w+ )?(?:сколько|количество|число|кол-во|колво)"
    r" (?:у меня )?(?:банк(?!рот)\w*|кредитор\w*|кредит\w*|мфо|мфк|займ\w*|микрозайм\w*)"
)
# Creditors told on top of those known: "плюс кредитка", "ещё 2 мфо", "также займ"
_ADDED = frozenset({"плюс", "+", "еще", "также", "тоже", "вдобавок", "помимо"})


_A_LOAN = re.compile(r"(?:авто|потреб)?кредит(?!ор)\w*|займ\w*|заем|ипотек\w*")


def adds_creditors(msg: _Message) -> bool:
    """ "плюс кредитка 150 и займ 60", "у меня ещё 2 мфо": the creditors the message names
    come on top of those told before (an additive word before the first of them; not in a
    correction, where a loan named explains the new sum: "ой не 800 а 900, забыла кредитку")."""
    if msg.correcting or msg.restating:
        return False
    tokens = msg.tokens
    first = next(
        (
            i
            for i, t in enumerate(tokens)
            if _INSTITUTION.fullmatch(t) or _PRODUCT.fullmatch(t) or _BANK_NAMES.fullmatch(t)
        ),
        None,
    )
    if first is None:
        return False
    if any(_A_LOAN.fullmatch(t) for t in tokens[:first]):
        # "450 тыс по его кредиту и ещё моя кредитка 120": "ещё" goes on from the loan named
        # in this very message, not from a count told before
        return False
    before = tokens[max(first - 4, 0) : first]
    return any(
        t in _ADDED and tokens[i + 1 : i + 2] != ["раз"]
        for i, t in enumerate(before, start=max(first - 4, 0))
    )


# "перепутал с тем что банк насчитал": a creditor in a side clause is an actor, not a count
_SIDE_CLAUSE = frozenset({"что", "чтоб", "чтобы", "когда", "который", "которая", "которые", "чем"})


# "я созаёмщик по одному, в втб", "мама поручитель по кредиту в сбере": the loan guaranteed is
# one of the person's; a lender named beside a guarantee, with no count, counts no creditors
_GUARANTEE = re.compile(r"\b(?:поручител\w*|созаемщ\w*|поручил(?:ся|ась|ись)|поручительств\w*)")
_NUMBER_WORD = (
    r"(?:\d{1,2}|один|одна|одну|одного|два|две|двух|двум|три|трех|трем|четыре|четырех|пять|пяти"
    r"|шесть|шести|семь|семи|восемь|восьми|девять|десять)"
)
_CREDITOR_NOUN = r"(?:банк(?!рот)\w*|кредит\w*|мфо|мфк|займ\w*|микрозайм\w*|кредитор\w*|карт\w*)"
_EXPLICIT_COUNT = re.compile(
    rf"\b{_NUMBER_WORD} (?:\w+ )?{_CREDITOR_NOUN}|\b{_CREDITOR_NOUN} (?:\w+ )?{_NUMBER_WORD}\b"
    rf"(?! ?(?:тыс|тыщ|млн|лям|к\b|руб|₽))"
)


_CREDITOR_NOUN_NONE = r"(?:банк(?!рот)\w*|мфо|мфк|микрозайм\w*|займ\w*|кредитк\w*|кредиток)"


def _without_guarantees(msg: _Message) -> _Message:
    """The message without its sentences that name a guarantee and count nothing."""
    if not _GUARANTEE.search(msg.text):
        return msg
    kept = [
        s
        for s in re.split(r"(?<=[.!?;])\s+", msg.text)
        if not _GUARANTEE.search(s) or _EXPLICIT_COUNT.search(s)
    ]
    text = " ".join(kept)
    return replace(msg, text=text, tokens=text.split())


# "в 3х мфо", "в 5-ти банках", "2-м банкам": a case ending written on the digit
_DIGIT_ENDING = re.compile(r"\b(\d{1,2}) ?-? ?(?:х|ти|ми|ех|ух|ем|ум|ом|м)\b")
# "мфо нет", "кредиток нету", "ни одной мфо": a kind of creditor the person has none of
_NONE_OF = re.compile(
    rf"\b{_CREDITOR_NOUN_NONE} (?:у меня |вообще |тоже |уже )?(?:нет|нету|не было)\b"
    rf"|\b(?:нет|нету|без|ни одно\w*) {_CREDITOR_NOUN_NONE}"
)


# "карт 5 штук, но они в тех же банках": loans held with lenders already counted
_SAME_LENDERS = re.compile(r"[^,.!?]*\bв (?:тех|этих|том|этом|той|этой) же\b[^,.!?]*")


def _read_creditors(msg: _Message) -> int | None:
    msg = _without_guarantees(msg)
    text = _DIGIT_ENDING.sub(r"\1", msg.text)
    text = _SAME_LENDERS.sub(" ", text)
    text = " ".join(_NONE_OF.sub(" ", text).split())
    if text != msg.text:
        msg = replace(msg, text=text, tokens=text.split())
    if (their := _THEIR_COUNT.search(msg.text)) is not None:
        # "должна банкам 1 400 000, их 4 и ещё одна мфо": "их 4" counts the banks named; right
        # after the noun ("микрозаймов их 8 штук") the count is that noun's, not one more
        right_after = not msg.text[their.end(1) : their.start(2)].strip()
        counted_noun = "" if right_after else f" {their.group(1)}"
        text = msg.text[: their.start(2)] + their.group(3) + counted_noun + msg.text[their.end() :]
        msg = replace(msg, text=text, tokens=text.split())
    tokens = msg.tokens
    explained = _COUNT_EXPLAINED.search(msg.text)
    if explained is not None:
        word = explained.group(1)
        count = int(word) if word.isdigit() else _UNITS.get(word) or _TEENS.get(word)
        if count and 0 < count <= 100:
            return count
    back = max((i for i, t in enumerate(tokens) if t in _TAKE_BACK_TOKENS), default=-1)
    if back >= 0:
        # "банков 5... ой не 5 а 4 банка": what follows the take-back, when it counts
        tail = tokens[back + 1 :]
        if any(
            (_INSTITUTION.fullmatch(t) or _PRODUCT.fullmatch(t))
            and (_count_at(tail, k) is not None or _count_after(tail, k) is not None)
            for k, t in enumerate(tail)
        ):
            after = _read_creditors(replace(msg, tokens=tail, text=" ".join(tail), taken_back=True))
            if after is not None:
                return _replaced_part(tokens[:back], tail, after)
    totals = _STATED_TOTAL.findall(msg.text)
    if totals and _CREDITOR_WORD.search(msg.text):
        # "займы 3 и сбербанк, всего 4. ой нет, займов 2, значит всего 3"; "мфо штук 11 и 2
        # банка, всего 13 кредиторов": the total the person sums up is the count
        return int(totals[-1])
    itemised = _itemised_count(tokens)
    if itemised is not None:
        return itemised  # "альфа 210, почта 95 и в трёх мфо 80": a lender per sum, 5
    pieces = _PIECES.findall(msg.text)
    if pieces and _CREDITOR_WORD.search(msg.text) and not _listed_beside_pieces(msg.text):
        # "мфо задолбали, 4 штуки", "штук 5"; "сбер тыщ 60 и ещё мфо 2 штуки": the bank
        # named before the counted MFOs is one more
        return _pieces_count(pieces[-1]) + _banks_before_counted_mfo(msg.text)
    counted: list[tuple[int, bool, int]] = []  # (count, is_institution, index)
    singles = 0
    single_at: list[int] = []  # where the bare creditors stand
    bank_singles = 0  # "почта банк": a name, not a count
    loan_singles: list[int] = []  # where a loan ("потреб", "кредитка") is named bare
    kinds: list[int] = []  # "кредитки и потреб": where kinds of loans are named, uncounted
    for i, token in enumerate(tokens):
        institution = bool(_INSTITUTION.fullmatch(token))
        if not institution and not _PRODUCT.fullmatch(token):
            continue
        if _included(tokens, i):
            continue  # "банков 4 включая ипотечный": the loan is among the banks counted
        if _held_in_counted(tokens, i, counted):
            continue  # "3 банка, две карты в одном": the cards are in a bank counted
        if _A_FIRM.fullmatch(token) and _FIRM_DOES.search(" ".join(tokens[i + 1 : i + 5])):
            continue  # "в одной конторе обещали под ключ за 60": a firm, not a creditor
        if token == "местах" and not re.search(r"\b(?:кредит|долг|должн|займ|задолж)", msg.text):
            continue  # "живём в двух местах"; but "кредиты в 5 местах" counts them
        count = _count_at(tokens, i)
        if count is None:
            count = _count_after(tokens, i)
        if count is None and _SINGULAR_CREDITOR.fullmatch(token) and _one_said_after(tokens, i):
            count = 1  # "кредитка 70 тыс, одна": the loan and then how many
        if (
            count is not None
            and _ENFORCED_BY.search(" ".join(tokens[max(i - 6, 0) : i]))
            and not {"всем", "всех", "все"} & set(tokens[max(i - 3, 0) : i])
        ):
            count = None  # "приставы по двум банкам": how many are enforced, not how many owed;
            # but "закрыли по всем 4 банкам" counts every creditor
        if count is not None and token.startswith("кредитор"):
            rest = " ".join(tokens[i + 1 :])
            if (second := _COUNT_TAKEN_BACK.match(rest)) is not None:
                return int(second.group(1))  # "кредиторов 6... не, 5": the second count
            return count  # "кредиторов 4, два банка и две мфо": the total the person gave
        alone = sum(1 for t in tokens if _INSTITUTION.fullmatch(t) or _PRODUCT.fullmatch(t)) == 1
        # "6 мфо и 1 карта", "3 банка, одна кредитка": one more in a counted list
        listed = bool(counted) and i >= 2 and tokens[i - 2] in {"и", "плюс", "+", ",", "еще"}
        if (
            count == 1
            and not institution
            and not listed
            and not _ONLY_ONE.search(" ".join(tokens[:i]))
            and not (alone and not _loan_in_story(tokens, i))
        ):
            # "один кредит жена брала как созаёмщик": one of them, not a count; but "одна
            # кредитка 150 тыщ" with no other creditor named is the count
            count = None
        if (
            count == 1
            and i > 0
            and tokens[i - 1] in ("один", "одна", "одно")
            and (i < 2 or tokens[i - 2] not in ("и", "плюс", "+", "еще", "ещё", "также"))
            and counted
            and _GENERAL_LOAN.fullmatch(tokens[counted[-1][2]])
            and counted[-1][0] > 1
        ):
            continue  # "кредитов 4, один автокредит": one of the four
        if count == 1 and not institution and _CLOSED_NEAR.search(" ".join(tokens[i + 1 : i + 5])):
            count = None  # "4 банка, один кредит я закрыла": paid off, not one more creditor
        if count is not None and _said_again(tokens, counted, count, i):
            continue  # "2 banks. По-русски: … 2 банка": the same count told again
        if count is not None:
            counted.append((count, institution, i))
        elif (
            (
                _SINGULAR_CREDITOR.fullmatch(token)
                # "в трёх мфо и банке": one more bank in a counted list
                or (token in {"банке", "банку"} and counted and tokens[i - 1] in _LISTING)
            )
            and not (token == "банк" and _bank_count_in(tokens))  # "4 банка, забыла про почта банк"
            and (i == 0 or tokens[i - 1] not in _COUNT_PREPOSITION | {"в", "из"})
            and not (i > 0 and _BANK_NAMES.fullmatch(tokens[i - 1]))  # "хоум кредит": a name
            and not _loan_in_story(tokens, i)
            and not _SIDE_CLAUSE & set(tokens[max(i - 2, 0) : i])
            and "включая" not in tokens[max(i - 2, 0) : i]  # "банков 3, включая автокредит"
            and not _summed_with(tokens, i)  # "870 с мфо вместе": what the sum holds
        ):
            singles += 1
            single_at.append(i)
            bank_singles += token == "банк"
            if not institution:
                loan_singles.append(i)
        elif not institution and not _SINGULAR_CREDITOR.fullmatch(token):
            kinds.append(i)
    if counted:
        institutions = [c for c in counted if c[1]]
        products = [c for c in counted if not c[1]]
        counted_at = {i for _, _, i in institutions}
        # "3 кредита в двух банках", "кредитов 3, в двух банках": the banks are the creditors
        linked = {p for p in products if _institution_after(tokens, p[2]) in counted_at}
        institution_total = sum(c for c, _, _ in institutions)
        product_total = sum(c for c, _, i in products if (c, False, i) not in linked)
        banks_counted = any(tokens[i].startswith("банк") for _, _, i in institutions)
        # "сбер и почта банк и 2 мфо": 4; "3 банка, забыла про хоум кредит": the names are
        # among the banks counted; "почта банк" is already one "банк".
        names_alone = _names_alone(msg.text)
        mfo_names = {n for n in names_alone if _MFO_NAME.match(n)}
        # an MFO's name is never among the banks counted ("2 банка и займер": 3), and the
        # MFOs counted hold their names ("2 мфо, займер и ещё какое-то": 2)
        # "два банка и ещё хоум кредит": a name added after the banks counted is one more (but
        # "ой банков 6, ещё хоум кредит": in a correction it is why the count grew)
        first_bank = min((i for _, _, i in institutions), default=len(tokens))
        added_names = (
            set()
            if msg.correcting or msg.restating or msg.taken_back
            else _names_added(tokens, first_bank) & names_alone
        )
        named = len(mfo_names | added_names) if banks_counted else len(names_alone)
        if any(tokens[i] in ("мфо", "мфк") for _, _, i in institutions):
            named -= len(mfo_names)
        spelled = _spelled_out(tokens, counted)
        if spelled:
            # "у 4 банков: 870 по автокредиту, остальное две кредитки и потреб в втб": the loans
            # counted after the colon are what the banks counted hold, none more
            counted = [c for c in counted if c not in spelled]
            institutions = [c for c in counted if c[1]]
            products = [c for c in counted if not c[1]]
            return sum(c for c, _, _ in counted) + sum(
                1 for i in single_at if tokens[i - 1] in _ADDED
            )
        if singles and any(
            (i + 1 < len(tokens) and tokens[i + 1] == ":") or _apposed(tokens, i, c)
            for c, _, i in counted
        ):
            # "2 кредита: автокредит и кредитка в другом банке", "2 кредита, банк и микрозайм":
            # the list spells out the count, it names the same loans
            return institution_total + product_total
        if msg.correcting and _FORGOT.search(msg.text):
            # "не 6 а 7 банков, про озон кредитку забыла": the loan forgotten is why the count
            # grew, it is in the new count
            return institution_total + product_total
        if product_total and not institution_total:
            # "по двум кредитам: сбер и почта банк" (2), "7 кредиток в разных банках" (7): the
            # names tell where the counted loans are, they add none; "мфо душат, 8 займов":
            # the bare "мфо" is where the loans counted are (8)
            mfo_kind = sum(1 for i in single_at if tokens[i] in ("мфо", "мфк"))
            if not any(tokens[i].startswith(("займ", "микрозайм")) for _, _, i in products):
                mfo_kind = 0
            return max(product_total, named + bank_singles) + singles - bank_singles - mfo_kind
        if (institution_total or product_total) and (back >= 0 or msg.taken_back):
            return institution_total + product_total  # "ой нет 4, забыл про кредитку": in the 4
        if institution_total and re.search(
            r"\b(?:из них|из которых|один из|одна из|в одном|в одной|в двух|по одному)\b", msg.text
        ):
            return institution_total + product_total  # "3 банка, один из них автокредит": 3
        first_count = min((i for _, _, i in institutions), default=0)
        # "набрал микрозаймов. кредитка в тинькофф и мфо штук 6": a kind told in a sentence
        # before a list of creditors is the story, not the kinds the counted ones hold (but
        # "кредитки тысяч 400. банка 3": a bare count sums up the loans before)
        if any(not _LIST_END & set(tokens[k:first_count]) for k in loan_singles):
            kinds = [k for k in kinds if not _LIST_END & set(tokens[k:first_count])]
        if (
            kinds
            and institution_total
            and not product_total
            and max(kinds + loan_singles) < first_count
        ):
            # "кредитки и потреб, банков 5": the kinds of loans the counted banks hold
            return institution_total + singles - len(loan_singles) + named
        if (
            loan_singles
            and institution_total
            and not product_total
            and max(loan_singles) < first_count
            and first_count >= 2
            and tokens[first_count - 2] in ("в", "во")
        ):
            # "автокредит 900 и кредитка 150, в трёх банках": the loans named are in the banks
            # counted ("кредитка и 3 банка" is four)
            return institution_total + singles - len(loan_singles) + named
        if singles and institution_total and msg.restating:
            # "1,4 там еще кредитка вылезла. 5 банков": the card explains the new sum, the
            # banks are the count the person gives
            return institution_total + product_total
        # "банков 4 плюс налоговая": the tax office listed beside the counted is one more
        taxes = 1 if _TAX_LISTED.search(msg.text) else 0
        return institution_total + product_total + singles + named + taxes
    if loan_singles and any(k > min(loan_singles) for k in kinds):
        return None  # "автокредит и по кредиткам": one loan and several more, how many unsaid
    if _MORTGAGE_OWED.search(msg.text):
        return None  # "по ипотеке осталось 2 млн, плюс кредитка 400 и потреб": 3 loans, the
        # mortgage uncounted; how many lenders hold them is unsaid
    names = {
        m.group(0)[:4]
        for m in _BANK_NAMES.finditer(msg.text)
        if not _holds_money(msg.text, m)
        and not _IN_A_CASE.search(_piece_around(msg.text, m))
        and not _COUNTED_WITH.search(msg.text[: m.start()])
    }
    if names and _UNCOUNTED_LENDERS.search(msg.text):
        return None  # "в микрозаймах и в сбере": several lenders of one kind, how many unsaid
    number = _bare_number(msg) if names and msg.expected == Ask.CREDITORS else None
    if number is not None and len(names) < number <= 100:
        return int(number)  # "ой 5. тинькофф забыл": the count, the name one of them
    if names:
        # "автокредит, кредитка альфа и мфо": three debts, one of them named
        return max(len(names) + (1 if re.search(r"\bмфо\b", msg.text) else 0), singles)
    if singles and adds_creditors(msg):
        return singles  # "плюс кредитка 150 и займ 60": two more creditors (the session adds)
    if msg.expected == Ask.CREDITORS:
        if singles and not all(_talked_about(tokens, i) for i in single_at):
            return singles
        number = _bare_number(msg)
        if number is not None and 0 < number <= 100:
            return int(number)
    return None


def _names_added(tokens: list[str], after: int) -> set[str]:
    """The bank names (their 4-letter keys) put after `after` with an adding word right before
    them: "и ещё хоум кредит", "плюс сбер"."""
    return {
        tokens[i][:4]
        for i in range(after + 1, len(tokens))
        if _BANK_NAMES.fullmatch(tokens[i]) and _ADDED & set(tokens[max(i - 2, 0) : i])
    }


def _kind_stem(token: str) -> str:
    return {"bank": "банк", "cred": "кред", "loan": "займ", "mfo": "мфо"}.get(token[:4], token[:4])


def _said_again(
    tokens: list[str], counted: list[tuple[int, bool, int]], count: int, i: int
) -> bool:
    """The same count of the same kind, told in an earlier sentence, with no adding word."""
    return any(
        c == count
        and _kind_stem(tokens[k]) == _kind_stem(tokens[i])
        and _LIST_END - {":"} & set(tokens[k:i])
        and not _ADDED & set(tokens[max(i - 3, 0) : i])
        for c, _, k in counted
    )


def _spelled_out(
    tokens: list[str], counted: list[tuple[int, bool, int]]
) -> list[tuple[int, bool, int]]:
    """The counted loans listed after "N банков:" in its sentence, not added by "ещё"/"плюс"."""
    heads = [i for _, inst, i in counted if inst and i + 1 < len(tokens) and tokens[i + 1] == ":"]
    if not heads:
        return []
    head = heads[0]
    end = next((k for k in range(head + 2, len(tokens)) if tokens[k] in _LIST_END), len(tokens))
    return [
        c
        for c in counted
        if not c[1] and head < c[2] < end and not _ADDED & set(tokens[max(c[2] - 3, head) : c[2]])
    ]


def _after_colon_list(tokens: list[str], start: int) -> bool:
    """The sentence span starting at `start` follows "N банков:" (a list spelling the count)."""
    if start < 2 or tokens[start - 1] != ":":
        return False
    head = tokens[max(start - 4, 0) : start - 1]
    return any(_INSTITUTION.fullmatch(t) or _PRODUCT.fullmatch(t) for t in head) and any(
        _count_at(tokens, k) is not None or _count_after(tokens, k) is not None
        for k in range(max(start - 4, 0), start - 1)
        if _INSTITUTION.fullmatch(tokens[k]) or _PRODUCT.fullmatch(tokens[k])
    )


# "должна банкам 1 400 000, их 4": the count of the creditors named before "их"
_THEIR_COUNT = re.compile(
    r"\b(банк(?!рот)\w*|мфо|мфк|кредитор\w*|займ\w*|микрозайм\w*|кредит\w*)\b"
    r"(?: [^.!?]{0,40}?)? ?,? (их (\d{1,2}))\b(?! ?(?:тыс|тыщ|млн|лям|к\b|руб|₽|мес|год|лет))"
)


def _counted_kinds(tokens: list[str]) -> dict[str, int]:
    """The counts told per kind of creditor: "банков 4 и мфо 2" is {"бан": 4, "мфо": 2}."""
    kinds: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if _INSTITUTION.fullmatch(token) or _PRODUCT.fullmatch(token):
            count = _count_at(tokens, i)
            count = _count_after(tokens, i) if count is None else count
            if count is not None:
                kinds[token[:3]] = kinds.get(token[:3], 0) + count
    return kinds


def _replaced_part(head: list[str], tail: list[str], after: int) -> int:
    """ "Банков 4 и мфо 2. Ой, мфо 3": the part put right replaces its old value in the sum
    (7); a count of every kind told anew is the count itself."""
    before, now = _counted_kinds(head), _counted_kinds(tail)
    if not now or not set(now) < set(before):
        return after
    return sum(count for kind, count in before.items() if kind not in now) + after


_UNCOUNTED_LENDERS = re.compile(r"\b(?:в |по )?(?:микрозайм|займ|мфошк)(?:ах|ам|и)\b")
_LIST_END = frozenset({".", "!", "?", ";", ":"})


_A_FIRM = re.compile(r"контор\w*|организац\w*")
_FIRM_DOES = re.compile(
    r"\b(?:обещал\w*|предлага\w*|предложил\w*|сказал\w*|говорил\w*|берут|брали|просил\w*"
    r"|просят|хотят|возьмут|гарантир\w*|юрист\w*|под ключ|услуг\w*|стоит|цен\w*)"
)


def _summed_with(tokens: list[str], i: int) -> bool:
    """ "870 с мфо вместе", "вместе с кредиткой", "с учётом займа": the creditor is what a sum
    takes in, not one more listed."""
    before = tokens[max(i - 2, 0) : i]
    return (
        bool(before)
        and before[-1] in {"с", "со", "учетом"}
        and ("вместе" in tokens[max(i - 2, 0) : i + 2] or "учетом" in before)
    )


def _apposed(tokens: list[str], i: int, count: int) -> bool:
    """ "2 кредита, банк и микрозайм": a list of exactly `count` bare creditors after the
    counted noun and a comma or dash names the counted ones again."""
    if i + 1 >= len(tokens) or tokens[i + 1] not in {",", "-", "—"}:
        return False
    rest: list[str] = []
    for token in tokens[i + 2 :]:
        if token in _LIST_END:
            break
        rest.append(token)
    items = [
        item.strip() for item in re.split(r"\s*(?:,|\bи\b)\s*", " ".join(rest)) if item.strip()
    ]
    return len(items) == count and all(_a_creditor(item) for item in items)


def _a_creditor(item: str) -> bool:
    """One creditor named bare: "банк", "микрозайм", "сбер", "почта банк", "кредитка в втб"."""
    words = item.split()
    if _BANK_NAMES.fullmatch(item):
        return True
    head = words[1] if len(words) > 1 and _ADJECTIVE.fullmatch(words[0]) else words[0]
    named_where = words[1:] if head == words[0] else words[2:]
    return bool(
        (_SINGULAR_CREDITOR.fullmatch(head) or head in {"мфо", "мфк"})
        and (not named_where or (named_where[0] in {"в", "у"} and len(named_where) <= 3))
    )


def _bank_count_in(tokens: list[str]) -> bool:
    return any(
        t.startswith("банк") and t != "банк" and _count_at(tokens, i) is not None
        for i, t in enumerate(tokens)
    )


def _names_alone(text: str) -> set[str]:
    """Bank names not followed by the word "банк" (that one is counted on its own)."""
    return {
        m.group(0)[:4]
        for m in _BANK_NAMES.finditer(text)
        if not re.match(r"\s+банк", text[m.end() :])
        and "банк" not in m.group(0).split()[-1:]
        and not _holds_money(text, m)
        and not _WHERE_A_LOAN_IS.search(text[: m.start()])
        and not _NAMED_AFTER.search(text[: m.start()])
        and not _IN_A_CASE.search(_piece_around(text, m))
    }


# "по мтс банку суд был", "сбер подал в суд", "приставы по втб": the lender as a party to a
# case, named for the case, not counted among the creditors
_IN_A_CASE = re.compile(r"\b(?:суд\w*|приказ\w*|пристав\w*|исполнительн\w*|производств\w*|иск\w*)")


def _piece_around(text: str, name: re.Match[str]) -> str:
    """The comma piece of the text the bank name stands in."""
    start = max(text.rfind(mark, 0, name.start()) for mark in ",.!?;:")
    ends = [i for i in (text.find(mark, name.end()) for mark in ",.!?;:") if i >= 0]
    return text[start + 1 : min(ends, default=len(text))]


_VISITED = re.compile(r"\w* (?:хожу|ходила?|хожу туда|обслуживаюсь|пенси\w* получаю)\b")

# "кредит в сбере": the name says where the loan just named is, it is no creditor of its own
_WHERE_A_LOAN_IS = re.compile(
    r"\b(?:кредит|кредитка|кредитку|займ|заем|микрозайм|потреб|автокредит)"
    r" (?:\w+ )?(?:в|во|у|от) $"
)


# "банк ренессанс", "кредитка тинькофф", "потреб в сбере": the name says which bank or where
# the loan just named is
_NAMED_AFTER = re.compile(
    r"\b(?:банк|банка|банке|банку|кредитк\w*|кредит(?:а|у|ом|е)?|займ\w*|заем|микрозайм\w*"
    r"|потреб\w*|автокредит\w*|ипотек\w*|карт(?:а|у|ой|ы|е)) $"
)


def _holds_money(text: str, name: re.Match[str]) -> bool:
    """ "с карты сбера", "счёт в втб": the bank holds the person's money, it is no creditor;
    nor is the bank the person goes to ("я в сбербанк хожу", "обслуживаюсь в втб")."""
    before = text[max(name.start() - 20, 0) : name.start()]
    if _VISITED.match(text[name.end() :]) or re.search(
        r"\b(?:обслужива\w*|(?:пенси\w*|зарплат\w*|зп) (?:\w+ )?получа\w*) (?:в|во) $", before
    ):
        return True
    return (
        re.search(
            r"\b(?:(?:с|со|на) (?:\w+ )?карт\w*|сч[её]т\w* (?:в )?|зарплатн\w*(?: карт\w*)?"
            r"|дебетов\w*(?: карт\w*)?"
            r"|(?<!кредитную )(?<!кредитная )(?<!по )карт(?:а|у|ы|ой|е))\s*$",
            before,
        )
        is not None
    )


_HEDGE_WORDS = {
    "где", "-", "то", "около", "примерно", "наверно", "наверное", "наверн", "вроде", "уже",
    "штук", "тогда", "теперь", "всего", "получается", "значит", "было", "были", "у", "меня",
}  # fmt: skip


def _one_said_after(tokens: list[str], i: int) -> bool:
    """ "кредитка 70 тыс, одна", "кредит 300 тыщ, один только": a bare "один" standing as its own
    comma piece after the only creditor noun of the sentence."""
    for k in range(i + 1, min(i + 8, len(tokens))):
        token = tokens[k]
        if token in {".", "!", "?", ";"}:
            return False
        if _INSTITUTION.fullmatch(token) or _PRODUCT.fullmatch(token):
            return False
        if (
            token in {"один", "одна", "одну", "одно"}
            and tokens[k - 1] == ","
            and (k + 1 == len(tokens) or tokens[k + 1] in {",", ".", "!", "?", ";", "только"})
        ):
            return True
    return False


# "посчитала с кредиткой Сбера, получается 780": the loan the sum was counted with, no count
_COUNTED_WITH = re.compile(
    r"\b(?:посчитал\w*|подсчитал\w*|пересчитал\w*) (?:\w+ )?(?:с|со) (?:\w+ ){0,2}$"
)


def _included(tokens: list[str], i: int) -> bool:
    """ "банков 4, включая ипотеку и кредитку": a loan after "включая" in its sentence;
    "посчитала с кредиткой Сбера, получается 780": the loan the sum was counted with."""
    if _COUNTED_WITH.search(" ".join(tokens[max(i - 5, 0) : i]) + " "):
        return True
    for k in range(i - 1, max(i - 8, -1), -1):
        if tokens[k] in {".", "!", "?"}:
            return False
        if tokens[k] in {"включая", "считая"}:
            return True
    return False


# "в одном", "в одной из них", "в двух банках", "в другом": a place among lenders named
# before, the noun left out or said again
_AMONG_COUNTED = re.compile(
    r"\b(?:в|во|у) (?:одном|одной|двух|трех|четырех|пяти|другом|другой|остальных)"
    r"(?: из (?:них|низ))?\b"
)


def _held_in_counted(tokens: list[str], i: int, counted: list[tuple[int, bool, int]]) -> bool:
    """ "3 банка, две карты в одном", "банков 4, в одном из них автокредит и кредитка": the
    comma piece of the creditor at i places it in one of the lenders already counted (the
    noun left out, as Russian does when it was just said), so it is no lender of its own."""
    start = max((k for k in range(i) if tokens[k] in _LIST_END | {","}), default=-1) + 1
    end = next((k for k in range(i + 1, len(tokens)) if tokens[k] in _LIST_END | {","}), None)
    piece = " ".join(tokens[start : len(tokens) if end is None else end])
    return (
        any(inst and k < start for _, inst, k in counted)
        and _AMONG_COUNTED.search(piece) is not None
    )


def _count_after(tokens: list[str], i: int) -> int | None:
    """ "мфо 5 штук", "банков 6", "банков где-то пять": the count after the noun."""
    j = i + 1
    comma = False
    while j < len(tokens) and j - i <= 4 and (tokens[j] in _HEDGE_WORDS or tokens[j] == ","):
        comma = comma or tokens[j] == ","
        j += 1
    if j < len(tokens) and tokens[j - 1] == "не":
        return None  # "банка три, а не два"
    number = _number_at(tokens, j)
    if number is None or not 0 < number[0] <= 100 or number[0] != int(number[0]):
        return None
    if (
        number[0] >= 2
        and tokens[i] not in ("мфо", "мфк")
        and _SINGULAR_CREDITOR.fullmatch(tokens[i])
    ):
        return None  # "займ 15", "кредит 300": a singular noun's figure is a sum, not a count
    if tokens[i] in ("мфо", "мфк") and number[0] >= 10 and _sums_listed(tokens, i):
        return None  # "сбер 400, втб 250 и ещё мфо 50": a sum in a list of sums
    unit = tokens[number[1]] if number[1] < len(tokens) else ""
    if comma and not unit.startswith("штук"):
        return None  # "мфо, 5 месяцев не плачу"; but "кредитки и мфо, 4 штуки"
    if (
        unit
        and unit not in _HEDGE_WORDS
        and not re.fullmatch(r"штук\w*|[,.!?:]|и|или|плюс|\+|кажется|включая|считая", unit)
        # "кредиторов 5 если налоговую считать": a counted plural goes on with any word
        # but a unit of money or time
        and not (
            re.fullmatch(r"кредитор\w*|\w+ов", tokens[i])
            and not _NOT_A_COUNT_UNIT.match(unit)
            and unit not in _INCLUDING  # "банков 3 включая автокредит": the loan is among them
        )
    ):
        return None
    return int(number[0])


# The words a list of creditors is made of ("кредитка в альфе и ещё займ, тысяч 50")
_LIST_WORDS = re.compile(
    r"[,.!?;:—-]|\d+\w*|и|или|а|ещё|еще|плюс|только|всего|лишь|один|одна|одну|у|меня|в|во|на|по"
    r"|от|из|ну|да|вроде|наверно|наверное|кажется|где|то|около|примерно|тыс\w*|тыщ\w*|млн|руб\w*"
    r"|к|есть|был|была|было|была|там|это|мой|моя|мои|потребительск\w*|кредитн\w*|банковск\w*"
    r"|сейчас|получается|выходит|итого"  # "сейчас получается сбер 480, втб 310"
)


def _talked_about(tokens: list[str], i: int) -> bool:
    """The bare creditor at i is talked about ("банк вообще козлы, звонят"), not listed: its
    comma piece holds two words or more that no list of creditors is made of."""
    start = max((k for k in range(i) if tokens[k] in _LIST_END | {","}), default=-1) + 1
    end = next((k for k in range(i + 1, len(tokens)) if tokens[k] in _LIST_END | {","}), None)
    piece = tokens[start : len(tokens) if end is None else end]
    other = [
        t
        for t in piece
        if not (
            _LIST_WORDS.fullmatch(t)
            or _INSTITUTION.fullmatch(t)
            or _PRODUCT.fullmatch(t)
            or _BANK_NAMES.fullmatch(t)
        )
    ]
    return len(other) >= 2


# A mortgage with what is owed on it: one of the loans, in a bank the person may owe more to
_MORTGAGE_OWED = re.compile(
    r"\b(?:(?:по|за) ипотек\w*|ипотек\w* (?:\w+ )?(?:осталось|остаток|долг\w*|\d))"
)


def _sums_listed(tokens: list[str], at: int) -> bool:
    """Another lender of the message stands right before a figure of 10 or more: a list of
    what is owed to each ("сбер 400, втб 250")."""
    for k, token in enumerate(tokens[:-1]):
        if k == at or not (_BANK_NAMES.fullmatch(token) or _SINGULAR_CREDITOR.fullmatch(token)):
            continue
        figure = _number_at(tokens, k + 1)
        if figure is not None and figure[0] >= 10:
            return True
    return False


_INCLUDING = frozenset({"включая", "в", "вместе", "считая", "из", "с", "со", "плюс", "и"})
_NOT_A_COUNT_UNIT = re.compile(
    r"тыс|тыщ|млн|мил|лям|руб|р$|к$|₽|мес|год|лет|дн|недел|процент|%|раз"
)


def _institution_after(tokens: list[str], i: int) -> int | None:
    """The institution a product stands in: "кредитов 3, в двух банках" -> "банках"."""
    j = i + 1
    while j < len(tokens) and j - i <= 3 and (tokens[j] == "," or _number_at(tokens, j)):
        j += 1
    if j >= len(tokens) or tokens[j] not in {"в", "у"}:
        return None
    return next(
        (k for k in range(j + 1, min(j + 4, len(tokens))) if _INSTITUTION.fullmatch(tokens[k])),
        None,
    )


_COUNTED_ELSE = re.compile(
    r"(?:квартир|машин|авто|дом|комнат|жиль|дет|ребен|реб[её]н|сын|доч|внук|гараж|дач|участ"
    r"|работ|иждивен|человек|пенси|кредитор|коллектор|агентств"
    r"|месяц|мес|год|лет|недел|дн)\w*"  # "а месяцев 5": a duration, unit first
)


# The words of a job and its pay: a figure in their comma piece is what the person earns
_PAY_WORD = re.compile(
    r"(?:работа\w*|работ[уе]|официальн\w*|неофициальн\w*|официально|зарабат\w*|заработ\w*"
    r"|подраб\w*|получаю|получает|самозанят\w*|белая|белую|серая|серую|оклад\w*|зп|зарплат\w*"
    r"|доход\w*|пенси(?!онер)\w*|на руки|руки)"
)


def _comma_piece(tokens: list[str], i: int) -> list[str]:
    """The tokens between the commas (or sentence ends) around i."""
    stops = _LIST_END | {","}
    start = max((k for k in range(i) if tokens[k] in stops), default=-1) + 1
    end = next((k for k in range(i + 1, len(tokens)) if tokens[k] in stops), len(tokens))
    return tokens[start:end]


def _bare_number(msg: _Message) -> float | None:
    """The only number of a short answer: "3", "около пяти", "5 наверное"."""
    if len(msg.words) + sum(t[0].isdigit() for t in msg.tokens) > 6:
        return None
    for i, token in enumerate(msg.tokens):
        number = _number_at(msg.tokens, i)
        if number is not None:
            unit = msg.tokens[number[1]] if number[1] < len(msg.tokens) else ""
            if re.fullmatch(
                r"мес\w*|год\w*|лет|недел\w*|дн\w*|день|тыс\w*|тыщ\w*|млн|лям\w*|к|k|%|процент\w*"
                r"|руб\w*|р|₽|раз\w*|час\w*|утра|вечера|банк\w*|мфо|кредит\w*|займ\w*|карт\w*",
                unit,
            ):
                return None
            if re.search(r"\b(?:зп|зарплат\w*|получаю|доход\w*|пенси\w*|оклад\w*)", msg.text):
                return None  # "зп 90 белая, Екатеринбург": a salary, not a count
            if any(_PAY_WORD.fullmatch(t) for t in _comma_piece(msg.tokens, i)):
                return None  # "уфа, работаю официально 85": the pay the job brings, not a count
            if any(_COUNTED_ELSE.match(t) for t in (msg.tokens[max(i - 1, 0)], unit)):
                return None  # "квартира одна", "двое детей": a count of something else
            if {"она", "он", "оно"} & set(msg.tokens[max(i - 3, 0) : i]):
                return None  # "а квартиру? она одна", "он у меня один": a thing named before
            return number[0]
        if token in _PAIR:
            return 2
    return None


# A lender in a list of what is owed to each: "налоговая 180", "потребительский 380", "почта 95"
# (a mortgage names none: its bank may be among the others, "по ипотеке 2 млн, плюс кредитка 400")
_ITEM_LENDER = re.compile(r"налогов\w*|фнс|почт[аеу]|потребительск\w*")
_ITEM_BREAK = frozenset({",", "и", "плюс", "+", "еще", "а"})


_PLEDGE = re.compile(r"\b(?:в )?(?:залог\w*|заложен\w*|обременени\w*)\b")


def _itemised_count(tokens: list[str]) -> int | None:
    """ "альфа 210, почта 95, и в трёх мфо 80 на всех", "по кредитке 140, потребительский 380 и
    мфо 45": each piece of the list names a lender and what is owed there (10 or more), so the
    pieces count the lenders (a count in a piece, "в трёх мфо", counts its own); "мфо 45" is
    a sum, never 45 lenders. Only when every piece is such a lender with a sum, and no count
    stands apart ("…, всего 4 250 000, в трёх банках" is told by its count)."""
    for start, end in _sentence_spans(tokens):
        if _after_colon_list(tokens, start) and any(
            _INSTITUTION.fullmatch(t) or _PRODUCT.fullmatch(t) for t in tokens[end:]
        ):
            # "банков 2: альфа 900 и совкомбанк 380. МФО 6 штук": the list spells out the
            # count before the colon, and other creditors follow; counted as a whole
            continue
        pieces: list[list[str]] = [[]]
        for token in tokens[start:end]:
            if token in _ITEM_BREAK:
                pieces.append([])
            else:
                pieces[-1].append(token)
        # "машина в залоге у банка": the pledge names the lender of a loan listed beside it
        pieces = [p for p in pieces if p and not _PLEDGE.search(" ".join(p))]
        items = [_item_count(p) for p in pieces]
        if len(items) >= 2 and all(c is not None for c in items):
            return sum(c for c in items if c is not None)
    return None


def _sentence_spans(tokens: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for k, token in enumerate([*tokens, "."]):
        if token in _LIST_END:
            if k > start:
                spans.append((start, k))
            start = k + 1
    return spans


# "в ренессансе 300 с чем-то", "500 с хвостиком": a sum told roughly, no story
_ROUGHLY_MORE = re.compile(
    r"\d+ (?:\w+ )?с (?:чем ?-? ?то|хвост\w*|копейк\w*|лишн\w*|небольш\w*|мелоч\w*)$"
)


def _placed_in(piece: list[str], k: int) -> bool:
    """The lender at k is where a loan is held: "в"/"у" before it, an adjective between
    ("в другом банке")."""
    before = piece[max(k - 2, 0) : k]
    if not before:
        return False
    if before[-1] in _WHERE:
        return True
    return len(before) == 2 and before[0] in _WHERE and _ADJECTIVE.fullmatch(before[1]) is not None


def _item_count(piece: list[str]) -> int | None:
    """How many lenders one piece of a list names beside its sum, or None if it is no such."""
    lenders = [
        k
        for k, t in enumerate(piece)
        if _INSTITUTION.fullmatch(t)
        or _PRODUCT.fullmatch(t)
        or _BANK_NAMES.fullmatch(t)
        or _ITEM_LENDER.fullmatch(t)
    ]
    named = set(lenders)
    sums = [
        k
        for k in range(len(piece))
        if piece[k][0].isdigit()
        and (number := _number_at(piece, k)) is not None
        and number[0] >= 10
        and (k == 0 or not piece[k - 1][0].isdigit())
    ]
    if (
        len(lenders) == 2
        and lenders[1] == lenders[0] + 1
        and sum(1 for k in lenders if _BANK_NAMES.fullmatch(piece[k])) == 1
        and sum(1 for k in lenders if _PRODUCT.fullmatch(piece[k])) == 1
    ):
        lenders = [next(k for k in lenders if _BANK_NAMES.fullmatch(piece[k]))]
        # "карта тинькоф около 90", "альфа кредитка 40": the loan and its bank, one lender
    elif (
        len(lenders) == 2
        and _PRODUCT.fullmatch(piece[lenders[0]])
        and not _PRODUCT.fullmatch(piece[lenders[1]])
        and _placed_in(piece, lenders[1])
    ):
        lenders = lenders[1:]  # "потреб 600 в другом банке", "кредитка 150 у сбера": one lender
    if len(lenders) != 1 or len(sums) != 1:
        return None
    other = [
        t
        for k, t in enumerate(piece)
        if k not in named and not _LIST_WORDS.fullmatch(t) and _number_at(piece, k) is None
    ]
    if len(other) > 1 and not _ROUGHLY_MORE.search(" ".join(piece)):
        return None  # "банк хочет с меня 300 по её кредиту": a story, no list of lenders
    if (pieces := _PIECES.search(" ".join(piece))) is not None:
        return _pieces_count(pieces.groups())  # "мфо 3 штуки по 10": three of them
    count = _count_at(piece, lenders[0])
    return count if count is not None and count < 10 else 1


# ---------------------------------------------------------------- the list told, closed or added to

# "других долгов нет", "больше кредитов у меня нету", "больше никому не должна", "это мой
# единственный кредит", "кроме него ничего нет": the lenders told so far are all of them
_NO_OTHER_DEBTS = re.compile(
    r"\b(?:других|иных|прочих|больше)(?: \w+)? (?:долгов|кредитов|займов|кредиторов)"
    r"(?: (?:у меня|вообще|никаких|нет|тоже))*? (?:нет|нету|не имею)\b"
    r"|\b(?:нет|нету) (?:\w+ )?(?:других|иных|прочих|больше) (?:долгов|кредитов|займов|кредиторов)"
    r"|\bбольше (?:никому|ни перед кем|ни у кого) (?:\w+ )?не (?:долж\w*|брал\w*|занимал\w*)"
    r"|\b(?:это|он|она) (?:\w+ )?единственн\w* (?:долг|кредит|займ|кредитор)"
    r"|\bкроме (?:него|нее|этого|этой|них|этих) (?:\w+ )?(?:нет|нету|ничего нет|никому)\b"
)


def no_other_debts(msg: _Message) -> bool:
    return msg.has(_NO_OTHER_DEBTS)


# The words that tell more than one lender, or lenders uncounted ("кредиты", "мфо", "долги")
_MANY = re.compile(
    r"банки|банков|банкам|банках|кредиты|кредитов|кредитам|кредитах|займы|займов|займам|займах"
    r"|микрозаймы|микрозаймов|кредитки|кредиток|кредиткам|карты|карт|картам|картах|мфо|мфк"
    r"|мфошк\w*|кредитор\w*|долги|долгов|долгам|долгах|потребы|потребов"
)
# "банк звонит мне, говорит я наследница": the lender who calls or writes, not a loan told (the
# debts may be a relative's, left out of the reading)
_LENDER_CALLS = re.compile(
    r"(?:звонит|звонят|звонил\w*|названива\w*|пишет|пишут|писал\w*|присылает|присылают"
    r"|требует|требуют|говорит|говорят|сказал\w*|угрожа\w*|прислал\w*)"
)
_NONE_SAID = re.compile(r"\b(?:нет|нету|не брал\w*|не было|ни одного|ни одной)\b")
_WHERE = frozenset({"в", "во", "у", "от"})


def tells_one_loan(msg: _Message) -> bool:
    """ "кредит брала в 2019, не потянула", "кредит в банке Траст": one loan or lender told in
    the story, with no count; not the count (it may not be the only one), but what "других
    долгов нет" or "и ещё кредитка" later goes on from. A loan and the bank it is in ("кредит
    в сбере", "кредитка тинькофф") are one."""
    tokens = msg.tokens
    if any(_MANY.fullmatch(t) for t in tokens) or msg.has(_NONE_SAID):
        return False
    at = [
        i
        for i, t in enumerate(tokens)
        if (_INSTITUTION.fullmatch(t) or _PRODUCT.fullmatch(t) or _BANK_NAMES.fullmatch(t))
        and not _LENDER_CALLS.fullmatch(" ".join(tokens[i + 1 : i + 2]))
    ]
    if not at or any(_count_at(tokens, i) is not None for i in at):
        return False
    groups = 1
    for before, after in itertools.pairwise(at):
        between = tokens[before + 1 : after]
        if not (len(between) <= 2 and set(between) <= _WHERE | {"банке", "банка", "банк"}):
            groups += 1
    first = at[0]
    return groups == 1 and not (
        _PRODUCT.fullmatch(tokens[first]) and _LOAN_TO_COME.search(" ".join(tokens[:first]))
    )


# A part put inside the total held ("из них", "в том числе", "она входит"), or the person's own
# new total ("всего выходит 1 110 000"): no part to add
_WITHIN_TOTAL = re.compile(
    r"\b(?:из них|из этих|из этого|в том числе|включая|входит|входят|вошл\w*|учтен\w*"
    r"|в (?:эт\w+|ту|той|общ\w+) сумм\w*|внутри|итого|всего|в сумме|выходит|получается"
    r"|получилось|вышло|вместе|общ\w*)\b"
)


def adds_to_debt(msg: _Message) -> bool:
    """ "и ещё кредитка, тыщ 50": the figure is what the creditors told on top owe, to be added
    to the total held; not "ещё кредитка 50, она входит в эти 310", nor their own new total."""
    return adds_creditors(msg) and not msg.has(_WITHIN_TOTAL)
