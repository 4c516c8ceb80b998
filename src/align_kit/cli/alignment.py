"""Commands that align: align (2 or 3 files) and run (a whole folder)."""

from __future__ import annotations

import sys

import click

from align_kit.cli._params import (
    _FILE,
    _FOLDER,
    _MAX_FILE_MB,
    _MODEL,
    _OUT_FILE,
    _OUT_FOLDER,
    _language_option,
)
from align_kit.cli.articles import _read_for_split
from align_kit.errors import AlignKitError

# --- align commands ---


def _read_lines(path, max_file_mb):
    """A line file's lines; its notices (a U+2028 kept inside a line) on stderr."""
    from align_kit.align.files import read_lines

    notices: list = []
    lines = read_lines(path, max_file_mb=max_file_mb, notices=notices)
    for notice in notices:
        click.echo(f"align-kit: {notice}", err=True)
    return lines


def _align_texts(paths, langs, split: bool, max_file_mb=None):
    from align_kit.align.files import guess_language

    if split:
        # Articles go through ingest (encodings, HTML, Word, bad-input errors), then segment.
        from align_kit.segment import segment_document

        texts, read_langs = [], []
        for p, lang in zip(paths, langs, strict=False):
            doc = segment_document(_read_for_split(p, lang, max_file_mb))
            for notice in doc.notices:
                click.echo(f"align-kit: {notice}", err=True)
            texts.append([" ".join(s.text.split()) for s in doc.segments])
            read_langs.append(lang or doc.language)
        langs = read_langs
    else:
        texts = [_read_lines(p, max_file_mb) for p in paths]
    langs = [lang or guess_language(p, t) for p, t, lang in zip(paths, texts, langs, strict=True)]
    return texts, langs


def _align_one(paths, langs, max_bead, fmt, translations, scorers, split, lexicon=None,
               max_file_mb=None):
    from dataclasses import replace

    from align_kit.align import align_documents
    from align_kit.align.files import line_documents, render_alignment
    from align_kit.pipeline import group_name

    texts, langs = _align_texts(paths, langs, split, max_file_mb)
    tr = _read_lines(translations, max_file_mb) if translations else None
    docs = line_documents(paths, texts, langs)
    alignment = align_documents(docs, max_bead=max_bead, scorers=scorers, translations=tr)
    from align_kit.align.verdict import verdict_notices

    for notice in verdict_notices(alignment.parameters.get("verdict"), *map(str, paths[:2])):
        click.echo(f"align-kit: {notice}", err=True)
    return render_alignment(replace(alignment, id=group_name(docs)), fmt)


@click.command("align")
@click.argument("files", nargs=-1, type=_FILE)
@click.option("--max-bead", default=3, show_default=True, help="Most sentences a side per bead.")
@click.option("--src-lang", callback=_language_option,
              help="Language of the first file (else from its name or letters).")
@click.option("--tgt-lang", callback=_language_option, help="Language of the second file.")
@click.option("--third-lang", callback=_language_option,
              help="Language of the third file.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "beads", "tsv"]), default="beads",
              show_default=True)
@click.option("--translations", type=_FILE,
              help="One translation of each source line into the target language.")
@click.option("--scorers", help="Comma-separated scorer names (default: all).")
@click.option("--split", is_flag=True, help="Split the files into sentences first.")
@click.option("--pairs", type=_FILE,
              help="Batch: a TSV of 'source<TAB>target' paths, aligned in one process.")
@click.option("--out-dir", type=_OUT_FOLDER, help="Batch output folder.")
@click.option("-o", "--output", type=_OUT_FILE, help="Write here, not stdout.")
@_MAX_FILE_MB
def align_command(files, max_bead, src_lang, tgt_lang, third_lang, fmt, translations, scorers,
                  split, pairs, out_dir, output, max_file_mb):
    """Align sentences of 2 or 3 files (one segment per line).

    A line may hold several sentences: they are aligned one by one, and the
    lines regrouped into the smallest beads that contain those links, so a
    bead can group more lines than --max-bead when sentences cross lines.

    \b
    Examples:
      align-kit align article.en.txt article.be.txt --format tsv
      align-kit align a.en a.be a.ru --format jsonl -o a.align.jsonl
      align-kit align --pairs list.tsv --out-dir aligned/
    The `beads` format is `[0, 1]:[2]:0.93` (indexes, then confidence).
    """
    from pathlib import Path

    from align_kit.formats.atomic import write_text_atomic

    langs = [src_lang, tgt_lang, third_lang]
    if pairs:
        if files:
            raise click.UsageError("give either FILES or --pairs, not both")
        if not out_dir:
            raise click.UsageError("--pairs needs --out-dir")
        from align_kit.align.core import align_batch
        from align_kit.align.files import line_documents, render_alignment
        from align_kit.model import Alignment, Bead

        rows = [r.split("\t") for r in _read_lines(pairs, max_file_mb) if r.strip()]
        for n, r in enumerate(rows, 1):
            if len(r) != 2:
                raise AlignKitError("expected 'source<TAB>target'", path=pairs, line=n)
        loaded = [_align_texts(r, langs[:2], split, max_file_mb) for r in rows]
        from align_kit.pipeline import unique_names

        # Two sources with one file name in different folders must not share an output.
        bases = [Path(r[0]).stem for r in rows]
        out_names = unique_names(bases, rows)
        for r, base, name in zip(rows, bases, out_names, strict=True):
            if name != base:
                click.echo(f"align-kit: {r[0]}: warning: output {base!r} is taken by another "
                           f"pair (ignoring case); writing {name!r}", err=True)
        groups: dict[tuple[str, ...], list[int]] = {}
        for k, (_t, lg) in enumerate(loaded):
            groups.setdefault(tuple(lg), []).append(k)
        for (sl, tl), members in groups.items():
            results = align_batch([tuple(loaded[k][0]) for k in members], sl, tl,
                                  max_bead=max_bead, scorers=scorers)
            for k, (spans, conf, _i) in zip(members, results, strict=True):
                beads = [Bead(indexes=(tuple(range(a, b)), tuple(range(c, d))), score=round(s, 4))
                         for (a, b, c, d), s in zip(spans, conf, strict=True)]
                docs = line_documents(rows[k], loaded[k][0], [sl, tl])
                alignment = Alignment(tuple(docs), tuple(beads), original=sl, id=out_names[k])
                ext = {"beads": "beads", "tsv": "tsv", "jsonl": "align.jsonl"}[fmt]
                out = Path(out_dir) / f"{out_names[k]}.{ext}"
                out.parent.mkdir(parents=True, exist_ok=True)
                write_text_atomic(out, render_alignment(alignment, fmt))
        click.echo(f"aligned {len(rows)} pairs into {out_dir}", err=True)
        return
    if len(files) not in (2, 3):
        raise click.UsageError("give 2 or 3 files (or --pairs LIST.tsv --out-dir DIR)")
    text = _align_one(files, langs[: len(files)], max_bead, fmt, translations, scorers, split,
                      max_file_mb=max_file_mb)
    if output:
        write_text_atomic(output, text)
    else:
        click.echo(text, nl=False)



# --- pipeline commands ---


@click.command("run")
@click.argument("corpus", type=_FOLDER)
@click.option("--out", "out_dir", required=True, type=_OUT_FOLDER,
              help="Output folder (created if missing).")
@click.option("--glossary", type=_FILE, help="TBX, CSV or TSV glossary.")
@click.option("--manifest", type=_FILE,
              help="Groups to use (default: CORPUS/manifest.tsv if present, else pair).")
@click.option("--max-bead", default=3, show_default=True, type=click.IntRange(1, 6),
              help="Most sentences a side per bead.")
@click.option("--mt-model", type=_MODEL,
              help="A model folder (see `align-kit model`) to help alignment.")
@click.option("--fuzzy-below", default=0.5, show_default=True, type=click.FloatRange(0, 1),
              help="PO entries under this confidence are marked fuzzy.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Groups aligned in parallel.")
@click.option("--force", is_flag=True, help="Redo groups whose outputs are up to date.")
@click.option("--strict", is_flag=True,
              help="Stop at the first file that cannot be read (default: skip it, exit 2).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="never", show_default=True, help="Exit 1 when findings reach this level.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@_MAX_FILE_MB
def run_command(corpus, out_dir, glossary, manifest, max_bead, mt_model, fuzzy_below, jobs,
                force, strict, fail_on, as_json, max_file_mb):
    """Everything for a folder: pair, split, align, check, write TMX, PO and reports.

    \b
    Example:
      align-kit run corpora/sample --glossary glossaries/democratic-forces.tbx --out out/demo
    \b
    Writes, under OUT: one folder per article group (alignment file, TMX,
    one PO per translation), manifest.tsv (edit it and run again to fix
    pairing), report.html, and glossary-report.{txt,json,html}. A re-run
    skips groups whose outputs are complete and up to date, re-exports a group
    whose alignment file a reviewer changed, and keeps reviewed beads when it
    re-aligns. A file that cannot be read is skipped and listed (exit 2).
    """
    import json

    from align_kit.glossary import reaches
    from align_kit.pipeline import RunOptions, run_corpus, skipped_summary

    options = RunOptions(glossary=glossary, manifest=manifest, max_bead=max_bead,
                         mt_model=mt_model, fuzzy_below=fuzzy_below, jobs=jobs, force=force,
                         strict=strict, max_file_mb=max_file_mb)
    bars: list = []

    def progress(group: str, done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label="aligning groups",
                                          file=sys.stderr, show_pos=True))
        bars[0].update(1, current_item=group)
        if done == total:
            bars[0].render_finish()

    result = run_corpus(corpus, out_dir, options, progress=progress)
    for notice in result.notices:
        click.echo(f"align-kit: {notice}", err=True)
    findings = result.findings
    if as_json:
        click.echo(json.dumps({
            "out": result.out_dir,
            "groups": [{"group": g.group, "beads": g.beads, "outputs": list(g.outputs),
                        "skipped": g.skipped, "reexported": g.reexported,
                        "kept_reviewed": g.kept, "findings": len(g.findings)}
                       for g in result.groups],
            "unpaired": list(result.unpaired), "reports": list(result.reports),
            "skipped_files": [{"file": n.path, "why": n.message}
                              for n in result.skipped_files],
        }, ensure_ascii=False, indent=1))
    else:
        for g in result.groups:
            if g.reexported:
                click.echo(f"{g.group}: re-exported from the reviewed alignment file, "
                           f"{len(g.findings)} findings")
                continue
            state = "up to date" if g.skipped else f"{g.beads} beads"
            if g.kept:
                state += f", {g.kept} reviewed beads kept"
            click.echo(f"{g.group}: {state}, {len(g.findings)} findings")
        for doc_id in result.unpaired:
            click.echo(f"{doc_id}: no counterpart, left unpaired")
        click.echo(f"results: {result.out_dir}/ ({', '.join(result.reports)})")
    if result.skipped_files:
        click.echo(skipped_summary(corpus, result.skipped_files), err=True)
        sys.exit(2)
    sys.exit(1 if fail_on != "never" and reaches(findings, fail_on) else 0)




COMMANDS = (align_command, run_command)
