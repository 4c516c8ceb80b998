"""The sample corpus pairs correctly without its names and metadata; the `pair` command."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from align_kit.model import Document
from align_kit.pairing import pair_documents

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"

try:
    from align_kit.ingest import read_folder
except ImportError:  # ingest lands on main separately
    read_folder = None

needs_ingest = pytest.mark.skipif(read_folder is None,
                                  reason="align_kit.ingest.read_folder is not available yet")
needs_sample = pytest.mark.skipif(not SAMPLE.is_dir(), reason="corpora/sample is missing")


def sample_groups() -> dict[str, dict[str, str]]:
    """group -> language -> file name, from the `<group>.<lang>.<ext>` names."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(SAMPLE.iterdir()):
        parts = path.name.split(".")
        if len(parts) == 3 and not path.name.startswith("."):
            out.setdefault(parts[0], {})[parts[1]] = path.name
    return out


@needs_ingest
@needs_sample
def test_sample_corpus_pairs_with_names_scrambled_and_metadata_removed():
    documents, _ = read_folder(SAMPLE)
    by_file = {Path(d.source).name: d for d in documents}
    # New ids that say nothing, no metadata, no source path: only the text is left.
    blind = {hashlib.sha1(name.encode()).hexdigest()[:12]: name for name in by_file}
    stripped = [Document(id=new_id, language=by_file[name].language, text=by_file[name].text)
                for new_id, name in sorted(blind.items())]
    groups, unpaired = pair_documents(stripped)
    found = {frozenset((lang, blind[i]) for lang, i in g.members.items()) for g in groups}
    expected = {frozenset(files.items()) for files in sample_groups().values()}
    assert found == expected
    assert unpaired == []


@needs_ingest
@needs_sample
def test_sample_corpus_with_metadata_and_an_orphan(tmp_path):
    folder = tmp_path / "batch"
    shutil.copytree(SAMPLE, folder)
    (folder / "pace-delegation.en.txt").unlink()
    documents, _ = read_folder(folder)
    groups, unpaired = pair_documents(documents)
    by_id = {d.id: Path(d.source).name for d in documents}
    found = {frozenset(by_id[i] for i in g.members.values()) for g in groups}
    expected = {frozenset(files.values()) - {"pace-delegation.en.txt"}
                for files in sample_groups().values()}
    assert found == expected and unpaired == []


@needs_ingest
@needs_sample
def test_pair_command_writes_a_manifest_that_reads_back(tmp_path):
    from align_kit.cli import cli
    from align_kit.formats.manifest import read_manifest

    folder = tmp_path / "batch"
    shutil.copytree(SAMPLE, folder)
    manifest = tmp_path / "out" / "manifest.tsv"
    result = CliRunner().invoke(cli, ["pair", str(folder), "-o", str(manifest), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["manifest"] == str(manifest) and data["unpaired"] == []
    assert len(data["groups"]) == len(sample_groups())
    for group in data["groups"]:
        names = {Path(p).name.split(".")[0] for p in group["members"].values()}
        assert len(names) == 1 and 0 < group["confidence"] <= 1 and group["evidence"]
    documents, _ = read_folder(folder)
    back = read_manifest(manifest, documents)
    assert {frozenset(g.members.values()) for g in back} == {
        frozenset(d.id for d in documents if d.id.split(".")[0] == name)
        for name in sample_groups()}
    # Paths in the manifest are relative to its folder.
    assert "../batch/" in manifest.read_text(encoding="utf-8")


@needs_ingest
@needs_sample
def test_pair_command_default_output_and_plain_text(tmp_path):
    from align_kit.cli import cli

    folder = tmp_path / "batch"
    shutil.copytree(SAMPLE, folder)
    result = CliRunner().invoke(cli, ["pair", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "manifest.tsv").is_file()
    assert f"{len(sample_groups())} groups, 0 unpaired" in result.output
    # A second run must not wipe a person's edits without --force.
    (folder / "manifest.tsv").write_text("edited", encoding="utf-8")
    again = CliRunner().invoke(cli, ["pair", str(folder)])
    assert again.exit_code == 2 and "--force" in again.output
    assert (folder / "manifest.tsv").read_text(encoding="utf-8") == "edited"
    forced = CliRunner().invoke(cli, ["pair", str(folder), "--force"])
    assert forced.exit_code == 0, forced.output
    assert (folder / "manifest.tsv").read_text(encoding="utf-8").startswith("# align-kit")


def test_pair_command_bad_folder_exits_2(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "align_kit", "pair", str(tmp_path / "nope")],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "nope" in proc.stderr
