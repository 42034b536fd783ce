"""The reading: what the lawyer must know that fills no slot.

A business of the person's own (an ИП, open or closed; a company they found or run), debts
the procedure treats apart (taxes; fines, where nothing may be promised; alimony, never
written off) and an earlier bankruptcy (the 5-year pause). Each is read as a `note` act with
the words it came from, only about the person (or the relative they write for), and goes to
the lead card.
"""

from __future__ import annotations

import re

from credit_expert.models import Act, ActKind, Subject
from credit_expert.understanding.amounts import FOREIGN_CURRENCY
from credit_expert.understanding.clauses import Clause

# An ИП: "я ИП", "была ИП", "ИП закрыла в 2022", "у меня ИП", "индивидуальный предприниматель".
# Not the bailiffs' "ИП" (исполнительное производство): a sentence about bailiffs is skipped.
_IP = re.compile(
    r"\bя (?:\w+ ){0,2}(?:ип|ипэшник\w*|ипшник\w*|предприниматель\w*)\b"
    r"|\b(?:был|была|были|бывш\w*|являюсь|являлся|являлась|как|в качестве) (?:\w+ )?ип\b"
    r"|\bип (?:\w+ )?(?:был|была|закрыл(?!и)\w*|закрыт(?!о)\w*|ликвидир\w*|до сих пор|действу\w*"
    r"|висит|на мне|оформлен(?!о)\w*|открыт(?!о)\w*|есть|еще|ещё|работает)\b"
    r"|\b(?:открыл|открыла|закрыл|закрыла|оформил|оформила|зарегистрировал\w*|ликвидировал\w*"
    r"|прикрыл\w*|держал\w*|имел\w*|вел|вела) (?:\w+ ){0,2}ип\b"
    r"|\b(?:у меня|мое|моё|свое|своё|мой) (?:\w+ )?ип\b"
    r"|\bиндивидуальн\w* предпринимател\w*|\bпредпринимател\w*"
    # "налог ещё с ИП, его закрыла в 2022": the business it came from, closed
    r"|\bип ?,? (?:а )?(?:его|ее) (?:\w+ )?(?:закрыл(?!и)\w*|ликвидир\w*)"
    # "у него долги после ип", "кредиты остались с ИП": the debts a business left
    r"|\b(?:долг\w*|задолженност\w*|кредит\w*|налог\w*) (?:\w+ ){0,2}(?:после|от|с|со времен)"
    r" (?:\w+ )?ип\b"
)


def business_ip(text: str) -> bool:
    """The text names an ИП of the person's own, open or closed ("у меня ип было")."""
    return _IP.search(text) is not None


_BAILIFFS = re.compile(r"\b(?:пристав\w*|производств\w*|фссп|исполнительн\w*|взыск\w*)")
_CLOSED = re.compile(
    r"\b(?:закрыл(?!и)\w*|закрыт\w*|ликвидир\w*|прикрыл\w*|снял\w* с уч[её]т\w*|прекратил\w*"
    r"|бывш\w*|был|была|были|было|раньше|ранее|когда-то|держал\w*|имел\w*|вел|вела)\b"
)
# "долги после ип, ип закрыли в прошлом году", "налог с ИП, его закрыл": a business named (no
# bailiffs in the sentence), so its closing is told in any of its pieces, "закрыли" too (alone,
# "ип закрыли" may be the bailiffs' case ended)
_IP_CLOSED = re.compile(
    r"\bип (?:\w+ ){0,2}(?:закрыл\w*|закрыт\w*|ликвидир\w*)"
    r"|\b(?:закрыл\w*|ликвидир\w*) (?:\w+ )?ип\b"
)
_OPEN = re.compile(r"\b(?:до сих пор|действу\w*|еще|ещё|сейчас|висит|есть|работает|являюсь)\b")
# "ип потом можно открыть?": an ИП to come, not one the person has or had
_IP_LATER = re.compile(r"\b(?:потом|после|можно|смогу|разрешат|открыть|будет)\b")

# A company of the person's own: "я учредитель и директор небольшого ооо", "была директором",
# "у меня своё ооо" (not "директор на работе сказал", not "хочу открыть ооо")
_COMPANY = re.compile(
    r"\bя (?:\w+ ){0,3}(?:учредитель|учредителем|соучредитель|соучредителем|директор|директором"
    r"|гендиректор|гендиректором)\b"
    r"|\b(?:был|была|являюсь|являлся|являлась|числюсь|числился|числилась) (?:\w+ ){0,2}"
    r"(?:учредителем|соучредителем|директором|гендиректором)\b"
    r"|\b(?:у меня|мое|моё|мой|моя|свое|своё|своя) (?:\w+ ){0,2}(?:ооо|фирма|фирмы|компания)\b"
    r"|\b(?:ооо|фирма|фирму) (?:\w+ )?(?:на мне|оформлен\w* на меня|записан\w* на меня)"
)
_COMPANY_LATER = re.compile(r"\b(?:хочу|хотел\w*|буду|стать|планиру\w*|можно|смогу|потом|если)\b")

_TAXES = re.compile(r"\b(?:налог(?!ов\w* вычет)\w*|недоимк\w*|фнс)\b")
_NOT_TAX_DEBT = re.compile(
    r"\b(?:вычет\w*|после налог\w*|без налог\w*|ндфл|налоговый резидент|налог на доход\w*"
    r"|за вычетом|чистыми|на руки|работа\w* (?:\w+ )?в налогов\w*|мо(?:й|ем|ем) налог\w*)\b"
)
_OWED = re.compile(
    r"\b(?:долг\w*|задолж\w*|должн\w*|должен|недоимк\w*|не плат\w*|не плачу|не заплат\w*"
    r"|не оплат\w*|насчитал\w*|выставил\w*|требовани\w*|взыск\w*|пристав\w*|висит|висят"
    r"|остал\w*|набежал\w*|накопил\w*|кредитор\w*|спиш\w*|списыва\w*|считать|тоже|еще|ещё)\b"
    r"|\d"
)
# Fines of the state (traffic police, administrative, a court's), not a bank's penalties
_FINES = re.compile(
    r"\bштраф\w* (?:\w+ )?(?:гибдд|гаи|дпс|пдд|за (?:\w+ )?(?:превышени\w*|скорост\w*|парков\w*"
    r"|езд\w*|нарушени\w*|безбилет\w*|камер\w*)|административн\w*|по (?:\w+ )?(?:камер\w*|пдд"
    r"|гибдд|гаи)|суд\w*|налогов\w*)"
    r"|\b(?:административн\w*|гибдд|гаи|дпс|судебн\w*|уголовн\w*|неоплаченн\w*|неуплаченн\w*)"
    r" (?:\w+ )?штраф\w*"
    r"|\bдолг\w* (?:\w+ )?по штраф\w*|\bштраф\w* (?:\w+ )?не (?:оплач\w*|плач\w*|плат\w*)"
)
# Alimony the person pays or owes (received alimony, "бывший платит алименты", is kept apart)
_ALIMONY = re.compile(r"\bалимент\w*")
_PAYS_ALIMONY = re.compile(
    r"\b(?:долг\w*|задолж\w*|должен|должна|просроч\w*) (?:\w+ ){0,2}(?:по )?алимент\w*"
    r"|\bалимент\w* (?:\w+ ){0,2}(?:долг\w*|задолж\w*|должен|должна|просроч\w*)"
    r"|\b(?:плачу|платил\w*|выплачиваю|удерживают|не плачу|с меня|мои|мой долг по) (?:\w+ ){0,2}"
    r"алимент\w*"
    r"|\bалимент\w* (?:\w+ ){0,3}(?:плачу|выплачиваю|удерживают|с меня|на мне|у меня)\b"
    r"|\bпо алиментам\b"
)
_ALIMONY_OWED = re.compile(
    r"\b(?:долг\w*|задолж\w*|должен|должна|просроч\w*|не плачу|не платил\w*|по алиментам)"
)
_RECEIVED = re.compile(
    r"\b(?:получаю|получаем|приходят|мне платят|(?:бывш\w*|муж\w*|отец|папа|он) (?:\w+ ){0,2}"
    r"(?:(?:не )?плат\w*|присыла\w*|перечисля\w*|да[её]т|переводит))\b"
    # "он алименты не платит 3 года, его долг по алиментам": owed to the person, not by them
    r"|\b(?:его|ее|её|бывшего|отца) долг\w* по алимент\w*"
)
# An earlier bankruptcy: "уже банкротилась в 2019", "был признан банкротом", "первое банкротство"
_PAST_BANKRUPTCY = re.compile(
    r"\b(?:банкротил\w*|обанкротил(?:ся|ась|ись)|признал\w* (?:\w+ )?банкрот\w*"
    r"|признан\w* (?:\w+ )?банкрот\w*|был\w* (?:\w+ )?банкрот(?:ом|ами)"
    r"|(?:проходил\w*|прошел|прошла|прошли|проходила) (?:\w+ ){0,2}(?:через )?банкротств\w*"
    r"|(?:первое|прошлое|предыдущее|прежнее|прошлом|первом|предыдущем) банкротств\w*"
    r"|банкротств\w* (?:\w+ )?(?:было|был|прошл[оа]|закончил\w*|завершил\w*)"
    r"|(?:через|в) мфц (?:\w+ )?(?:уже )?(?:списывал\w*|списали|банкротил\w*|проходил\w*)"
    r"|списали (?:\w+ ){0,3}(?:через суд|через мфц|по банкротств\w*))"
)
# A figure in a currency other than the ruble: never a slot (amounts.py), kept in words
_FOREIGN_FIGURE = re.compile(
    rf"\d[\d\s.,]*(?:(?:тыс\w*|тыщ\w*|к|млн\w*) )?(?:{FOREIGN_CURRENCY.pattern})(?!\w)"
)
# The person took an inheritance: "я вступила в наследство", "наследство уже оформили", "приняла
# наследство" (not "ещё не вступил", "если вступлю", "думаю, вступать ли")
_INHERITED = re.compile(
    r"\b(?:вступил\w*|принял(?:а|и)?|оформил\w*) (?:\w+ ){0,2}(?:в )?наследств\w*"
    r"|\bнаследств\w* (?:\w+ )?(?:принял\w*|оформил\w*|приняли|оформили)\b"
)
# After a death told (in this message or before): "я уже вступила", "вступили в права", "квартиру
# его оформила", "оформила на себя папин дом": the heir took the estate (never "вступила в брак")
_INHERITED_AFTER_DEATH = re.compile(
    r"\bвступил(?:а|и)?\b(?!\s+в\s+(?!прав))"
    r"|\bоформил\w* (?:\w+ )?(?:на себя )?(?:его|ее|их|папин\w*|мамин\w*|отцовск\w*|материн\w*"
    r"|бабушкин\w*|дедушкин\w*|родительск\w*) (?:квартир|дом|дач|дол[юи]|машин|участ|гараж)\w*"
    r"|\b(?:его|ее|их|папин\w*|мамин\w*|отцовск\w*|материн\w*|бабушкин\w*|дедушкин\w*"
    r"|родительск\w*) (?:квартир|дом|дач|дол[юи]|машин|участ|гараж)\w* (?:\w+ ){0,4}"
    r"оформил\w*"
    # "квартиру его я у нотариуса на себя оформила": words between the thing and the deed
    r"|\b(?:квартир|дом|дач|дол[юи]|машин|участ|гараж)\w* (?:его|ее|их) (?:\w+ ){0,4}оформил\w*"
    # "у нотариуса всё на себя оформила", "через нотариуса переоформила": the heir's deed
    # (not a refusal or a power of attorney drawn up there)
    r"|\b(?:у|через) нотариус\w* (?:(?!отказ|доверенн)\w+ ){0,3}(?:пере)?оформил\w*"
    r"(?! (?:\w+ )?(?:отказ|доверенн))"
    r"|\b(?:пере)?оформил\w* (?:(?!отказ|доверенн)\w+ ){0,3}(?:у|через) нотариус\w*"
)
# A serviceman at the front, the person or a family member: "муж на сво по контракту", "он
# контрактник, сейчас там", "сын мобилизован", "брат на фронте" (377-ФЗ credit holidays for
# them and their families; 229-ФЗ art. 40: enforcement against a combatant is suspended)
SVO = re.compile(
    r"\b(?:на|в|с|со|зона|зоне|участник\w*|ветеран\w*) сво\b|\bсво по контракт\w*"
    r"|\bконтрактник\w*|\bмобилизова\w*|\bна фронт(?:е|ах)?\b|\bс фронта\b"
    r"|\bв зоне (?:боевых действий|специальной военной операции)"
    r"|\b(?:на|в|участник\w*) (?:специальной военной операции|спецоперации)\b"
)
_NOT_INHERITED = re.compile(r"\b(?:не|если|бы|ли|отказ\w*)\b")  # "оформила отказ от наследства"
_ALREADY = re.compile(r"\b(?:уже|раньше|ранее|когда-то|однажды|(?:19|20)\d\d|лет назад)\b")
_FUTURE = re.compile(r"\bесли бы\b|\bбуд\w*\b")


def _quote(text: str) -> str:
    said = " ".join(text.split())
    return said if len(said) <= 140 else said[:139] + "…"


def read_notes(
    parts: list[Clause], whose: Subject, after_death: bool = False
) -> list[tuple[int, Act]]:
    """The note acts of a message, each placed at its clause. `parts` are the clauses about
    the person (or the relative written for); `whose` the subject of the acts; `after_death`:
    a relative's death was told, so a bare "вступила" is into the inheritance."""
    found: list[tuple[int, Act]] = []
    seen: set[str] = set()
    for part in parts:
        low = part.norm
        same = [p for p in parts if p.sentence == part.sentence]
        context = " ".join(p.norm for p in same)
        said = ", ".join(p.text for p in same)  # "я ИП была, закрыла в 2022": with its when
        values = []
        # ("налог с ИП, | его закрыла": the clause after says what became of it)
        ip_said = low if _IP.search(low) or not re.search(r"\bип\b", low) else context
        if (
            _IP.search(ip_said)
            and not _BAILIFFS.search(context)
            and not (part.question and _IP_LATER.search(low))
        ):
            if _CLOSED.search(ip_said) or _IP_CLOSED.search(context):
                values.append("ip_closed")
            elif _OPEN.search(ip_said) or re.search(r"\bя (?:\w+ )?ип\b", low):
                values.append("ip_open")
            else:
                values.append("ip")
        if _COMPANY.search(low) and not _COMPANY_LATER.search(low) and not part.question:
            values.append("company")
        if _TAXES.search(low) and not _NOT_TAX_DEBT.search(low) and _OWED.search(context):
            values.append("tax_debt")
        if _FINES.search(low):
            values.append("fines")
        if _ALIMONY.search(low) and _PAYS_ALIMONY.search(low) and not _RECEIVED.search(low):
            values.append("alimony_debt" if _ALIMONY_OWED.search(low) else "alimony")
        if (
            _PAST_BANKRUPTCY.search(low)
            and not _FUTURE.search(context)
            and (not part.question or _ALREADY.search(low))
        ):
            values.append("past_bankruptcy")
        # ("наследство | я приняла": the clauses of one sentence, cut before "я")
        heard = low if _INHERITED.search(low) else context
        inherited = _INHERITED.search(heard)
        if inherited is None and after_death and not part.question:
            heard = low
            inherited = _INHERITED_AFTER_DEATH.search(low)
            if inherited is None and _INHERITED_AFTER_DEATH.search(context):
                # "квартиру его | я у нотариуса на себя оформила": one sentence, cut before "я"
                heard = context
                inherited = _INHERITED_AFTER_DEATH.search(context)
        if inherited and not _NOT_INHERITED.search(
            heard[max(0, inherited.start() - 12) : inherited.end()]
        ):
            values.append("inheritance_accepted")  # the dead relative's debts may be theirs
        if _FOREIGN_FIGURE.search(low):
            values.append("foreign_currency")  # "доход около 1500 евро": no rubles to store
        for value in values:
            if value in seen:
                continue
            seen.add(value)
            found.append((part.start, Act(ActKind.NOTE, _quote(said), value=value, subject=whose)))
    return found
