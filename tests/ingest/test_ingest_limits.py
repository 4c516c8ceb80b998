"""Limits and special files at the library level (the CLI cases: tests/robustness)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from align_kit.align.files import read_lines, split_line_file
from align_kit.errors import InputError
from align_kit.ingest import identify_language, read_document, read_folder
from align_kit.ingest.language import SAMPLE_CHARS
from align_kit.ingest.limits import DEFAULT_MAX_FILE_MB, read_regular_file
from align_kit.ingest.word import checked_archive

BE = "Беларускія дэмакратычныя сілы сустрэліся ў Вільні, каб абмеркаваць санкцыі. "


def test_read_regular_file_bounds_and_kinds(tmp_path):
    small = tmp_path / "a.txt"
    small.write_bytes(b"x" * 2000)
    assert read_regular_file(str(small), max_file_mb=0.002) == b"x" * 2000
    with pytest.raises(InputError,
                       match=r"2,000 bytes, over the limit of 1,000 bytes \(--max-file-mb\)"):
        read_regular_file(str(small), max_file_mb=0.001)
    with pytest.raises(InputError, match="is a directory"):
        read_regular_file(str(tmp_path))
    with pytest.raises(InputError, match="must be above 0"):
        read_regular_file(str(small), max_file_mb=0)
    assert DEFAULT_MAX_FILE_MB == 50


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: a plain open() would block forever
    with pytest.raises(InputError, match=r"not a regular file \(a named pipe \(FIFO\)\)"):
        read_document(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_lines(fifo)
    (tmp_path / "news.be.txt").write_text(BE, encoding="utf-8")
    documents, notices = read_folder(tmp_path)
    assert [d.id for d in documents] == ["news.be"]
    assert [n.message for n in notices] == ["skipped: not a regular file (a named pipe (FIFO))"]


def test_dev_zero_link_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"a character device"):
        read_document(link)


def test_split_line_file_only_lf_and_crlf():
    lines, notices = split_line_file("a\r\nb\u2028c\x85d\ne\x0cf\n", "x.txt")
    assert lines == ["a", "b c d", "e f"]
    assert [(n.line, n.message.split(" inside")[0]) for n in notices] == [
        (2, "line 2: U+0085, U+2028"), (3, "line 3: U+000C")]
    assert split_line_file("a\n\nb\n") == (["a", "", "b"], [])
    assert split_line_file("a\n\n")[0] == "a\n\n".splitlines()


def test_language_of_a_long_text_judged_on_a_sample():
    long = BE * (3 * SAMPLE_CHARS // len(BE))
    guess = identify_language(long)
    assert guess.language == "be" and guess.confidence > 0.9
    assert identify_language(BE * 50).language == "be"


def _zip(parts: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_checked_archive_limits_and_entities():
    doc = b'<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body/></w:document>'
    rebuilt = zipfile.ZipFile(io.BytesIO(checked_archive("d.docx", _zip(
        {"word/document.xml": doc}), None)))
    assert rebuilt.read("word/document.xml") == doc
    assert rebuilt.infolist()[0].compress_type == zipfile.ZIP_STORED
    with pytest.raises(InputError, match="no word/document.xml"):
        checked_archive("d.docx", _zip({"other.xml": doc}), None)
    with pytest.raises(InputError, match=r"over the limit of 0\.5 MB per part \(--max-file-mb\)"):
        checked_archive("d.docx", _zip({"word/document.xml": b" " * 600_000}), 0.5)
    with pytest.raises(InputError, match=r"over the limit of 2\.0 MB for all parts"):
        checked_archive("d.docx", _zip({"word/document.xml": doc,
                                        **{f"media/{k}.bin": os.urandom(450_000)
                                           for k in range(5)}}), 0.5)
    with pytest.raises(InputError, match=r"compressed \d+:1, more than 100:1"):
        checked_archive("d.docx", _zip({"word/document.xml": b" " * 2_000_000}), None)
    laughs = b'<!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><d>&b;</d>'
    with pytest.raises(InputError, match=r"part word/styles\.xml: the file declares XML entities"):
        checked_archive("d.docx", _zip({"word/document.xml": doc, "word/styles.xml": laughs}),
                        None)
