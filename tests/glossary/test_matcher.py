"""Inflection-aware term matching in Belarusian, Russian and English."""

from __future__ import annotations

from collections import defaultdict

import pytest
from conftest import HERE
from hypothesis import given, settings
from hypothesis import strategies as st

from align_kit.glossary import TermMatcher, parse_glossary
from align_kit.glossary.text import words


def _forms() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """The hand-written declension table: (entry, lang) -> [(case, number, form)]."""
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for line in (HERE / "data" / "org_forms.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        entry, lang, case, number, form = line.split("\t")
        out[(entry, lang)].append((case, number, form))
    return out


FORMS = _forms()
CASES = {(c, n) for c in ("nom", "gen", "dat", "acc", "ins", "loc") for n in ("sg", "pl")}


def test_forms_table_covers_every_multi_word_organisation(glossary):
    orgs = [e for e in glossary.entries if e.subject == "organisation"]
    multi = [e for e in orgs
             if any(len(words(t.text)) > 1 for lang in ("be", "ru") for t in e.approved(lang))]
    assert len(multi) >= 10
    for entry in multi:
        for lang in ("be", "ru"):
            got = {(c, n) for c, n, _ in FORMS[(entry.id, lang)]}
            assert got == CASES, f"{entry.id}/{lang}: missing {sorted(CASES - got)}"


@pytest.mark.parametrize("key", sorted(FORMS), ids=lambda k: f"{k[0]}-{k[1]}")
def test_all_six_cases_singular_and_plural_are_matched(matcher, key):
    entry, lang = key
    frame = "Навіна: {} — гэта важна." if lang == "be" else "Новость: {} — это важно."
    for case, number, form in FORMS[key]:
        text = frame.format(form)
        found = [m for m in matcher.find(text, lang) if m.entry == entry]
        assert found, f"{case} {number}: {form!r} not matched"
        start = text.index(form)
        assert found[0].span == (start, start + len(form)), (case, number, form)
        assert found[0].status == "approved"


@pytest.mark.parametrize("lang, text, expected", [
    # Belarusian apostrophes, ў after a vowel, е/ё, soft/hard stems
    ("be", "Пра Аб’яднаны пераходны кабінет", [("utc", "approved")]),
    ("be", "Пра Абʼяднаны пераходны кабінет", [("utc", "approved")]),
    ("be", "Яна працуе ва Ўпраўленні? Не: у Народным антыкрызісным упраўленні.",
     [("nau", "approved")]),
    ("be", "Сустрэліся ў Магілёве і ў Магілёва не паехалі", [("mahiliou", "approved")] * 2),
    ("be", "Палітвязень, палітвязня, палітвязні, палітвязнямі",
     [("political-prisoner", "approved")] * 4),
    ("be", "Пасол прыехаў пасля сустрэчы з паслом", [("ambassador", "approved")] * 2),
    ("be", "Беларусы ў Беларусі, беларусаў, з Беларуссю, Беларусь", [("belarus", "approved")] * 3),
    ("be", "Гомель, у Гомелі, Гомелем", [("homel", "approved")] * 3),
    ("be", "у Беларусіі і Беларусія", [("belarus", "forbidden")] * 2),
    ("be", "Лукашэнка, Лукашэнкам, Лукашенко", [("lukashenka", "approved")] * 2
     + [("lukashenka", "forbidden")]),
    ("be", "з Ціханоўскай і Ціханоўскім", [("tsikhanouskaya", "approved"),
                                          ("tsikhanouski", "approved")]),
    ("be", "Гродна, у Гродне, Гродно", [("hrodna", "approved")] * 2 + [("hrodna", "forbidden")]),
    # Russian: lemmas, agreement, gender of surnames, homographs
    ("ru", "Тихановская, о Тихановской, с Тихановским",
     [("tsikhanouskaya", "approved")] * 2 + [("tsikhanouski", "approved")]),
    ("ru", "После встречи посол и послы", [("ambassador", "approved")] * 2),
    ("ru", "в Белоруссии, Белоруссию и Беларуси", [("belarus", "forbidden")] * 2
     + [("belarus", "approved")]),
    ("ru", "в Беларусии, с Беларусью", [("belarus", "forbidden"), ("belarus", "approved")]),
    ("ru", "политзаключенных, политзаключёнными", [("political-prisoner", "approved")] * 2),
    ("ru", "Координационного совета", [("cc", "approved")]),
    ("ru", "Координационная рада", [("cc", "forbidden")]),
    # English: plural, possessive, hyphens, case
    ("en", "the Cabinet's and the United Transitional Cabinet’s work",
     [("utc", "approved")]),
    ("en", "National Anti\u2011Crisis Management, National Anti Crisis Management, "
           "National Anticrisis Management", [("nau", "approved")] * 3),
    ("en", "Belarusian political prisoners' families", [("belarusian", "approved"),
                                                      ("political-prisoner", "approved")]),
    ("en", "at a slow pace, PACE and PACE's", [("pace", "approved")] * 2),
    ("en", "Tikhanovskaya met Kovalevsky in Byelorussia", [
        ("tsikhanouskaya", "forbidden"), ("kavaleuski", "forbidden"), ("belarus", "forbidden")]),
])
def test_inflection_rules(matcher, lang, text, expected):
    assert [(m.entry, m.status) for m in matcher.find(text, lang)] == expected


def test_longest_match_wins_and_spans_are_exact(matcher):
    text = "Дэлегацыя ў Парламенцкай асамблеі Рады Еўропы і ў Радзе Еўропы."
    found = matcher.find(text, "be")
    assert [(m.entry, text[m.span[0]:m.span[1]], m.nested) for m in found] == [
        ("pace-full", "Парламенцкай асамблеі Рады Еўропы", False),
        ("coe", "Рады Еўропы", True),  # nested in the longer name, not hidden by it
        ("coe", "Радзе Еўропы", False)]
    assert matcher.entries_in(text, "be") == {"pace-full", "coe"}


def test_terms_do_not_match_across_punctuation(matcher):
    assert matcher.entries_in("European. Parliament", "en") == set()
    assert matcher.entries_in("European Parliament", "en") == {"ep"}


def test_russian_head_agreement():
    g = parse_glossary("id,ru\nx,Переходный кабинет\n".encode(), "csv")
    m = TermMatcher(g)
    assert m.entries_in("о Переходном кабинете", "ru") == {"x"}
    assert m.entries_in("переходные кабинеты", "ru") == {"x"}
    # a plural adjective does not agree with a singular noun in another case
    assert m.entries_in("переходных кабинету", "ru") == set()


def test_case_sensitive_term_and_unknown_language():
    g = parse_glossary("id,en,uk,case_sensitive\nkgb,KGB,КДБ,yes\n".encode(), "csv")
    m = TermMatcher(g)
    assert m.entries_in("The KGB and the kgb", "en") == {"kgb"}
    assert [x.text for x in m.find("The KGB and the kgb", "en")] == ["KGB"]
    assert m.find("Служба КДБ", "uk")[0].entry == "kgb"
    assert m.find("anything", "de") == []


_PIECES = st.sampled_from(list("абвгдеёжзійклмнопрстуўфхцчшыьэюяАБВЕКПРСЎ'’ʼ-  ,.«»")
                         + list("abcdeiklnoprstuvyACEPU")
                         + ["\u2011", "\u0301", "Рада ", "Еўропы ", "Латушка ", "PACE ",
                            "Каардынацыйнай ", "радзе ", "Anti-Crisis "])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_PIECES, max_size=40).map("".join),
       lang=st.sampled_from(["be", "ru", "en", "uk"]))
def test_find_never_fails_and_spans_are_ordered_words(matcher, text, lang):
    found = matcher.find(text, lang)
    for m in found:
        start, end = m.span
        assert 0 <= start < end <= len(text) and m.text == text[start:end]
    top = [m for m in found if not m.nested]
    for a, b in zip(top, top[1:], strict=False):
        # in text order, not overlapping (one span may carry two entries: Тихановским)
        assert a.span[1] <= b.span[0] or a.span == b.span
    for m in found:
        if m.nested:  # inside a longer match
            assert any(t.span[0] <= m.span[0] and m.span[1] <= t.span[1] and t.span != m.span
                       for t in top)
