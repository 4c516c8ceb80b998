"""MT drafts on alignments, and the `model` / `translate` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BE, EN

from align_kit.cli import cli
from align_kit.errors import AlignKitError
from align_kit.model import Alignment, Bead, Document, Segment
from align_kit.mt import Translator, draft_missing_translations


def document(doc_id: str, language: str, sentences: list[str]) -> Document:
    segments, text = [], ""
    for sentence in sentences:
        start = len(text)
        text += sentence + " "
        segments.append(Segment(sentence, start, start + len(sentence)))
    return Document(id=doc_id, language=language, text=text.strip(), segments=tuple(segments))


def test_drafts_fill_empty_sides(zle_en_model):
    be = document("a.be", "be", BE[:4])
    en = document("a.en", "en", EN[:3])
    beads = (Bead(((0,), (0,)), 0.9), Bead(((1,), ()), 0.4), Bead(((2,), (1,)), 0.8),
             Bead(((), (2,)), 0.3), Bead(((3,), ()), 0.5, drafts={"en": "kept"}))
    alignment = Alignment((be, en), beads, original="be")
    translator = Translator(zle_en_model, device="cpu", max_decoding_length=8)
    drafted = draft_missing_translations(alignment, translator)
    assert translator.last_stats.sentences == 1  # one batched call, kept draft not redone
    assert drafted.beads[0] == beads[0] and drafted.beads[2] == beads[2]
    bead = drafted.beads[1]
    assert bead.flags == {"mt"} and bead.drafts["en"] == translator.translate([BE[1]])[0]
    assert bead.indexes == beads[1].indexes and bead.score == beads[1].score
    assert drafted.beads[3] == beads[3]  # the model does not translate into be
    assert drafted.beads[4].drafts["en"] == "kept"
    assert drafted.parameters["mt_model"] == "zle-en"
    redone = draft_missing_translations(alignment, translator, overwrite=True)
    assert redone.beads[4].drafts["en"] == translator.translate([BE[3]])[0]
    assert redone.beads[4].flags == {"mt"}


def test_drafts_for_a_model_into_other_languages(zle_en_model):
    en = document("a.en", "en", EN[:2])
    ru = document("a.ru", "ru", ["Павел Латушко выступил."])
    alignment = Alignment((en, ru), (Bead(((0,), (0,))), Bead(((1,), ()))), original="en")
    translator = Translator(zle_en_model, device="cpu", max_decoding_length=8)
    with pytest.raises(AlignKitError, match="the empty sides are ru"):
        draft_missing_translations(alignment, translator)
    complete = Alignment((en, ru), (Bead(((0,), (0,))),))
    assert draft_missing_translations(complete, translator) is complete


def test_cli_model_commands(zle_en_marian, argos_package, tmp_path):
    runner = CliRunner()
    root = tmp_path / "models"
    result = runner.invoke(cli, ["model", "import-opus-mt", str(zle_en_marian),
                                 "-o", str(root / "zle-en")])
    assert result.exit_code == 0, result.output
    assert "be+ru -> en, opus-mt" in result.output
    result = runner.invoke(cli, ["model", "import-argos", str(argos_package),
                                 "-o", str(root / "be-en"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["origin"]["kind"] == "argos"
    result = runner.invoke(cli, ["model", "list", str(root), "--json"])
    assert [m["name"] for m in json.loads(result.output)] == ["be-en", "zle-en"]
    result = runner.invoke(cli, ["model", "info", str(root / "zle-en")])
    assert result.exit_code == 0 and "sha256:" in result.output
    result = runner.invoke(cli, ["model", "import-opus-mt", str(zle_en_marian),
                                 "-o", str(root / "zle-en")])
    assert result.exit_code == 2 and "not empty" in result.output
    result = runner.invoke(cli, ["model", "list", str(tmp_path / "nothing-here")])
    assert result.exit_code == 2


def test_cli_translate_file(zle_en_model, en_zle_model, tmp_path):
    source = tmp_path / "news.be.txt"
    source.write_text(f"{BE[0]}\n\n{BE[1]}\n", encoding="utf-8")
    out = tmp_path / "news.en.txt"
    runner = CliRunner()
    result = runner.invoke(cli, ["translate", str(source), "--model", str(zle_en_model),
                                 "--target", "en", "--device", "cpu", "--beam-size", "2",
                                 "--max-length", "8", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 4 and lines[0] and lines[1] == "" and lines[2] and lines[3] == ""
    # stdout, and a multi-target model with --to
    result = runner.invoke(cli, ["translate", str(source), "--model", str(en_zle_model),
                                 "--target", "ru", "--max-length", "8"])
    assert result.exit_code == 0 and len(result.output.split("\n")) == 4
    result = runner.invoke(cli, ["translate", str(source), "--model", str(en_zle_model)])
    assert result.exit_code == 2 and "--target" in result.output
    bad = tmp_path / "cp1251.txt"
    bad.write_bytes("Прывітанне\n".encode("cp1251"))
    result = runner.invoke(cli, ["translate", str(bad), "--model", str(zle_en_model)])
    assert result.exit_code == 2 and "not UTF-8" in result.output and ":1:" in result.output


def test_missing_model_is_one_line_and_exit_2(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("Добры дзень.\n", encoding="utf-8")
    src = Path(__file__).resolve().parents[2] / "src"
    proc = subprocess.run(
        [sys.executable, "-m", "align_kit", "translate", str(source), "--model",
         str(tmp_path / "no-model"), "--target", "en"],
        capture_output=True, text=True, env={"PYTHONPATH": str(src), "PATH": ""}, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such model folder" in lines[0]
    assert "align-kit model import-opus-mt" in lines[0]


def test_cli_model_list_default_root(zle_en_model, monkeypatch, tmp_path):
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALIGN_KIT_MODELS", raising=False)
    result = runner.invoke(cli, ["model", "list"])
    assert result.exit_code == 0 and "no model folder models" in result.output
    monkeypatch.setenv("ALIGN_KIT_MODELS", str(zle_en_model.parent))
    result = runner.invoke(cli, ["model", "list"])
    assert result.exit_code == 0 and "zle-en: be+ru -> en" in result.output
    result = runner.invoke(cli, ["model", "info", "zle-en", "--json"])  # a name under the root
    assert json.loads(result.output)["target_languages"] == ["en"]


def test_cli_translate_drafts_the_empty_sides_of_an_alignment_file(zle_en_model, tmp_path):
    from align_kit.formats.alignment_file import read_alignment, write_alignment

    be = document("a.be", "be", BE[:3])
    en = document("a.en", "en", EN[:2])
    beads = (Bead(((0,), (0,)), 0.9), Bead(((1,), ()), 0.4), Bead(((2,), (1,)), 0.8))
    source = tmp_path / "a.align.jsonl"
    write_alignment(Alignment((be, en), beads, original="be"), source)
    out = tmp_path / "drafted.align.jsonl"
    result = CliRunner().invoke(cli, ["translate", str(source), "--model", str(zle_en_model),
                                      "-o", str(out), "--max-length", "8"])
    assert result.exit_code == 0, result.output
    drafted = read_alignment(out)
    assert drafted.beads[1].flags == {"mt"} and drafted.beads[1].drafts["en"]
    assert drafted.beads[0].drafts == {} and drafted.beads[2] == read_alignment(source).beads[2]


def test_cli_translate_refuses_a_malformed_alignment_file(zle_en_model, tmp_path):
    source = tmp_path / "a.align.jsonl"
    source.write_text('{"languages": ["be", "en"]}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["translate", str(source), "--model", str(zle_en_model)])
    assert result.exit_code == 2 and "a.align.jsonl" in result.output
