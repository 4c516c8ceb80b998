"""The parts of pairing: features that survive translation, candidates, assignment."""

from __future__ import annotations

import random

import numpy as np
import pytest

from align_kit.model import Document
from align_kit.pairing import pair_documents
from align_kit.pairing.assign import assign_pairs, consistent_groups
from align_kit.pairing.features import (
    document_features,
    name_keys,
    normalise_number,
    slug_of,
    text_features,
)
from align_kit.pairing.scoring import score_candidates


@pytest.mark.parametrize("raw, values", [
    ("1,150", ["1150"]), ("1 150", ["1150"]), ("1\u00a0150", ["1150"]), ("1150", ["1150"]),
    ("2.5", ["2.5"]), ("2,5", ["2.5"]), ("12 000 000", ["12000000"]), ("2019 5", ["2019", "5"]),
    ("007", ["7"]), ("1,2", ["1.2"]),
])
def test_numbers_are_written_one_way(raw, values):
    assert normalise_number(raw) == values


def test_dates_across_languages():
    en = text_features("The vote took place on 7 April 2025 in Vilnius.")
    be = text_features("Галасаванне адбылося 7 красавіка 2025 года ў Вільні.")
    ru = text_features("Голосование прошло 7 апреля 2025 года в Вильнюсе.")
    us = text_features("The vote took place on April 7, 2025.")
    for feats in (en, be, ru, us):
        assert {"d:4-7", "m:4", "n:2025", "n:7"} <= set(feats)
    # "May" the verb and "лют" the adjective are no months without a number.
    assert "m:5" not in text_features("Officials say they may vote.")


@pytest.mark.parametrize("words", [
    ("Tsikhanouskaya", "Ціханоўская", "Тихановская", "Ціханоўскай", "Тихановской"),
    ("Latushka", "Латушка", "Латушко", "Латушкам", "Латушко"),
    ("Lukashenka's", "Лукашэнкам", "Лукашенком"),
    ("Congress", "Кангрэсам", "Конгрессе"),
    ("Strasbourg", "Страсбургу", "Страсбурге"),
    ("Statkevich", "Статкевіч", "Статкевичем", "Statkievič"),
    ("Vyachorka", "Вячорка", "Вячоркам"),
])
def test_names_share_a_key_across_scripts(words):
    key_sets = [set(name_keys(w, "\u0400" <= w[0] <= "\u04ff")) for w in words]
    assert set.intersection(*key_sets)


def test_sentence_initial_words_count_only_when_seen_as_names():
    feats = text_features("Drivers waited. Latushka spoke. Then Pavel Latushka left.")
    assert "Drivers" not in feats.values() and "Then" not in feats.values()
    assert feats["k:ltsk"] in ("Latushka",)
    cyr = text_features("Этой осенью. Латушка выступил, и Латушка ушёл. Канал telegram работал.")
    assert "Этой" not in cyr.values()
    assert any(v == "Латушка" for v in cyr.values())
    assert cyr["k:tlgrm"] == "telegram"  # Latin words inside Cyrillic text, any case


def test_slugs_and_metadata_features():
    assert slug_of("https://news.example.org/be/2025/04/12/pace-delegation/") == "pace-delegation"
    assert slug_of("https://x.org/ru/index.html") is None
    doc = Document(id="a", language="be", text="Тэкст.",
                   metadata={"url": "https://x.org/be/news/pace-delegation.html",
                             "date": "2025-04-12T10:00:00"})
    feats = document_features(doc).features
    assert feats["s:pace-delegation"] == "pace-delegation" and feats["t:2025-04-12"]
    import datetime
    dated = Document(id="b", language="ru", text="Текст.",
                     metadata={"date": datetime.date(2025, 4, 12), "url": None})
    assert "t:2025-04-12" in document_features(dated).features


def synthetic(n: int, seed: int) -> tuple[list[Document], list[Document]]:
    """n article pairs built from random names and numbers (en and ru forms)."""
    names = [("Tsikhanouskaya", "Тихановская"), ("Latushka", "Латушко"),
             ("Vilnius", "Вильнюсе"), ("Warsaw", "Варшаве"), ("Strasbourg", "Страсбурге"),
             ("Bialiatski", "Беляцкий"), ("Kalesnikava", "Колесникова"), ("Losik", "Лосик"),
             ("Statkevich", "Статкевич"), ("Kavaleuski", "Ковалевский"), ("Borrell", "Боррель"),
             ("Brussels", "Брюсселе"), ("Prague", "Праге"), ("Kyiv", "Киеве"),
             ("Viasna", "Весна"), ("Vyachorka", "Вячорка")]
    rng = random.Random(seed)
    en_docs, ru_docs = [], []
    for k in range(n):
        picks = rng.sample(names, 3)
        numbers = [rng.randint(10, 99999) for _ in range(3)]
        en = (f"The meeting with {picks[0][0]} and {picks[1][0]} gathered {numbers[0]} people; "
              f"{numbers[1]} signed, {numbers[2]} donated, said {picks[2][0]}.")
        ru = (f"Встреча с {picks[0][1]} и {picks[1][1]} собрала {numbers[0]} человек; "
              f"{numbers[1]} подписали, {numbers[2]} пожертвовали, сказал {picks[2][1]}.")
        en_docs.append(Document(id=f"en{k}", language="en", text=en))
        ru_docs.append(Document(id=f"ru{k}", language="ru", text=ru))
    rng.shuffle(ru_docs)
    return en_docs, ru_docs


def test_candidates_are_not_all_pairs_and_include_the_truth():
    en, ru = synthetic(300, 3)
    cand = score_candidates([document_features(d) for d in en],
                            [document_features(d) for d in ru], top_k=5)
    assert len(cand.rows) <= 2 * 5 * 300  # at most top_k each way, not 90 000
    pairs = {(en[i].id[2:], ru[j].id[2:]) for i, j in zip(cand.rows, cand.cols, strict=True)}
    assert all((str(k), str(k)) in pairs for k in range(300))
    groups, unpaired = pair_documents(en + ru, languages=("en", "ru"))
    assert unpaired == [] and all(g.members["en"][2:] == g.members["ru"][2:] for g in groups)


def test_assignment_is_global_not_greedy():
    # Greedy takes a0-b0 (0.9) and leaves a1 alone; the optimum pairs both.
    edges = {(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85}
    assert assign_pairs(2, 2, edges, 0.5) == {0: 1, 1: 0}
    assert assign_pairs(2, 2, edges, 0.5, dense_limit=0) == {0: 1, 1: 0}
    assert assign_pairs(2, 2, edges, 0.86) == {0: 0}
    assert assign_pairs(2, 2, {}, 0.5) == {}


def test_dense_and_sparse_assignment_agree():
    rng = random.Random(7)
    for _ in range(20):
        n, m = rng.randint(1, 12), rng.randint(1, 12)
        edges = {(i, j): round(rng.random(), 3) for i in range(n) for j in range(m)
                 if rng.random() < 0.4}
        dense = assign_pairs(n, m, edges, 0.2)
        sparse = assign_pairs(n, m, edges, 0.2, dense_limit=0)
        total = sum(edges[(i, j)] for i, j in dense.items())
        assert abs(total - sum(edges[(i, j)] for i, j in sparse.items())) < 1e-6
        assert len(set(dense.values())) == len(dense)


def test_conflicting_pair_assignments_resolved_by_strongest_triangle():
    langs = ("en", "be", "ru")
    # en0-be0 and en0-ru0 were assigned, but be-ru assigned be0 to ru1.
    matchings = {("en", "be"): {0: 0}, ("en", "ru"): {0: 0}, ("be", "ru"): {0: 1}}
    scores = {("en", "be"): {(0, 0): 0.8}, ("en", "ru"): {(0, 0): 0.7, (0, 1): 0.1},
              ("be", "ru"): {(0, 0): 0.6, (0, 1): 0.65}}
    groups = consistent_groups(langs, matchings, scores, 0.3)
    # en0-be0-ru0 (0.8 + 0.7 + 0.6) beats be0-ru1 (0.65); ru1 stays alone.
    assert groups[0][0] == {"en": 0, "be": 0, "ru": 0}
    assert len(groups) == 1


def test_strong_pair_with_weak_third_member_does_not_block_two_true_groups():
    # en0-be0 is strong; ru0 joins them only weakly (a few shared sentences), while
    # its true partner en1 scores high with it. Two groups beat one triangle.
    langs = ("en", "be", "ru")
    matchings = {("en", "be"): {0: 0}, ("en", "ru"): {1: 0}, ("be", "ru"): {0: 0}}
    scores = {("en", "be"): {(0, 0): 0.82},
              ("en", "ru"): {(0, 0): 0.31, (1, 0): 0.79},
              ("be", "ru"): {(0, 0): 0.32}}
    groups = sorted(consistent_groups(langs, matchings, scores, 0.25),
                    key=lambda g: sorted(g[0].items()))
    assert [g for g, _ in groups] == [{"en": 0, "be": 0}, {"en": 1, "ru": 0}]


def archive_of_common_features(n: int, pool: int, per_doc: int, seed: int
                               ) -> tuple[list[Document], list[Document]]:
    """n en/ru article pairs, each a random set of `per_doc` of `pool` sentences. Every
    number is in about n * per_doc / pool documents a language, as a name is in a big
    archive, but each article's set of numbers is its own."""
    rng = random.Random(seed)
    values = rng.sample(range(1000, 99999), pool)
    en_docs, ru_docs = [], []
    seen: set[tuple[int, ...]] = set()
    for k in range(n):
        picks = tuple(sorted(rng.sample(range(pool), per_doc)))
        while picks in seen:  # two identical articles could not be told apart
            picks = tuple(sorted(rng.sample(range(pool), per_doc)))
        seen.add(picks)
        en = " ".join(f"The fund raised {values[p]} euros." for p in picks)
        ru = " ".join(f"Фонд собрал {values[p]} евро." for p in picks)
        en_docs.append(Document(id=f"en{k}", language="en", text=en))
        ru_docs.append(Document(id=f"ru{k}", language="ru", text=ru))
    rng.shuffle(ru_docs)
    return en_docs, ru_docs


def test_features_common_in_a_big_archive_still_pair_every_document():
    # 2 400 articles a language, each number in ~560 of them: 560 x 560 is above the
    # default cost cut-off, so an index of "rare" features alone would hold nothing and
    # pair nothing. Each article's rarest features generate candidates all the same.
    en, ru = archive_of_common_features(2400, pool=30, per_doc=7, seed=5)
    feats_en = [document_features(d) for d in en]
    feats_ru = [document_features(d) for d in ru]
    df = sum(1 for f in feats_en if "n:" + str(en[0].text.split()[3]) in f.features)
    assert df * df > 250_000  # the premise: the shared features are all "common"
    cand = score_candidates(feats_en, feats_ru)
    pairs = {(en[i].id[2:], ru[j].id[2:]) for i, j in zip(cand.rows, cand.cols, strict=True)}
    assert all((str(k), str(k)) in pairs for k in range(2400))
    no_floor = score_candidates(feats_en, feats_ru, min_index_features=0)
    assert len(no_floor.rows) == 0  # what the fixed cut-off alone did
    groups, unpaired = pair_documents(en + ru, languages=("en", "ru"))
    assert len(groups) == 2400 and not unpaired
    assert all(g.members["en"][2:] == g.members["ru"][2:] for g in groups)


def test_the_floor_changes_nothing_where_features_are_rare():
    # Where every document has enough features under the cut-off, the floor adds nothing:
    # the candidates are exactly those of the cut-off alone.
    en, ru = synthetic(300, 4)
    feats_en = [document_features(d) for d in en]
    feats_ru = [document_features(d) for d in ru]
    with_floor = score_candidates(feats_en, feats_ru)
    without = score_candidates(feats_en, feats_ru, min_index_features=0)
    for name in ("rows", "cols", "similarity", "score"):
        assert np.array_equal(getattr(with_floor, name), getattr(without, name)), name
