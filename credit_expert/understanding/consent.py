"""The reading: consent, yes, call."""

from __future__ import annotations

import re

from credit_expert.models import (
    Ask,
)
from credit_expert.understanding.message import _Message

# ---------------------------------------------------------------- consent, yes, call

_CONSENT_NO = re.compile(
    r"\b(?:не соглас\w*|несоглас\w*|согласи\w* (?:на \w+ (?:\w+ )?)?не да\w*|не да(?:ю|м) "
    r"(?:\w+ ){0,2}соглас\w*|отказываюсь|против обработки"
    r"|не разрешаю|не (?:хочу |буду |стану )?(?:давать|дам|даю|предоставлять) (?:\w+ ){0,2}"
    r"(?:соглас\w*|данн\w*)|согласия не (?:даю|дам|будет)"
    r"|не (?:надо|нужно|нужен|нужна|буду) (?:\w+ ){0,3}соглас\w*"
    r"|не (?:буду|стану|хочу) (?:\w+ ){0,3}(?:подписывать|соглашаться)"
    r"|(?:подписывать|соглашаться) (?:\w+ )?не (?:хочу|буду|стану))\b"
)
# Withdrawal only by explicit words about the consent or the data (152-ФЗ art. 9 п. 2).
_CONSENT_WITHDRAW = re.compile(
    r"\b(?:отзыва\w* (?:\w+ )?соглас\w*|отозвать (?:\w+ )?соглас\w*|забираю (?:\w+ )?соглас\w*"
    r"|соглас\w* (?:\w+ )?отзыва\w*"
    r"|не обрабатывайте (?:\w+ )?данн\w*|запрещаю (?:\w+ )?обработк\w*"
    r"|прекратите (?:\w+ )?обработк\w*)\b"
)
_CONSENT_YES = re.compile(
    r"\b(?:соглас(?:ен|на|ны|илась|ился|ие даю)|(?<!не )соглашаюсь|(?<!не )соглашусь"
    r"|даю (?:свое )?согласие|разрешаю|не против)\b"
)
_YES_START = re.compile(
    r"^(?:да|ага|угу|ок|окей|ok|okay|хорошо|конечно|давайте|давай|можно|согласен|согласна"
    r"|верно|правильно|именно|есть|было|был|была|yes|ну да|да да|ладно|го|разумеется"
    r"|естественно|точно|так точно|подтверждаю|не против)\b"
)
_NO_START = re.compile(
    r"^(?:нет|неа|нету|не было|no|нее|ни разу|никогда|ничего (?:нет|не)|отказываюсь"
    r"|не надо|не нужно|не хочу|не согласен|не согласна)\b"
)
# "давайте продолжим", "что ещё нужно?", "спрашивайте": the person asks to go on with the
# questions (after a crisis, only this or asking for the call brings the script back)
GOES_ON = re.compile(
    r"\bпродолж(?:им|ай\w*|ать)\b|\b(?:давайте|давай|идём|идем|поехали) дальше\b"
    r"|\bчто (?:ещё|еще|дальше) (?:от меня )?(?:нужно|надо)\b"
    r"|\bчто от меня (?:нужно|надо|требуется)"
    r"|\b(?:спрашивайте|задавайте)\b|\bготов\w* (?:\w+ )?(?:отвечать|разбираться|продолж\w*)"
    r"|\bдавайте (?:\w+ )?разбираться\b"
    # "давайте разберёмся с долгами", "давай займёмся долгами": back to the debts
    r"|\b(?:давайте|давай) (?:\w+ )?(?:разбер[её]мся|займ[её]мся|решать)\b"
)
_WANTS_CALL = re.compile(
    r"\b(?:созвон\w*|позвоните|перезвоните|звоните|(?<!могут )(?<!будут )позвонить|перезвонить"
    r"|наберите|набирайте"
    r"|свяжитесь|запиши|хочу консультац\w*|нужна консультац\w*|запишите|записаться|запишусь"
    r"|жду звонка|записывайте|запис\w* (?:\w+ )?(?:на консультац\w*|на звонок|к юристу)"
    r"|жду вашего звонка|консультаци\w* (?:нужна|хочу)|давайте консультаци\w*|можно консультаци\w*"
    r"|(?:пусть|давайте|можно|хочу чтобы|хочу, чтобы) (?:\w+ ){0,2}(?:позвонит|перезвонит|звонит"
    r"|наберет|свяжется|позвонят|перезвонят|звонят|звонит"
    r"|наберут|свяжутся)"
    r"|(?:давайте|хочу|нужен|нужна|можно|жду) (?:\w+ )?(?:звонок|консультаци\w*)|звонок юрист\w*"
    r"|(?:давайте|дайте|хочу|соедините|свяжите)(?: меня| мне)? (?:с |к )?юрист(?:а|у|ом)"
    r"|(?:поговорю|поговорить|пообщаюсь|пообщаться|проконсультируюсь|проконсультироваться"
    r"|посоветуюсь|посоветоваться|побеседую|обсужу) (?:\w+ )?с юрист\w*\b"
    r"(?! (?:сво|друг|знаком|нашим|моим))"
    r"|чтоб(?:ы)? (?:\w+ ){0,2}(?:позвонил\w*|перезвонил\w*|связал\w*|набрал\w*)"
    r"|(?:поговорить|пообщаться|связаться|созвониться|консультироваться|проконсультироваться)"
    r" (?:\w+ ){0,2}(?:с |со )?(?:юрист\w*|специалист\w*|живым человеком|человеком|менеджер\w*)"
    r"|(?:с|со) (?:юрист\w*|специалист\w*) (?:\w+ )?(?:поговорить|пообщаться|связаться"
    r"|созвониться|поговорю|пообщаюсь|свяжусь|созвонюсь))\b"
)
_NO_CALL = re.compile(
    r"\b(?:не (?:звоните|надо звонить|нужно звонить"
    r"|хочу (?:\w+ )?(?:консультац\w*|звонк\w*|созван\w*)"
    r"|перезванивайте)|без звонков|звонить не надо|звонки не нужны)\b"
)
# Words that make a time phrase about the call; "коллекторы звонят каждый день" is not one.
_CALL_CUE = re.compile(
    r"\b(?:звоните|звонить|звонок|звонка|позвон(?:ите|ить|ю|ят)|перезвон(?:ите|ить|ю)"
    r"|набер\w*|набирайте|удобно|свяж\w*|созвон\w*"
    r"|лучше|свободн\w*|доступ\w*|время)\b"
)


FILLER = re.compile(r"^(?:(?:ну|а|эм+|хм+|так|ой|ох|что ж|ну что ж)[ ,.!]+)+")


def _read_yes(msg: _Message) -> bool | None:
    text = FILLER.sub("", msg.text.strip(" .,!"))  # "ну ладно давайте" is a yes
    if "?" in text and len(text.split()) > 2:
        return None  # "можно вопрос?", "можно мне не платить?": a question, not a yes
    if re.match(r"(?:нет|да) так (?:нет|да)\b", text):
        return None  # "ну нет так нет": a shrug at the refusal, no answer to the question
    if _NO_START.match(text):
        return False
    if _YES_START.match(text):
        return True
    return None


# "удалите всё, что я писал", "сотрите мои данные", "забудьте меня": /forget in words.
FORGET_WORDS = re.compile(
    r"\b(?:(?:удалите|сотрите|уничтожьте|удали|сотри) (?:\w+ ){0,3}(?:данн\w*|информаци\w*"
    r"|переписк\w*|сообщени\w*|номер\w*)"
    r"|(?:удалите|сотрите) (?:все|всё),? что (?:я )?(?:\w+ )?писал\w*"
    r"|забудьте (?:меня|обо мне))"
)
# "что вы обо мне храните?", "покажите мои данные": /mydata in words (152-ФЗ art. 14).
MYDATA_WORDS = re.compile(
    r"\b(?:что (?:вы )?(?:обо мне|про меня) (?:\w+ )?(?:храните|знаете|хранится|записали|сохранили)"
    r"|(?:какие|что за) (?:мои )?данные (?:вы )?(?:храните|хранятся|у вас)"
    r"|покажите (?:\w+ )?(?:мои )?данные)"
)


def read_withdrawal(msg: _Message) -> bool:
    return msg.has(_CONSENT_WITHDRAW)


def _read_consent(msg: _Message, yes: bool | None) -> bool | None:
    if msg.has(_CONSENT_WITHDRAW):
        return None  # not an answer: a withdrawal, read on its own
    if re.search(r"\bсоглас\w* на (?:вс[её]|что угодно|любое|любые|любой)\b", msg.text):
        return None  # "да да согласен на все просто помогите": a plea, no consent to a text
    if re.search(r"\bбез (?:\w+ ){0,2}соглас\w*", msg.text):
        return None  # "запиши меня без согласия": a request, none of yes, no or withdrawal
    if msg.has(_CONSENT_NO):
        return False
    if msg.has(_CONSENT_YES):
        return True
    if msg.expected in (Ask.CONSENT, Ask.CALL_INVITE):
        # (the call invitation carries the consent text: its yes is the consent; its "no"
        # declines the call and is read as that, not as a refused consent)
        if yes and msg.has(_WANTS_CALL) and not msg.has(_CLEAR_YES):
            # "давайте юрист позвонит", "ну хорошо, давайте созвонимся": asks for the call,
            # gives no yes to the text
            return None
        said = FILLER.sub("", msg.text.strip(" .,!"))
        if yes and not (_CONSENT_YES_START.match(said) or said in ("ладно", "ладно ладно")):
            # "ладно, спасибо", "ладно, понятно", "можно": a shrug or a closing, no yes to the
            # text ("ладно" alone answers it, reluctantly)
            return None
        if yes and msg.has(_HESITATES):
            return None  # "ладно, я подумаю": a shrug at the question, no consent
        if yes and _GO_AHEAD.fullmatch(msg.text.strip(" .,!)")):
            return None  # "хорошо, давайте", "ладно давайте": a go-ahead, no yes to the text
        if (
            yes
            and msg.expected == Ask.CALL_INVITE
            and re.search(r"\bдава(?:й|йте)\b", msg.text)
            and not msg.has(_CLEAR_YES)
        ):
            # "ок, давайте звонок", "давайте всё-таки консультацию" to the invitation: the call
            # is wanted, the consent text is not yet answered
            return None
        return yes if msg.expected == Ask.CONSENT or yes else None
    return None


# "ладно давайте", "ну хорошо, давайте": a go-ahead to what comes next (the call), not a
# clear yes to the consent text; Daria asks for the "да" (152-ФЗ: a clear, informed consent)
# ("ок, давайте" keeps its "ок", a yes the README names)
_GO_AHEAD = re.compile(r"(?:(?:ну|ладно|хорошо|так|что ж)[ ,.!]*)*(?:давайте|давай)")
_HESITATES = re.compile(
    r"\b(?:подума\w*|подумать|не сейчас|потом|позже|не знаю|посмотрим|посоветуюсь|решу)\b"
)
_PLAIN_YES = re.compile(r"\b(?:да|ок|окей|хорошо|конечно|даю|не против|угу|ага)\b")
# (with a call request beside it only these are a yes to the text: "ок, давайте созвонимся"
# answers the call, not the consent)
_CLEAR_YES = re.compile(r"\b(?:да|даю|не против|соглас(?:ен|на|ны|ие))\b")
# A yes to the consent text (152-ФЗ: clear): "да", "ок", "хорошо", "конечно", "согласна"…;
# never "ладно", "можно", "го" alone
_CONSENT_YES_START = re.compile(
    r"^(?:да|ага|угу|ок|окей|ok|okay|хорошо|конечно|давайте|давай|согласен|согласна|верно"
    r"|yes|ну да|да да|разумеется|естественно|подтверждаю|не против)\b"
)
