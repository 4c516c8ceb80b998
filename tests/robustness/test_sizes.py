"""Lopsided sizes: a 20 000-sentence article against a 3-sentence one must align
(every sentence once, in order), not hang or run out of memory. Speed goals live
in bench/; here the subprocess has a generous timeout only.
"""

from __future__ import annotations

import random

from conftest import EN, cli

WORDS = ("кабінет рада санкцыі палітвязні дэлегацыя Вільня Варшава выбары праграма "
         "сустрэча").split()


def test_20000_sentences_against_3(tmp_path):
    rng = random.Random(1)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" нумар {i}."
                 for i in range(20_000)]
    long = tmp_path / "long.be.txt"
    long.write_text("\n\n".join(" ".join(sentences[j:j + 10]) for j in range(0, 20_000, 10)),
                    encoding="utf-8")
    short = tmp_path / "short.en.txt"
    short.write_text(EN, encoding="utf-8")
    out = tmp_path / "out.beads"
    result = cli("align", long, short, "--split", "-o", out, timeout=300)
    assert result.code == 0 and "Traceback" not in result.stderr, result.stderr
    left, right = [], []
    for line in out.read_text(encoding="utf-8").splitlines():
        a, b, score = line.rsplit(":", 2)
        left += eval(a)  # noqa: S307 - "[1, 2]" lists of our own output
        right += eval(b)  # noqa: S307
        assert 0.0 <= float(score) <= 1.0
    assert left == list(range(20_000))
    assert right == [0, 1, 2]
