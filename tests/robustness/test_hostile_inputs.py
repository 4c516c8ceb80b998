"""Hostile and unlucky article and line files (issue 14, items 3, 4, 5, 9, 11 docx).

Each case runs `python -m align_kit` as a user does, with a timeout: a hang or a
memory blow-up fails the test instead of the machine. docs/robustness.md, "Hostile
files: articles and line files", lists the behaviour of each.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import BE, EN, ROOT, assert_input_error, assert_repaired, cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
RUN = "<w:r><w:t>Палітвязні павінны быць вызваленыя. </w:t></w:r>"


def _docx(path: Path, body_runs: str | None = None, *, prolog: str = "", repeat: int = 1) -> Path:
    """A minimal .docx; `repeat` copies of `body_runs` in one paragraph, streamed to the zip."""
    runs = body_runs if body_runs is not None else RUN
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W}"><w:body><w:p>')
    tail = "</w:p></w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            block = runs.encode() * 1000
            for _ in range(repeat // 1000):
                part.write(block)
            part.write(runs.encode() * (repeat % 1000))
            part.write(tail.encode())
    return path


def _ingest_json(path: Path, *args: str, timeout: int = 120) -> list[dict]:
    result = cli("ingest", path, "--json", *args, timeout=timeout)
    assert result.code == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


# --- item 3: deep HTML -------------------------------------------------------------------

def _deep_html(path: Path, levels: int) -> Path:
    body = ("<p>The cabinet met in Vilnius on Monday to discuss the new sanctions.</p>"
            + "<div>" * levels
            + "<p>Deep inside, political prisoners must be released, the statement says.</p>"
            + "</div>" * levels
            + "<p>The last paragraph comes after all the nesting, and it must survive.</p>")
    path.write_text(f"<html lang='en'><body><article>{body}</article></body></html>",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("levels", [300, 1500])
def test_html_nested_past_lxml_default_keeps_all_text(tmp_path, levels):
    [doc] = _ingest_json(_deep_html(tmp_path / "deep.en.html", levels))
    assert "political prisoners must be released" in doc["text"]
    assert "it must survive" in doc["text"]


def test_html_nested_20000_levels_refused_in_one_line(tmp_path):
    page = _deep_html(tmp_path / "deeper.en.html", 20_000)
    line = assert_input_error(cli("ingest", page), page, "nested deeper than 2,048 levels")
    assert "no text found" not in line


# --- item 4: size limits -----------------------------------------------------------------

def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:  # no disk used: the limit must refuse before reading
        handle.truncate(size)
    return path


def test_article_over_default_limit_refused_at_once(tmp_path):
    big = _sparse(tmp_path / "big.be.txt", 200 * 1_000_000)
    start = time.monotonic()
    line = assert_input_error(cli("ingest", big), big, "over the limit of 50 MB (--max-file-mb)")
    assert "200 MB" in line and time.monotonic() - start < 30


def test_max_file_mb_lowers_and_raises_the_limit(tmp_path):
    article = tmp_path / "news.be.txt"
    article.write_text(BE * 3000, encoding="utf-8")  # about 0.9 MB
    assert_input_error(cli("ingest", article, "--max-file-mb", "0.5"), article,
                       "over the limit of 0.5 MB (--max-file-mb)")
    assert cli("ingest", article, "--max-file-mb", "2").code == 0
    assert_input_error(cli("split", article, "--lang", "be", "--max-file-mb", "0.5"), article,
                       "--max-file-mb")


def test_line_file_over_limit_refused(tmp_path):
    src = tmp_path / "a.en.txt"
    src.write_text(EN * 2000, encoding="utf-8")
    tgt = tmp_path / "a.be.txt"
    tgt.write_text(BE, encoding="utf-8")
    assert_input_error(cli("align", src, tgt, "--max-file-mb", "0.1"), src, "--max-file-mb")


def test_big_text_time_and_memory_proportional(tmp_path):
    """Was 20 s and 21x its size in memory for 20 MB (language detection over every word)."""
    article = tmp_path / "big.be.txt"
    article.write_text((BE + "\n") * 40_000, encoding="utf-8")  # about 10 MB
    size = article.stat().st_size
    probe = ("import resource, sys, time; from align_kit.ingest import read_document; "
             "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.monotonic(); "
             "read_document(sys.argv[1], max_file_mb=50); "
             "print(time.monotonic() - t, "
             "(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) * 1024)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", probe, str(article)], capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    seconds, extra = map(float, done.stdout.split())
    assert extra < 15 * size, (extra / size, seconds)
    assert seconds < 60


def test_docx_bomb_refused_before_unpacking(tmp_path):
    """The 568 KB .docx with 184 MB of XML: ran 600 s at 3.3 GB."""
    bomb = _docx(tmp_path / "bomb.be.docx", repeat=2_070_000)  # 89 bytes a run: 184 MB
    assert bomb.stat().st_size < 2_000_000
    start = time.monotonic()
    line = assert_input_error(cli("ingest", bomb, timeout=60), bomb, "word/document.xml")
    assert "over the limit of 50 MB per part (--max-file-mb)" in line
    assert time.monotonic() - start < 30


def test_docx_compression_ratio_refused(tmp_path):
    packed = _docx(tmp_path / "packed.be.docx", repeat=300_000)  # 20 MB of XML, about 300:1
    line = assert_input_error(cli("ingest", packed, timeout=60), packed, "compressed")
    assert "more than 100:1" in line


def _lie_about_size(path: Path, name: str, size: int, crc: int | None = None) -> None:
    """Patch the zip so `name` declares `size` bytes unpacked (local and central headers),
    and `crc` as its checksum when given (that of its first `size` bytes: no CRC error)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    at = data.find(b"PK\x03\x04")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30: at + 30 + name_len] == encoded:
            struct.pack_into("<I", data, at + 22, size)
            if crc is not None:
                struct.pack_into("<I", data, at + 14, crc)
        at = data.find(b"PK\x03\x04", at + 4)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + name_len] == encoded:
            struct.pack_into("<I", data, at + 24, size)
            if crc is not None:
                struct.pack_into("<I", data, at + 16, crc)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("matching_crc", [False, True])
def test_docx_part_that_lies_about_its_size_stopped_at_once(tmp_path, matching_crc):
    """Declared its main part as 1,000 bytes: was refused only after reaching 2 GB."""
    liar = tmp_path / "liar.be.docx"
    xml = (f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p>{RUN}</w:p>'
           "</w:body></w:document>").encode()
    xml += b" " * (300_000_000 - len(xml))  # white space after the root: still well-formed
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", xml)
    _lie_about_size(liar, "word/document.xml", len(xml[:1000]),
                    zlib.crc32(xml[:1000]) if matching_crc else None)
    start = time.monotonic()
    line = assert_input_error(cli("ingest", liar, timeout=60), liar, "word/document.xml")
    assert "declares" in line and time.monotonic() - start < 30


# --- item 5: special files ---------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_fifo_and_dev_zero_link_in_a_folder_skipped(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "news.be.txt").write_text(BE, encoding="utf-8")
    (folder / "news.en.txt").write_text(EN, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "nothing-here.txt")
    result = cli("ingest", folder, timeout=60)
    assert result.code == 0 and "Traceback" not in result.stderr, result.stderr
    assert "pipe.txt: warning: skipped: not a regular file (a named pipe (FIFO))" in result.stderr
    assert "zero.txt: warning: skipped: not a regular file (a character device)" in result.stderr
    assert "gone.txt: warning: skipped: not a regular file (a symbolic link to nothing)" \
        in result.stderr
    assert len(result.stdout.splitlines()) == 2
    paired = cli("pair", folder, "-o", tmp_path / "m.tsv", timeout=60)
    assert paired.code == 0 and "skipped: not a regular file" in paired.stderr, paired.stderr


@needs_fifo
def test_run_skips_a_fifo(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "news.be.txt").write_text(BE, encoding="utf-8")
    (folder / "news.en.txt").write_text(EN, encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    result = cli("run", folder, "-o", tmp_path / "out", timeout=300)
    assert result.code == 0 and "Traceback" not in result.stderr, result.stderr
    assert "skipped: not a regular file (a named pipe (FIFO))" in result.stderr


@needs_fifo
@pytest.mark.parametrize("command", ["ingest", "split", "align"])
def test_fifo_or_device_given_directly_refused(tmp_path, command):
    fifo = tmp_path / "pipe.be.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.en.txt"
    zero.symlink_to("/dev/zero")
    for special, kind in ((fifo, "a named pipe (FIFO)"), (zero, "a character device")):
        if command == "ingest":
            args = ("ingest", special)
        elif command == "split":
            args = ("split", special, "--lang", "be")
        else:
            other = tmp_path / "other.be.txt"
            other.write_text(BE, encoding="utf-8")
            args = ("align", special, other)
        assert_input_error(cli(*args, timeout=60), special, f"not a regular file ({kind})")


# --- item 9: hidden line breaks in line files --------------------------------------------

@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c", "\x1e", "\r"])
def test_line_file_with_a_hidden_break_aligns_as_3_lines(tmp_path, separator):
    src = tmp_path / "a.en.txt"
    src.write_text(f"The cabinet met.\nPrisoners{separator}must be freed.\nThe end.\n",
                   encoding="utf-8", newline="")
    tgt = tmp_path / "a.be.txt"
    tgt.write_text("Кабінет сабраўся.\nПалітвязні павінны быць вызваленыя.\nКанец.\n",
                   encoding="utf-8")
    result = cli("align", src, tgt, "--format", "jsonl")
    line = assert_repaired(result, "inside the line kept as a space")
    assert f"line 2: U+{ord(separator):04X}" in line and ":2: warning:" in line
    beads = [json.loads(x) for x in result.stdout.splitlines()[1:]]  # after the header
    assert [i for b in beads for i in b["indexes"][0]] == [0, 1, 2]
    assert beads[1]["texts"][0] == "Prisoners must be freed."


def test_line_file_crlf_is_one_line_end(tmp_path):
    src = tmp_path / "a.en.txt"
    src.write_bytes(b"The cabinet met.\r\nPrisoners must be freed.\r\nThe end.\r\n")
    tgt = tmp_path / "a.be.txt"
    tgt.write_text("Кабінет сабраўся.\nПалітвязні павінны быць вызваленыя.\nКанец.\n",
                   encoding="utf-8")
    result = cli("align", src, tgt)
    assert result.code == 0 and "kept as a space" not in result.stderr, result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_article_u2028_is_a_break_inside_the_paragraph(tmp_path):
    article = tmp_path / "news.en.txt"
    article.write_text("The cabinet met in Vilnius.\nPolitical prisoners\u2028must be freed."
                       "\nThe statement ends here.\n", encoding="utf-8")
    result = cli("ingest", article, "--json")
    assert_repaired(result, "line separator(s) (U+2028) read as a line break inside")
    [doc] = json.loads(result.stdout)
    assert doc["paragraphs"] == 3
    assert "Political prisoners must be freed." in doc["text"]


# --- item 11: entities in a docx ---------------------------------------------------------

def test_docx_entity_refused_naming_the_part(tmp_path):
    """Text after `&ext;` was dropped with exit 0."""
    evil = _docx(tmp_path / "evil.be.docx", "<w:r><w:t>Before &ext; after.</w:t></w:r>",
                 prolog='<!DOCTYPE w:document [<!ENTITY ext "EXPANDED">]>')
    line = assert_input_error(cli("ingest", evil), evil, "part word/document.xml")
    assert "entities" in line


def test_docx_external_entity_reference_refused(tmp_path):
    evil = _docx(tmp_path / "ext.be.docx", "<w:r><w:t>Before &ext; after.</w:t></w:r>",
                 prolog='<!DOCTYPE w:document SYSTEM "http://example.invalid/x.dtd">')
    assert_input_error(cli("ingest", evil), evil, "part word/document.xml")


def test_plain_docx_still_reads(tmp_path):
    plain = _docx(tmp_path / "plain.be.docx", repeat=20)
    [doc] = _ingest_json(plain)
    assert doc["text"].count("Палітвязні павінны быць вызваленыя.") == 20
