"""Commands that align: align (2 or 3 files) and run (a whole folder)."""

from __future__ import annotations

import sys

import click

from align_kit.align.dp import DEFAULT_MAX_BEAD
from align_kit.cli._params import (
    _FILE,
    _FOLDER,
    _MAX_FILE_MB,
    _MODEL,
    _OUT_FOLDER,
    _OUT_PATH,
    FAIL_ON,
    QUIET,
    _language_option,
    deprecated,
    language_list,
    output_option,
    say_notices,
)

_ORIGINAL = click.option(
    "--original", metavar="LANG", callback=_language_option,
    help="Language of the original text: the source of TMX and PO (default: guessed).")


def _deprecated_lang(position: int):
    def callback(ctx: click.Context, param: click.Parameter, value: str | None):
        if value is not None:
            deprecated(param.opts[0], "--langs")
            ctx.meta.setdefault("align-kit.langs", {})[position] = _language_option(
                ctx, param, value)
    return callback


@click.command("align")
@click.argument("files", nargs=-1, type=_FILE)
@click.option("--max-bead", default=DEFAULT_MAX_BEAD, show_default=True, type=click.IntRange(1, 6),
              help="Most sentences a side per bead (beyond 3 a side: one-to-many only).")
@click.option("--langs", callback=language_list, metavar="LANG,LANG[,LANG]",
              help="Languages of the files, in order (else from the names or the letters).")
@_ORIGINAL
@click.option("--src-lang", hidden=True, expose_value=False, callback=_deprecated_lang(0))
@click.option("--tgt-lang", hidden=True, expose_value=False, callback=_deprecated_lang(1))
@click.option("--third-lang", hidden=True, expose_value=False, callback=_deprecated_lang(2))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "beads", "tsv"]), default="beads",
              show_default=True, help="jsonl: the alignment file every other command reads.")
@click.option("--translations", type=_FILE,
              help="One translation of each source line into the target language.")
@click.option("--scorers", help="Comma-separated scorer names (default: all).")
@click.option("--split", is_flag=True, help="Split the files into sentences first.")
@click.option("--pairs", type=_FILE,
              help="Batch: a TSV of 'source<TAB>target' paths, aligned in one process.")
@output_option("Write here, not stdout (a folder: GROUP.EXT inside; needed with --pairs).",
               type=_OUT_PATH, aliases=("--out-dir",))
@_MAX_FILE_MB
def align_command(files, max_bead, langs, original, fmt, translations, scorers, split, pairs,
                  output, max_file_mb):
    """Align sentences of 2 or 3 files (one segment per line).

    A line may hold several sentences: they are aligned one by one, and the
    lines regrouped into the smallest beads that contain those links, so a
    bead can group more lines than --max-bead when sentences cross lines.

    \b
    Examples:
      align-kit align corpora/gold/journalists.en.sents \\
          corpora/gold/journalists.be.sents --format tsv
      align-kit align corpora/gold/journalists.en.sents \\
          corpora/gold/journalists.be.sents --format jsonl --original be -o out/aligned/
    The `beads` format is `[0, 1]:[2]:0.93` (indexes, then confidence).
    With --pairs LIST.tsv -o FOLDER/, every row is aligned into FOLDER.
    """
    from align_kit.align.commands import align_files, align_pair_list
    from align_kit.formats.atomic import write_text_atomic
    from align_kit.formats.names import output_path

    old = click.get_current_context().meta.get("align-kit.langs", {})
    if old and langs:
        raise click.UsageError("give --langs, not --src-lang/--tgt-lang/--third-lang too")
    languages = list(langs or [old.get(k) for k in range(3)])
    if pairs:
        if files:
            raise click.UsageError("give either FILES or --pairs, not both")
        if not output:
            raise click.UsageError("--pairs needs -o FOLDER/")
        written, notices = align_pair_list(pairs, output, languages, max_bead=max_bead, fmt=fmt,
                                           scorers=scorers, split=split,
                                           max_file_mb=max_file_mb, original=original)
        say_notices(notices)
        click.echo(f"aligned {len(written)} pairs into {output}", err=True)
        return
    if len(files) not in (2, 3):
        raise click.UsageError("give 2 or 3 files (or --pairs LIST.tsv -o FOLDER/)")
    if len(languages) > len(files) and any(languages[len(files):]):
        raise click.UsageError(f"--langs names {len(languages)} languages for {len(files)} files")
    aligned = align_files(files, languages[: len(files)], max_bead=max_bead, fmt=fmt,
                          translations=translations, scorers=scorers, split=split,
                          max_file_mb=max_file_mb, original=original)
    say_notices(aligned.notices)
    if output:
        from align_kit.align.commands import EXTENSIONS

        write_text_atomic(output_path(output, f"{aligned.file_name}.{EXTENSIONS[fmt]}"),
                          aligned.text)
    else:
        click.echo(aligned.text, nl=False)


@click.command("run")
@click.argument("corpus", type=_FOLDER)
@output_option("Output folder (created if missing).", dest="out_dir", type=_OUT_FOLDER,
               required=True)
@click.option("--glossary", type=_FILE, help="TBX, CSV or TSV glossary.")
@click.option("--manifest", type=_FILE,
              help="Groups to use (default: CORPUS/manifest.tsv if present, else pair).")
@_ORIGINAL
@click.option("--max-bead", default=DEFAULT_MAX_BEAD, show_default=True, type=click.IntRange(1, 6),
              help="Most sentences a side per bead (beyond 3 a side: one-to-many only).")
@click.option("--mt-model", type=_MODEL,
              help="A model folder (see `align-kit model`) to help alignment.")
@click.option("--fuzzy-below", default=0.5, show_default=True, type=click.FloatRange(0, 1),
              help="PO entries under this confidence are marked fuzzy.")
@click.option("--keep-partial", is_flag=True,
              help="TMX: keep units without the source language (default: leave them out).")
@click.option("--translator", metavar='"NAME <EMAIL>"',
              help="PO Last-Translator (default: none named).")
@click.option("--team", metavar='"NAME <EMAIL>"', help="PO Language-Team (default: none named).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Groups aligned in parallel (with --executor dask: LocalCluster workers).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where groups are aligned: this machine's processes, "
              "or a Dask cluster (needs align-kit[dask]; see docs/scale.md).")
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="With --executor dask: a running Dask scheduler (default: a LocalCluster "
              "of --jobs processes).")
@click.option("--force", is_flag=True, help="Redo groups whose outputs are up to date.")
@click.option("--strict", is_flag=True,
              help="Stop at the first file that cannot be read (default: skip it, exit 2).")
@FAIL_ON
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@QUIET
@_MAX_FILE_MB
def run_command(corpus, out_dir, glossary, manifest, original, max_bead, mt_model, fuzzy_below,
                keep_partial, translator, team, jobs, executor, scheduler, force, strict, fail_on,
                as_json, quiet, max_file_mb):
    """Everything for a folder: pair, split, align, check, write TMX, PO and reports.

    \b
    Example:
      align-kit run corpora/sample --glossary glossaries/democratic-forces.tbx -o out/demo \\
          --fail-on never
    \b
    Writes, under OUTPUT: one folder per article group (alignment file, TMX,
    one PO and one XLIFF per translation, GROUP.SRC-TGT.po as export names
    them), manifest.tsv (edit it and run again to fix pairing; its `original`
    column sets the original's language), report.html, and
    glossary-report.{txt,json,html}. It says which language it took as each
    group's original, and why. A re-run skips groups whose outputs are complete
    and up to date, re-exports a group whose alignment file a reviewer changed,
    and keeps reviewed beads when it re-aligns. A file that cannot be read is
    skipped and listed (exit 2).
    """
    import json

    from align_kit.glossary import reaches
    from align_kit.pipeline import (
        RunOptions,
        run_corpus,
        run_lines,
        run_summary,
        skipped_summary,
    )

    options = RunOptions(glossary=glossary, manifest=manifest, max_bead=max_bead,
                         mt_model=mt_model, fuzzy_below=fuzzy_below, jobs=jobs, force=force,
                         strict=strict, max_file_mb=max_file_mb, original=original,
                         keep_partial=keep_partial, translator=translator, team=team,
                         executor=executor, scheduler=scheduler)
    progress = None if quiet or as_json else _Progress()
    result = run_corpus(corpus, out_dir, options, progress=progress,
                        sentences=progress.sentences if progress else None,
                        warn=lambda notice: say_notices([notice]))
    say_notices(result.notices)
    if as_json:
        click.echo(json.dumps(run_summary(result), ensure_ascii=False, indent=1))
    else:
        for line in run_lines(result, quiet=quiet):
            click.echo(line)
    if result.skipped_files:
        click.echo(skipped_summary(corpus, result.skipped_files), err=True)
        sys.exit(2)
    sys.exit(1 if fail_on != "never" and reaches(result.findings, fail_on) else 0)


class _Progress:
    """One progress line on stderr, only on a terminal (a script's log stays clean; --quiet:
    none): groups done and, inside a long article, sentences aligned with an ETA."""

    def __init__(self) -> None:
        import time

        self.tty = sys.stderr.isatty()
        self.clock = time.monotonic
        self.groups = (0, 0)
        self.started: dict[tuple[str, int], float] = {}
        self.shown = 0.0

    def __call__(self, group: str, done: int, total: int) -> None:
        self.groups = (done, total)
        if self.tty:
            self._show(f"aligned {done}/{total} groups (last: {group})")
            if done == total:
                click.echo("", err=True)

    def sentences(self, group: str, done: int, total: int) -> None:
        if not self.tty or total < 2 * 256:  # a short article needs no progress line
            return
        from align_kit.pipeline import progress_text

        now = self.clock()
        start = self.started.setdefault((group, total), now)
        if 0 < done < total and now - self.shown < 0.2:  # at most 5 updates a second
            return
        self._show(progress_text(group, done, total, now - start, self.groups))

    def _show(self, text: str) -> None:
        self.shown = self.clock()
        click.echo(f"\r\x1b[K{text}", err=True, nl=False)


COMMANDS = (align_command, run_command)
