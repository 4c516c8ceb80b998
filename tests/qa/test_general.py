"""The general checks over real alignment files (written and read back by align-kit)."""

from __future__ import annotations

import pytest
from qa_support import TBX, load, write_pairs

from align_kit.glossary import load_glossary
from align_kit.qa import run_checks

CLEAN = ("Каардынацыйная рада сабралася ў Вільні 3 красавіка.",
         "The Coordination Council met in Vilnius on 3 April.")

# One defect each (own sentences, not the benchmark's): check id, source, target.
DEFECTS = [
    ("brackets", "Рашэнне (якое чакалі даўно) прынялі ўчора.",
     "The decision (long awaited was taken yesterday."),
    ("quotes", "Праект называецца «Голас».", "The project is called “Voice."),
    ("urls", "Падрабязнасці на https://example.org/news/belarus.",
     "Details at https://example.org/news/belarus-en."),
    ("urls", "Падрабязнасці на www.example.org.", "Details on the website."),
    ("emails", "Пішыце на desk@example.org.", "Write to dsek@example.org."),
    ("doubled-words", "Яны прыйшлі раней.", "They came came earlier."),
    ("doubled-words", "Яны былі у у Вільні.", "They were in Vilnius."),
    ("end-punctuation", "Ці будзе сустрэча?", "Will there be a meeting."),
    ("end-punctuation", "Сустрэча скончылася.", "The meeting ended"),
    ("double-spaces", "Сустрэча скончылася.", "The meeting  ended."),
    ("start-capital", "Сустрэча скончылася.", "the meeting ended."),
    ("mixed-script", "Лaтушка выступіў у Варшаве.", "Latushka spoke in Warsaw."),
    ("mixed-script", "Сустрэча скончылася.", "The meеting ended."),  # Cyrillic е
]


@pytest.mark.parametrize(("check", "source", "target"), DEFECTS)
def test_each_defect_is_found_by_its_check_alone(tmp_path, check, source, target):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, (source, target)])
    found = run_checks([load(path)])
    assert [(f.check, f.bead) for f in found] == [(check, 1)], found


def test_a_clean_pair_has_no_findings(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN])
    assert run_checks([load(path)]) == []


@pytest.mark.parametrize(("source", "target"), [
    # quote styles differ by language; only pairing counts
    ("Ён сказаў: «Мы вернемся».", "He said: “We will return.”"),
    ("Ён сказаў: „Мы вернемся“.", "He said: \"We will return.\""),
    # a quotation over two sentences: open in one bead, closed in the next, on both sides
    ("«Мы вернемся.", "“We will return."),
    # a single quote closed right before the double one (NTREX)
    ("Ён сказаў: «Гэта значыць „ты“».", "He said: \"It means 'you,'\" in the Bible."),
    # apostrophes are no quotes
    ("Аб'яднаны кабінет і Аб’яднаны офіс.", "The students' union didn't meet."),
    # list items, and brackets a translation adds to explain
    ("1) Першае пытанне.", "1) The first question."),
    ("ПАСЕ сабралася.", "PACE (the Parliamentary Assembly) met."),
    # end punctuation behind closing quotes and brackets
    ("Ён сказаў: «Мы вернемся».", "He said: “We will return.”"),
    ("Сустрэча (у Вільні).", "The meeting (in Vilnius)."),
    # start capital after opening quotes, dashes; digits and mixed-case words say nothing
    ("— Так, — сказаў ён.", "“Yes,” he said."),
    ("2025 год быў цяжкі.", "2025 was a hard year."),
    ("iPhone стаў танней.", "The iPhone got cheaper."),
    # a URL's final full stop and a Wikipedia bracket, an e-mail at the end of a sentence
    ("Гл. https://en.wikipedia.org/wiki/PACE_(assembly).",
     "See https://en.wikipedia.org/wiki/PACE_(assembly)."),
    ("Пішыце на desk@example.org.", "Write to DESK@example.org."),
    ("Гл. http://www.example.org/a/.", "See https://example.org/a."),
    # grammatical doubles, Latin names in Cyrillic text (words of one script each)
    ("Ён сказаў, што хоча.", "He had had enough."),
    ("Кампанія Google і Meta адказалі.", "Google and Meta answered."),
    # a doubled name (NTREX: "the Roa Roa Hotel")
    ("Гатэль Roa Roa разбурыўся.", "The Roa Roa Hotel collapsed."),
])
def test_what_is_right_is_not_flagged(tmp_path, source, target):
    path = write_pairs(tmp_path / "a.align.jsonl", [(source, target)])
    assert run_checks([load(path)]) == []


def test_findings_point_at_the_defect_in_the_document_text(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, ("Яны прыйшлі.", "They  came came.")])
    alignment = load(path)
    found = {f.check: f for f in run_checks([alignment])}
    en = alignment.documents[1].text
    spaces, doubled = found["double-spaces"], found["doubled-words"]
    assert en[spaces.span[0]:spaces.span[1]] == "  "
    assert en[doubled.span[0]:doubled.span[1]] == "came came"
    assert doubled.bead == 1 and doubled.language == "en"


def test_mixed_script_names_the_look_alike_letters(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [("Лaтушка выступіў.", "Latushka spoke.")])
    (finding,) = run_checks([load(path)])
    assert finding.term == "Лaтушка" and "Latin a" in finding.message


def test_same_source_two_targets_across_files_and_the_reverse(tmp_path):
    a = write_pairs(tmp_path / "a.align.jsonl", [CLEAN, ("Сустрэча скончылася.",
                                                         "The meeting ended.")], ids="a")
    b = write_pairs(tmp_path / "b.align.jsonl", [("Пасяджэнне скончылася.", "The meeting ended."),
                                                 ("Сустрэча скончылася.", "The meeting is over."),
                                                 ("Сустрэча скончылася.", "The meeting ended.")],
                    ids="b")
    found = run_checks([load(a), load(b)], only=["same-source-two-targets",
                                                 "same-target-two-sources"])
    two_targets = [f for f in found if f.check == "same-source-two-targets"]
    assert [(f.document, f.bead) for f in two_targets] == [("b.en", 1)]
    assert "2x 'The meeting ended.'" in two_targets[0].message
    assert "a bead 2" in two_targets[0].message  # 1-based, as people read it
    two_sources = [f for f in found if f.check == "same-target-two-sources"]
    assert [(f.document, f.bead) for f in two_sources] == [("b.en", 0)]


def _article(n: int, ratio: float) -> list[tuple[str, str]]:
    words = "рада сход мір лад суд вуліца горад дзень".split()
    out = []
    for i in range(n):
        source = " ".join(words[(i + j) % len(words)] for j in range(5 + i % 4)) + "."
        out.append((source.capitalize(), ("x" * int(len(source) * ratio - 1)).capitalize() + "."))
    return out


def test_length_ratio_adapts_to_the_document(tmp_path):
    # a document whose translations are all 1.6 times longer: nothing is an outlier
    longer = write_pairs(tmp_path / "long.align.jsonl", _article(20, 1.6), ids="long")
    assert run_checks([load(longer)], only=["length-ratio"]) == []
    # one bead three times longer than the document's usual ratio is
    pairs = _article(20, 1.0)
    pairs[7] = (pairs[7][0], "X" + "x" * (3 * len(pairs[7][0])) + ".")
    odd = write_pairs(tmp_path / "odd.align.jsonl", pairs, ids="odd")
    found = run_checks([load(odd)], only=["length-ratio"])
    assert [(f.check, f.bead) for f in found] == [("length-ratio", 7)]
    assert "longer than usual" in found[0].message


def test_length_ratio_needs_enough_beads(tmp_path):
    pairs = _article(5, 1.0) + [("Так.", "Yes, that is what the council decided last week.")]
    path = write_pairs(tmp_path / "a.align.jsonl", pairs)
    assert run_checks([load(path)], only=["length-ratio"]) == []


def test_term_count_uses_the_glossary_matcher(tmp_path):
    glossary = load_glossary(TBX)
    path = write_pairs(tmp_path / "a.align.jsonl", [
        ("Латушка сустрэўся з дэпутатамі, і Латушка выступіў.",
         "Latushka met the deputies and gave a speech."),
        ("Латушка сустрэўся з дэпутатамі, і Латушка выступіў.",
         "Latushka met the deputies, and Latushka gave a speech.")])
    found = run_checks([load(path)], glossary, only=["term-count"])
    assert [(f.check, f.bead, f.entry) for f in found] == [("term-count", 0, "latushka")]
    assert "2x in the source, 1x in the target" in found[0].message


def test_numbers_run_without_a_glossary_under_the_glossary_id(tmp_path):
    path = write_pairs(tmp_path / "a.align.jsonl", [("Прыйшлі 120 чалавек.", "12 people came.")])
    found = run_checks([load(path)])
    assert [f.check for f in found] == ["number-mismatch"]


def test_consistency_ignores_letter_case(tmp_path):
    # a headline in title case and the same sentence in running text are one translation
    path = write_pairs(tmp_path / "a.align.jsonl", [("Гэта вельмі дрэнна.", "It Is Very Bad."),
                                                    ("Гэта вельмі дрэнна.", "It is very bad.")])
    assert run_checks([load(path)], only=["same-source-two-targets"]) == []
