"""Rule-based reading of one Russian message: slots, objections, commands and flags.

Pure: text (and the last question, and today's date for "с весны") in, an
`Understanding` out. The only state is pymorphy3's dictionary, loaded once on
first use, and small caches of lemmas.

One module per family of facts, each owning its vocabulary and rules
(`amounts`, `phones`, `overdue`, `region`, ...); `reader` runs them and
orders the result. The reading works on a normalised copy of the text (lower
case, ё → е, latin lookalikes inside Cyrillic words fixed, phones masked)
split into tokens; most rules are regular expressions over the tokens joined
by single spaces.
"""

from credit_expert.understanding.numbers import parse_amount
from credit_expert.understanding.phones import PHONE_MASK, mask_phones, parse_phone
from credit_expert.understanding.reader import understand
from credit_expert.understanding.text import clean_text

__all__ = ["PHONE_MASK", "clean_text", "mask_phones", "parse_amount", "parse_phone", "understand"]
