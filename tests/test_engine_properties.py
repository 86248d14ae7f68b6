"""Property-based tests: whatever a Discord user types, the engine answers safely.

Inputs are arbitrary Unicode up to Discord's 4,000-character message limit, mixed
with the things people (and spammers) paste: zero-width and bidi controls,
homoglyphs, code blocks, links, mentions and markdown.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Context, Engine
from bot.reading import any_phrase, has_phrase, phrases_in

MAX_MESSAGE = 4000
# What an answer may hold so any front end can show it inside Discord's limits.
EMBED_DESCRIPTION = 4096
SUGGESTION = 100  # a button label is at most 80 characters; suggestions stay short
PINGS = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>")

PASTED = st.sampled_from(
    [
        "@everyone", "@here", "<@123456789012345678>", "<@!123456789012345678>",
        "<@&123456789012345678>", "<#123456789012345678>", "</ask:1234>",
        "\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u2066", "\u2069",
        "ЅОYUZ МЅ-23", "ѕоуuz", "ms‐23", "ms–23", "ＭＳ－２３", "𝐦𝐬-𝟐𝟑",
        "```py\nprint('hi')\n```", "`ms-23`", "**bold**", "__u__", "~~s~~", "||spoiler||",
        "> quote", "# heading", "https://example.com/?q=ms-23", "[link](https://x.y)",
        "<:emoji:123456789012345678>", "<a:anim:123>", "🚀", "🛰️", "👩‍🚀", "🇷🇺",
        "when did ms-23 land", "ms-22", "soyuz ms-21", "apollo 11", "crew-5", "69S",
        "land " * 50, "ms-23 " * 40, "?" * 100, "\n" * 30, "\t", "\x00", "\r\n",
    ]
)
TEXT = st.lists(st.one_of(PASTED, st.text(max_size=200)), max_size=40).map(
    lambda parts: " ".join(parts)[:MAX_MESSAGE]
)

quick = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def assert_safe(answer_text: str, suggestions: tuple[str, ...]) -> None:
    assert 0 < len(answer_text) <= EMBED_DESCRIPTION
    assert not PINGS.search(answer_text), answer_text
    for suggestion in suggestions:
        assert len(suggestion) <= SUGGESTION
        assert not PINGS.search(suggestion)


@quick
@given(TEXT)
def test_any_message_gets_a_safe_answer(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.status in ("answered", "clarify", "unknown")
    assert 0.0 <= answer.confidence <= 1.0
    assert_safe(answer.text, answer.suggestions)
    for citation in answer.citations:
        assert citation.quote in engine.factbase.documents[citation.source].text
    if answer.status == "answered":
        assert answer.citations, "an answer always cites its source"


@quick
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_conversations_of_arbitrary_messages_stay_safe(
    engine: Engine, questions: list[str]
) -> None:
    context = Context()
    for question in questions:
        answer = engine.ask(question, context)
        assert_safe(answer.text, answer.suggestions)
        context = context.after(answer)
        assert context.mission is None or context.mission in engine.factbase.missions


@quick
@given(st.text(min_size=1, max_size=MAX_MESSAGE))
def test_arbitrary_unicode_never_raises(engine: Engine, question: str) -> None:
    assert_safe(engine.ask(question).text, engine.ask(question).suggestions)


@given(st.sampled_from(["\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066"]))
def test_invisible_characters_do_not_change_the_answer(engine: Engine, mark: str) -> None:
    plain = engine.ask("when did ms-23 land?")
    hidden = engine.ask(f"when{mark} did ms{mark}-23 la{mark}nd?")
    assert (hidden.status, hidden.mission, hidden.intent) == (
        plain.status,
        plain.mission,
        plain.intent,
    )


_WORDS = st.lists(st.sampled_from(["a", "b", "c"]), max_size=6).map(tuple)


@given(_WORDS, _WORDS)
def test_has_phrase_is_a_run_of_whole_tokens(
    toks: tuple[str, ...], phrase: tuple[str, ...]
) -> None:
    """The fast scan agrees with the definition, empty phrase included (found anywhere)."""
    n = len(phrase)
    expected = any(toks[i : i + n] == phrase for i in range(len(toks) - n + 1))
    assert has_phrase(toks, phrase) is expected


@given(_WORDS, st.frozensets(_WORDS.filter(bool), max_size=5))
def test_a_word_lists_phrases_are_found_as_one_by_one(
    toks: tuple[str, ...], phrases: frozenset[tuple[str, ...]]
) -> None:
    """The one-pass lookup of a word list agrees with scanning for each phrase."""
    expected = [p for p in phrases if has_phrase(toks, p)]
    assert phrases_in(toks, phrases) == expected
    assert any_phrase(toks, phrases) is bool(expected)
