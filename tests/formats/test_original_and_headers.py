"""The original's language (`--original`, the manifest), TMX without partial units or local
paths, PO headers from --translator/--team, one PO naming for run and export (issue 17)."""

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

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("original") / "corpus"
    folder.mkdir()
    for name in ("journalists", "sanctions-interview"):
        for p in SAMPLE.glob(f"{name}.*"):
            shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module")
def default_run(corpus, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("default") / "out"
    done = cli("run", corpus, "-o", out, "--translator", "Ada Translator <ada@example.org>",
               "--team", "Belarusian desk <desk@example.org>")
    assert done.returncode == 0, done.stderr
    return out, done


def _tus(path: Path) -> list[etree._Element]:
    return etree.parse(str(path)).getroot().findall("body/tu")


def test_run_says_which_original_it_took_and_why(default_run):
    _out, done = default_run
    assert "journalists: original be (default order be, ru, en)" in done.stdout
    assert "sanctions-interview: original be (default order be, ru, en)" in done.stdout


def test_no_tu_without_its_source_language_unless_keep_partial(default_run, corpus, tmp_path):
    out, done = default_run
    tmx = out / "sanctions-interview" / "sanctions-interview.tmx"
    header = etree.parse(str(tmx)).getroot().find("header")
    assert header.get("srclang") == "be"
    for tu in _tus(tmx):
        langs = [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
        assert "be" in langs and len(langs) >= 2, etree.tostring(tu)
    said = [line for line in done.stderr.splitlines() if "not in the TMX" in line]
    assert len(said) >= 1 and "--keep-partial keeps them" in said[0]
    left_out = sum(int(line.split(": ")[-1].split(" bead(s)")[0]) for line in said
                   if "sanctions-interview" in line)
    beads = len(_tus(tmx))
    kept = cli("run", corpus, "-o", tmp_path / "kept", "--keep-partial")
    assert kept.returncode == 0, kept.stderr
    assert "not in the TMX" not in kept.stderr
    every = _tus(tmp_path / "kept" / "sanctions-interview" / "sanctions-interview.tmx")
    assert len(every) == beads + left_out


def test_the_tmx_carries_no_local_paths_or_checksums(default_run, corpus):
    out, _done = default_run
    text = (out / "journalists" / "journalists.tmx").read_text(encoding="utf-8")
    assert str(corpus) not in text and "checksum" not in text
    record = (out / "journalists" / "journalists.align.jsonl").read_text(encoding="utf-8")
    assert "checksum" in record  # the alignment file keeps them


def test_po_headers_name_the_translator_and_team_and_no_made_up_address(default_run, tmp_path):
    out, _done = default_run
    po = polib.pofile(str(out / "journalists" / "journalists.be-en.po"))
    assert po.metadata["Last-Translator"] == "Ada Translator <ada@example.org>"
    assert po.metadata["Language-Team"] == "Belarusian desk <desk@example.org>"
    exported = cli("export", out / "journalists" / "journalists.align.jsonl", "--to", "po",
                   "-o", tmp_path / "po")
    assert exported.returncode == 0, exported.stderr
    text = (tmp_path / "po" / "journalists.be-en.po").read_text(encoding="utf-8")
    assert "localhost" not in text
    if shutil.which("msgfmt"):
        check = subprocess.run(["msgfmt", "--check-format", "--check-header", "-o", os.devnull,
                                str(tmp_path / "po" / "journalists.be-en.po")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_run_and_export_name_po_files_alike(default_run, tmp_path):
    out, _done = default_run
    from_run = sorted(p.name for p in (out / "journalists").glob("*.po"))
    exported = cli("export", out / "journalists" / "journalists.align.jsonl", "--to", "po",
                   "-o", f"{tmp_path}/po/")
    assert exported.returncode == 0, exported.stderr
    assert sorted(p.name for p in (tmp_path / "po").glob("*.po")) == from_run
    assert from_run == ["journalists.be-en.po", "journalists.be-ru.po"]


def test_original_sets_tmx_srclang_po_source_and_the_report(corpus, tmp_path):
    done = cli("run", corpus, "-o", tmp_path / "out", "--original", "ru")
    assert done.returncode == 0, done.stderr
    assert "journalists: original ru (--original)" in done.stdout
    group = tmp_path / "out" / "journalists"
    assert etree.parse(str(group / "journalists.tmx")).getroot().find("header").get(
        "srclang") == "ru"
    assert sorted(p.name for p in group.glob("*.po")) == ["journalists.ru-be.po",
                                                         "journalists.ru-en.po"]
    po = polib.pofile(str(group / "journalists.ru-en.po"))
    assert po.metadata["X-Source-Language"] == "ru"
    exported = cli("export", group / "journalists.align.jsonl", "--to", "tmx", "--original",
                   "en", "-o", tmp_path / "en.tmx")
    assert exported.returncode == 0, exported.stderr
    assert etree.parse(str(tmp_path / "en.tmx")).getroot().find("header").get("srclang") == "en"
    wrong = cli("export", group / "journalists.align.jsonl", "--to", "tmx", "--original",
                "uk", "-o", tmp_path / "uk.tmx")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1, wrong.stderr
    assert "has no uk text" in wrong.stderr and not (tmp_path / "uk.tmx").exists()


def test_the_manifest_original_column_sets_a_groups_original(corpus, tmp_path):
    out = tmp_path / "out"
    assert cli("run", corpus, "-o", out).returncode == 0
    manifest = out / "manifest.tsv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if not line.startswith("#")).split("\t")
    assert "original" in header
    column = header.index("original")
    edited = []
    for line in lines:
        cells = line.split("\t")
        if any(c.endswith("journalists.en.txt") for c in cells):
            cells[column] = "en-GB"  # BCP-47 is read as its language
        edited.append("\t".join(cells))
    manifest.write_text("\n".join(edited) + "\n", encoding="utf-8")
    done = cli("run", corpus, "-o", out, "--manifest", manifest)
    assert done.returncode == 0, done.stderr
    assert "journalists: original en (manifest)" in done.stdout
    assert "sanctions-interview: original be (default order be, ru, en)" in done.stdout
    bad = [line.replace("\ten-GB\t", "\tuk\t") for line in edited]
    manifest.write_text("\n".join(bad) + "\n", encoding="utf-8")
    refused = cli("run", corpus, "-o", out, "--manifest", manifest)
    assert refused.returncode == 2, refused.stderr
    assert "original 'uk': the row has no uk file" in refused.stderr


def test_align_original_is_the_alignment_files_original(tmp_path):
    gold = ROOT / "corpora" / "gold"
    done = cli("align", gold / "journalists.en.sents", gold / "journalists.be.sents", "--langs",
               "en,be", "--original", "be", "--format", "jsonl", "-o", f"{tmp_path}/")
    assert done.returncode == 0, done.stderr
    header = json.loads((tmp_path / "journalists.align.jsonl").read_text().splitlines()[0])
    assert header["original"] == "be"
