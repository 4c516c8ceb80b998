"""Property tests: the splitter never loses, reorders or invents characters."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from segment_checks import check_cover

from align_kit.segment import split_sentences, split_sentences_with_notices

ALPHABET = (
    "abcXYZ абвГДЖ ўіЎІ 0123456789 ... !?… «»„“\"'()— -–•: ,;\n\n\t\u00a0"
)
LANGS = st.sampled_from(["en", "be", "ru", "uk", "xx"])
WORDS = st.sampled_from([
    "Ціханоўская", "Latushka", "С.", "P.", "U.S.", "т.е.", "г.", "гг.", "млн.", "Mr.",
    "3.5%", "2,6", "—", "«Мы", "пераможам!»", "No.", "1.", "•", "...", "Вопрос:", "Q:",
    "санкцыі.", "prisoners?", "Вільня", "Warsaw", "\n", "\n\n",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=300), LANGS)
def test_characters_come_back(text, lang):
    check_cover(text, split_sentences(text, lang))


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=60).map(" ".join), LANGS)
def test_tricky_tokens_come_back(text, lang):
    check_cover(text, split_sentences(text, lang))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=400), st.integers(min_value=20, max_value=80))
def test_max_length_is_kept_and_reported(text, max_chars):
    segments, notices = split_sentences_with_notices(text, "be", max_chars=max_chars)
    check_cover(text, segments)
    assert all(len(s.text) <= max_chars for s in segments)
    plain, _ = split_sentences_with_notices(text, "be", max_chars=10_000)
    if any(len(s.text) > max_chars for s in plain):
        assert [n.code for n in notices] == ["sentence-too-long"]
    else:
        assert notices == []


URLS = st.sampled_from([
    "https://tsikhanouskaya.org/en/news/2023/?id=5&x=1.",
    "http://example.by/a.b/c?q=Ціханоўская!",
    "www.rada.vision/be/news...",
    "press@example.org",
    "first.last@cabinet.example.by",
    "https://example.org/path?a=1!B=2.C",
    "ftp://files.example.org/Sanctions.Final.pdf",
])
SENTENCES = st.sampled_from([
    "Ціханоўская выступіла ў ПАСЕ.", "The Cabinet met in Vilnius!", "Где Латушко?",
    "See", "Пішыце на", "Visit", "— Так.", "«Мы пераможам»", "U.S.", "С.",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(SENTENCES, URLS), min_size=1, max_size=8), LANGS)
def test_never_splits_inside_url_or_email(pairs, lang):
    text, spans = "", []
    for sentence, url in pairs:
        text += sentence + " "
        spans.append((len(text), len(text) + len(url)))
        text += url + " "
    segments = split_sentences(text, lang)
    check_cover(text, segments)
    for start, end in spans:
        for seg in segments:
            assert not (start < seg.start < end), (text[start:end], seg.text)
            assert not (start < seg.end < end), (text[start:end], seg.text)
