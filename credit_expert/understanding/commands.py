"""The reading: flags."""

from __future__ import annotations

import re

from credit_expert.models import (
    Command,
)
from credit_expert.understanding.message import _Message
from credit_expert.understanding.region import _is_known_word
from credit_expert.understanding.text import _CYRILLIC

# ---------------------------------------------------------------- flags

_COMMAND = re.compile(r"^/(?P<name>[a-zA-Z_]+)(?:@\w+)?(?:\s+(?P<payload>\S.*))?$", re.DOTALL)
_OPT_OUT = re.compile(
    r"\b(?:не (?:пишите|пиши|присылайте|беспокойте|надо (?:мне )?писать)|отпишите|отписаться"
    r"|больше не (?:пишите|писать|присылайте|беспокойте)|хватит (?:мне )?писать|отстаньте"
    r"|прекратите (?:мне )?писать|не хочу (?:получать )?(?:сообщени\w*|рассылк\w*)|спам)\b"
)
_ASKS_IF_BOT = re.compile(
    r"\b(?:(?:ты|вы|это) (?:что )?(?:бот|робот|нейросеть|ии|программа|автоответчик)"
    r"|с (?:ботом|роботом|нейросетью|программой|ии)|(?:живой|живым|реальный|настоящий|реальным)"
    r" (?:человек\w*|оператор\w*|менеджер\w*)"
    r"|(?:ты|вы) (?:живой|живая|человек|настоящ\w*|реальн\w*)"
    r"|(?:ты|вы) (?:сама |сами )?(?:юрист|адвокат|юристка)(?=\s*\?|$)"
    r"|(?:ты|вы) (?:что )?(?:из|от) (?:банка|банк\w*|коллектор\w*|мфо|сбер\w*)"
    r"|chatgpt|чат ?гпт|gpt|искусственн\w* интеллект\w*|бот ли)\b"
)
_INJECTION = re.compile(
    r"(?:\bзабудь\w*\b.{0,30}\b(?:правил\w*|инструкци\w*|все|указани\w*|роль|настройк\w*)"
    r"|\b(?:игнорируй\w*|проигнорируй\w*)\b|ignore\b.{0,20}\b(?:previous|prior|above|all)"
    r"|system ?prompt|системн\w* (?:промпт\w*|инструкци\w*|сообщени\w*)|\bпромпт\w*|\bprompt\b"
    r"|(?:напиши|покажи|выведи|раскрой|расскажи|скажи)\s(?:мне\s)?(?:свои|свой|твои|твой|ваши)\s"
    r"(?:правила|инструкци\w*|настройк\w*|указани\w*)|\bты теперь\b|\bтеперь ты\b"
    r"|\bпредставь,? что ты\b|\bпритворись\b|\bведи себя как\b|режим разработчика|developer mode"
    r"|jailbreak|\bact as\b|\byou are now\b|\bpretend\b|\bdan\b|новые инструкции|смени роль"
    r"|^\s*(?:system|admin|assistant|система|админ\w*)\s*:|\[system\]|<\|?system"
    r"|(?:отвечай|пиши|говори|скажи|подтверди)\s(?:всем\s|клиентам\s|мне\s)?(?:что|,\s?что)\s"
    r"(?:мы|вы|ты)\s(?:гарантир\w*|обещ\w*|точно)|\bподтверди\b.{0,40}\bгарантир\w*"
    r"|ты должна (?:говорить|отвечать|писать))"
)
_OFF_TOPIC = re.compile(
    r"\b(?:погод\w*|стих\w*|анекдот\w*|шутк\w*|пошути|реши\w* (?:задач\w*|уравнени\w*|пример\w*)"
    r"|задач\w* по|домашк\w*|выбор\w*|футбол\w*|хоккей|рецепт\w*|переведи|напиши (?:код|сочинени\w*"
    r"|программ\w*|песн\w*|рассказ\w*|эссе)|кто выиграет|курс (?:доллара|евро|биткоин\w*|валют\w*)"
    r"|гороскоп\w*|фильм\w*|сериал\w*|песн\w*|президент\w*|политик\w*|сколько будет \d|столица"
    r"|как приготовить|как похудеть|что посмотреть|какой сегодня день|который час)\b"
)
_GREETING = re.compile(
    r"^(?:\W*)(?:здравствуй\w*|здрасте|здрасьте|здраствуйте|здравсвуйте|добрый (?:день|вечер)"
    r"|доброе утро|доброй ночи|доброго (?:времени суток|дня|вечера)|привет\w*|хай|hello|hi"
    r"|ку|салют|здоров\w*|доброго|добрый|day|алло|hey)\b"
)
_NOISE_WORDS = re.compile(
    r"\b(?:select|from|where|insert|into|update|delete|drop|table|union|or|and|null|script"
    r"|alert|div|span|html|body|href|img|src|onerror|nbsp|b|i|u|br|p|a|script|style|true|false"
    r"|console|log|var|let|const|function|return|window|document)\b"
)
_MARKUP = re.compile(
    r"<[^>]{0,100}>|\b(?:select|insert|drop|union|delete)\b.{0,40}"
    r"\b(?:from|into|table|select|where)\b|&\w+;|\{.*\}"
)


def _read_command(raw: str) -> tuple[Command | None, str | None, bool]:
    m = _COMMAND.match(raw.strip())
    if not m:
        return None, None, False
    try:
        command = Command(m.group("name").lower())
    except ValueError:
        return None, None, True
    payload = (m.group("payload") or "").split()
    return command, (payload[0][:64] if payload else None), True


def _is_unreadable(raw: str, msg: _Message) -> bool:
    if not re.search(r"[^\W_]", raw):
        return True
    words = re.findall(r"[а-яa-z]{2,}", _MARKUP.sub(" ", msg.norm))
    meaningful = [
        w
        for w in words[:60]
        if not _NOISE_WORDS.fullmatch(w)
        and not re.fullmatch(r"(.)\1{2,}", w)
        and _CYRILLIC.search(w)
        and _is_known_word(w)
    ]
    if _MARKUP.search(msg.norm):
        return len(meaningful) <= 2
    return not meaningful
