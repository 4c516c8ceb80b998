"""The abbreviation data holds what the issue lists, in the class the rules need."""

import pytest

from align_kit.segment.rules import (
    AMBIGUOUS,
    FINAL,
    FINAL_AFTER_NUMBER,
    NONFINAL,
    NUMBER,
    available_languages,
    load_rules,
)


@pytest.mark.parametrize(("lang", "entries"), [
    ("en", {"Mr": NONFINAL, "Dr": NONFINAL, "U.S": AMBIGUOUS, "Jan": NUMBER, "No": NUMBER}),
    ("ru", {"г": FINAL_AFTER_NUMBER, "гг": FINAL_AFTER_NUMBER, "т.е": NONFINAL, "т.д": FINAL,
            "др": FINAL, "млн": FINAL, "млрд": FINAL, "ул": NONFINAL, "им": AMBIGUOUS}),
    ("be", {"г": FINAL_AFTER_NUMBER, "гг": FINAL_AFTER_NUMBER, "г.зн": NONFINAL, "т.п": FINAL,
            "вул": NONFINAL, "млн": FINAL, "млрд": FINAL, "сп": NONFINAL}),
])
def test_issue_abbreviations_are_listed(lang, entries):
    rules = load_rules(lang)
    for abbreviation, cls in entries.items():
        assert rules.abbreviation_class(abbreviation) == cls, abbreviation


def test_every_data_file_loads_with_starters():
    assert {"en", "ru", "be"} <= set(available_languages())
    for lang in available_languages():
        rules = load_rules(lang)
        assert rules.abbreviations and rules.starters and rules.qa_labels


def test_lowercase_entry_matches_sentence_initial_capital():
    assert load_rules("ru").abbreviation_class("Ул") == NONFINAL
    assert load_rules("en").abbreviation_class("no") == NUMBER
    assert load_rules("en").abbreviation_class("JAN") is None


def test_lowercase_entry_matches_capital_only_at_sentence_start():
    ru = load_rules("ru")
    assert ru.abbreviation_class("Пол", sentence_initial=True) == NONFINAL
    assert ru.abbreviation_class("Пол", sentence_initial=False) is None  # the name Paul
    assert ru.abbreviation_class("Св", sentence_initial=False) == NONFINAL  # listed as such
