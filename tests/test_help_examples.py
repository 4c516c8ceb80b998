"""Every `align-kit ...` example of every command's --help runs, and the flags agree.

The examples are read from the commands' help texts themselves (as a person reads them,
continuation lines joined), so help and behaviour cannot drift apart. They run in order,
in a fresh copy of the repository's files after the `make demo` run, each on files the
repository has or an earlier example made (the README-tour test's helpers run them). The
`model` and `translate` examples need model files a person already has: the fixture
builds them offline with `align_kit.mt.synthetic`, the real Marian and Argos layouts.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest
from test_readme_tour import ROOT, _demo_command, _shell, run_in_order

from align_kit.cli import cli

# The order a person works in; every command must be listed (a new one: add it here).
WORKFLOW = ("", "run", "ingest", "pair", "split", "align", "check", "glossary",
            "glossary validate", "glossary convert", "glossary stats", "export", "import",
            "report", "review", "model", "model import-opus-mt", "model import-argos",
            "model list", "model info", "translate")


def _commands(group: click.Group = cli, prefix: str = ""):
    yield prefix.strip(), group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


COMMANDS = dict(_commands())


def _help(command: click.Command, path: str) -> str:
    info_name = "align-kit" if not path else f"align-kit {path}"
    with click.Context(command, info_name=info_name) as ctx:
        return command.get_help(ctx)


def help_examples(path: str) -> list[str]:
    """The `align-kit ...` lines of one command's --help, `\\` continuations joined."""
    examples, current = [], None
    for raw in _help(COMMANDS[path], path).splitlines():
        line = raw.strip()
        if current is not None:
            current += " " + line
        elif line.startswith("align-kit "):
            current = line
        else:
            continue
        if current.endswith("\\"):
            current = current[:-1].rstrip()
            continue
        examples.append(re.sub(r"\s+#.*$", "", current))
        current = None
    return examples


def all_examples() -> list[str]:
    """Every example once (a group's help repeats its commands' examples), in WORKFLOW order."""
    examples = [example for path in WORKFLOW for example in help_examples(path)]
    return list(dict.fromkeys(examples))


def test_every_command_is_in_the_workflow_and_has_an_example():
    assert sorted(COMMANDS) == sorted(WORKFLOW)
    assert [p for p in WORKFLOW if p and not help_examples(p)] == []


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("help")
    for name in ("corpora", "glossaries"):
        shutil.copytree(ROOT / name, work / name)
    done = _shell(_demo_command(), work)
    assert done.returncode == 0, done.stderr[-2000:]
    _model_files(work)
    return work


def _model_files(work: Path) -> None:
    """What the model examples start from: an OPUS-MT folder and an Argos package."""
    from ctranslate2.converters import OpusMTConverter

    from align_kit.mt.synthetic import (
        build_argos_package,
        build_opus_mt_folder,
        template_sentences,
    )

    be, ru, en = (template_sentences(lang, 120, seed=1) for lang in ("be", "ru", "en"))
    build_opus_mt_folder(work / "opus-mt-zle-en", source_sentences=be + ru, target_sentences=en,
                         source_languages=("bel", "rus"), target_languages=("eng",), seed=1)
    build = work.parent / f"{work.name}-argos"
    marian = build_opus_mt_folder(build / "marian", source_sentences=be + en,
                                  target_sentences=be + en, seed=3)
    OpusMTConverter(str(marian)).convert(str(build / "ct2"))
    build_argos_package(work / "translate-be_en-1_0.argosmodel", build / "ct2",
                        marian / "source.spm")


def test_every_help_example_runs_as_written_in_order(fresh_copy):
    examples = all_examples()
    assert len(examples) >= 25
    run_in_order(examples, fresh_copy)


# --- one convention: the same flag for the same thing in every command's --help ---

OLD_SPELLINGS = {"--out", "--out-dir", "--src-lang", "--tgt-lang", "--third-lang", "--from"}
WRITES_FILES = {"align", "check", "export", "import", "pair", "report", "run",
                "glossary convert", "model import-opus-mt", "model import-argos", "translate"}


def _visible_options(path: str) -> list[click.Option]:
    return [p for p in COMMANDS[path].params if isinstance(p, click.Option) and not p.hidden]


def test_every_help_uses_the_same_flag_for_the_same_thing():
    spellings: dict[str, set[tuple[str, ...]]] = {}  # long flag -> the flag sets it is in
    defaults: dict[str, set[str]] = {}
    for path in COMMANDS:
        options = _visible_options(path)
        flags = {flag for p in options for flag in p.opts}
        assert not flags & OLD_SPELLINGS, f"{path}: {flags & OLD_SPELLINGS} (hidden aliases only)"
        for p in options:
            long = max(p.opts, key=len)
            spellings.setdefault(long, set()).add(tuple(sorted(p.opts)))
            defaults.setdefault(long, set()).add(repr(p.default))
            # Languages: --lang for one file, --langs where several (and --original).
            if "lang" in long:
                assert long in ("--lang", "--langs"), f"{path}: {long}"
        if path in WRITES_FILES:
            out = [p for p in options if "--output" in p.opts]
            assert out and sorted(out[0].opts) == ["--output", "-o"], path
    assert {k: v for k, v in spellings.items() if len(v) > 1} == {}, "one spelling per flag"
    assert defaults["--fail-on"] == {"'error'"}, "one --fail-on default (check and run)"
    for flag in ("--fuzzy-below", "--max-bead", "--max-file-mb"):
        assert len(defaults[flag]) == 1, flag


def _invoke(*args: str):
    from click.testing import CliRunner

    return CliRunner().invoke(cli, list(args), prog_name="align-kit")


def test_old_spellings_still_work_with_one_deprecation_notice(tmp_path):
    source = ROOT / "glossaries" / "democratic-forces.csv"
    result = _invoke("glossary", "convert", str(source), str(tmp_path / "a.tbx"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.tbx").is_file()
    assert result.stderr.count("deprecated") == 1, result.stderr
    en = ROOT / "corpora" / "gold" / "journalists.en.sents"
    be = ROOT / "corpora" / "gold" / "journalists.be.sents"
    old = _invoke("align", str(en), str(be), "--src-lang", "en", "--tgt-lang", "be",
                  "--format", "tsv", "-o", str(tmp_path / "old.tsv"))
    new = _invoke("align", str(en), str(be), "--langs", "en,be", "--format", "tsv",
                  "-o", str(tmp_path / "new.tsv"))
    assert old.exit_code == new.exit_code == 0, old.stderr + new.stderr
    assert old.stderr.count("deprecated") == 2 and "deprecated" not in new.stderr
    assert (tmp_path / "old.tsv").read_text() == (tmp_path / "new.tsv").read_text()
    both = _invoke("align", str(en), str(be), "--out-dir", str(tmp_path), "-o", "y.tsv")
    assert both.exit_code == 2 and "once" in both.stderr


def test_output_a_folder_when_it_ends_with_a_slash(tmp_path):
    en = ROOT / "corpora" / "gold" / "journalists.en.sents"
    be = ROOT / "corpora" / "gold" / "journalists.be.sents"
    result = _invoke("align", str(en), str(be), "--format", "jsonl", "-o", f"{tmp_path}/new/")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["journalists.align.jsonl"]


def test_translate_old_language_flags_still_work_with_a_notice():
    # `--to` is export's format; translate's languages are --lang (FILE) and --target.
    result = _invoke("translate", str(ROOT / "corpora" / "gold" / "journalists.be.sents"),
                     "--model", "no-such-model", "--from", "be", "--to", "en")
    assert result.stderr.count("deprecated") == 2, result.stderr
    assert "use -l/--lang" in result.stderr and "use --target" in result.stderr
    refused = _invoke("translate", str(ROOT / "corpora" / "gold" / "journalists.be.sents"),
                      "--target", "by", "--model", "no-such-model")
    assert refused.exit_code == 2 and "did you mean 'be'?" in refused.output + refused.stderr
