"""The planted-error set: recall and false alarms per language (acceptance figures)."""

from __future__ import annotations

import planted

from align_kit.glossary import check_alignment


def test_planted_error_set_recall_and_false_alarms(glossary, matcher):
    cases = planted.build_cases(glossary)
    assert len(cases) > 800
    result = planted.score(cases, lambda c: check_alignment(c.alignment(), glossary,
                                                            matcher=matcher))
    for lang in planted.LANGS:
        r = result[lang]
        assert r["planted"] >= 150 and r["clean"] >= 400, (lang, r)
        assert r["recall"] >= 0.98, (lang, r, result["_missed"][:10])
        assert r["false_alarm_rate"] <= 0.02, (lang, r, result["_alarms"][:10])


def test_planted_kinds_cover_every_error_type(glossary):
    kinds = {(c.kind, c.lang) for c in planted.build_cases(glossary)}
    for lang in ("be", "ru", "en"):
        for kind in ("forbidden", "dropped", "number", "untranslated" if lang != "be" else
                     "letters"):
            assert (kind, lang) in kinds
    assert ("inflected", None) in kinds
