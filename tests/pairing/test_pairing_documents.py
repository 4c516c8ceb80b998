"""pair_documents on small article sets: scrambled names, metadata links, orphans, a decoy."""

from __future__ import annotations

import hashlib
import random

import pytest
from pairing_articles import GROUPS, ORPHANS, POLITICAL_PRISONERS_DECOY

from align_kit.model import Document
from align_kit.pairing import DEFAULT_THRESHOLD, pair_documents


def scrambled(name: str, lang: str) -> str:
    """A file name that says nothing about group or language."""
    return hashlib.sha1(f"{name}/{lang}".encode()).hexdigest()[:10] + ".txt"


def build(groups: dict[str, dict[str, str]], seed: int = 0,
          drop: set[tuple[str, str]] = frozenset()) -> tuple[list[Document], dict]:
    docs, truth = [], {}
    for name, texts in groups.items():
        for lang, text in texts.items():
            if (name, lang) in drop:
                continue
            doc_id = scrambled(name, lang)
            docs.append(Document(id=doc_id, language=lang, text=text))
            truth[doc_id] = name
    random.Random(seed).shuffle(docs)
    return docs, truth


def as_sets(groups) -> set[frozenset]:
    return {frozenset(g.members.items()) for g in groups}


def expected(groups: dict[str, dict[str, str]], drop=frozenset()) -> set[frozenset]:
    out = set()
    for name, texts in groups.items():
        members = {(lang, scrambled(name, lang)) for lang in texts if (name, lang) not in drop}
        if len(members) > 1:
            out.add(frozenset(members))
    return out


ALL = {**GROUPS, "decoy": POLITICAL_PRISONERS_DECOY}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scrambled_names_no_metadata_pair_correctly(seed):
    docs, _ = build(ALL, seed)
    groups, unpaired = pair_documents(docs)
    assert as_sets(groups) == expected(ALL)
    assert unpaired == []
    for g in groups:
        assert 0.5 <= g.confidence <= 1.0
        assert len(g.evidence) == 3  # one line per language pair


def test_evidence_names_what_was_shared():
    docs, _ = build({"prisoners": GROUPS["prisoners"]})
    (group,), _ = pair_documents(docs)
    en_be = next(e for e in group.evidence if e.startswith("en-be"))
    assert "1150" in en_be and "Bialiatski/Бяляцкі" in en_be
    assert "dates" in en_be  # 7 April / 7 красавіка


def test_orphans_stay_unpaired():
    docs, _ = build(ALL)
    orphans = [Document(id=f"orphan-{lang}.txt", language=lang, text=text)
               for lang, text in ORPHANS.items()]
    groups, unpaired = pair_documents(docs + orphans)
    assert as_sets(groups) == expected(ALL)
    assert {d.id for d in unpaired} == {d.id for d in orphans}


def test_missing_translations_leave_partial_groups():
    drop = {("sanctions", "be"), ("pace", "ru"), ("council", "be"), ("council", "ru")}
    docs, _ = build(ALL, drop=drop)
    groups, unpaired = pair_documents(docs)
    assert as_sets(groups) == expected(ALL, drop)
    assert [d.id for d in unpaired] == [scrambled("council", "en")]


def test_decoy_does_not_replace_a_missing_translation():
    # The prisoners article exists only in English; the decoy on the same topic has no
    # English version. Same topic, other numbers and people: it must not be taken.
    drop = {("prisoners", "be"), ("prisoners", "ru"), ("decoy", "en")}
    docs, _ = build(ALL, drop=drop)
    groups, unpaired = pair_documents(docs)
    assert as_sets(groups) == expected(ALL, drop)
    assert scrambled("prisoners", "en") in {d.id for d in unpaired}


def test_languages_outside_the_set_are_returned_unpaired():
    docs, _ = build({"pace": GROUPS["pace"]})
    uk = Document(id="uk.txt", language="uk", text=GROUPS["pace"]["ru"])
    groups, unpaired = pair_documents(docs + [uk])
    assert len(groups) == 1 and unpaired == [uk]


def test_two_languages_only():
    docs, _ = build(GROUPS)
    groups, unpaired = pair_documents(docs, languages=("en", "ru"))
    assert {frozenset(g.members) for g in groups} == {frozenset({"en", "ru"})}
    assert len(groups) == len(GROUPS)
    assert {d.language for d in unpaired} == {"be"}


def test_a_higher_threshold_leaves_weaker_pairs_unpaired():
    docs, _ = build(GROUPS)
    groups, _ = pair_documents(docs, threshold=0.0)
    scores = sorted(float(e.split()[1].rstrip(":")) for g in groups for e in g.evidence)
    middle = (scores[0] + scores[-1]) / 2
    assert scores[0] < middle < scores[-1]
    strict, _ = pair_documents(docs, threshold=middle)
    kept = [float(e.split()[1].rstrip(":")) for g in strict for e in g.evidence]
    assert kept and min(kept) >= middle
    assert len(strict) < len(groups) or sum(len(g.members) for g in strict) < sum(
        len(g.members) for g in groups)


def test_empty_and_featureless_documents():
    assert pair_documents([]) == ([], [])
    docs = [Document(id="a", language="en", text="nothing here to compare"),
            Document(id="b", language="be", text="тут няма чаго параўноўваць"),
            Document(id="c", language="ru", text="")]
    groups, unpaired = pair_documents(docs)
    assert groups == [] and unpaired == docs


# --- metadata -------------------------------------------------------------------------

GENERIC = {"en": "The statement was published today.",
           "be": "Заява была апублікаваная сёння.",
           "ru": "Заявление было опубликовано сегодня."}


def test_translation_of_links_pair_featureless_articles():
    # Three identical-looking short texts per language: only the metadata can tell.
    docs = []
    for n in range(3):
        be_url = f"https://news.example.org/be/2025/0{n + 1}/statement-{n}"
        docs.append(Document(id=f"be{n}.md", language="be", text=GENERIC["be"],
                             metadata={"url": be_url}))
        docs.append(Document(id=f"ru{n}.md", language="ru", text=GENERIC["ru"],
                             metadata={"url": be_url.replace("/be/", "/ru/") + "-ru",
                                       "translation_of": be_url}))
        docs.append(Document(id=f"x{n}.md", language="en", text=GENERIC["en"],
                             metadata={"translation_of": f"be{n}.md"}))
    random.Random(5).shuffle(docs)
    groups, unpaired = pair_documents(docs)
    assert as_sets(groups) == {frozenset({("en", f"x{n}.md"), ("be", f"be{n}.md"),
                                          ("ru", f"ru{n}.md")}) for n in range(3)}
    assert unpaired == []
    for g in groups:
        assert g.confidence == 1.0
        assert any("translation_of" in e for e in g.evidence)
        # en and ru both name the Belarusian original: linked through it.
        assert any("common original" in e for e in g.evidence)


def test_hreflang_alternates_in_one_metadata_value():
    docs = [
        Document(id="a.html", language="en", text=GENERIC["en"],
                 metadata={"url": "https://site.example/en/a",
                           "hreflang": "be=https://site.example/be/a, ru=https://site.example/ru/a"}),
        Document(id="b.html", language="be", text=GENERIC["be"],
                 metadata={"url": "https://site.example/be/a/"}),
        Document(id="c.html", language="ru", text=GENERIC["ru"],
                 metadata={"url": "http://www.site.example/ru/a"}),
        Document(id="d.html", language="ru", text=GENERIC["ru"],
                 metadata={"url": "https://site.example/ru/other"}),
    ]
    groups, unpaired = pair_documents(docs)
    assert as_sets(groups) == {frozenset({("en", "a.html"), ("be", "b.html"), ("ru", "c.html")})}
    assert [d.id for d in unpaired] == ["d.html"]


def test_shared_slug_helps_but_alone_does_not_pair_unrelated_texts():
    texts = GROUPS["council"]
    docs = [Document(id=f"{lang}.md", language=lang, text=text,
                     metadata={"url": f"https://ex.org/{lang}/council-election-2024"})
            for lang, text in texts.items()]
    groups, _ = pair_documents(docs)
    assert any("slug council-election-2024" in e for e in groups[0].evidence)


def test_links_override_a_text_that_looks_like_another_article():
    # The Russian article's text is the decoy's, but its metadata says what it translates.
    docs, _ = build({"prisoners": GROUPS["prisoners"]}, drop={("prisoners", "ru")})
    docs = [Document(id=d.id, language=d.language, text=d.text,
                     metadata={"url": f"https://v.example/{d.language}/p"}) for d in docs]
    docs.append(Document(id="odd-ru.txt", language="ru", text=POLITICAL_PRISONERS_DECOY["ru"],
                         metadata={"translation_of": "https://v.example/be/p"}))
    groups, unpaired = pair_documents(docs)
    assert len(groups) == 1 and unpaired == []
    assert groups[0].members["ru"] == "odd-ru.txt"
    assert any("joined through a metadata link" in e for e in groups[0].evidence)


# --- rescore --------------------------------------------------------------------------

def test_rescore_decides_between_equal_candidates():
    en = Document(id="en.txt", language="en", text=GROUPS["pace"]["en"])
    be1 = Document(id="be-1.txt", language="be", text=GROUPS["pace"]["be"])
    be2 = Document(id="be-2.txt", language="be", text=GROUPS["pace"]["be"])
    calls = []

    def prefer(target):
        def rescore(a: Document, b: Document) -> float:
            calls.append((a.language, b.language))
            return 1.0 if target in (a.id, b.id) else 0.0
        return rescore

    for target in ("be-1.txt", "be-2.txt"):
        groups, unpaired = pair_documents([en, be1, be2], languages=("en", "be"),
                                          rescore=prefer(target))
        assert dict(groups[0].members) == {"en": "en.txt", "be": target}
        assert len(unpaired) == 1
    assert set(calls) == {("en", "be")}


def test_rescore_is_asked_only_about_the_best_candidates():
    docs, _ = build(ALL)
    asked = []

    def rescore(a: Document, b: Document) -> float:
        asked.append((a.id, b.id))
        return 0.9

    groups, _ = pair_documents(docs, rescore=rescore)
    assert as_sets(groups) == expected(ALL)
    n = len(ALL)
    assert len(set(asked)) < 3 * n * n  # not all pairs
    assert len(asked) == len(set(asked))


def test_threshold_outside_0_1_is_an_input_error():
    from align_kit.errors import InputError
    assert 0.0 < DEFAULT_THRESHOLD < 1.0
    with pytest.raises(InputError, match="outside 0..1"):
        pair_documents([], threshold=1.5)


def test_glossary_terms_are_evidence_in_any_inflection():
    from align_kit.model import Glossary, GlossaryEntry, Term

    glossary = Glossary(entries=(
        GlossaryEntry(id="political-prisoner", terms=(
            Term("political prisoner", "en"), Term("палітычны вязень", "be"),
            Term("политический заключённый", "ru"))),
        GlossaryEntry(id="sanctions", terms=(
            Term("sanctions", "en"), Term("санкцыі", "be"), Term("санкции", "ru"))),
    ))
    docs = [
        Document(id="e1", language="en", text="today they spoke about political prisoners "
                 "and their families."),
        Document(id="e2", language="en", text="today they spoke about sanctions and trade."),
        Document(id="r1", language="ru", text="сегодня говорили о политических заключённых "
                 "и их семьях."),
        Document(id="r2", language="ru", text="сегодня говорили о санкциях и торговле."),
        Document(id="b1", language="be", text="сёння казалі пра палітычных вязняў і іх сем'і."),
    ]
    groups, _ = pair_documents(docs)
    assert groups == []  # no names, numbers or dates: nothing to go on
    groups, unpaired = pair_documents(docs, glossary=glossary)
    assert as_sets(groups) == {frozenset({("en", "e1"), ("be", "b1"), ("ru", "r1")}),
                               frozenset({("en", "e2"), ("ru", "r2")})}
    assert any("glossary political prisoners/политических заключённых" in e
               for g in groups for e in g.evidence)


def test_hreflang_keys_as_ingest_stores_them():
    # Saved HTML pages: <link rel="alternate" hreflang="be" href=...> -> "hreflang:be".
    alternates = {"hreflang:en": "https://s.example/en/x", "hreflang:be": "https://s.example/be/x",
                  "hreflang:ru": "https://s.example/ru/x", "hreflang:x-default": "https://s.example/"}
    docs = [Document(id=f"page-{lang}", language=lang, text=GENERIC[lang],
                     metadata={"url": f"https://s.example/{lang}/x", **alternates})
            for lang in ("en", "be", "ru")]
    docs.append(Document(id="other-be", language="be", text=GENERIC["be"],
                         metadata={"url": "https://s.example/be/y"}))
    groups, unpaired = pair_documents(docs)
    assert as_sets(groups) == {frozenset({("en", "page-en"), ("be", "page-be"),
                                          ("ru", "page-ru")})}
    assert [d.id for d in unpaired] == ["other-be"] and groups[0].confidence == 1.0
