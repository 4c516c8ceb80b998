"""The lexicon a first pass learns: stem pairs kept by significance, not by a fixed cut."""

from __future__ import annotations

import math

from align_kit.align.scorers.lexicon import G2_P001, learn_lexicon, log_likelihood_ratio

# Our own sentence pairs: "Grodno" / "Гродна" in every pair with a city council, plus
# words that come and go at random on either side.
PAIRS = [
    (f"Stadtrat Grodno tagte am Montag {day}", f"Гарадская рада Гродна сабралася {day}")
    for day in ("früh", "spät", "lange", "kurz", "wieder", "erneut", "zweimal", "dreimal",
                "abends", "morgens", "heimlich", "offen")
] + [
    ("Regen fiel über Minsk", "Над Мінскам ішоў дождж"),
    ("Sonne schien über Brest", "Над Брэстам свяціла сонца"),
    ("Schnee lag in Wizebsk", "У Віцебску ляжаў снег"),
    ("Nebel hing über Homel", "Над Гомелем вісеў туман"),
]


def test_g2_is_dunnings_log_likelihood_ratio():
    # 2x2 table: both 6, source only 0, target only 0, neither 2 of n = 8.
    expected = 2 * (6 * math.log(6 * 8 / 36) + 2 * math.log(2 * 8 / 4))
    assert math.isclose(log_likelihood_ratio(6, 6, 6, 8), expected)
    # Independence gives nothing.
    assert math.isclose(log_likelihood_ratio(2, 4, 4, 8), 0.0, abs_tol=1e-12)


def test_a_pair_that_always_comes_together_is_kept():
    lex = learn_lexicon(PAIRS, "de", "be")
    assert "гродн" in lex["grodn"]
    assert "гарад" in lex["stadt"]


def test_a_pair_seen_together_too_rarely_to_be_significant_is_not_kept():
    # "Regen" and "дождж" meet once: no evidence beyond chance at p < 0.001.
    lex = learn_lexicon(PAIRS, "de", "be", min_count=1)
    assert "дождж" not in lex.get("regen", set())
    assert log_likelihood_ratio(1, 1, 1, len(PAIRS)) < G2_P001


def test_the_same_counts_in_a_longer_text_are_stronger_evidence():
    # Four meetings in 8 pairs are weaker evidence than four in 80 pairs, where both
    # words are otherwise absent: the test adapts to the size of the text.
    assert log_likelihood_ratio(4, 4, 4, 80) > log_likelihood_ratio(4, 4, 4, 8)


def test_a_pair_seen_together_less_than_by_chance_is_not_kept():
    # Words present in every pair co-occur by chance alone.
    pairs = [(f"Rat tagte {k}", f"Рада сабралася {k}") for k in "abcdefgh"]
    pairs += [("Rat tagte nicht", "Нічога")]
    lex = learn_lexicon(pairs, "de", "be")
    assert "нічог" not in lex.get("tagte", set())
