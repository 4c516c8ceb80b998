"""The bad-file matrix for the files align-kit reads back: TMX, PO, XLIFF (import),
alignment jsonl (export, check, report), TBX and CSV glossaries (glossary validate,
check), and sentence-per-line files (align without --split).
"""

from __future__ import annotations

import pytest
from conftest import BE, EN, SAMPLE, assert_input_error, cli

ROOT_GLOSSARY = SAMPLE.parents[1] / "glossaries" / "democratic-forces.tbx"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4

PO_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
             '"Language: be\\n"\n\n')
# (file name, bytes, fragment of the one-line error)
BAD_FILES = {
    "tmx-truncated": ("memory.tmx", b'<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>a',
                      "malformed TMX"),
    "tmx-not-tmx": ("memory.tmx", b"<html><body>not a memory</body></html>", "TMX"),
    "tmx-empty": ("memory.tmx", b"", ""),
    "tmx-png": ("memory.tmx", PNG, ""),
    "po-unclosed-string": ("article.be.po", (PO_HEADER + 'msgid "a"\nmsgstr "b\n').encode(),
                           "a string is not closed"),
    "po-no-header": ("article.be.po", b'msgid "a"\nmsgstr "b"\n', "names no Language"),
    "po-empty": ("article.be.po", b"", ""),
    "po-png": ("article.be.po", PNG, ""),
    "xliff-truncated": ("article.xlf", b'<xliff version="1.2"><file><body><trans-unit',
                        "malformed XLIFF"),
    "xliff-empty": ("article.xlf", b"", ""),
    "xliff-png": ("article.xlf", PNG, ""),
}
ALIGNMENT_CASES = {
    "jsonl-truncated-json": b'{"format": "align-kit-alignment"\n',
    "jsonl-not-an-alignment": b'{"hello": 1}\n',
    "jsonl-empty": b"",
    "jsonl-png": PNG,
    "jsonl-bead-out-of-range": None,  # built from a real file below
}
GLOSSARY_CASES = {
    "tbx-truncated": ("terms.tbx", b"<martif><text><body><termEntry", "not well-formed XML"),
    "tbx-empty": ("terms.tbx", b"", ""),
    "tbx-png": ("terms.tbx", PNG, ""),
    "csv-unclosed-quote": ("terms.csv", b'en,be\n"unclosed,quote\n', "never closed"),
    "csv-empty": ("terms.csv", b"", ""),
    "csv-png": ("terms.csv", PNG, ""),
    "csv-cp1251": ("terms.csv", "en,be\nsanctions,санкцыі\n".encode("cp1251"), "not UTF-8"),
}


@pytest.fixture(scope="module")
def alignment_file(tmp_path_factory):
    """A real alignment file: `run` over the sample corpus."""
    out = tmp_path_factory.mktemp("run")
    result = cli("run", SAMPLE, "-o", out)
    assert result.code == 0, result.stderr
    return out / "cc-elections" / "cc-elections.align.jsonl"


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_import_refuses_a_bad_file(tmp_path, case):
    name, data, fragment = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "imported"
    assert_input_error(cli("import", path, "-o", out), path, fragment)
    assert not out.exists()


def _alignment(tmp_path, case, alignment_file):
    path = tmp_path / "bad.align.jsonl"
    data = ALIGNMENT_CASES[case]
    if data is None:
        lines = alignment_file.read_text(encoding="utf-8").splitlines()
        lines[-1] = lines[-1].replace('"indexes":[[', '"indexes":[[99999,', 1)
        assert "99999" in lines[-1], lines[-1][:200]
        data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("command", ["export", "check", "report"])
@pytest.mark.parametrize("case", list(ALIGNMENT_CASES))
def test_alignment_readers_refuse_a_bad_file(tmp_path, case, command, alignment_file):
    path = _alignment(tmp_path, case, alignment_file)
    out = tmp_path / "out.file"
    args = {"export": ("export", path, "--to", "tmx", "-o", out),
            "check": ("check", path, "--glossary", ROOT_GLOSSARY, "-o", out),
            "report": ("report", path, "-o", out)}[command]
    assert_input_error(cli(*args), path, "")
    assert not out.exists()


@pytest.mark.parametrize("command", ["export", "check", "report", "import"])
def test_missing_and_directory_inputs(tmp_path, command):
    for path in (tmp_path / "nothing.align.jsonl", tmp_path / "folder.tmx"):
        if path.suffix == ".tmx":
            path.mkdir()
        out = tmp_path / "out.file"
        args = {"export": ("export", path, "--to", "tmx", "-o", out),
                "check": ("check", path, "--glossary", ROOT_GLOSSARY),
                "report": ("report", path, "-o", out),
                "import": ("import", path, "-o", out)}[command]
        result = cli(*args)
        assert "Traceback" not in result.stderr and result.code == 2, result.stderr
        assert str(path) in result.stderr
        assert not out.exists()


@pytest.mark.parametrize("command", ["glossary validate", "check"])
@pytest.mark.parametrize("case", list(GLOSSARY_CASES))
def test_glossary_readers(tmp_path, case, command, alignment_file):
    name, data, fragment = GLOSSARY_CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    if command == "check":
        result = cli("check", alignment_file, "--glossary", path, "--fail-on", "never")
    else:
        result = cli("glossary", "validate", path)
    assert_input_error(result, path, fragment)


@pytest.mark.parametrize("command", ["glossary validate", "check"])
def test_glossary_missing_or_a_directory(tmp_path, command, alignment_file):
    for path in (tmp_path / "nothing.tbx", tmp_path / "folder.csv"):
        if path.suffix == ".csv":
            path.mkdir()
        args = (("glossary", "validate", path) if command == "glossary validate"
                else ("check", alignment_file, "--glossary", path))
        result = cli(*args)
        assert "Traceback" not in result.stderr and result.code == 2, result.stderr
        assert str(path) in result.stderr


# --- align with sentence-per-line files (no --split): read by align/files.py ---

def test_align_line_files_missing_and_directory(tmp_path):
    good = tmp_path / "a.be.txt"
    good.write_text(BE, encoding="utf-8")
    missing = tmp_path / "b.en.txt"
    assert_input_error(cli("align", good, missing), missing, "no such file")
    missing.mkdir()
    result = cli("align", good, missing)
    assert result.code == 2 and "Traceback" not in result.stderr and str(missing) in result.stderr


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                                  b"PK\x03\x04\x14\x00\x00\x00\x08\x00"],
                         ids=["empty", "whitespace", "png", "zip"])
def test_align_line_files_refuse_empty_and_binary(tmp_path, data):
    good = tmp_path / "a.be.txt"
    good.write_text(BE, encoding="utf-8")
    bad = tmp_path / "b.en.txt"
    bad.write_bytes(data)
    assert_input_error(cli("align", good, bad), bad, "")


def test_align_line_files_legacy_encoding_is_read(tmp_path):
    good = tmp_path / "a.en.txt"
    good.write_text(EN, encoding="utf-8")
    legacy = tmp_path / "b.be.txt"
    legacy.write_bytes(BE.encode("cp1251", errors="replace"))
    result = cli("align", good, legacy)
    assert result.code == 0 and "Traceback" not in result.stderr, result.stderr


def test_align_line_files_with_png_bytes_are_not_text(tmp_path):
    good = tmp_path / "a.be.txt"
    good.write_text(BE, encoding="utf-8")
    bad = tmp_path / "b.en.txt"
    bad.write_bytes(PNG)  # holds 0x98, the one byte cp1251 does not map
    assert_input_error(cli("align", good, bad), bad, "not a text file")


def test_po_quote_check_keeps_escaped_quotes_and_backslashes(tmp_path):
    """The closing-quote check (added for po-unclosed-string) must not refuse valid escapes."""
    from align_kit.formats.po import load_po

    path = tmp_path / "escapes.be.po"
    path.write_text(PO_HEADER + 'msgid "say \\"hi\\""\nmsgstr "a\\\\"\n\n'
                    '#~ msgid "old"\n#~ msgstr "стары"\n', encoding="utf-8")
    entries = [(e.msgid, e.msgstr) for e in load_po(path)]
    assert ('say "hi"', "a\\") in entries
    broken = tmp_path / "broken.be.po"
    broken.write_text(PO_HEADER + 'msgid "say \\"hi\\"\nmsgstr ""\n', encoding="utf-8")
    assert_input_error(cli("import", broken, "-o", tmp_path / "x"), broken,
                       "a string is not closed")


def test_import_into_a_new_folder_named_with_a_trailing_slash(tmp_path, alignment_file):
    """`-o imported/` used to write a *file* named `imported`."""
    tmx = tmp_path / "cc.tmx"
    assert cli("export", alignment_file, "--to", "tmx", "-o", tmx).code == 0
    result = cli("import", tmx, "-o", f"{tmp_path / 'imported'}/")
    assert result.code == 0, result.stderr
    assert (tmp_path / "imported").is_dir()
    assert [p.name for p in (tmp_path / "imported").iterdir()] == ["cc-elections.align.jsonl"]


@pytest.mark.parametrize("text", ["\x85", "a\u2028b", "\u2029", " \u00a0"])
def test_po_quote_check_regressions_line_breaks_inside_strings(tmp_path, text):
    """Found by tests/formats fuzzing: U+0085/U+2028 inside a msgstr are not line ends."""
    from align_kit.formats.po import read_po, write_po
    from align_kit.formats.tmx import rebuild_document
    from align_kit.model import Alignment, Bead

    docs = (rebuild_document("n.be", "be", [text], source=None),
            rebuild_document("n.en", "en", [text + "!"], source=None))
    path = tmp_path / "n.po"
    write_po(Alignment(docs, (Bead(((0,), (0,)), 0.9),), original="be", id="n"), path,
             target_lang="en")
    back = read_po(path)
    assert [back.texts(b) for b in back.beads] == [(text, text + "!")]
