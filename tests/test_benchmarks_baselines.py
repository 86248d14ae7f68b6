"""The benchmark baselines (benchmarks/baselines.py) on a tiny synthetic fact base.

Needs the `bench` extra (numpy, scikit-learn, rank-bm25); skipped without it. Never
reads ../shared.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from baselines import (
    CONFIGS,
    AliasLookup,
    Baseline,
    EngineMissions,
    FuzzyMatcher,
    example_utterances,
    make_matcher,
)

from bot.evaluation import Labelled, Report
from bot.factbase import Fact, FactBase, Gap, Intent, Mission


def _intent(id_: str, *examples: str) -> Intent:
    return Intent(id_, id_.title(), "", examples, ())


def _fact(mission: str, intent: str) -> Fact:
    return Fact(f"{mission}-{intent}", mission, intent, f"{mission} {intent}", ())


@pytest.fixture(scope="module")
def tiny() -> FactBase:
    intents = {
        i.id: i
        for i in (
            _intent("launch", "when did it launch", "launch date", "what day was liftoff"),
            _intent("landing", "when did it land", "landing date", "when did it touch down"),
            _intent("crew", "who was on board", "crew members", "who flew on it"),
        )
    }
    missions = {
        "alpha-1": Mission("alpha-1", "Alpha 1", ("Alpha 1", "A1"), "alpha.txt"),
        "beta-2": Mission("beta-2", "Beta 2", ("Beta 2",), "alpha.txt"),
    }
    facts = {
        f.id: f
        for f in (_fact("alpha-1", "launch"), _fact("alpha-1", "landing"),
                  _fact("alpha-1", "crew"), _fact("beta-2", "launch"))
    }
    gap = Gap("beta-2-landing", "beta-2", "landing", "the landing", "garbled", "Lead", ())
    return FactBase(missions, intents, facts, {gap.id: gap}, {})


QUESTIONS = [
    Labelled("when did Alpha 1 launch", "alpha-1", "launch", "answered"),
    Labelled("when did it land?", "alpha-1", "landing", "answered"),
    Labelled("who was on board A1", "alpha-1", "crew", "answered"),
    Labelled("launch date of beta 2", "beta-2", "launch", "answered"),
    Labelled("when did Beta 2 land", "beta-2", "landing", "unknown"),  # a gap
    Labelled("who flew on beta 2", "beta-2", "crew", "unknown"),  # no fact
    Labelled("what is the capital of france", None, None, "unknown"),
    Labelled("recommend a good pizza place", None, None, "unknown"),
]


# Everyday queries for the classifier's out-of-scope class (none is in QUESTIONS).
NEGATIVES = [
    "what is the weather like today",
    "book a table for two at an italian place",
    "what is the capital of spain",
    "set an alarm for seven",
    "how do i reset my password",
    "recommend a good movie",
]


@pytest.mark.parametrize(
    "kind,config", [(k, c) for k, configs in CONFIGS.items() for c in configs]
)
def test_each_baseline_scores_a_tiny_set_correctly(tiny: FactBase, kind: str, config: str) -> None:
    pytest.importorskip(
        {"fuzzy": "rapidfuzz", "tfidf": "sklearn", "bm25": "rank_bm25", "classifier": "sklearn"}[
            kind
        ]
    )
    utterances, owners = example_utterances(tiny)
    matcher = make_matcher(kind, utterances, config, owners, NEGATIVES)
    probe = Baseline(tiny, matcher, AliasLookup(tiny), 0.0, "alpha-1", owners)
    cands = probe.candidates([q.question for q in QUESTIONS])
    in_scope = min(c.score for q, c in zip(QUESTIONS, cands, strict=True) if q.intent)
    off_topic = max(c.score for q, c in zip(QUESTIONS, cands, strict=True) if not q.intent)
    assert off_topic < in_scope, (kind, config, cands)
    baseline = Baseline(tiny, matcher, AliasLookup(tiny), in_scope, "alpha-1", owners)
    answers = baseline.answers([q.question for q in QUESTIONS])
    report = Report(list(zip(QUESTIONS, answers, strict=True)))
    assert report.accuracy == 1.0, report.summary(verbose=True)
    assert not report.false_answers and not report.entity_confusions
    assert baseline.ask(QUESTIONS[0].question) == answers[0]


def test_alias_lookup_strips_known_names_only(tiny: FactBase) -> None:
    parsed = AliasLookup(tiny).parse("When did <@123> Beta-2 land? and A1")
    assert parsed.named == ("beta-2", "alpha-1")
    assert parsed.text == "when did land and"
    unknown = AliasLookup(tiny).parse("when did apollo 11 land")
    assert unknown.named == () and unknown.unknown is None


def test_engine_mission_step_refuses_unknown_missions(tiny: FactBase) -> None:
    utterances, owners = example_utterances(tiny)
    baseline = Baseline(
        tiny, FuzzyMatcher(utterances), EngineMissions(tiny), 50.0, "alpha-1", owners
    )
    answer = baseline.ask("when did apollo 11 land")
    assert (answer.status, answer.mission, answer.intent) == ("unknown", None, None)


def test_fuzzy_batch_equals_extract_one(tiny: FactBase) -> None:
    utterances, _ = example_utterances(tiny)
    matcher = FuzzyMatcher(utterances)
    texts = [q.question for q in QUESTIONS] + ["", "!!"]
    index, score = matcher.best(texts)
    assert [(int(i), float(s)) for i, s in zip(index, score, strict=True)] == [
        matcher.extract_one(t) for t in texts
    ]


def test_the_classifier_learns_the_out_of_scope_class(tiny: FactBase) -> None:
    pytest.importorskip("sklearn")
    utterances, owners = example_utterances(tiny)
    with_class = make_matcher("classifier", utterances, None, owners, NEGATIVES)
    without = make_matcher("classifier", utterances, None, owners)
    off_topic = ["what is the capital of france", "recommend a good pizza place"]
    # Trained on examples alone, the probabilities over intents always sum to 1.
    assert without.best(off_topic)[1].min() > 1 / 3
    assert with_class.best(off_topic)[1].max() < without.best(off_topic)[1].min()
    with pytest.raises(ValueError, match="owners"):
        make_matcher("classifier", utterances)


def test_tuning_picks_a_threshold_that_separates_dev_data(tiny: FactBase) -> None:
    from accuracy import tune

    utterances, owners = example_utterances(tiny)
    baseline = Baseline(tiny, FuzzyMatcher(utterances), AliasLookup(tiny), 0.0, "alpha-1", owners)
    negatives = ["what is the capital of france", "recommend a good pizza place"] * 100
    points = tune(baseline, QUESTIONS, negatives)
    assert points["constrained"].dev_accuracy == 1.0
    assert points["constrained"].clinc_false == 0.0
