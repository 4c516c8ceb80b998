"""Review work is never lost (issue 15): the reviewed alignment file is the source of truth
for `run`, and re-alignment keeps reviewed beads. Subprocess runs on a copy of
corpora/sample, as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

from align_kit.formats.alignment_file import read_alignment

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
GLOSSARY = ROOT / "glossaries" / "democratic-forces.tbx"
GROUP = "journalists"
EDIT = "EDITED: the reviewer rewrote this sentence of the translation."


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def _ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


def _tmx_texts(path: Path, lang: str) -> list[str]:
    tree = etree.parse(str(path))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    return ["".join(seg.itertext()) for tuv in tree.iter("tuv")
            if tuv.get(xml_lang, "").lower().startswith(lang) for seg in tuv.iter("seg")]


def _translate_one(po_path: Path, number: int = 3) -> str:
    """A translator's edit of entry `number` in the English PO; returns its source text."""
    po = polib.pofile(str(po_path))
    entry = [e for e in po if e.msgid and e.msgstr][number]
    entry.msgstr = EDIT
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    po.save(str(po_path))
    return entry.msgid


def _reviewed(corpus: Path, out: Path, *extra) -> tuple[Path, Path]:
    """Steps 1 and 2 of the issue: run, then a PO edit imported into the alignment file."""
    _ok(cli("run", corpus, "-o", out, "--fail-on", "never", *extra))
    folder = out / GROUP
    po = folder / f"{GROUP}.be-en.po"
    _translate_one(po)
    align = folder / f"{GROUP}.align.jsonl"
    _ok(cli("import", po, "--into", align, "-o", align))
    assert EDIT in align.read_text(encoding="utf-8")
    return folder, align


@pytest.fixture
def corpus(tmp_path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(SAMPLE, copy)
    return copy


def _assert_edit_everywhere(folder: Path) -> None:
    assert EDIT in _tmx_texts(folder / f"{GROUP}.tmx", "en")
    po = polib.pofile(str(folder / f"{GROUP}.be-en.po"))
    assert EDIT in [e.msgstr for e in po]
    xliff = etree.parse(str(folder / f"{GROUP}.be-en.xlf"))
    assert EDIT in [t.text for t in xliff.iter("{urn:oasis:names:tc:xliff:document:1.2}target")]
    alignment = read_alignment(folder / f"{GROUP}.align.jsonl")
    en = [d for d in alignment.documents if d.language == "en"][0]
    assert EDIT in [s.text for s in en.segments]
    assert EDIT in en.text  # the document text stays consistent with its segments


def test_a_an_imported_edit_is_re_exported_by_the_next_run(corpus, tmp_path):
    out = tmp_path / "out"
    folder, _align = _reviewed(corpus, out, "--glossary", GLOSSARY)
    assert EDIT not in _tmx_texts(folder / f"{GROUP}.tmx", "en")
    done = _ok(cli("run", corpus, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never"))
    assert f"{GROUP}: re-exported from the reviewed alignment file" in done.stdout
    assert "cc-elections: up to date" in done.stdout
    _assert_edit_everywhere(folder)
    # Once exported, it is up to date again.
    again = _ok(cli("run", corpus, "-o", out, "--glossary", GLOSSARY, "--fail-on", "never"))
    assert f"{GROUP}: up to date" in again.stdout


def _change_unrelated_sentence(corpus: Path) -> None:
    """A typo fixed in the last sentence of the English article, far from bead 4."""
    path = corpus / f"{GROUP}.en.txt"
    text = path.read_text(encoding="utf-8").rstrip()
    last = text.rfind(" ")
    path.write_text(text[:last] + " (corrected)" + text[last:] + "\n", encoding="utf-8")


@pytest.mark.parametrize("how", ["force", "glossary", "source"])
def test_b_the_edit_survives_re_alignment(corpus, tmp_path, how):
    out = tmp_path / "out"
    folder, align = _reviewed(corpus, out)
    reviewed_before = sum("reviewed" in b.flags or "edited" in b.flags
                          for b in read_alignment(align).beads)
    assert reviewed_before >= 1
    if how == "force":
        args = ["--force"]
    elif how == "glossary":
        args = ["--glossary", GLOSSARY, "--fail-on", "never"]
    else:
        _change_unrelated_sentence(corpus)
        args = []
    done = _ok(cli("run", corpus, "-o", out, *args))
    assert "re-exported" not in done.stdout  # it was re-aligned ...
    assert f"{GROUP}: " in done.stdout and "reviewed beads kept" in done.stdout
    _assert_edit_everywhere(folder)  # ... and the edit is still there, in every output
    after = read_alignment(align)
    assert sum("reviewed" in b.flags or "edited" in b.flags
               for b in after.beads) == reviewed_before
    for k, doc in enumerate(after.documents):  # every sentence once, in order
        assert [i for b in after.beads for i in b.indexes[k]] == list(range(len(doc.segments)))
    assert not (folder / f"{GROUP}.conflicts.jsonl").exists()
    if how == "source":
        en = [d for d in after.documents if d.language == "en"][0]
        assert "(corrected)" in en.text


def test_c_a_changed_sentence_inside_a_reviewed_bead_is_reported_and_kept(corpus, tmp_path):
    out = tmp_path / "out"
    _ok(cli("run", corpus, "-o", out))
    folder = out / GROUP
    align = folder / f"{GROUP}.align.jsonl"
    # A reviewer confirms bead 3 in the editor (the flag only, texts untouched).
    alignment = read_alignment(align)
    be = [d for d in alignment.documents if d.language == "be"][0]
    k = alignment.documents.index(be)
    bead = alignment.beads[2]
    old_text = " ".join(be.segments[i].text for i in bead.indexes[k])
    lines = align.read_text(encoding="utf-8").splitlines()
    bead_lines = [n for n, line in enumerate(lines) if "bead" in json.loads(line)]
    record = json.loads(lines[bead_lines[2]])
    record["flags"] = sorted({*record.get("flags", []), "reviewed"})
    lines[bead_lines[2]] = json.dumps(record, ensure_ascii=False)
    align.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Then the Belarusian source sentence of that bead is changed.
    first_sentence = be.segments[bead.indexes[k][0]].text
    source = corpus / f"{GROUP}.be.txt"
    raw = source.read_bytes()
    encoding = "utf-8"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        encoding, text = "cp1251", raw.decode("cp1251")
    assert first_sentence[:30] in text, "the sentence must be findable in the source"
    changed = first_sentence[:30] + " (змянілася)" + first_sentence[30:]
    source.write_bytes(text.replace(first_sentence[:30], changed[:30 + 12], 1).encode(encoding))

    done = _ok(cli("run", corpus, "-o", out))
    warnings = [line for line in done.stderr.splitlines() if "reviewed bead 3" in line]
    assert len(warnings) == 1, done.stderr
    assert GROUP in warnings[0] and "changed in the source" in warnings[0]
    assert old_text[:40] in warnings[0] and "змянілася" in warnings[0]
    conflicts = folder / f"{GROUP}.conflicts.jsonl"
    rows = [json.loads(line) for line in conflicts.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["bead"] == 3 and rows[0]["group"] == GROUP
    assert rows[0]["old"] == old_text and "змянілася" in rows[0]["new"]
    assert rows[0]["language"] == "be" and "reviewed" in rows[0]["flags"]
    # A second conflict later is appended: the first is never lost.
    _ok(cli("run", corpus, "-o", out, "--force"))
    assert conflicts.read_text(encoding="utf-8").splitlines()[0] == json.dumps(
        rows[0], ensure_ascii=False)
