"""The alternatives the engine is measured against: nearest example utterance by
rapidfuzz WRatio, by TF-IDF cosine (scikit-learn) and by BM25 (rank-bm25), and a
trained classifier (scikit-learn's logistic regression), each with one threshold
tuned on development data.

Every baseline answers with the engine's `Answer` (status, mission, intent), so
`bot.evaluation` scores all of them the same way. A baseline answers in three steps:

1. **Mission.** A simple alias lookup (`AliasLookup`): the fact base's aliases are
   matched as whole token sequences, longest first, after the same normalisation the
   engine uses (`bot.text.tokens`), and the matched tokens are removed from the text,
   as the engine removes them before matching (the example utterances leave mission
   names out). Names the fact base does not know ("Apollo 11", "Progress MS-22") are
   not recognised. `EngineMissions` swaps in the engine's own detector
   (`bot.entities.EntityIndex`), which refuses unknown names, to show the matchers
   alone.
2. **Intent.** The intent of the example utterance nearest the remaining text, if its
   score reaches the threshold; otherwise the question is out of scope. The
   classifier instead predicts the intent, its probability being the score.
3. **Fact.** The fact base's entry for (mission, intent), resolved exactly as the
   engine resolves it: a question naming no mission is about the default mission,
   else about the first mission holding that intent; a fact is `answered`, a gap or a
   missing fact is `unknown` with that mission and intent.

scikit-learn and rank-bm25 come from the `bench` extra (`pip install -e '.[bench]'`);
they are imported only when a TF-IDF or BM25 baseline is built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from bot.engine import Answer
from bot.entities import EntityIndex
from bot.factbase import Fact, FactBase
from bot.text import alias_key, tokens

_CHUNK = 2000  # queries scored at once (a chunk x utterances float matrix)


# ---------------------------------------------------------------------------- missions


@dataclass(frozen=True, slots=True)
class Parsed:
    """A question after mission detection: the missions it names and the rest of its text."""

    question: str
    text: str
    named: tuple[str, ...] = ()
    unknown: str | None = None
    """A mission-like name the fact base does not know (only `EngineMissions` finds these)."""


class MissionLookup(Protocol):
    name: str

    def parse(self, question: str) -> Parsed: ...


class AliasLookup:
    """Known aliases as whole token sequences, longest first; nothing else."""

    name = "alias lookup"

    def __init__(self, factbase: FactBase) -> None:
        self._index = {
            alias_key(alias): mission.id
            for mission in factbase.missions.values()
            for alias in mission.aliases
        }
        self._longest = max((len(k) for k in self._index), default=1)

    def parse(self, question: str) -> Parsed:
        toks = tokens(question)
        named: list[str] = []
        rest: list[str] = []
        i = 0
        while i < len(toks):
            for n in range(min(self._longest, len(toks) - i), 0, -1):
                mission = self._index.get(toks[i : i + n])
                if mission is not None:
                    named.append(mission)
                    i += n
                    break
            else:
                rest.append(toks[i])
                i += 1
        return Parsed(question, " ".join(rest), tuple(dict.fromkeys(named)))


class EngineMissions:
    """The engine's mission detector: known aliases plus a pattern for unknown names."""

    name = "engine's mission detector"

    def __init__(self, factbase: FactBase) -> None:
        self._index = EntityIndex({m.id: m.aliases for m in factbase.missions.values()})

    def parse(self, question: str) -> Parsed:
        toks = tokens(question)
        mentions = self._index.mentions(toks)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        rest = " ".join(t for i, t in enumerate(toks) if i not in covered)
        named = tuple(dict.fromkeys(m.mission for m in mentions if m.mission is not None))
        unknown = next((m.text for m in mentions if m.mission is None), None)
        return Parsed(question, rest, named, unknown)


# ---------------------------------------------------------------------------- matchers


class Matcher(Protocol):
    """Scores texts against the example utterances it was built on."""

    name: str

    def best(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(index of the nearest utterance, its score) for each text."""
        ...


def _argmax_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    index = matrix.argmax(axis=1)
    return index, matrix[np.arange(len(index)), index].astype(float)


def _best_in_chunks(
    texts: Sequence[str], best_of: Callable[[list[str]], tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray]:
    """`best_of` over _CHUNK texts at a time, so no score matrix grows with the input."""
    found = [best_of(list(texts[start : start + _CHUNK])) for start in range(0, len(texts), _CHUNK)]
    return np.concatenate([i for i, _ in found]), np.concatenate([s for _, s in found])


class FuzzyMatcher:
    """`process.extractOne(text, utterances, scorer=fuzz.WRatio)`; score 0..100.

    `best` computes the same thing for many texts at once with `process.cdist`
    (first best on a tie, as extractOne); `extract_one` is the literal call.
    """

    name = "rapidfuzz WRatio"

    def __init__(self, utterances: Sequence[str]) -> None:
        self.utterances = list(utterances)
        self._processed = [default_process(u) for u in self.utterances]

    def extract_one(self, text: str) -> tuple[int, float]:
        found = process.extractOne(
            text, self.utterances, scorer=fuzz.WRatio, processor=default_process
        )
        return (found[2], float(found[1])) if found else (0, 0.0)

    def best(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        if len(texts) == 1:  # one question: the literal extractOne call
            index, score = self.extract_one(texts[0])
            return np.array([index]), np.array([score])
        return _best_in_chunks(texts, self._best_of)

    def _best_of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        queries = [default_process(t) for t in texts]
        matrix = process.cdist(
            queries, self._processed, scorer=fuzz.WRatio, dtype=np.float64, workers=-1
        )
        return _argmax_rows(matrix)


BM25_CONFIGS = ("raw", "normalised")
TFIDF_CONFIGS: dict[str, dict[str, object]] = {
    "word 1-2": {"analyzer": "word", "ngram_range": (1, 2)},
    "char_wb 2-4": {"analyzer": "char_wb", "ngram_range": (2, 4)},
}


class TfidfMatcher:
    """Cosine similarity of TF-IDF vectors (sublinear tf, l2-normalised); score 0..1."""

    def __init__(self, utterances: Sequence[str], config: str = "word 1-2") -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.name = f"TF-IDF ({config})"
        self.config = config
        self._vectorizer = TfidfVectorizer(sublinear_tf=True, **TFIDF_CONFIGS[config])
        self._matrix = self._vectorizer.fit_transform(list(utterances)).T.tocsr()

    def best(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        return _best_in_chunks(texts, self._best_of)

    def _best_of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        return _argmax_rows((self._vectorizer.transform(texts) @ self._matrix).toarray())


class Bm25Matcher:
    """Okapi BM25 (k1=1.5, b=0.75) with each example utterance as a document.

    `raw` thresholds the plain BM25 score, which grows with the question's length.
    `normalised` divides it by the most the question's words could score,
    sum(idf(w) * (k1 + 1)), counting a word no utterance uses at the largest idf: 0..1,
    and low when much of the question is unknown, as an off-topic question is.
    """

    def __init__(self, utterances: Sequence[str], config: str = "raw") -> None:
        from rank_bm25 import BM25Okapi

        if config not in BM25_CONFIGS:
            raise ValueError(f"unknown BM25 configuration {config!r}")
        self.name = f"BM25 Okapi ({config})"
        self.config = config
        self._bm25 = BM25Okapi([list(tokens(u)) or [""] for u in utterances])
        self._max_idf = max(self._bm25.idf.values())

    def best(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        indices, scores = [], []
        bm25 = self._bm25
        for text in texts:
            words = list(tokens(text))
            row = bm25.get_scores(words)
            index = int(row.argmax())
            score = float(row[index])
            if self.config == "normalised" and words:
                most = sum(bm25.idf.get(w, self._max_idf) for w in words) * (bm25.k1 + 1)
                score = score / most if most > 0 else 0.0
            indices.append(index)
            scores.append(score)
        return np.array(indices, dtype=int), np.array(scores, dtype=float)


OUT_OF_SCOPE = "(out of scope)"


class ClassifierMatcher:
    """Multinomial logistic regression over TF-IDF features, trained on the examples.

    A trained model is what one would reach for after nearest-neighbour matching. With
    `negatives` (everyday queries: CLINC150's train and oos_train splits), they form one
    more class, so the model learns what is out of scope as well as what is in it. The
    score is the probability of the most likely intent, so a question the model takes
    for an everyday one scores low. `best` reports the first example of that intent.
    """

    def __init__(
        self,
        utterances: Sequence[str],
        owners: Sequence[str],
        negatives: Sequence[str] = (),
        config: str = "word 1-2",
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        extra = ", out-of-scope class" if negatives else ""
        self.name = f"logistic regression ({config}{extra})"
        self.config = config
        # The same TF-IDF features as TfidfMatcher's: only the decision is learned.
        self._vectorizer = TfidfVectorizer(sublinear_tf=True, **TFIDF_CONFIGS[config])
        texts = [*utterances, *negatives]
        labels = [*owners, *[OUT_OF_SCOPE] * len(negatives)]
        features = self._vectorizer.fit_transform(texts)
        self._model = LogisticRegression(C=10.0, max_iter=2000).fit(features, labels)
        classes = list(self._model.classes_)
        first = {owner: i for i, owner in reversed(list(enumerate(owners)))}
        self._intent_columns = np.array([c for c, name in enumerate(classes) if name in first])
        self._first_example = np.array([first[classes[c]] for c in self._intent_columns])

    def best(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        return _best_in_chunks(texts, self._best_of)

    def _best_of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        probabilities = self._model.predict_proba(self._vectorizer.transform(texts))
        column, score = _argmax_rows(probabilities[:, self._intent_columns])
        return self._first_example[column], score


class Memoized:
    """A matcher that remembers its result per text (tuning asks the same texts often)."""

    def __init__(self, matcher: Matcher) -> None:
        self.inner = matcher
        self.name = matcher.name
        self._memo: dict[str, tuple[int, float]] = {}

    def best(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        todo = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if todo:
            index, score = self.inner.best(todo)
            self._memo.update(zip(todo, zip(index.tolist(), score.tolist(), strict=True),
                                  strict=True))
        found = [self._memo[t] for t in texts]
        return np.array([i for i, _ in found], dtype=int), np.array([s for _, s in found])


# ---------------------------------------------------------------------------- baseline


@dataclass(frozen=True, slots=True)
class Candidate:
    """What a baseline made of one question before its threshold is applied."""

    parsed: Parsed
    intent: str
    score: float


def example_utterances(factbase: FactBase) -> tuple[list[str], list[str]]:
    """Every intent's example utterances, and the intent owning each."""
    utterances, owners = [], []
    for intent in factbase.intents.values():
        for example in intent.examples:
            utterances.append(example)
            owners.append(intent.id)
    return utterances, owners


class Baseline:
    """Nearest example utterance + threshold, answering like `Engine.ask`."""

    def __init__(
        self,
        factbase: FactBase,
        matcher: Matcher,
        missions: MissionLookup | None = None,
        threshold: float = 0.0,
        default_mission: str = "soyuz-ms-23",
        owners: Sequence[str] | None = None,
    ) -> None:
        if default_mission not in factbase.missions:
            raise ValueError(f"default mission {default_mission!r} is not in the fact base")
        self.factbase = factbase
        self.matcher = matcher
        self.missions = missions or AliasLookup(factbase)
        self.threshold = threshold
        self.default_mission = default_mission
        self._owners = list(owners) if owners is not None else example_utterances(factbase)[1]

    @property
    def name(self) -> str:
        return self.matcher.name

    def candidates(self, questions: Sequence[str]) -> list[Candidate]:
        parsed = [self.missions.parse(q) for q in questions]
        index, score = self.matcher.best([p.text for p in parsed])
        return [
            Candidate(p, self._owners[int(i)], float(s) if p.text else 0.0)
            for p, i, s in zip(parsed, index, score, strict=True)
        ]

    def decide(self, candidate: Candidate, threshold: float | None = None) -> Answer:
        """The answer for a candidate at `threshold` (default: the baseline's own)."""
        threshold = self.threshold if threshold is None else threshold
        parsed = candidate.parsed
        if parsed.unknown is not None:
            return Answer(parsed.question, "unknown", None, None, "unknown mission", 1.0)
        if candidate.score < threshold or not parsed.text:
            return Answer(parsed.question, "unknown", None, None, "out of scope", 0.0)
        return self._resolve(parsed, candidate.intent, candidate.score)

    def ask(self, question: str, context: object = None, mission: str | None = None) -> Answer:
        """Answer one question (the same signature as `Engine.ask`; context is ignored)."""
        return self.decide(self.candidates([question])[0])

    def answers(self, questions: Sequence[str], threshold: float | None = None) -> list[Answer]:
        return [self.decide(c, threshold) for c in self.candidates(questions)]

    def _resolve(self, parsed: Parsed, intent: str, score: float) -> Answer:
        fb = self.factbase
        entry = None
        if parsed.named:
            mission = parsed.named[0]
            for named in parsed.named:
                if (entry := fb.lookup(named, intent)) is not None:
                    break
        else:
            mission = self.default_mission
            entry = fb.lookup(mission, intent)
            owner = next(iter(fb.missions_with(intent)), None)
            if entry is None and owner is not None:
                entry = fb.lookup(owner, intent)
        if entry is None:
            return Answer(parsed.question, "unknown", mission, intent, "no fact", score)
        status = "answered" if isinstance(entry, Fact) else "unknown"
        return Answer(parsed.question, status, entry.mission, entry.intent, "", score)


KINDS = ("fuzzy", "tfidf", "bm25", "classifier")
CONFIGS: dict[str, tuple[str, ...]] = {
    "fuzzy": ("WRatio",),
    "tfidf": tuple(TFIDF_CONFIGS),
    "bm25": BM25_CONFIGS,
    "classifier": tuple(TFIDF_CONFIGS),
}
"""The configurations tried for each kind; the tuning picks one on development data."""


def make_matcher(
    kind: str,
    utterances: Sequence[str],
    config: str | None = None,
    owners: Sequence[str] | None = None,
    negatives: Sequence[str] = (),
) -> Matcher:
    """A matcher by name: kind is fuzzy | tfidf | bm25 | classifier, config one of
    CONFIGS[kind]. The classifier learns from the utterances' `owners` (their intents)
    and from `negatives`; the other kinds need neither."""
    if kind not in CONFIGS:
        raise ValueError(f"unknown baseline {kind!r}; use one of {', '.join(KINDS)}")
    config = config or CONFIGS[kind][0]
    if kind == "fuzzy":
        return FuzzyMatcher(utterances)
    if kind == "tfidf":
        return TfidfMatcher(utterances, config)
    if kind == "classifier":
        if owners is None:
            raise ValueError("the classifier needs the intent of each utterance (owners)")
        return ClassifierMatcher(utterances, owners, negatives, config)
    return Bm25Matcher(utterances, config)


def mission_lookup(missions: str, factbase: FactBase) -> MissionLookup:
    """The mission step by name: alias (simple alias lookup) | engine (bot.entities)."""
    if missions == "alias":
        return AliasLookup(factbase)
    if missions == "engine":
        return EngineMissions(factbase)
    raise ValueError(f"unknown mission step {missions!r}; use alias or engine")


def build(
    kind: str,
    factbase: FactBase,
    missions: str = "alias",
    threshold: float = 0.0,
    config: str | None = None,
    default_mission: str = "soyuz-ms-23",
) -> Baseline:
    """A ready baseline: `kind` matcher over the fact base's examples, `missions` step."""
    utterances, owners = example_utterances(factbase)
    return Baseline(
        factbase,
        make_matcher(kind, utterances, config, owners),
        mission_lookup(missions, factbase),
        threshold,
        default_mission,
        owners,
    )
