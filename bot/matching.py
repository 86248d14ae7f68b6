"""Score a question against the intent catalogue.

Two signals, both cheap:

* **explained**: the share of the question's information (IDF-weighted content
  tokens) that an intent's vocabulary accounts for. A word no intent knows
  ("flight" in "when does my flight land") is unexplained for every intent, which
  is what keeps everyday questions that share a word with spaceflight from
  being answered.
* **similar**: rapidfuzz similarity to the intent's closest example utterance,
  which rewards phrasing ("what day did it come back") beyond single words.

Typos are repaired first by snapping unknown tokens to the nearest vocabulary
word within a small edit distance.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.factbase import Intent
from bot.text import tokens as tokenize

# Question words decide between intents ("when" launch vs "where" launch_site), so they
# stay even when a stopword list names them.
QUESTION_WORDS = frozenset({"when", "where", "who", "whom", "why", "how", "which", "what"})
# "Who made you?" is about the bot, not a mission; "can you tell me..." is politeness.
# So "you" counts as a (never explained) word unless an auxiliary verb precedes it.
_ADDRESSEE = frozenset({"you", "u", "ya", "your", "ur", "yours", "yourself"})
# Stemming pools "land", "landed", "landing"; "crewed" must stay apart from "crew".
_UNSTEMMED = frozenset({"crewed"})
_POLITE_BEFORE_YOU = frozenset(
    {
        "can",
        "could",
        "would",
        "will",
        "do",
        "did",
        "if",
        "may",
        "thank",
        "tell",
        "help",
        "pls",
        "please",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    intent: str
    score: float
    explained: float
    similar: float


@dataclass(frozen=True, slots=True)
class Scored:
    """The ranked intents for one question, with what the matcher made of its words."""

    candidates: tuple[Candidate, ...]
    content: tuple[str, ...]
    unexplained: tuple[str, ...]
    anchored: bool = False
    """True when a word is unmistakably about spaceflight (a curated domain term)."""
    specific: bool = False
    """True when a word names a topic: not only question words and vague terms
    ("what's the time", "ms-23 when?"). "Who" alone does: it asks for people."""

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass(frozen=True, slots=True)
class MatcherSettings:
    """Weights of the two signals; tuned on the development questions (see `bot eval`)."""

    explained_weight: float = 0.5
    unknown_idf: float = 3.0
    keyword_weight: float = 2.0
    min_correct_len: int = 5
    max_correct_len: int = 24
    """Longer tokens are not typos of any vocabulary word; repairing them only costs time."""
    max_tokens: int = 64
    """Content words read per question. A question is a sentence or two; reading all of a
    4,000-character wall of text would not answer it better, only slower."""
    assoc_power: float = 0.5
    """<1 lets a word keep some weight for intents that use it less often than the top one."""
    min_support: float = 2.0
    """A word seen in fewer examples than this counts for proportionally less: one stray
    "good" in a cargo example must not make "good bot" a cargo question."""
    coverage_power: float = 1.0
    """How hard words no intent knows pull a score down; <1 forgives rambling questions
    more, at the risk of answering everyday ones."""
    similarity: str = "token_sort_ratio"
    """The rapidfuzz.fuzz scorer comparing a question with example utterances."""


class IntentMatcher:
    """Ranks intents for a token sequence; pure and immutable once built."""

    def __init__(
        self,
        intents: Mapping[str, Intent],
        stopwords: Iterable[str] = (),
        domain_terms: Iterable[str] = (),
        settings: MatcherSettings | None = None,
        vague_terms: Iterable[str] = (),
        spellings: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings or MatcherSettings()
        self._spellings = dict(spellings or {})
        self.stopwords = frozenset(stopwords) - QUESTION_WORDS - _ADDRESSEE
        # counts[token][intent]: how many of the intent's examples (and keywords, which
        # count double) use the token.
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        surface: Counter[str] = Counter()
        self._stemmer = snowballstemmer.stemmer("english")
        self._stem = lru_cache(maxsize=16384)(self._stem_uncached)
        examples: list[str] = []
        owners: list[str] = []
        for intent in intents.values():
            for text, weight in [(e, 1.0) for e in intent.examples] + [
                (k, self.settings.keyword_weight) for k in intent.keywords
            ]:
                for word in set(self._content(tokenize(text))):
                    surface[word] += 1
                    counts[self._stem(word)][intent.id] += weight
            for example in intent.examples:
                examples.append(" ".join(map(self._stem, self._content(tokenize(example)))))
                owners.append(intent.id)
        self._examples = examples
        self._owners = owners
        self._intents = tuple(intents)
        n = len(self._intents) or 1
        self._idf = {w: math.log(1 + n / len(by_intent)) for w, by_intent in counts.items()}
        # assoc[token] = ((intent, strength 0..1), ...): 1 for the intent using it most.
        self._assoc: dict[str, tuple[tuple[str, float], ...]] = {}
        for word, by_intent in counts.items():
            top = max(by_intent.values())
            support = min(1.0, top / self.settings.min_support)
            self._assoc[word] = tuple(
                (i, support * (c / top) ** self.settings.assoc_power) for i, c in by_intent.items()
            )
        domain = {t for term in domain_terms for t in tokenize(term)}
        stems = {self._stem(t) for t in domain}
        self._anchors = frozenset(stems)
        self._vague = frozenset(
            self._stem(t)
            for term in (*vague_terms, *(QUESTION_WORDS - {"who", "whom"}))
            for t in tokenize(term)
        )
        self._domain_idf = {w: 1.0 for w in stems - counts.keys()}
        # Spelling is repaired against the words as written, then stemmed.
        self._frequency = surface
        self._surface = frozenset(surface.keys() | domain)
        self._vocabulary = sorted(self._surface)
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)
        self._scorer = getattr(fuzz, self.settings.similarity)
        # token_sort_ratio is ratio over sorted words: sorting each example once, and the
        # question once, gives the same scores about four times faster.
        self._presorted = self.settings.similarity == "token_sort_ratio"
        if self._presorted:
            self._examples = [" ".join(sorted(e.split())) for e in self._examples]
            self._scorer = fuzz.ratio

    def stem(self, word: str) -> str:
        """The stem the matcher compares `word` by ("launches" -> "launch")."""
        return self._stem(word)

    def clear_caches(self) -> None:
        """Forget the typo repairs made for past questions."""
        self._correct.cache_clear()

    def _content(self, toks: Iterable[str]) -> tuple[str, ...]:
        """Tokens that carry a topic: no stopwords, no whole numbers ("like im 5"), and
        "you" only where the bot itself is the topic."""
        content = []
        before = previous = ""
        for token in toks:
            token = self._spellings.get(token, token)
            if token in _ADDRESSEE:
                # "do you know..." is polite; "where do you come from" asks about the bot.
                polite = previous in _POLITE_BEFORE_YOU and before not in QUESTION_WORDS
                keep = not (token in ("you", "u", "ya") and polite)
            else:
                # Bare counts and years say nothing about the topic; a decimal
                # ("2.1" of Soyuz-2.1a, "51.66" degrees) can.
                keep = token not in self.stopwords and (
                    not token[0].isdigit() or "." in token
                )
            if keep:
                content.append(token)
            before, previous = previous, token
        return tuple(content)

    def _stem_uncached(self, word: str) -> str:
        return word if word in _UNSTEMMED else self._stemmer.stemWord(word)

    def _correct_uncached(self, token: str) -> str:
        """The stem of the vocabulary word `token` was most likely meant as."""
        return self._stem(self._spell(token))

    def _spell(self, token: str) -> str:
        if (
            token in self._surface
            or self._stem(token) in self._idf
            or not self.settings.min_correct_len <= len(token) <= self.settings.max_correct_len
            or token.isdigit()
        ):
            return token
        max_distance = 1 if len(token) < 8 else 2
        # Typos rarely hit the first letter; requiring it keeps "rain" from becoming "ran".
        matches = process.extract(
            token,
            [w for w in self._vocabulary if w[0] == token[0]],
            scorer=OSA.distance,
            score_cutoff=max_distance,
            limit=None,
        )
        if not matches:
            return token
        # Nearest first; between equally near words, the one people use most
        # ("lauch" is "launch", not "latch").
        return min(matches, key=lambda m: (m[1], -self._frequency[m[0]]))[0]

    def content(self, toks: Iterable[str]) -> tuple[str, ...]:
        """The words `score` reads (stopwords out, typos repaired, stemmed), without
        scoring them: enough to tell whether a question names a topic at all."""
        return tuple(self._correct(t) for t in self._content(toks)[: self.settings.max_tokens])

    def score(self, toks: Iterable[str]) -> Scored:
        """Rank every intent for the (mission-free) tokens of a question."""
        content = self.content(toks)
        if not content:
            return Scored((), (), ())
        weights = [
            self._idf.get(t) or self._domain_idf.get(t) or self.settings.unknown_idf
            for t in content
        ]
        total = sum(weights)
        explained: dict[str, float] = defaultdict(float)
        known = 0.0
        for token, weight in zip(content, weights, strict=True):
            assoc = self._assoc.get(token, ())
            if assoc or token in self._domain_idf:
                known += weight
            for intent, strength in assoc:
                explained[intent] += strength * weight / total
        coverage = known / total
        if known and self.settings.coverage_power != 1.0:
            # Rescale so that the known words' share counts as coverage ** power.
            factor = coverage ** self.settings.coverage_power / coverage
            explained = defaultdict(float, {i: v * factor for i, v in explained.items()})
            coverage **= self.settings.coverage_power
        unexplained = tuple(t for t in content if t not in self._idf and t not in self._domain_idf)
        query = " ".join(sorted(content) if self._presorted else content)
        # Best match first, so an intent's first example found is its nearest.
        similar: dict[str, float] = {}
        owners = self._owners
        for _, value, index in process.extract(
            query, self._examples, scorer=self._scorer, limit=None, score_cutoff=40
        ):
            similar.setdefault(owners[index], value / 100)
        w = self.settings.explained_weight
        candidates = []
        for i in self._intents:
            e, s = explained.get(i, 0.0), similar.get(i, 0.0)
            if e or s:
                candidates.append(Candidate(i, w * e + (1 - w) * s * coverage, e, s))
        candidates.sort(key=lambda c: c.score, reverse=True)
        anchored = any(t in self._anchors for t in content)
        specific = any(t not in self._vague for t in content)
        return Scored(tuple(candidates), content, unexplained, anchored, specific)
