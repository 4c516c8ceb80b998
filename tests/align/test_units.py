"""Lines holding several sentences: split into sentences, aligned, regrouped into lines."""

import pytest

from align_kit.align import align_documents, align_lines
from align_kit.align.units import group_beads, sentence_units
from align_kit.errors import InputError
from align_kit.model import Document, Segment


def as_set(beads):
    return {b.indexes for b in beads}


# Six sentences, cut into lines differently on each side.
EN_SENTS = [
    "Sviatlana Tsikhanouskaya arrived in Warsaw on Monday.",
    "She met the Polish foreign minister for two hours.",
    "They discussed sanctions and visas for Belarusians.",
    "The United Transitional Cabinet welcomed the talks.",
    "Pavel Latushka said 1,300 political prisoners remain behind bars.",
    "The next meeting is planned in Vilnius in March.",
]
BE_SENTS = [
    "Святлана Ціханоўская прыехала ў Варшаву ў панядзелак.",
    "Яна сустрэлася з міністрам замежных спраў Польшчы на дзве гадзіны.",
    "Яны абмеркавалі санкцыі і візы для беларусаў.",
    "Аб'яднаны пераходны кабінет вітаў перамовы.",
    "Павел Латушка сказаў, што 1 300 палітвязняў застаюцца за кратамі.",
    "Наступная сустрэча плануецца ў Вільні ў сакавіку.",
]


def test_crossing_lines_become_one_bead():
    # en: [0 1] [2] [3] [4 5]    be: [0] [1 2] [3] [4] [5]
    en = [" ".join(EN_SENTS[0:2]), EN_SENTS[2], EN_SENTS[3], " ".join(EN_SENTS[4:6])]
    be = [BE_SENTS[0], " ".join(BE_SENTS[1:3]), BE_SENTS[3], BE_SENTS[4], BE_SENTS[5]]
    beads = align_lines(en, be, "en", "be")
    assert as_set(beads) == {((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3, 4))}
    assert all(0.0 <= b.score <= 1.0 for b in beads)


def test_a_stray_line_inside_a_translated_passage_belongs_to_its_bead():
    # The be line 1 is a caption with no counterpart, between the two halves of en line 0.
    en = [" ".join(EN_SENTS[0:2]), EN_SENTS[2]]
    be = [BE_SENTS[0], "Фота: прэс-служба Офіса.", BE_SENTS[1], BE_SENTS[2]]
    beads = align_lines(en, be, "en", "be")
    assert ((0,), (0, 1, 2)) in as_set(beads)
    assert ((1,), (3,)) in as_set(beads)


def test_single_sentence_lines_are_unchanged_by_regrouping():
    beads = align_lines(EN_SENTS, BE_SENTS, "en", "be")
    assert as_set(beads) == {((i,), (i,)) for i in range(6)}


def test_three_way_lines_are_regrouped_too():
    en = [" ".join(EN_SENTS[0:2])] + EN_SENTS[2:]
    be = BE_SENTS[:2] + [" ".join(BE_SENTS[2:4])] + BE_SENTS[4:]
    ru = ["Светлана Тихановская приехала в Варшаву в понедельник.",
          "Она встретилась с министром иностранных дел Польши на два часа.",
          "Они обсудили санкции и визы для белорусов.",
          "Объединённый переходный кабинет приветствовал переговоры.",
          "Павел Латушко сказал, что 1 300 политзаключённых остаются за решёткой.",
          "Следующая встреча планируется в Вильнюсе в марте."]
    docs = [Document(id=lang, language=lang, text="\n".join(lines),
                     segments=tuple(Segment(x, 0, 0) for x in lines))
            for lang, lines in (("en", en), ("be", be), ("ru", ru))]
    alignment = align_documents(docs)
    got = {b.indexes for b in alignment.beads}
    assert ((0,), (0, 1), (0, 1)) in got
    assert ((1, 2), (2,), (2, 3)) in got
    assert ((3,), (3,), (4,)) in got
    # Every line of every document is in exactly one bead, in order.
    for d, size in enumerate((len(en), len(be), len(ru))):
        assert [i for b in alignment.beads for i in b.indexes[d]] == list(range(size))


def test_sentence_units_keep_owners_and_empty_lines():
    units, owner, tr = sentence_units(["A first one. A second one.", "", "Third."], "en")
    assert units == ["A first one.", "A second one.", "", "Third."]
    assert owner == [0, 0, 1, 2]
    assert tr is None


def test_a_line_is_split_only_when_its_translation_splits_alike():
    lines = ["Latushka spoke. Tsikhanouskaya answered.", "The Cabinet met. It voted."]
    translations = ["Латушка выступіў. Ціханоўская адказала.", "Кабінет сабраўся і прагаласаваў."]
    units, owner, tr = sentence_units(lines, "en", translations, "be")
    assert owner == [0, 0, 1]
    assert units[2] == lines[1]
    assert tr == ["Латушка выступіў.", "Ціханоўская адказала.", translations[1]]


def test_translation_count_must_match():
    with pytest.raises(InputError, match="1 translations for 2 source segments"):
        sentence_units(["One.", "Two."], "en", ["Адзін."], "be")


def test_group_beads_scores_are_the_lowest_inside():
    # Units: src lines own [0, 0, 1], tgt lines own [0, 1, 1].
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    groups = group_beads(beads, [0.9, 0.6, 0.8], [[0, 0, 1], [0, 1, 1]], [2, 2])
    assert groups == [(((0, 1), (0, 1)), 0.6)]


def test_group_beads_keeps_nulls_in_place():
    beads = [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]
    groups = group_beads(beads, [0.9, 0.7, 0.7, 0.95], [[0, 1, 2], [0, 1, 2]], [3, 3])
    assert [g for g, _ in groups] == [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]


def test_a_lone_sentence_inside_a_linked_segment_does_not_set_its_confidence():
    from align_kit.align.units import group_beads

    # Source line 0 holds sentences 0 and 1; sentence 1 has no counterpart (1-0, scored
    # low by its own model); the line is still linked to target line 0 through sentence 0.
    beads = [(range(0, 1), range(0, 1)), (range(1, 2), range(0, 0))]
    groups = group_beads(beads, [0.95, 0.2], [[0, 0], [0]], [1, 1])
    assert groups == [(((0,), (0,)), 0.95)]
    # A segment that is nothing but lone sentences keeps their (lowest) score.
    beads = [(range(0, 1), range(0, 1)), (range(1, 2), range(1, 1))]
    groups = group_beads(beads, [0.95, 0.3], [[0, 1], [0]], [2, 1])
    assert groups == [(((0,), (0,)), 0.95), (((1,), ()), 0.3)]
