"""`run` and `align --pairs` on unlucky corpora (issue 14 items 2 and 10): groups never share
an output folder, and `run` deletes only its own temporary files."""

from __future__ import annotations

import shutil

from conftest import BE, EN, SAMPLE, cli

from align_kit.formats.alignment_file import read_alignment
from align_kit.formats.manifest import read_manifest


def _colliding_corpus(tmp_path):
    """news.be.txt/news.en.txt and news_be.txt/news_en.md: both derive the group name `news`."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE / "journalists.be.txt", corpus / "news.be.txt")
    shutil.copy(SAMPLE / "journalists.en.txt", corpus / "news.en.txt")
    shutil.copy(SAMPLE / "cc-elections.be.txt", corpus / "news_be.txt")
    shutil.copy(SAMPLE / "cc-elections.en.md", corpus / "news_en.md")
    return corpus


def test_two_groups_with_one_name_get_two_folders_reported_and_recorded(tmp_path):
    corpus = _colliding_corpus(tmp_path)
    out = tmp_path / "out"
    result = cli("run", corpus, "-o", out)
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr
    # news.be.txt sorts before news_be.txt: it keeps `news`, the other becomes `news-2`.
    assert "news: " in result.stdout and "news-2: " in result.stdout, result.stdout
    renamed = [line for line in result.lines if "group-renamed" in line or "'news-2'" in line]
    assert len(renamed) == 1 and "news_be.txt" in renamed[0], result.stderr
    first = read_alignment(out / "news" / "news.align.jsonl")
    second = read_alignment(out / "news-2" / "news-2.align.jsonl")
    assert {d.id for d in first.documents} == {"news.be", "news.en"}
    assert {d.id for d in second.documents} == {"news_be", "news_en"}
    assert second.id == "news-2"
    groups = read_manifest(out / "manifest.tsv")
    assert sorted(g.name for g in groups) == ["news", "news-2"]

    # The same names on a rerun (nothing redone), and from the recorded manifest.
    again = cli("run", corpus, "-o", out)
    assert "news: up to date" in again.stdout and "news-2: up to date" in again.stdout
    manifest = out / "manifest.tsv"  # a person edits the recorded name and runs again
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("news-2", "elections"),
                        encoding="utf-8")
    third = cli("run", corpus, "-o", out, "--manifest", manifest)
    assert third.code == 0, third.stderr
    assert "elections: " in third.stdout and "news: up to date" in third.stdout
    assert not [line for line in third.lines if "renamed" in line or "is written as" in line]
    assert {d.id for d in read_alignment(out / "elections" / "elections.align.jsonl")
            .documents} == {"news_be", "news_en"}


def test_names_differing_only_in_case_do_not_share_a_folder(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    shutil.copy(SAMPLE / "journalists.be.txt", corpus / "a" / "News.be.txt")
    shutil.copy(SAMPLE / "journalists.en.txt", corpus / "a" / "News.en.txt")
    shutil.copy(SAMPLE / "cc-elections.be.txt", corpus / "b" / "news-be.txt")
    shutil.copy(SAMPLE / "cc-elections.en.md", corpus / "b" / "news-en.md")
    out = tmp_path / "out"
    result = cli("run", corpus, "-o", out)
    assert result.code == 0, result.stderr
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["News", "news-2"], folders


def test_manifest_group_names_that_clash_or_escape_are_refused(tmp_path):
    corpus = _colliding_corpus(tmp_path)
    out = tmp_path / "out"
    assert cli("run", corpus, "-o", out).code == 0
    text = (out / "manifest.tsv").read_text(encoding="utf-8")
    manifest = out / "edited.tsv"
    for bad, fragment in (("NEWS", "already used on line"), ("../up", "folder name")):
        manifest.write_text(text.replace("news-2", bad), encoding="utf-8")
        result = cli("run", corpus, "-o", tmp_path / f"out-{len(bad)}", "--manifest", manifest)
        assert result.code == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"{manifest}:" in result.stderr and fragment in result.stderr
        assert not (tmp_path / f"out-{len(bad)}").exists() or not any(
            (tmp_path / f"out-{len(bad)}").rglob("*.tmx"))


def test_align_pairs_with_one_file_name_in_two_folders_writes_two_outputs(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.en.txt").write_text(EN, encoding="utf-8")
        (tmp_path / folder / "news.be.txt").write_text(BE, encoding="utf-8")
    (tmp_path / "c").mkdir()  # and one that differs only in case
    (tmp_path / "c" / "News.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "c" / "News.be.txt").write_text(BE, encoding="utf-8")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"{f}/{n}.en.txt\t{f}/{n}.be.txt\n"
                             for f, n in (("b", "news"), ("a", "news"), ("c", "News"))),
                     encoding="utf-8")
    out = tmp_path / "aligned"
    result = cli("align", "--pairs", pairs, "-o", out, "--split", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["News.en-3.beads", "news.en-2.beads",
                                                    "news.en.beads"]
    # Sorted order of the member paths: a/ keeps the name, whatever the list's order.
    warnings = [line for line in result.lines if "warning" in line]
    assert len(warnings) == 2 and warnings[0].startswith("align-kit: b/news.en.txt"), warnings


# --- item 10: `run` removes only its own temporaries, and only when it runs alone ---

_HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_SH)  # what a run in progress holds
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.be.txt").write_text(BE, encoding="utf-8")
    (corpus / "a.en.txt").write_text(EN, encoding="utf-8")
    return corpus


def test_run_leaves_other_programs_temporaries_alone(tmp_path):
    corpus = _small_corpus(tmp_path)
    out = tmp_path / "out"
    assert cli("run", corpus, "-o", out).code == 0
    (out / "notes").mkdir()
    theirs = [out / ".report.html.a1B2c3.tmp", out / "a" / ".a.tmx.Xy12ab34.tmp",
              out / "notes" / ".draft.txt.q9w8e7.tmp", out / ".align-kit-x.tmp"]
    for path in theirs:
        path.write_text("another program's work in progress")
    ours = out / "a" / ".align-kit-a.tmx.k3j4h5g6.tmp"
    ours.write_text("<tmx><body>half")
    result = cli("run", corpus, "-o", out)
    assert result.code == 0, result.stderr
    assert all(p.read_text() == "another program's work in progress" for p in theirs)
    assert not ours.exists()
    assert (out / ".align-kit.lock").is_file()


def test_a_run_beside_another_run_deletes_no_temporaries_and_still_finishes(tmp_path):
    import subprocess
    import sys

    corpus = _small_corpus(tmp_path)
    out = tmp_path / "out"
    assert cli("run", corpus, "-o", out).code == 0
    in_flight = out / "a" / ".align-kit-a.tmx.k3j4h5g6.tmp"  # another run's, being written
    in_flight.write_text("<tmx><body>being written")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(out / ".align-kit.lock"),
                               "60"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = cli("run", corpus, "-o", out, "--force")
        assert result.code == 0, result.stderr  # not blocked, not refused: runs side by side
        assert in_flight.exists(), "a temporary of a concurrent run was deleted"
    finally:
        holder.kill()
        holder.wait()
    assert cli("run", corpus, "-o", out).code == 0  # alone again: the leftover goes
    assert not in_flight.exists()


def test_a_failed_write_leaves_the_groups_previous_files_unchanged(tmp_path):
    # `run` writes a group's alignment file, TMX and POs all or none: a PO that cannot be
    # written (a folder in its place, as a full disk would fail it) keeps the old TMX too.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE / "journalists.be.txt", corpus / "news.be.txt")
    shutil.copy(SAMPLE / "journalists.en.txt", corpus / "news.en.txt")
    out = tmp_path / "out"
    assert cli("run", corpus, "-o", out).code == 0
    group = out / "news"
    (group / "news.be-en.po").unlink()
    (group / "news.be-en.po").mkdir()
    before = {p.name: p.read_bytes() for p in group.iterdir() if p.is_file()}
    with open(corpus / "news.en.txt", "a", encoding="utf-8") as handle:
        handle.write("\nThe association will publish its next report in the autumn.\n")
    result = cli("run", corpus, "-o", out)
    assert result.code == 2 and "Traceback" not in result.stderr, result.stderr
    assert "news.be-en.po" in result.stderr
    after = {p.name: p.read_bytes() for p in group.iterdir() if p.is_file()}
    assert after == before  # no new TMX or alignment file beside an old PO, no temporaries
