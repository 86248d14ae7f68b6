"""Turn what people type in Discord into comparable tokens.

Questions arrive with mentions, markdown, emoji, smart quotes, zero-width
characters and odd casing. Everything downstream (mission aliases, intent
matching) compares the tokens produced here, so aliases and examples are
normalised by the same function as questions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Discord syntax that carries no words: user/role/channel mentions, custom emoji,
# timestamps, slash-command mentions, @everyone/@here and links.
_DISCORD_SYNTAX = re.compile(
    r"<(?:@[!&]?|#)\d+>"  # <@123>, <@!123>, <@&123>, <#123>
    r"|<a?:\w+:\d+>"  # <:name:123>, <a:name:123>
    r"|<t:-?\d+(?::[a-zA-Z])?>"  # <t:1700000000:R>
    r"|</[\w -]+:\d+>"  # </ask:123>
    r"|@(?:everyone|here)\b"
    r"|https?://\S+"
)
# ~~struck through~~ is what the writer took back: "~~ms-22~~ ms-23 when did it launch".
_STRUCK = re.compile(r"~~(?!~).+?~~", re.DOTALL)
_POSSESSIVE = re.compile(r"(?<=\w)['’‘`´]s\b")
# A question word with "'d" for "did": "why'd they do that".
_ASKED_DID = re.compile(r"\b(why|how|who|where|what|when)['’‘`´]d\b")
_APOSTROPHES = re.compile(r"(?<=\w)['’‘`´](?=\w)")
# A token is a decimal number ("2.1", "51.66"), a run of digits or a run of letters:
# "ms23" -> "ms 23", "69S" -> "69 s", "2.1a" -> "2.1 a".
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")

MAX_QUESTION_CHARS = 4000
"""Longer input is cut: Discord messages stop at 4,000 characters (Nitro)."""


def clean(text: str) -> str:
    """NFKC-fold `text` and drop Discord syntax, struck-through text and invisible
    format characters."""
    text = unicodedata.normalize("NFKC", text[:MAX_QUESTION_CHARS])
    text = _STRUCK.sub(" ", _DISCORD_SYNTAX.sub(" ", text))
    # Cf covers zero-width spaces/joiners and bidi controls; they split or hide words.
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word and number tokens of `text`, with punctuation and emoji removed."""
    text = _POSSESSIVE.sub("", clean(text).casefold())  # "ms-23's" -> "ms-23"
    text = _ASKED_DID.sub(r"\1 did", text)  # "why'd they" -> "why did they"
    text = _APOSTROPHES.sub("", text)  # "didn't" -> "didnt"
    return tuple(_TOKEN.findall(text))


def alias_key(alias: str) -> tuple[str, ...]:
    """The key under which a mission alias is indexed ("Soyuz MS-23" -> soyuz ms 23)."""
    return tokens(alias)
