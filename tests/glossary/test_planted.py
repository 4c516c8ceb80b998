"""The planted-error set: recall and false alarms per language (acceptance figures)."""

from __future__ import annotations

import planted
import pytest

from align_kit.glossary import check_alignment


@pytest.mark.parametrize("base, size", [("planted_base.txt", 800), ("planted_holdout.txt", 250)])
def test_planted_error_set_recall_and_false_alarms(glossary, matcher, base, size):
    cases = planted.build_cases(glossary, base_file=planted.DATA / base)
    assert len(cases) > size
    result = planted.score(cases, lambda c: check_alignment(c.alignment(), glossary,
                                                            matcher=matcher))
    for lang in planted.LANGS:
        r = result[lang]
        assert r["planted"] >= size // 5 and r["clean"] >= size // 2, (lang, r)
        assert r["recall"] >= 0.98, (lang, r, result["_missed"][:10])
        assert r["false_alarm_rate"] <= 0.02, (lang, r, result["_alarms"][:10])


def test_planted_kinds_cover_every_error_type(glossary):
    kinds = {(c.kind, c.lang) for c in planted.build_cases(glossary)}
    for lang in ("be", "ru", "en"):
        for kind in ("forbidden", "dropped", "number", "untranslated" if lang != "be" else
                     "letters"):
            assert (kind, lang) in kinds
    assert ("inflected", None) in kinds
