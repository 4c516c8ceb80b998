"""`align-kit run` end to end on the sample corpus: what `make demo` promises."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from align_kit.cli import cli
from align_kit.formats.alignment_file import read_alignment
from align_kit.ingest import read_folder

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
GLOSSARY = ROOT / "glossaries" / "democratic-forces.tbx"
RNG = ROOT / "tests" / "formats" / "tmx14.rng"
GROUPS = sorted({p.name.split(".")[0] for p in SAMPLE.iterdir()})


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["run", str(SAMPLE), "--glossary", str(GLOSSARY),
                                      "-o", str(out), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return out


def test_every_sample_file_ingests_with_its_language_and_encoding():
    expected_encoding = {
        "sanctions-interview.be.txt": "cp1251", "visas-mobility.ru.txt": "cp1251",
        "released-prisoner-interview.be.txt": "cp1251", "political-prisoners.ru.txt": "koi8-r",
        "cc-elections.ru.txt": "utf-16",
    }
    documents, notices = read_folder(SAMPLE)
    assert len(documents) == 3 * len(GROUPS)
    for doc in documents:
        name = Path(doc.source).name
        assert doc.language == name.split(".")[1], name
        if name in expected_encoding:
            assert doc.encoding.replace("_", "-").lower().startswith(expected_encoding[name]), \
                (name, doc.encoding)
    assert not [n for d in documents for n in d.notices if n.code == "language-mismatch"]


def test_run_writes_tmx_po_and_reports_for_every_group(demo):
    for group in GROUPS:
        folder = demo / group
        assert (folder / f"{group}.tmx").is_file()
        assert (folder / f"{group}.be-en.po").is_file() or (folder / f"{group}.be-ru.po").is_file()
        alignment = read_alignment(folder / f"{group}.align.jsonl")
        assert sorted(alignment.languages) == ["be", "en", "ru"]
        assert alignment.original == "be"
        # Every sentence of every language sits in exactly one bead.
        for k, doc in enumerate(alignment.documents):
            used = [i for bead in alignment.beads for i in bead.indexes[k]]
            assert sorted(used) == list(range(len(doc.segments)))
        assert all(0.0 <= b.score <= 1.0 for b in alignment.beads)
    for report in ("report.html", "glossary-report.txt", "glossary-report.json",
                   "glossary-report.html", "manifest.tsv"):
        assert (demo / report).is_file(), report
    assert not list(demo.rglob("*.tmp")), "no temporary files are left behind"


def test_glossary_report_names_the_forbidden_variant_the_sample_uses(demo):
    text = (demo / "glossary-report.txt").read_text(encoding="utf-8")
    assert "[forbidden-term]" in text
    assert "Народнае антыкрызіснае ўпраўленне" in text


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) not installed")
def test_every_tmx_is_valid(demo):
    for tmx in demo.rglob("*.tmx"):
        done = subprocess.run(["xmllint", "--noout", "--relaxng", str(RNG), str(tmx)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) not installed")
def test_every_po_passes_msgfmt_check(demo):
    pos = list(demo.rglob("*.po"))
    assert len(pos) == 2 * len(GROUPS)
    for po in pos:
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_a_second_run_resumes_and_force_redoes(demo):
    first = {p: p.stat().st_mtime_ns for p in demo.rglob("*.tmx")}
    result = CliRunner().invoke(cli, ["run", str(SAMPLE), "--glossary", str(GLOSSARY),
                                      "-o", str(demo), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert result.output.count("up to date") == len(GROUPS)
    assert {p: p.stat().st_mtime_ns for p in demo.rglob("*.tmx")} == first
    # The findings of skipped groups still reach the report.
    assert "[forbidden-term]" in (demo / "glossary-report.txt").read_text(encoding="utf-8")


def test_fail_on_error_exits_1_when_the_glossary_check_finds_errors(demo):
    result = CliRunner().invoke(cli, ["run", str(SAMPLE), "--glossary", str(GLOSSARY),
                                      "-o", str(demo), "--fail-on", "error"])
    assert result.exit_code == 1


def _run(*args: str) -> subprocess.CompletedProcess:
    env_path = str(ROOT / "src")
    return subprocess.run([sys.executable, "-m", "align_kit", *args], capture_output=True,
                          text=True, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})


def test_missing_folder_is_one_line_and_exit_2(tmp_path):
    done = _run("run", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "nope" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name,content,message", [
    ("empty.be.txt", b"", "empty"),
    ("broken.ru.txt", "Палітвязні".encode() + b"\xff\xfe\xfa" + "Дзень".encode(), ""),
])
def test_bad_file_in_a_corpus_stops_with_its_name_and_no_output(tmp_path, name, content,
                                                                 message):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    (corpus / name).write_bytes(content)
    done = _run("run", str(corpus), "-o", str(tmp_path / "out"), "--strict")
    if done.returncode == 0:
        # A repairable file is repaired and reported, never silently.
        assert name.split(".")[0] in done.stderr
    else:
        assert done.returncode == 2
        assert name in done.stderr and message in done.stderr
        assert "Traceback" not in done.stderr
        assert not (tmp_path / "out").exists()


def test_unknown_extension_alone_is_an_error(tmp_path):
    path = tmp_path / "notes.xyz"
    path.write_text("Каардынацыйная рада", encoding="utf-8")
    done = _run("ingest", str(path))
    assert done.returncode == 2
    assert "notes.xyz" in done.stderr and "Traceback" not in done.stderr


def test_wrong_declared_language_is_a_warning_naming_the_file(tmp_path):
    path = tmp_path / "statement.en.txt"
    path.write_text("Каардынацыйная рада сабралася ў Вільні, каб абмеркаваць санкцыі.\n",
                    encoding="utf-8")
    done = _run("ingest", str(path))
    assert done.returncode == 0
    assert "statement.en.txt" in done.stderr and "warning" in done.stderr
