"""Which bead shapes the search considers: many-to-many up to 3 a side, one-to-many
up to max_bead (4 by default)."""

from __future__ import annotations

from align_kit.align.core import align_spans
from align_kit.align.dp import DEFAULT_MAX_BEAD, MANY_TO_MANY, bead_types


def test_one_to_many_goes_further_than_many_to_many():
    assert DEFAULT_MAX_BEAD == 4
    types = set(bead_types(5))
    assert {(1, 5), (5, 1), (1, 4), (4, 1), (3, 3), (2, 3), (1, 0), (0, 1)} <= types
    assert not {(4, 4), (2, 4), (4, 2), (5, 5), (0, 0)} & types
    assert max(max(a, b) for a, b in types if min(a, b) > 1) == MANY_TO_MANY


def test_bead_types_of_a_small_max_bead_are_all_shapes_up_to_it():
    assert sorted(bead_types(2)) == [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]


def test_a_long_sentence_translated_as_four_short_ones_is_one_bead():
    en = [
        "The Coordination Council met in Vilnius on 12 March 2024.",
        ("Its 40 members discussed the elections, the prisoners, the sanctions of 2023, "
         "and the 1,200 political prisoners still held in Belarus."),
        "The next meeting is planned for 3 May 2024 in Warsaw.",
    ]
    be = [
        "Каардынацыйная рада сабралася ў Вільні 12 сакавіка 2024 года.",
        "Яе 40 сябраў гаварылі пра выбары.",
        "Пра вязняў.",
        "Пра санкцыі 2023 года.",
        "І пра 1200 палітвязняў, якія яшчэ ў Беларусі.",
        "Наступная сустрэча запланаваная на 3 траўня 2024 года ў Варшаве.",
    ]
    beads, _conf, _info = align_spans(en, be, "en", "be")
    assert (1, 2, 1, 5) in beads
    assert beads[0] == (0, 1, 0, 1) and beads[-1] == (2, 3, 5, 6)
