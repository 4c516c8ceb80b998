"""Batch keep-going (issue 15): files that cannot be read are reported and skipped, the
rest of the batch is written, exit 2 with one summary; `--strict` stops at the first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BE = ("У {y} годзе ў горадзе {city} сабраліся {n} дэлегатаў. "
      "Рада прыняла {m} рашэнняў пра будучыню краіны. "
      "Наступная сустрэча адбудзецца {d} сакавіка.\n")
EN = ("In {y}, {n} delegates gathered in the city of {city}. "
      "The council adopted {m} decisions about the country's future. "
      "The next meeting will take place on March {d}.\n")
CITIES = ["Vilnius", "Warsaw", "Riga", "Tallinn", "Kyiv", "Prague", "Berlin", "Vienna",
          "Paris", "London", "Madrid", "Rome", "Oslo", "Helsinki", "Dublin", "Lisbon",
          "Athens", "Sofia", "Bern", "Brussels", "Minsk", "Hrodna", "Brest", "Homel",
          "Vitsebsk"]
BAD = {"zz-report.en.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00<< /Type /Catalog >>\n",
       "zz-empty.be.txt": b"",
       "zz-broken.en.docx": b"PK\x03\x04garbage"}


def cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "align_kit", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=1500)


def _batch(folder: Path, groups: int) -> list[str]:
    folder.mkdir()
    names = []
    for k in range(groups):
        values = dict(y=1900 + k, n=100 + 7 * k, m=10 + 3 * k, d=1 + k % 28,
                      city=f"{CITIES[k % len(CITIES)]}-{k}")
        name = f"article-{k:03d}"
        (folder / f"{name}.be.txt").write_text(BE.format(**values), encoding="utf-8")
        (folder / f"{name}.en.txt").write_text(EN.format(**values), encoding="utf-8")
        names.append(name)
    for bad, data in BAD.items():
        (folder / bad).write_bytes(data)
    return names


def _check_keep_going(tmp_path: Path, groups: int) -> None:
    corpus = tmp_path / "corpus"
    names = _batch(corpus, groups)
    out = tmp_path / "out"
    done = cli("run", corpus, "-o", out, "--json")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    written = sorted(p.parent.name for p in out.glob("*/.done.json"))
    assert written == names  # every good group is complete
    for name in names:
        assert (out / name / f"{name}.tmx").is_file()
        assert (out / name / f"{name}.be-en.po").is_file()
    summary = [line for line in done.stderr.splitlines() if "could not be read" in line]
    assert len(summary) == 1, done.stderr
    assert summary[0].startswith(f"align-kit: error: {corpus}: 3 file(s) could not be read")
    for bad in BAD:
        assert bad in summary[0]
    # Each one is also reported on its own: which file, why, what to do.
    assert f"{corpus / 'zz-report.en.txt'}: error: skipped: not a text file (looks like a PDF" \
        in done.stderr
    assert f"{corpus / 'zz-empty.be.txt'}: error: skipped: empty file" in done.stderr
    report = json.loads(done.stdout)
    assert sorted(Path(f["file"]).name for f in report["skipped_files"]) == sorted(BAD)
    assert (out / "report.html").is_file()


def test_a_batch_with_3_bad_files_writes_every_good_group_and_one_summary(tmp_path):
    _check_keep_going(tmp_path, 20)  # 43 files


def test_a_500_file_batch_with_3_bad_files(tmp_path):
    # Measured about 5 s on 2 cores: fast enough to stay in the suite unmarked.
    _check_keep_going(tmp_path, 249)  # 498 good files + 3 bad = 501 files


def test_strict_stops_at_the_first_bad_file_and_writes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    _batch(corpus, 3)
    out = tmp_path / "out"
    done = cli("run", corpus, "-o", out, "--strict")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("align-kit: error: ")
    assert "zz-" in errors[0]
    assert not out.exists() or not list(out.rglob("*.tmx"))


def test_pair_skips_unreadable_files_too(tmp_path):
    corpus = tmp_path / "corpus"
    _batch(corpus, 3)
    done = cli("pair", corpus)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "3 groups" in done.stdout
    assert (corpus / "manifest.tsv").is_file()
    assert "3 file(s) could not be read" in done.stderr
    strict = cli("pair", corpus, "-o", tmp_path / "m.tsv", "--strict")
    assert strict.returncode == 2 and not (tmp_path / "m.tsv").exists()
