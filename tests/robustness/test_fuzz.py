"""Fuzzing with arbitrary (full Unicode) text and arbitrary bytes: every API and
reader returns a result or raises AlignKitError, nothing else. The budget is small
(50 examples each, no deadline) so the suite stays fast; failing inputs hypothesis
finds are kept below as explicit regression cases (`REGRESSIONS`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from align_kit.align import align_lines
from align_kit.errors import AlignKitError
from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.po import read_po, write_po
from align_kit.formats.tmx import read_tmx, rebuild_document, write_tmx
from align_kit.formats.xliff import read_xliff, write_xliff
from align_kit.glossary import load_glossary
from align_kit.ingest import read_document, read_text
from align_kit.model import Alignment, Bead
from align_kit.segment import split_sentences

# ALIGN_KIT_FUZZ_EXAMPLES=5000 for a long hunt; 50 keeps the suite fast.
FUZZ = settings(max_examples=int(os.environ.get("ALIGN_KIT_FUZZ_EXAMPLES", "50")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
LANGS = st.sampled_from(["en", "be", "ru", "uk", "xx"])
# Full Unicode (no surrogates: a str from a file never holds them) and line-ish lists.
TEXT = st.text(max_size=300)
LINES = st.lists(st.text(max_size=60), max_size=8)

# Inputs found while fuzzing or writing the matrix, kept as explicit cases.
REGRESSIONS_TEXT = ["", " ", "\x00", "\x0b\x0c", "\u2028\u2029", "\ufeff", "\r\r\n", "..."
                    "?!", "a\u0301" * 50, "\U0001f600" * 10, "Ц" * 3000]


@FUZZ
@given(TEXT)
@example("\x85x\u2028y")
def test_read_text_any_text(text):
    try:
        doc = read_text(text, id="fuzz")
    except AlignKitError:
        return
    assert doc.text and doc.text == doc.text.strip()


@FUZZ
@given(TEXT, LANGS)
def test_split_any_text(text, lang):
    segments = split_sentences(text, lang)
    for s in segments:
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", REGRESSIONS_TEXT)
def test_split_and_read_regressions(text):
    for s in split_sentences(text, "be"):
        assert text[s.start:s.end] == s.text
    try:
        read_text(text, id="regression")
    except AlignKitError:
        pass


@FUZZ
@given(LINES, LINES, LANGS, LANGS)
def test_align_lines_any_lines(src, tgt, src_lang, tgt_lang):
    try:
        beads = align_lines(src, tgt, src_lang, tgt_lang)
    except AlignKitError:
        return
    left = [i for b in beads for i in b.indexes[0]]
    right = [i for b in beads for i in b.indexes[1]]
    assert left == list(range(len(src))) and right == list(range(len(tgt)))
    assert all(0.0 <= b.score <= 1.0 for b in beads)


def _alignment(sources: list[str], targets: list[str]) -> Alignment:
    n = min(len(sources), len(targets))
    docs = (rebuild_document("fuzz.be", "be", sources[:n], source="fuzz.be.txt"),
            rebuild_document("fuzz.en", "en", targets[:n], source="fuzz.en.txt"))
    beads = tuple(Bead(((i,), (i,)), 0.75) for i in range(n))
    return Alignment(docs, beads, original="be", id="fuzz")


SENTENCE = st.text(min_size=1, max_size=80).filter(lambda s: s.strip() == s and s)


@FUZZ
@given(st.lists(SENTENCE, min_size=1, max_size=5), st.lists(SENTENCE, min_size=1, max_size=5))
def test_formats_round_trips_any_text(sources, targets):
    try:
        alignment = _alignment(sources, targets)
    except AlignKitError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_alignment(alignment, tmp / "a.align.jsonl")
        assert read_alignment(tmp / "a.align.jsonl") == alignment
        for write, read, name in ((lambda a, p: write_tmx([a], p), lambda p: read_tmx(p)[0],
                                   "a.tmx"),
                                  (lambda a, p: write_po(a, p, target_lang="en"), read_po,
                                   "a.po"),
                                  (lambda a, p: write_xliff(a, p, target_lang="en"), read_xliff,
                                   "a.xlf")):
            try:
                write(alignment, tmp / name)
                back = read(tmp / name)
            except AlignKitError:
                continue
            assert len(back.beads) <= len(alignment.beads)


READERS = {
    "tmx": lambda p: read_tmx(p),
    "xlf": read_xliff,
    "po": read_po,
    "align.jsonl": read_alignment,
    "tbx": load_glossary,
    "csv": load_glossary,
    "html": read_document,
    "md": read_document,
    "txt": read_document,
    "docx": read_document,
}
XML_START = st.sampled_from([b"", b"<?xml version='1.0'?>", b"<tmx version='1.4'><body>",
                             b"<xliff version='1.2'><file>", b"<martif><text><body>",
                             b"<html><body><p>", b'{"format":"align-kit-alignment"}\n',
                             b'msgid ""\nmsgstr ""\n', b"PK\x03\x04", b"\xef\xbb\xbf"])


@pytest.mark.parametrize("suffix", list(READERS))
def test_every_reader_any_bytes(suffix):
    @FUZZ
    @given(XML_START, st.binary(max_size=200))
    def check(start, tail):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"fuzz.en.{suffix}"
            path.write_bytes(start + tail)
            try:
                READERS[suffix](path)
            except AlignKitError as exc:
                assert str(exc)

    check()
