"""The reading: the questions a person asks, each with its topic and whom it is about.

A clause is a question when it ends with "?" or opens with a question word.
Its topic comes from the first family whose words it holds; a question with
no known topic is still a question (`other`: "это уточнит юрист"). The topic
is sharpened by the subject: a salary question about the wife is
`spouse_salary`, a flat in a mortgage is `mortgage_flat`.
"""

from __future__ import annotations

import re

from credit_expert.models import Subject, Topic
from credit_expert.understanding.subjects import relative_named

_QUESTION_START = re.compile(
    r"^(?:а |и |ну |так |то есть )?(?:что|чё|че|чо|как|когда|сколько|скока|скоко|почем|почём"
    r"|зачем|почему|куда|откуда|где|какой|какая|какие|какое|каких|кто|чем|можно ли|можно"
    r"|могут ли|могут|будут ли|будет ли|правда ли|правда|неужели|разве|реально ли|реально"
    r"|а если|если|стоит ли|нужно ли|надо ли|обязан\w*|есть ли|ли)\b"
)
_LI = re.compile(r"\b\w+ ли\b")
_NOT_A_QUESTION = re.compile(
    r"^(?:как (?:то|нибудь|будто)|что[- ]?то|когда[- ]?то|если честно)\b"
    r"|^(?:а |и |ну )?(?:где|куда|как|когда|что|кто|сколько|какой|какая|какие|чем)[- ](?:то|нибудь|либо)\b"
    r"|^(?:а |и )?(?:можно|есть|у меня|могу (?:\w+ )?задать) (?:\w+ )?вопрос\w*$"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:может(?: быть)?|если|можно ли|стоит ли|а что если|чтобы|чтоб|лучше ли|хочу|хотел\w*"
    r"|планирую|собираюсь|думаю"
    r"|переоформить|переписать|продать|подарить|спрятать|скрыть)\b"
)


_ASKING_VERB = re.compile(r"\b(?:скажите|подскажите|объясните|поясните|расскажите|ответьте)\b")


def is_question(clause: str, ends_with_mark: bool) -> bool:
    if _NOT_A_QUESTION.search(clause):
        return False  # "можно вопрос?": the question is still to come
    if ends_with_mark or _ASKING_VERB.search(clause):
        return True
    return bool(_QUESTION_START.search(clause) or _LI.search(clause)) and not (
        _NOT_A_QUESTION.search(clause)
    )


def opens_with_question_word(clause: str) -> bool:
    """ "как работает банкротство?", "а если у меня ипотека?": the question frames the clause."""
    return _QUESTION_START.match(clause) is not None


def plans_to_hide(clause: str) -> bool:
    """ "хочу переоформить квартиру на маму": needs the warning even when not asked."""
    return _HIDE.search(clause) is not None and is_hypothetical(clause)


def states_a_concern(clause: str) -> bool:
    """ "коллекторы звонят маме", "муж тоже хочет банкротиться": said, not asked, and
    still owed an answer."""
    return _RELATIVES_CALLED.search(clause) is not None or (_WANTS_TOO.search(clause) is not None)


def is_hypothetical(clause: str) -> bool:
    """A question about what might be ("может переоформить на маму?") states no fact."""
    return _HYPOTHETICAL.search(clause) is not None


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")")


_KIN = (
    r"(?:него|нее|неё|них|сына|дочь|дочери|маму|мамы|мать|матери|отца|папу|папы"
    r"|брата|сестру|сестры|бывшего|бывшую|умерш\w*|покойн\w*)"
)
_GO = r"(?:ездить|поехать|съездить|летать|полететь|уехать|выехать|отдыхать|выпустят|пустят)"
_ABROAD = (
    r"(?:казахстан|турци|египет|европ|таиланд|тайланд|грузи|армени|абхази|беларус|белорусси"
    r"|узбекистан|киргиз|таджикистан|китай|оаэ|эмират|дубай|друг\w* стран|границ|рубеж)\w*"
)
_KIN_ACC = (
    r"(?:маму|мать|папу|отца|брата|сестру|сына|дочь|мужа|жену|друга|подругу|родственник\w*"
    r"|знакомого|знакомую|соседа|соседку)"
)
_TAKE = r"(?:заберут|отберут|отнимут|изымут|арестуют|продадут|забрать|отобрать|лишат|тронут"
_TAKE += r"|отбирают|забирают|выселят|выгонят|оставят|коснется|касается|будет с)"

# Order matters: the first family whose words a question holds names its topic.
_TOPICS: list[tuple[Topic, re.Pattern[str]]] = [
    (Topic.IS_BOT, _any(
        r"ты бот", r"вы бот", r"это бот", r"робот", r"живой человек", r"(?:ты|вы) (?:живой|живая|человек|нейросеть)",
        r"с кем я (?:говорю|общаюсь|переписываюсь)", r"бот\b", r"(?:с вами|со мной) (?:\w+ )?человек", r"человек (?:ли )?(?:говорит|пишет|отвечает)", r"(?:вы|ты) (?:\w+ ){0,3}(?:от|из) (?:банка|мфо)", r"кто (?:вы|ты)(?: \w+){0,2}(?: такие| такая)?\b", r"(?:вы|ты) (?:\w+ )?(?:банк|мфо)\b", r"(?:вы|ты) (?:\w+ ){0,3}коллектор\w*",
        r"(?:или|а) (?:\w+ )?(?:не )?коллектор\w*\W*$",
    )),
    (Topic.HIDE_PROPERTY, _any(
        r"переоформ\w*", r"перепис\w* (?:\w+ )?на", r"(?:оформить|записать|перевести) (?:\w+ )?на (?:маму|мать|папу|отца|брата|сестру|сына|дочь|жену|мужа|родственник\w*)",
        r"спрятать", r"скрыть (?:\w+ )?(?:имуществ\w*|квартир\w*|машин\w*|деньги|доход)",
        r"продать (?:\w+ )?(?:пока|до того|заранее|чтоб)", r"подарить (?:\w+ )?(?:маме|брату|сестре|сыну|дочери|родственник\w*)",
        r"развестись (?:\w+ )?(?:чтоб|фиктивно)", r"фиктивн\w*",
        r"(?:прода(?!л)\w*|отда(?!л)\w*|подар(?!ил)\w*) (?:\w+ ){0,3}(?:сестре|брату|сыну|дочери|маме|матери|папе|отцу|зятю|теще|знакомому|знакомой|другу|подруге|родственник\w*)",
        r"на (?:\w+ )?(?:маму|мать|жену|мужа|зятя|сына|дочь|сестру|брата|родственник\w*|друга|знакомого|не[её]|него|них) (?:\w+ )?(?:перепи(?!сал)\w*|переоформ(?!ил)\w*|оформ(?!ил)\w*|запиш\w*|записать|перевед(?!ен)\w*)",
        r"(?:перепи(?!сал)\w*|переоформ(?!ил)\w*) (?:\w+ )?на (?:не[её]|него|них)\b",
        r"по[- ]тихому", r"никто (?:ж |же )?не (?:узнает|заметит)", r"за (?:рубль|копейки|бесценок)",
    )),
    (Topic.CHILDREN, _any(  # the person paying for a relative: "должна ли я платить за сына?"
        r"(?:(?:мы|я) (?:\w+ ){0,3}должн\w*|(?:мы|я) (?:\w+ ){0,3}обязан\w*) (?:\w+ )?(?:их|его|ее) (?:платить|гасить|выплачивать|отдавать)",
        rf"(?:должна|должен|должны|обязан\w*|нужно|надо|придется|буду|будут требовать)(?: ли)?(?: я| мне| с меня| нам| мы)?(?: \w+){{0,2}} (?:платить|отвечать|гасить|выплачивать|отдавать|погашать)(?: \w+){{0,2}} (?:за {_KIN}|(?:его|ее|их) (?:долг|кредит)\w*|(?:долг|кредит)\w* {_KIN})",
        rf"за {_KIN}(?: \w+){{0,2}} (?:должна|должен|обязан\w*|платить|отвечать)",
        rf"(?:платить|гасить|отвечать по|выплачивать) (?:\w+ )?(?:долг|кредит)\w* (?:\w+ )?{_KIN}",
        rf"(?:долг|кредит)\w* {_KIN}\b.{{0,40}}\b(?:перейд\w*|переходят|платить|отвечать|на мне|на меня)",
    )),
    (Topic.RELATIVE_SERVICE, _any(
        r"(?:нам|мы) (?:\w+ )?(?:обоим|оба|обе|вдвоем|вместе)\b.{0,30}\b(?:банкрот\w*|подать|обанкрот\w*|можно|списать)",
        r"(?:можно|могу|получится)(?: ли)? (?:\w+ )?(?:и |тоже |также )?(?:записать|привести|позвать|направить|посоветовать|отправить) (?:к вам )?(?:\w+ )?(?:маму|мать|папу|отца|брата|сестру|сына|дочь|мужа|жену|друга|подругу|родственник\w*|знакомого|знакомую)",
        r"(?:ему|ей|им|брату|сестре|маме|матери|отцу|папе|сыну|дочери|мужу|жене|другу|подруге) (?:тоже|также|и) (?:\w+ )?(?:можно|поможете|помочь|подойдет|получится|обратиться)\b",
        r"(?:ему|ей|им|брату|сестре|маме|матери|отцу|папе|сыну|дочери|мужу|жене|другу|подруге) (?:можно|поможете|помочь|подойдет|получится|обратиться) (?:\w+ )?(?:к вам|банкрот\w*|обанкрот\w*|через мфц)",
        r"(?:муж|жена|брат|сестра|мама|мать|отец|папа|сын|дочь|друг|подруга) (?:\w+ ){0,2}(?:тоже|также) (?:\w+ )?(?:хочет|хотят|хотел\w*|собирается|думает) (?:\w+ )?(?:банкрот\w*|обанкрот\w*|к вам|обратиться|списать)",
        r"(?:можно|могу|получится)(?: ли)? (?:\w+ )?(?:и |тоже )?(?:его|ее|её|их) (?:тоже |также )?(?:\w+ )?(?:записать|привести|позвать|направить)\b",
        rf"{_KIN_ACC}\b.{{0,25}}\b(?:записать|привести|позвать|направить|отправить)\b",
        rf"(?:записать|привести|позвать|направить|отправить) (?:к вам |на консультац\w* )?(?:\w+ )?(?:и |тоже )?{_KIN_ACC}\b",
    )),
    (Topic.PENALTIES, _any(
        r"(?:пени|пеня|неустойк\w*|штраф\w*|проценты|процент\w* (?:по|банк)\w*)\b.{0,40}\b(?:капать|капают|идти|идут|начисля\w*|расти|растут|перестан\w*|прекрат\w*|остановит\w*|заморозят|прекращ\w*|накручива\w*|будут)",
        r"(?:перестан\w*|прекрат\w*|остановит\w*|прекращ\w*) (?:\w+ ){0,2}(?:начисля\w*|капать|расти|накручивать)",
        r"долг (?:\w+ )?(?:перестанет|будет|продолжит) расти",
    )),
    (Topic.GUARANTOR, _any(r"поручител\w*", r"созаемщик\w*", r"созаемщиц\w*", r"поручилс\w*", r"поручительств\w*")),
    (Topic.CRIMINAL, _any(r"посадят", r"посадить", r"уголовн\w*", r"тюрьм\w*", r"(?:сесть|сяду) в тюрьму", r"срок дадут")),
    (Topic.RESTRUCTURING, _any(r"реструктуризац\w*", r"кредитн\w* каникул\w*", r"каникул\w*", r"отсрочк\w*")),
    (Topic.DEAL_WITH_RELATIVE, _any(
        r"(?:продал\w*|подарил\w*|переписал\w*|переоформил\w*|отдал\w*)\b.{0,40}\b(?:брат\w*|сестр\w*|мам\w*|матер\w*|отц\w*|пап\w*|сын\w*|доч\w*|родственник\w*|жен\w*|муж\w*)",
        r"(?:брат\w*|сестр\w*|мам\w*|сын\w*|доч\w*|родственник\w*|жене|мужу)\b.{0,40}\b(?:продал\w*|подарил\w*|переписал\w*|переоформил\w*)",
        r"(?:отберут|заберут|оспор\w*|отобрать|забрать|отнять)\b.{0,30}\bу (?:брата|сестры|мамы|матери|отца|папы|сына|дочери|зятя|родственник\w*)",
        r"у (?:брата|сестры|мамы|матери|отца|папы|сына|дочери|зятя|родственник\w*)\b.{0,30}\b(?:отберут|заберут|оспор\w*|вернут|отобрать|забрать|отнять)",
    )),
    (Topic.NUMBER_LEAKED, _any(
        r"(?:откуда|как) (?:\w+ ){0,3}(?:мой |моего )?номер", r"номер\w* (?:\w+ )?(?:слили|утек|утёк|слит|передали)",
        r"слили (?:\w+ )?(?:номер|данные)", r"утечк\w*",
    )),
    (Topic.RELATIVES_COLLECTORS, _any(
        r"(?:коллектор\w*|банк\w*|звонят|звонили|звонить|названива\w*|пишут)\b.{0,50}\b(?:мам\w*|матер\w*|родител\w*|родственник\w*|жен\w*|муж\w*|сосед\w*|коллег\w*|на работу|начальник\w*|детям|сыну|дочери|брату|сестре)",
        r"(?:мам\w*|матер\w*|родител\w*|родственник\w*|сосед\w*|коллег\w*|жен\w*|мужу|на работу|начальник\w*|работодател\w*|сыну|дочери|детям|брату|сестре|отцу|папе)\b.{0,30}\b(?:звонят|звонили|звонить|позвонят|названива\w*|пишут|писать)",
    )),
    (Topic.CHILDREN, _any(
        r"(?:сын|дочь|дочка|дети|детям|детей|детях|детьми|ребенок|внук\w*|наследник\w*|родственник\w*|родные)\b.{0,50}\b(?:отвеча\w*|платить|выплачивать|заплат\w*|перейд\w*|переходят|долг\w*|обязан\w*|аукн\w*|коснет\w*|затрон\w*|отраз\w*|пострада\w*|повлия\w*)",
        r"(?:перейд\w*|переходят|достанутся|передадут\w*) (?:\w+ )?(?:долг\w* )?(?:к )?(?:детям|сыну|дочери|наследник\w*|родственник\w*)",
        r"наследств\w*", r"по наследству", r"если (?:я )?умру", r"после (?:моей )?смерти",
        r"(?:платить|отвечать|выплачивать) (?:\w+ )?за (?:меня|мужа|жену|отца|папу|маму|сына|дочь|умерш\w*|покойн\w*)",
        r"(?:должна|должен|обязан\w*) (?:\w+ )?(?:платить )?за (?:мужа|жену|отца|папу|маму|сына|дочь|умерш\w*)",
        r"(?:муж|отец|папа|мама|мать) умер\w*",
        r"за (?:меня|мои долги|мои кредиты)(?: \w+){0,2} (?:отвечать|отвечает|платить|платит|выплачивать)",
        r"долг\w* (?:\w+ ){0,3}на (?:него|нее|неё|мужа|жену|детей|сына|дочь|маму|родных) (?:\w+ )?(?:повесят|перейдут|переведут|переложат|запишут)",
    )),
    (Topic.PRICE, _any(
        r"сколько (?:это |у вас |вам |ваши услуги |будут |всё |все )?(?:стоит|стоят|будет стоить|стоить|обойдется|берете|берёте|возьмете|платить|денег|по деньгам)",
        r"скока", r"скоко", r"почем", r"почём", r"ценник\w*", r"цифр\w* (?:скажите|назовите|какая)", r"стоимост\w*",
        r"цен(?:а|у|ы|е)\b", r"расценк\w*", r"по деньгам", r"сколько (?:ваши )?услуги", r"платн\w*", r"бесплатно ли",
        r"во сколько обойд\w*", r"сколько (?:\w+ )?(?:надо |нужно )?(?:заплатить|платить|отдать)", r"вилк\w*", r"депозит\w*", r"что (?:\w+ )?входит", r"рассрочк\w*", r"(?:платить|заплатить|платим|плачу) (?:\w+ )?(?:вам|юрист\w*|за (?:ваши )?услуг\w*)",
        r"бесплатно (?:\w+ )?(?:проконсульт\w*|консульт\w*|позвон\w*)", r"(?:юрист\w*|консультаци\w*|звон\w*) (?:\w+ )?бесплатн\w*", r"(?:у вас|а у вас|ваша|ваши) (?:\w+ )?(?:сколько|цена|почем)\b", r"сколько у вас\W*$", r"сколько (?:с меня|возьмете|берете)", r"какая цена", r"прайс",
        r"(?:правда |точно |действительно )?бесплатн\w* (?:ли )?(?:консультац\w*|звон\w*)", r"консультаци\w* (?:\w+ )?бесплатн\w*",
    )),
    (Topic.PLEDGED_CAR, _any(
        r"(?:машин\w*|авто\w*|тачк\w*)\b.{0,40}\b(?<!не )(?<!без )(?<!не в )(?:в кредит\w*|в залог\w*|залог\w*|автокредит\w*)",
        r"(?:автокредит\w*|залогов\w* (?:машин\w*|авто\w*))",
    )),
    (Topic.MORTGAGE_FLAT, _any(
        r"ипотечн\w* (?:квартир\w*|жиль\w*|дом\w*)",
        r"(?:квартир\w*|дом\w*|жиль\w*)\b.{0,40}\b(?<!без )(?<!не )(?<!не в )(?:в ипотек\w*|ипотечн\w*|в залог\w*|залог\w*)",
        r"(?<!без )(?<!не в )(?<!нет )(?<!не )ипотек\w*(?! нет)\b.{0,40}\b(?:заберут|отберут|отнимут|будет|продадут|коснется|тронут)",
        r"(?:заберут|отберут|отнимут|продадут) (?:\w+ )?ипотечн\w*",
    )),
    (Topic.SPOUSE_SALARY, _any(
        r"(?:зарплат\w*|зп|доход\w*|пенси\w*) (?:\w+ )?(?:мужа|жены|супруг\w*)",
        r"(?:мужа|жены|супруг\w*|мужнин\w*) (?:\w+ )?(?:зарплат\w*|зп|доход\w*)",
    )),
    (Topic.SPOUSE, _any(
        r"(?:муж|жена|мужа|жену|мужу|жене|супруг\w*)\b.{0,40}\b(?:отвеча\w*|платить|пострада\w*|коснет\w*|затрон\w*|узна\w*)",
        r"(?:что|как) (?:\w+ ){0,2}с (?:мужем|женой|супруг\w*|бывшим|бывшей)", r"совместн\w*", r"нажит\w*", r"в браке", r"совладел\w*",
        r"в разводе", r"(?:ее|его) дол[юия]\b",
        r"(?:за|по) (?:\w+ )?(?:долг\w* |кредит\w* )?(?:мужа|жены|супруга|супруги)\b(?! (?:брат|сестр|мам|пап|отц|матер))",
        r"(?:если|когда) (?:\w+ )?(?:муж|жена|супруг\w*|он|она) (?:\w+ )?(?:обанкрот\w*|подаст на банкрот\w*|станет банкрот\w*)",
    )),
    (Topic.COMPANY, _any(
        r"директор\w*", r"\bооо\b", r"учредител\w*", r"руковод\w* (?:\w+ )?(?:компани\w*|фирм\w*|организаци\w*)", r"с должности", r"(?:открыть|открою|оформить) (?:\w+ )?(?:ип|ооо|бизнес)\b",
    )),
    (Topic.DOCUMENTS, _any(r"(?:какие|каких|что за|какой|список|перечень) (?:\w+ ){0,2}(?:документ|бумаг|справк)\w*", r"(?:документ|бумаг|справк)\w* (?:\w+ )?(?:нужн|надо|собрать|нужен|потребуются)\w*")),
    (Topic.JOB, _any(
        r"уволят", r"уволить", r"увольн\w*", r"сократ\w*", r"работодател\w*", r"начальств\w*", r"на работе (?:\w+ )?узна\w*",
        r"узна\w* (?:\w+ )?на работе", r"бухгалтер\w*", r"(?:смогу|можно) (?:ли )?(?:дальше )?работать", r"с работы",
        r"(?:работ\w*|служб\w*|госструктур\w*)\b.{0,40}\b(?:помешает|скажется|отразится|повлияет)", r"с должности",
    )),
    (Topic.BENEFITS, _any(
        r"пособи\w*", r"детск\w* (?:выплат|деньг)\w*", r"детск(?:ие|их|ими)\b(?! (?:сад\w*|площадк\w*|вещ\w*|игрушк\w*|кредит\w*))", r"(?:получаю|получает|получаем) (?:\w+ ){0,2}алимент\w*",
        r"алимент\w* на (?:ребенка|детей|ребенк\w*|дет\w*)\b.{0,30}\b(?:заберут|отберут|забирать|тронут|оставят|взыск\w*|удерж\w*)",
        r"(?:заберут|отберут|забирать|тронут|взыщут|удержат) (?:\w+ ){0,3}алимент\w* на (?:ребенка|детей)",
        r"материнск\w* капитал\w*", r"выплат\w* на (?:ребенка|детей)",
    )),
    (Topic.SALARY, _any(
        r"зарплат\w*", r"\bзп\b", r"пенси\w*", r"доход\w*", r"прожиточн\w*", r"сколько (?:мне )?(?:оставят|будут оставлять|останется)",
        r"на что (?:я )?(?:буду )?жить", r"как (?:мне )?(?:потом )?жить", r"ничего (?:\w+ )?не оставят", r"на (?:них|детей|ребенка|иждивенц\w*) (?:\S+ ){0,2}оставят", r"удержан\w*", r"вычет\w*", r"списыва\w* (?:\w+ )?с карт\w*", r"пособи\w*",
    )),
    (Topic.HOUSEHOLD, _any(
        r"(?:отбирают|заберут|отберут|забирают|опишут|арестуют|изымут|отнимут)\b.{0,30}\b(?:вещи|технику|телевизор\w*|холодильник\w*|мебел\w*|стиральн\w*|одежд\w*|телефон\w*|ноутбук\w*)",
        r"(?:вещи|бытов\w* техник\w*|телевизор\w*|холодильник\w*|мебел\w*|стиральн\w*|ноутбук\w*)\b.{0,30}\b(?:заберут|отберут|опишут|тронут|изымут|отбирают|забирают)",
        r"(?:отбирают|забирают|заберут|отберут) (?:\w+ )?(?:все|всё)\b",
    )),
    (Topic.PROPERTY, _any(
        r"(?:дач\w*|гараж\w*|участ(?:ок|ка)|земл\w*|втор\w* квартир\w*|дол[юя] в \w+|имуществ\w*)\b.{0,40}\b(?:заберут|отберут|отнимут|продадут|продать|изымут|тронут|арестуют|забрать)",
        r"(?:заберут|отберут|отнимут|продадут|продать|изымут|тронут|арестуют|забрать) (?:\w+ ){0,2}(?:дач\w*|гараж\w*|участ(?:ок|ка)|земл\w*|втор\w* квартир\w*|имуществ\w*)",
        r"(?:что|как) (?:будет )?с (?:моей |моим |нашей |нашим )?(?:дач\w*|гараж\w*|участк\w*|имуществ\w*)",
    )),
    (Topic.FLAT, _any(
        rf"{_TAKE} (?:\w+ )?(?:квартир\w*|жиль\w*|дом\w*|комнат\w*|единственн\w*)",
        r"(?:квартир\w*|жиль\w*|дом|комнат\w*)\b.{0,40}\b(?:заберут|отберут|отнимут|изымут|продадут|оставят|тронут|выселят)",
        r"(?:что|как) (?:будет )?с (?:моей |нашей )?(?:квартир\w*|жиль\w*|дом\w*)", r"останусь без (?:жилья|квартиры)", r"на улиц\w*", r"выселят",
        r"(?:ответьте|скажите|расскажите|объясните|а) (?:\w+ )?про (?:квартир\w*|жиль\w*|дом)\b",
        r"^(?:а|и|ну) (?:мою |моя |нашу |наша )?(?:квартир\w*|жиль\w*|дом)$",
    )),
    (Topic.CAR, _any(
        rf"{_TAKE} (?:\w+ )?(?:машин\w*|авто\w*|тачк\w*)", r"(?:машин\w*|авто\w*|тачк\w*)\b.{0,40}\b(?:заберут|отберут|отнимут|продадут|оставят|тронут)",
        r"(?:что|как) (?:будет )?с (?:моей )?(?:машин\w*|авто\w*)", r"^(?:а|и|ну) (?:мою |моя )?(?:машин\w*|авто\w*|тачк\w*)$",
    )),
    (Topic.TRAVEL, _any(
        r"за ?границ\w*", r"загран\w*", r"выезд\w*", r"выпустят", r"за рубеж\w*", r"в отпуск", r"в турци\w*", r"в египет",
        rf"{_GO}\b.{{0,30}}\b(?:в|за) {_ABROAD}", rf"(?:в|за) {_ABROAD}\b.{{0,25}}\b{_GO}",
    )),
    (Topic.CREDIT_HISTORY, _any(
        r"кредитн\w* истори\w*", r"черн\w* спис\w*", r"(?:кредит\w*|ипотек\w*)(?: \w+){0,2} (?:не )?дадут", r"(?:взять|брать|получить) (?:\w+ )?(?:кредит\w*|ипотек\w*|займ\w*)",
        r"кредиты? (?:потом|после)", r"клейм\w*", r"(?:кредит\w*|ипотек\w*|займ\w*) (?:\w+ )?(?:взять|брать|получить)",
    )),
    (Topic.NON_PAYMENT, _any(
        r"(?:перестать|прекратить|бросить|не) (?:\w+ )?(?:платить|гасить|вносить|отдавать)", r"не платить",
        r"уже не платить", r"можно (?:ли )?(?:мне )?(?:уже |просто )?не платить",
        r"(?:платить|гасить|вносить) (?:\w+ )?(?:перестан\w*|не буду|не стану|брошу|прекращу)",
        r"перестан\w* (?:\w+ )?(?:платить|гасить|вносить)",
    )),
    (Topic.STATE_PROGRAM, _any(r"государствен\w* программ\w*", r"госпрограмм\w*", r"амнисти\w*", r"путин\w*", r"от государства")),
    (Topic.GUARANTEE, _any(r"гаранти\w*", r"(?:могут|может) (?:и |ведь |же )?не спис\w*", r"вдруг не спиш\w*", r"точно (?:ли )?спиш\w*", r"а если не (?:получится|спишут|выйдет)", r"(?:вдруг|если) (?:суд )?откаж\w*", r"100 ?%")),
    (Topic.DURATION, _any(
        r"сколько (?:\w+ ){0,2}(?:длится|времени|по времени|займет|идет|ждать|месяцев|длиться)", r"как долго", r"какой срок", r"какие сроки",
        r"по срокам", r"долго ли", r"как скоро", r"^(?:а |и |ну )?долго\b", r"(?:долго|долгая) (?:\w+ ){0,2}(?:это|все|процедура)\b", r"когда (?:\w+ )?(?:всё |все )?закончится", r"тянется", r"за сколько (?:месяцев|времени)", r"когда (?:\w+ )?(?:спишут|закончится|всё закончится)",
    )),
    (Topic.UNLISTED_DEBT, _any(
        r"(?:забуду|забыл\w*|не укажу|не указал\w*|не впишу|пропущу) (?:\w+ ){0,3}(?:долг\w*|кредит\w*|кредитор\w*|займ\w*|мфо)",
        r"(?:долг\w*|кредит\w*|кредитор\w*|займ\w*) (?:\w+ ){0,3}не (?:указ|впис)\w*",
        r"после мфц (?:\w+ ){0,3}(?:требовать|взыскивать|звонить|спросить)",
    )),
    (Topic.REPEAT, _any(
        r"(?:снова|повторно|опять|второй раз|ещ[её] раз) (?:\w+ ){0,2}(?:банкрот\w*|подать|обанкротиться|можно|через мфц)",
        r"через сколько (?:\w+ ){0,2}(?:снова|повторно|опять|еще раз)", r"повторн\w* (?:банкротств\w*|процедур\w*)",
    )),
    (Topic.ELIGIBILITY, _any(
        r"(?:можно|получится|реально|могу)(?: ли)?(?: мне| я)?(?: \w+){0,2} (?:обанкротиться|банкротиться|стать банкротом|пройти банкротств\w*|подать на банкротств\w*)",
        r"(?:подхожу|подойду|подойдет|подходит)(?: ли)?(?: я| мне)? (?:\w+ )?(?:под|для|на) (?:банкротств\w*|процедур\w*|мфц|списани\w*)",
        r"(?:мне|я) (?:\w+ )?(?:подхожу|подойду|подходит)",
        r"(?:можно|нужно|надо|идти)(?: ли)?(?: мне)? (?:\w+ )?через (?:суд|мфц|арбитраж\w*)", r"через (?:суд|мфц) (?:\w+ )?(?:мне )?(?:не )?(?:надо|нужно|можно|получится)",
        r"кому (?:\w+ )?(?:можно|подходит|положено)", r"отлича\w*", r"(?:что|как) (?:мне )?лучше(?: \w+)? (?:суд|мфц)", r"(?:какие|каки) (?:\w+ )?услови\w*",
    )),
    (Topic.MFC, _any(r"внесудеб\w*", r"мфц", r"упрощенн\w*", r"через госуслуг\w*")),
    (Topic.WHICH_DEBTS, _any(
        r"алимент\w*", r"штраф\w*", r"налог\w*", r"жкх", r"коммунал\w*", r"(?:все|какие|любые) (?:ли )?долги", r"что (?:не )?(?:спишут|списывается)",
        r"(?:микрозайм\w*|займ\w*|кредитк\w*|мфо)\b.{0,25}\bспис\w*", r"спис\w* (?:ли )?(?:\w+ )?(?:микрозайм\w*|займ\w*|кредитк\w*|мфо)",
    )),
    (Topic.COLLECTORS, _any(r"коллектор\w*", r"названива\w*", r"угрожа\w*", r"звонят", r"звонки", r"\d+ раз\w* в (?:день|сутки|неделю)", r"(?:имеют право|могут|вправе) (?:\w+ ){0,2}звонить")),
    (Topic.CONSENT_INFO, _any(
        r"соглас\w*", r"зачем (?:вам )?(?:мои )?(?:данные|номер|телефон)", r"персональн\w*", r"(?:данн\w*|номер\w*) (?:\w+ ){0,3}(?:переда\w*|прода\w*|сольете|хран\w*)",
        r"(?:кто|куда|где) (?:\w+ ){0,3}(?:данн\w*|видеть)", r"данн\w* (?:\w+ )?(?:передаю\w*|хран\w*|увид\w*)", r"отозвать",
    )),
    (Topic.HOW_IT_WORKS, _any(
        r"как (?:\w+ ){0,3}(?:работает|проходит|происходит|устроен\w*)", r"что (?:мне )?(?:нужно|надо) (?:делать|от меня)",
        r"что (?:\w+ )?делать", r"с чего начать", r"в чем суть", r"что за процедура",
        r"как (?:мне )?(?:быть|выбраться|избавиться)",
        r"(?:реально|возможно|можно)(?: ли)? (?:\w+ ){0,2}(?:решить|списать|избавиться)",
        r"(?:мфо|микрозайм\w*|займ\w*|кредитк\w*|кредит\w*|долг\w*) (?:\w+ ){0,2}(?:реально )?(?:списать|обнулить) (?:\w+ )?(?:можно|реально|получится)", r"(?:что|как) (?:вы )?(?:посоветуете|порекомендуете|предложите)",
    )),
    (Topic.OTHER, _any(r"спис\w*", r"банкрот\w*", r"помочь")),  # weak: "how it works" if nothing else
]  # fmt: skip

_HIDE = next(pattern for topic, pattern in _TOPICS if topic is Topic.HIDE_PROPERTY)
_WANTS_TOO = re.compile(
    r"\b(?:муж|жена|брат|сестра|мама|мать|отец|папа|сын|дочь|друг|подруга) (?:\w+ ){0,2}"
    r"(?:тоже|также) (?:\w+ )?(?:хочет|хотят|хотел\w*|собирается|думает) (?:\w+ )?"
    r"(?:банкрот\w*|обанкрот\w*|к вам|обратиться|списать)"
)
_HOW_IT_WORKS = next(p for topic, p in _TOPICS if topic is Topic.HOW_IT_WORKS)


def only_names_bankruptcy(clause: str, topics: list[Topic]) -> bool:
    """ "…если узнают что я банкрот?": the word alone, not a question how it works."""
    return topics == [Topic.HOW_IT_WORKS] and _HOW_IT_WORKS.search(clause) is None


_RELATIVES_CALLED = next(p for topic, p in _TOPICS if topic is Topic.RELATIVES_COLLECTORS)

# Whose salary, flat, car: a question about the spouse's salary is a different answer.
_BY_SUBJECT = {
    (Topic.SALARY, Subject.SPOUSE): Topic.SPOUSE_SALARY,
    (Topic.CAR, Subject.SPOUSE): Topic.SPOUSE,  # "его машину заберут?" about the husband's car
    (Topic.FLAT, Subject.SPOUSE): Topic.SPOUSE,
    (Topic.FLAT, Subject.SIBLING): Topic.DEAL_WITH_RELATIVE,
    (Topic.CAR, Subject.SIBLING): Topic.DEAL_WITH_RELATIVE,
    (Topic.PROPERTY, Subject.SPOUSE): Topic.SPOUSE,  # "дачу его могут продать?"
    (Topic.GUARANTOR, Subject.SPOUSE): Topic.SPOUSE,  # a co-borrower spouse: QA's `spouse`
    (Topic.CHILDREN, Subject.SPOUSE): Topic.SPOUSE,  # "мои долги на него повесят?" (the husband)
    (Topic.CREDIT_HISTORY, Subject.CHILD): Topic.CHILDREN,  # "им потом кредиты дадут?"
}


_TAKING = re.compile(
    r"\b(?:заберут|отберут|отнимут|изымут|продадут|оставят|тронут|забрать|отобрать)\b"
)
_HOME_WORD = re.compile(r"\b(?:квартир\w*|жиль\w*|дом|дома|комнат\w*)\b")
_CAR_WORD = re.compile(r"\b(?:машин\w*|авто(?:мобиль)?\w*|тачк\w*)\b")
_PLEDGE_WORD = re.compile(r"\b(?:залог\w*|автокредит\w*|в кредит\w*)")
_MORTGAGE_YES = re.compile(r"(?<!без )(?<!не в )(?<!нет )\bипотек\w*(?! нет)|\bипотечн\w*")


_NOT_PLEDGED = re.compile(
    r"\b(?:не (?:в )?(?:залог|кредит|ипотек)\w*|без (?:залог|кредит|ипотек)\w*|не ипотек\w*)"
)


_BOTH = re.compile(r"\b(?:их|они|оба|обе|всё это|все это|и то и другое)\b")


def taken_objects(before: str, asked: str, known: frozenset[str] = frozenset()) -> list[Topic]:
    """ "Квартира единственная. Её заберут?": what a bare "заберут?" asks about.

    A plural ("квартира и машина, их заберут?") asks about both, home first.
    """
    home, car = _HOME_WORD.search(before), _CAR_WORD.search(before)
    home_topic = car_topic = None
    if home:
        mortgaged = (_MORTGAGE_YES.search(before) and not _NOT_PLEDGED.search(before)) or (
            "mortgage" in known
        )
        home_topic = Topic.MORTGAGE_FLAT if mortgaged else Topic.FLAT
    if car:
        pledged = (_PLEDGE_WORD.search(before) and not _NOT_PLEDGED.search(before)) or (
            "pledged_car" in known
        )
        car_topic = Topic.PLEDGED_CAR if pledged else Topic.CAR
    if home_topic and car_topic and _BOTH.search(asked):
        return [home_topic, car_topic]
    if home and home_topic and (not car or home.start() > car.start()):
        return [home_topic]
    return [car_topic] if car_topic else []


def sharpened(topic: Topic, known: frozenset[str]) -> Topic:
    """What is known of the person sharpens a question: their flat is in a mortgage."""
    if topic is Topic.FLAT and "mortgage" in known:
        return Topic.MORTGAGE_FLAT
    if topic is Topic.CAR and "pledged_car" in known:
        return Topic.PLEDGED_CAR
    return topic


_TAKEABLE = (Topic.MORTGAGE_FLAT, Topic.FLAT, Topic.PLEDGED_CAR, Topic.CAR, Topic.PROPERTY)


_FOLLOW_UP = re.compile(
    r"\b(?:примерно|хоть|хотя бы|конкретн\w*|точнее|подробн\w*|а именно|например|в смысле)\b"
)


def followed_up(clause: str, known: frozenset[str]) -> Topic | None:
    """ "ну примерно хоть?" right after the price was answered: the same question, pressed."""
    if not _FOLLOW_UP.search(clause):
        return None
    last = next((k.split(":", 1)[1] for k in known if k.startswith("last:")), "")
    return next((t for t in Topic if t.value == last), None)


def last_taken(known: frozenset[str]) -> Topic | None:
    """ "Неужели всё равно могут забрать?" right after a flat or car was answered: that one."""
    return next((t for t in _TAKEABLE if f"answered:{t.value}" in known), None)


def ask_topics(clause: str, subject: Subject, kin: bool = True) -> list[Topic]:
    """The topics of one question clause, in the order the words stand; `other` if none.

    `kin=False`: a relative named alone ("а детям?") does not make the topic, for a
    clause joined to the one before ("там дети прописаны. её заберут?").
    """
    found: list[tuple[int, Topic]] = []
    taken: list[tuple[int, int]] = []
    for topic, pattern in _TOPICS:
        for match in pattern.finditer(clause):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            found.append((span[0], _BY_SUBJECT.get((topic, subject), topic)))
            break
    weak = any(t is Topic.OTHER for _, t in found)
    topics: list[Topic] = list(dict.fromkeys(t for _, t in sorted(found) if t is not Topic.OTHER))
    if _EVICTION.search(clause):  # "жену с ребёнком не выселят?": the home, whoever lives in it
        topics = [Topic.FLAT if t in (Topic.SPOUSE, Topic.CHILDREN) else t for t in topics]
    topics = _both_taken(clause, topics)
    precise = [t for t in _narrowest(topics) if t not in _FALLBACK]
    fallback = [t for t in _FALLBACK if t in topics][:1]
    if precise or fallback:
        return precise or fallback
    if weak:
        return [Topic.HOW_IT_WORKS]
    relative = relative_named(clause) if kin else None
    if relative is not None:  # "и жене?", "а детям?": the relative's liability
        return [Topic.SPOUSE if relative is Subject.SPOUSE else Topic.CHILDREN]
    return [Topic.OTHER]


_EVICTION = re.compile(r"\b(?:выселят|выселить|выгонят|выпишут|на улиц\w*)")
_HOMES = (Topic.FLAT, Topic.MORTGAGE_FLAT)
_CARS = (Topic.CAR, Topic.PLEDGED_CAR)


def _both_taken(clause: str, topics: list[Topic]) -> list[Topic]:
    """ "квартира и машина, их заберут?": one pattern spans both things; both are asked."""
    if not _BOTH.search(clause) or not _TAKING.search(clause):
        return topics
    has_home = any(t in _HOMES for t in topics)
    has_car = any(t in _CARS for t in topics)
    if has_home and not has_car and _CAR_WORD.search(clause):
        pledged = _PLEDGE_WORD.search(clause) and not _NOT_PLEDGED.search(clause)
        return [*topics, Topic.PLEDGED_CAR if pledged else Topic.CAR]
    if has_car and not has_home and _HOME_WORD.search(clause):
        mortgaged = _MORTGAGE_YES.search(clause) and not _NOT_PLEDGED.search(clause)
        return [Topic.MORTGAGE_FLAT if mortgaged else Topic.FLAT, *topics]
    return topics


# Families that only speak when nothing more precise does ("банкротство" in any question).
_FALLBACK = (Topic.COLLECTORS, Topic.CONSENT_INFO, Topic.HOW_IT_WORKS)  # first wins


# A general family that only restates a precise one in the same clause adds nothing.
_COVERED_BY = {
    Topic.HOW_IT_WORKS: {Topic.DOCUMENTS, Topic.MFC, Topic.PRICE, Topic.DURATION, Topic.ELIGIBILITY, Topic.UNLISTED_DEBT, Topic.REPEAT, Topic.RESTRUCTURING},
    Topic.ELIGIBILITY: {Topic.MFC},  # "мне подходит МФЦ?": the МФЦ answer names its conditions
    Topic.MFC: {Topic.UNLISTED_DEBT, Topic.REPEAT},
    Topic.WHICH_DEBTS: {Topic.ELIGIBILITY, Topic.UNLISTED_DEBT},
    Topic.PROPERTY: {Topic.HOUSEHOLD, Topic.HIDE_PROPERTY, Topic.DEAL_WITH_RELATIVE, Topic.RELATIVE_PROPERTY},
    Topic.CHILDREN: {Topic.RELATIVE_SERVICE, Topic.RELATIVES_COLLECTORS, Topic.DEAL_WITH_RELATIVE, Topic.HIDE_PROPERTY, Topic.GUARANTOR},
    Topic.SPOUSE: {Topic.RELATIVE_SERVICE, Topic.SPOUSE_SALARY, Topic.CHILDREN, Topic.GUARANTOR},
    Topic.NON_PAYMENT: {Topic.PRICE, Topic.CRIMINAL},
    Topic.COLLECTORS: {Topic.RELATIVES_COLLECTORS, Topic.NUMBER_LEAKED},
    Topic.SALARY: {Topic.SPOUSE_SALARY, Topic.JOB, Topic.BENEFITS},
    Topic.JOB: {Topic.COMPANY},
    Topic.FLAT: {Topic.MORTGAGE_FLAT, Topic.HIDE_PROPERTY, Topic.DEAL_WITH_RELATIVE, Topic.RELATIVE_PROPERTY},
    Topic.CAR: {Topic.PLEDGED_CAR, Topic.HIDE_PROPERTY, Topic.DEAL_WITH_RELATIVE, Topic.RELATIVE_PROPERTY},
    Topic.CREDIT_HISTORY: {Topic.PLEDGED_CAR, Topic.MORTGAGE_FLAT},
    Topic.CONSENT_INFO: {Topic.NUMBER_LEAKED},
}  # fmt: skip


def covered(topic: Topic, present: set[Topic]) -> bool:
    """Whether a more precise topic among `present` says what this general one would."""
    return bool(_COVERED_BY.get(topic, set()) & present)


def _narrowest(topics: list[Topic]) -> list[Topic]:
    present = set(topics)
    return [t for t in topics if not (_COVERED_BY.get(t, set()) & present)]
