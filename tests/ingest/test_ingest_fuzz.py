"""Arbitrary bytes and text: a Document or an InputError, never anything else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align_kit.errors import InputError
from align_kit.ingest import decode_bytes, read_document, read_text

_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Letters of our languages, markup characters and the troublemakers normalisation handles.
_ALPHABET = st.sampled_from(
    list("abcxyz АБВабвіўыэёїєґщъ'’.,;:!?«»—-#*_[]()<>&\n\r\t ")
    + ["\u00a0", "\u202f", "\u00ad", "\u2011", "\u200b", "\x00", "\x0b", "\x0c", "\ufeff"]
)


@_FAST
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_input_error(raw):
    try:
        decoded = decode_bytes(raw)
    except InputError as exc:
        assert exc.message
        return
    assert isinstance(decoded.text, str)


@_FAST
@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_any_text_reads_or_raises_input_error(text):
    try:
        doc = read_text(text, id="fuzz")
    except InputError as exc:
        assert "empty" in exc.message
        return
    assert doc.text == doc.text.strip()
    for p in doc.paragraphs:
        block = doc.text[p.start:p.end]
        assert block and block == block.strip()
        # A paragraph keeps a line break only where the line is a headline or a dateline
        # (normalise.tidy_block): one "\n" between two stripped, non-empty lines.
        assert all(line and line == line.strip() for line in block.split("\n")), block
    assert not any(ch in doc.text for ch in "\x00\x0b\x0c\r\u00a0\u00ad\u200b\ufeff")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=_ALPHABET, max_size=200), suffix=st.sampled_from([".md", ".html"]))
def test_any_markdown_or_html_reads_or_raises_input_error(tmp_path, text, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        doc = read_document(path)
    except InputError:
        return
    assert doc.text
