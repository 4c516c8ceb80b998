"""Any text survives alignment file -> TMX / PO / XLIFF -> alignment file, exactly.

The one exception is what XML 1.0 cannot hold (C0 controls, lone surrogates,
U+FFFE/U+FFFF): removed, and every removal reported as a Notice.
"""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align_kit.formats._xml import xml_clean
from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.po import read_po, write_po
from align_kit.formats.tmx import read_tmx, rebuild_document, write_tmx
from align_kit.formats.xliff import read_xliff, write_xliff
from align_kit.model import Alignment, Bead

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from([
    "Ціханоўская", "Латушка", "политзаключённые", "sanctions", "ПАСЕ", "«", "»", "„", "“",
    "<", ">", "&", '"', "'", "&amp;", "<seg>", "]]>", " ", "  ", "\n", "\r\n", "\t", "й",
    "\u0301", "\u0306", "😀", "🇧🇾", "\u00a0", "\u200b", "\\", "\\n", "%s", "{0}", "#", "~",
])
ILLEGAL = st.sampled_from(["\x00", "\x0b", "\x0c", "\x1b", "\ud800", "\udfff", "\ufffe"])
TEXT = st.one_of(
    st.lists(PIECES, min_size=1, max_size=8).map("".join),
    st.text(min_size=1, max_size=30),  # anything Unicode, illegal characters included
    st.tuples(st.lists(PIECES, max_size=3).map("".join), ILLEGAL,
              st.lists(PIECES, min_size=1, max_size=3).map("".join)).map("".join),
)


@st.composite
def alignments(draw):
    n = draw(st.integers(1, 5))
    sides = draw(st.lists(st.tuples(st.lists(TEXT, min_size=0, max_size=2),
                                    st.lists(TEXT, min_size=0, max_size=2)),
                          min_size=n, max_size=n).filter(lambda b: all(s or t for s, t in b)))
    scores = draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))
    be, en, beads = [], [], []
    for (s, t), score in zip(sides, scores, strict=True):
        beads.append(Bead((tuple(range(len(be), len(be) + len(s))),
                           tuple(range(len(en), len(en) + len(t)))), score))
        be.extend(s)
        en.extend(t)
    docs = (rebuild_document("news.be", "be", be), rebuild_document("news.en", "en", en))
    return Alignment(docs, tuple(beads), original="be", id="news")


def _expected(alignment: Alignment) -> list[tuple[str, ...]]:
    return [tuple(xml_clean(t)[0] for t in alignment.texts(b)) for b in alignment.beads]


def _has_illegal(alignment: Alignment) -> bool:
    return any(xml_clean(t)[1] for b in alignment.beads for t in alignment.texts(b))


@SETTINGS
@given(alignments())
def test_alignment_file_is_lossless(alignment):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.align.jsonl"
        write_alignment(alignment, path)
        assert read_alignment(path) == alignment


@SETTINGS
@given(alignments())
def test_through_tmx(alignment):
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "a.align.jsonl"
        write_alignment(alignment, first)
        tmx = Path(tmp) / "a.tmx"
        notices = write_tmx(read_alignment(first), tmx)
        [back] = read_tmx(tmx)
        write_alignment(back, first)
        back = read_alignment(first)
    assert bool(notices) == _has_illegal(alignment)
    assert all(n.code == "xml-illegal-chars-removed" for n in notices)
    # Bead by bead the texts, scores and the segments of each side come back.
    assert [back.texts(b) for b in back.beads] == _expected(alignment)
    assert [b.score for b in back.beads] == [b.score for b in alignment.beads]
    if not notices:
        assert back.beads == alignment.beads
        for a, b in zip(alignment.documents, back.documents, strict=True):
            assert [s.text for s in a.segments] == [s.text for s in b.segments]


@SETTINGS
@given(alignments())
def test_through_po(alignment):
    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "a.po"
        notices = write_po(alignment, po, target_lang="en")
        back = read_po(po)
    expected = [(s, t) for s, t in _expected(alignment) if s]
    assert [back.texts(b) for b in back.beads] == expected
    assert any(n.code == "xml-illegal-chars-removed" for n in notices) == \
        _illegal_in_entries(alignment)


@SETTINGS
@given(alignments())
def test_through_xliff(alignment):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.xlf"
        notices = write_xliff(alignment, path, target_lang="en")
        back = read_xliff(path)
    expected = [(s, t) for s, t in _expected(alignment) if s]
    assert [back.texts(b) for b in back.beads] == expected
    assert bool(notices) == _illegal_in_entries(alignment)


def _illegal_in_entries(alignment: Alignment) -> bool:
    """Illegal characters in the beads that become entries (those with a source)."""
    return any(xml_clean(s)[1] or xml_clean(t)[1]
               for s, t in (alignment.texts(b) for b in alignment.beads) if s)
