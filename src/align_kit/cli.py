"""The `align-kit` command line: options declared here, logic in the stages.

Exit codes: 0 ok, 1 QA findings at or above --fail-on, 2 usage or input error.
"""

from __future__ import annotations

import os
import stat
import sys

import click

from align_kit import __version__
from align_kit.errors import AlignKitError, InputError


class _PathParam(click.Path):
    """A path option or argument, checked before the command runs.

    click.Path reports a bad path with its multi-line usage text; these checks raise
    InputError instead, so a missing, wrong-kind, unreadable or unwritable path ends like
    every other bad input: one line, `align-kit: error: PATH: problem (what to do)`, exit 2,
    and nothing written (no command has started yet).
    """

    def __init__(self, kind: str, *, output: bool = False, allow_dash: bool = False) -> None:
        # kind: "file", "folder" or "any" (either; `ingest` and export/import `-o`)
        super().__init__(file_okay=kind != "folder", dir_okay=kind != "file",
                         allow_dash=allow_dash, path_type=str)
        self.kind, self.output = kind, output

    def convert(self, value, param, ctx):
        value = os.fspath(value)
        if not (self.allow_dash and value == "-"):
            (_check_output if self.output else _check_input)(value, self.kind)
        return value


def _stat(path: str, *, output: bool) -> os.stat_result | None:
    """os.stat, or None when nothing is there (a parent being a file counts as nothing)."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except PermissionError:
        raise InputError("cannot write here: permission denied" if output else "permission denied",
                         path=path, hint="choose an output folder you can write to" if output
                         else "make the folders on its path readable (chmod u+rx)") from None
    except OSError as exc:  # a name too long, a symlink loop
        raise InputError(f"cannot use this path: {exc.strerror or exc}", path=path,
                         hint="check the path and the name") from None


def _check_input(path: str, kind: str) -> None:
    found = _stat(path, output=False)
    noun = "folder" if kind == "folder" else "file"
    if found is None:
        raise InputError(f"no such {noun}", path=path, hint="check the path and the name")
    is_dir = stat.S_ISDIR(found.st_mode)
    if kind == "file" and is_dir:
        raise InputError("is a directory, not a file", path=path, hint="give the path of a file")
    if kind == "folder" and not is_dir:
        raise InputError("is a file, not a folder", path=path, hint="give the path of a folder")
    if not os.access(path, os.R_OK | (os.X_OK if is_dir else 0)):
        noun = "folder" if is_dir else "file"
        raise InputError("permission denied", path=path,
                         hint=f"make the {noun} readable (chmod u+r{'x' if is_dir else ''})")


def _check_output(path: str, kind: str) -> None:
    found = _stat(path, output=True)
    if found is not None:
        is_dir = stat.S_ISDIR(found.st_mode)
        if kind == "file" and is_dir:
            raise InputError("is a directory, not a file", path=path,
                             hint="give the name of the file to write")
        if kind == "folder" and not is_dir:
            raise InputError("is a file, not a folder", path=path,
                             hint="give a folder for the outputs, or move the file away")
        folder = path if is_dir else os.path.dirname(path) or "."
    else:
        # The nearest folder that exists must be a folder we may create things in.
        folder = os.path.dirname(path.rstrip(os.sep)) or "."
        while (found := _stat(folder, output=True)) is None:
            parent = os.path.dirname(folder) or "."
            if parent == folder:  # even "." is gone: the working folder was deleted
                raise InputError("cannot write here: the working folder no longer exists",
                                 path=path, hint="cd to an existing folder")
            folder = parent
        if not stat.S_ISDIR(found.st_mode):
            raise InputError(f"cannot write here: {folder} is a file, not a folder", path=path,
                             hint="choose an output folder you can write to")
    if not os.access(folder, os.W_OK | os.X_OK):
        if folder == path:
            raise InputError("cannot write here: the folder is not writable", path=path,
                             hint="make it writable (chmod u+w) or choose another output folder")
        raise InputError(f"cannot write here: {folder} is not writable", path=path,
                         hint="choose an output folder you can write to")


class _ModelParam(click.Path):
    """A model folder or a model name under $ALIGN_KIT_MODELS, checked before the command runs
    (so `run --mt-model` stops before writing anything)."""

    def __init__(self) -> None:
        super().__init__(file_okay=False, path_type=str)

    def convert(self, value, param, ctx):
        from align_kit.mt import model_info, resolve_model_dir

        model_info(resolve_model_dir(value))  # InputError: no such model folder, not a model...
        return os.fspath(value)


def _language_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A language code checked before the command runs: `by`, `xx` are refused with a hint."""
    from align_kit.languages import supported_language

    return None if value is None else supported_language(value)


_FILE = _PathParam("file")  # an existing, readable file
_FOLDER = _PathParam("folder")  # an existing, readable folder
_FILE_OR_FOLDER = _PathParam("any")
_OUT_FILE = _PathParam("file", output=True)  # a file to write: its folder writable
_OUT_FOLDER = _PathParam("folder", output=True)  # a folder to write into (created if missing)
_OUT_PATH = _PathParam("any", output=True)  # a file or a folder, as the command decides
_MODEL = _ModelParam()
# Articles and line files larger than this are refused (docs/robustness.md, "Hostile files").
_MAX_FILE_MB = click.option(
    "--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=None, metavar="MB",
    help="Refuse article and line files larger than this (default 50; .docx: each part "
    "unpacked, all parts 4x).")


class _Group(click.Group):
    """Turns an AlignKitError anywhere below into one line on stderr and exit 2.

    Below includes parsing: the path parameters above raise InputError there.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AlignKitError as exc:
            click.echo(f"align-kit: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align-kit")
def cli() -> None:
    """Align, check and export English / Belarusian / Russian news translations.

    \b
    A whole folder in one go:
      align-kit run corpora/sample --glossary glossaries/democratic-forces.tbx --out out/demo
    Or stage by stage: ingest, split, align, check, export.
    """


# Commands, one small function each, grouped by stage (each block owned by its module).

# --- ingest commands ---


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...",
                type=_FILE_OR_FOLDER)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON list (with the text).")
@click.option("--lang", "language", metavar="LANG", callback=_language_option,
              help="Language of all files (en/be/ru/uk).")
@_MAX_FILE_MB
def ingest_command(paths: tuple[str, ...], as_json: bool, language: str | None,
                   max_file_mb: float | None) -> None:
    """Read articles: encoding, language, paragraphs, notices.

    \b
    Examples:
      align-kit ingest corpora/sample
      align-kit ingest news/sanctions.be.md news/sanctions.ru.html --json
      align-kit ingest old-article.txt --lang ru
    """
    import json

    from align_kit.ingest import document_summary, read_paths

    documents, notices = read_paths(paths, language=language, max_file_mb=max_file_mb)
    for notice in [*notices, *(n for d in documents for n in d.notices)]:
        click.echo(f"align-kit: {notice}", err=True)
    if as_json:
        summaries = [document_summary(d) for d in documents]
        click.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
        return
    for d in documents:
        click.echo(
            f"{d.id}\t{d.language} ({d.language_confidence:.2f})\t{d.encoding or '-'}\t"
            f"paragraphs: {len(d.paragraphs)}\tcharacters: {len(d.text)}\t"
            f"notices: {len(d.notices)}"
        )


# --- segment commands ---


def _read_for_split(path: str, lang: str, max_file_mb: float | None = None):
    """`split` reads through ingest: any encoding, HTML, Markdown, Word."""
    from align_kit.ingest import read_document

    return read_document(path, language=lang, max_file_mb=max_file_mb)


@cli.command("split")
@click.argument("file", type=_FILE)
@click.option("--lang", "-l", required=True,
              callback=_language_option, help="Language code: en, be, ru or uk.")
@click.option("--json", "as_json", is_flag=True, help="JSON with spans, kind and paragraph.")
@click.option("--max-chars", type=click.IntRange(min=20), default=None,
              help="Cut sentences longer than this at white space (default 1500).")
@_MAX_FILE_MB
def split_command(file: str, lang: str, as_json: bool, max_chars: int | None,
                  max_file_mb: float | None) -> None:
    """Split FILE into sentences, one per line (paragraphs never crossed).

    \b
    Examples:
      align-kit split article.be.txt --lang be
      align-kit split article.ru.txt --lang ru --json > article.ru.sentences.json

    Spans in --json are character offsets into the file's text (UTF-8,
    universal newlines). Repairs such as over-long sentences cut are reported
    on stderr (and under "notices" in --json).
    """
    import json

    from align_kit.segment import DEFAULT_MAX_CHARS, segment_document

    doc = segment_document(_read_for_split(file, lang, max_file_mb),
                           max_chars=max_chars or DEFAULT_MAX_CHARS)
    if as_json:
        click.echo(json.dumps({
            "file": file,
            "language": doc.language,
            "segments": [
                {"text": s.text, "start": s.start, "end": s.end, "kind": s.kind,
                 "paragraph": s.paragraph}
                for s in doc.segments
            ],
            "notices": [{"code": n.code, "level": n.level, "message": n.message}
                        for n in doc.notices],
        }, ensure_ascii=False, indent=1))
    else:
        for segment in doc.segments:
            click.echo(" ".join(segment.text.split()))
    for notice in doc.notices:
        click.echo(f"align-kit: {notice}", err=True)


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


@cli.command("align")
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



# --- glossary commands ---


@cli.group("glossary")
def glossary_group() -> None:
    """Validate, convert and count a glossary (TBX, CSV or TSV).

    \b
    Examples:
      align-kit glossary validate glossaries/democratic-forces.tbx
      align-kit glossary convert glossaries/democratic-forces.csv out/terms.tbx
      align-kit glossary stats glossaries/democratic-forces.tbx --json
    """


@glossary_group.command("validate")
@click.argument("file", type=_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the notices as JSON.")
def glossary_validate(file: str, as_json: bool) -> None:
    """Check a glossary: XML/CSV syntax, languages, empty, duplicate and conflicting terms.

    Exit 1 when a notice is at error level (a conflict), 2 when the file cannot be read.

    \b
    Example:
      align-kit glossary validate glossaries/democratic-forces.csv
    """
    import json

    from align_kit.glossary import load_glossary

    glossary = load_glossary(file)
    if as_json:
        click.echo(json.dumps({"entries": len(glossary.entries), "notices": [
            {"code": n.code, "level": n.level, "line": n.line, "message": n.message}
            for n in glossary.notices]}, ensure_ascii=False, indent=2))
    else:
        for notice in glossary.notices:
            click.echo(str(notice))
        click.echo(f"{file}: {len(glossary.entries)} entries, {len(glossary.notices)} notices")
    if any(n.level == "error" for n in glossary.notices):
        sys.exit(1)


@glossary_group.command("convert")
@click.argument("source", type=_FILE)
@click.argument("target", type=_OUT_FILE)
def glossary_convert(source: str, target: str) -> None:
    """Convert between TBX (TBX-Basic), CSV and TSV, chosen by the file extensions.

    \b
    Example:
      align-kit glossary convert glossaries/democratic-forces.csv out/terms.tbx
    """
    from align_kit.glossary import load_glossary, save_glossary

    glossary = load_glossary(source)
    for notice in glossary.notices:
        click.echo(str(notice), err=True)
    save_glossary(glossary, target)
    click.echo(f"wrote {target} ({len(glossary.entries)} entries)")


@glossary_group.command("stats")
@click.argument("file", type=_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def glossary_stats_command(file: str, as_json: bool) -> None:
    """Count entries, approved and forbidden terms per language.

    \b
    Example:
      align-kit glossary stats glossaries/democratic-forces.tbx
    """
    import json

    from align_kit.glossary import glossary_stats, load_glossary

    stats = glossary_stats(load_glossary(file))
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"entries: {stats['entries']}  multi-word terms: {stats['multi_word_terms']}  "
               f"notices: {stats['notices']}")
    for lang in sorted(stats["languages"]):
        click.echo(f"  {lang}: {stats['languages'][lang]} entries, "
                   f"{stats['approved_terms'].get(lang, 0)} approved, "
                   f"{stats['forbidden_terms'].get(lang, 0)} forbidden")



# --- formats commands ---


@cli.command("export")
@click.argument("alignments", nargs=-1, required=True, type=_FILE)
@click.option("--to", "to", required=True,
              type=click.Choice(["tmx", "po", "pot", "xliff", "xlsx"]),
              help="Output format (xlsx: a review workbook per alignment, in folder -o).")
@click.option("-o", "--out", required=True, type=_OUT_PATH,
              help="The TMX file, or the folder for PO/POT/XLIFF (one file per language pair).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Leave out beads under this confidence.")
@click.option("--pair", default=None, help="Only this language pair, source-target (en-be).")
@click.option("--skip-empty", is_flag=True, help="TMX: leave out beads with an empty side.")
@click.option("--fuzzy-below", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="PO/XLIFF: mark beads under this confidence fuzzy / needs-review.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def export_command(alignments, to, out, min_score, pair, skip_empty, fuzzy_below, as_json):
    """Export alignment files to TMX 1.4b, PO, POT or XLIFF 1.2.

    \b
    One multilingual TMX for a whole batch:
      align-kit export out/*.align.jsonl --to tmx -o out/batch.tmx --min-score 0.3
    PO files per document and language (merged with translators' edits):
      align-kit export out/cabinet.align.jsonl --to po --pair be-en -o out/po/
    A review workbook for a spreadsheet (bring it back with import --into):
      align-kit export out/cabinet.align.jsonl --to xlsx -o out/review/
    """
    from align_kit.formats.convert import export_alignments

    outcome = export_alignments(alignments, to, out, min_score=min_score, pair=pair,
                                skip_empty=skip_empty, fuzzy_below=fuzzy_below)
    _print_outcome(outcome, as_json)


@cli.command("import")
@click.argument("file", type=_FILE)
@click.option("--into", type=_FILE, default=None,
              help="Apply the file's translations to this alignment file.")
@click.option("-o", "--out", required=True, type=_OUT_PATH,
              help="The alignment file to write (a folder if the TMX holds several).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_command(file, into, out, as_json):
    """Read a TMX, PO, XLIFF or xlsx review workbook back into an alignment file.

    \b
    Bring a translator's PO edits back into the alignment:
      align-kit import out/po/cabinet.be-en.po --into out/cabinet.align.jsonl \\
          -o out/cabinet.align.jsonl
    Turn any TMX into alignment files:
      align-kit import memory.tmx -o out/imported/
    A reviewed workbook (text edits and the confirmed column):
      align-kit import out/review/cabinet.xlsx --into out/cabinet.align.jsonl \\
          -o out/cabinet.align.jsonl
    """
    from align_kit.formats.convert import import_file

    _print_outcome(import_file(file, out, into=into), as_json)


def _print_outcome(outcome, as_json: bool) -> None:
    if as_json:
        import json

        click.echo(json.dumps({"written": outcome.written,
                               "notices": [{"code": n.code, "level": n.level,
                                            "message": n.message} for n in outcome.notices]},
                              ensure_ascii=False, indent=2))
        return
    for notice in outcome.notices:
        click.echo(f"align-kit: {notice}", err=True)
    for path in outcome.written:
        click.echo(path)


# --- mt commands ---

@cli.group("model")
def model_group() -> None:
    """Machine-translation models: import OPUS-MT folders and Argos packages, list them.

    \b
    Nothing is downloaded; convert what you have, offline:
      align-kit model import-opus-mt opus-mt-zle-en/ -o models/zle-en
      align-kit model import-argos translate-be_en-1_0.argosmodel -o models/be-en
      align-kit model list models
    """


def _print_model(info, as_json: bool) -> None:
    import json

    if as_json:
        click.echo(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
        return
    prefix = f", target tokens {' '.join(info.prefix_tokens.values())} " \
             f"({info.prefix_position})" if info.prefix_tokens else ""
    click.echo(f"{info.path}: {'+'.join(info.source_languages)} -> "
               f"{'+'.join(info.target_languages)}, {info.origin.get('kind', '?')}{prefix}, "
               f"{info.checksum[:19]}, created {info.created}")


@model_group.command("import-opus-mt")
@click.argument("marian_dir", type=_FOLDER)
@click.option("-o", "--out", "out_dir", required=True, type=_OUT_FOLDER,
              help="New model folder to create.")
@click.option("--source", "sources", help="Source languages, comma-separated (default: README).")
@click.option("--target", "targets", help="Target languages, comma-separated (default: README).")
@click.option("--quantization", type=click.Choice(["int8", "int8_float16", "float16",
              "bfloat16", "float32"]), help="Store weights quantized (default: as released).")
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def model_import_opus_mt(marian_dir, out_dir, sources, targets, quantization, force, as_json):
    """Convert an OPUS-MT (Marian) folder with CTranslate2's converter.

    \b
    MARIAN_DIR holds the unpacked release: *.npz, *.vocab.yml, decoder.yml,
    source.spm, target.spm (and README.md, which names the languages).
      align-kit model import-opus-mt opus-mt-zle-en/ -o models/zle-en
    """
    from align_kit.mt import import_opus_mt

    split = lambda v: [c for c in v.split(",") if c.strip()] if v else None  # noqa: E731
    info = import_opus_mt(marian_dir, out_dir, source_languages=split(sources),
                          target_languages=split(targets), quantization=quantization,
                          force=force)
    _print_model(info, as_json)


@model_group.command("import-argos")
@click.argument("package", type=_FILE)
@click.option("-o", "--out", "out_dir", required=True, type=_OUT_FOLDER,
              help="New model folder to create.")
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def model_import_argos(package, out_dir, force, as_json):
    """Unpack an Argos Translate package (.argosmodel) into a model folder.

    \b
      align-kit model import-argos translate-be_en-1_0.argosmodel -o models/be-en
    """
    from align_kit.mt import import_argos

    _print_model(import_argos(package, out_dir, force=force), as_json)


@model_group.command("list")
@click.argument("root", required=False, type=_FOLDER)
@click.option("--json", "as_json", is_flag=True, help="JSON list of manifests.")
def model_list(root, as_json):
    """List model folders under ROOT (default: $ALIGN_KIT_MODELS or ./models).

    \b
      align-kit model list models
    """
    import json
    import os

    from align_kit.mt import list_models

    folder = root or os.environ.get("ALIGN_KIT_MODELS") or "models"
    if not root and not os.path.isdir(folder):
        click.echo(f"no model folder {folder} (give ROOT or set ALIGN_KIT_MODELS)")
        return
    models = list_models(folder)
    if as_json:
        click.echo(json.dumps([m.to_json() for m in models], ensure_ascii=False, indent=2))
    elif not models:
        click.echo("no models found (import one with `align-kit model import-opus-mt` "
                   "or `align-kit model import-argos`)")
    for info in models if not as_json else ():
        _print_model(info, False)


@model_group.command("info")
@click.argument("model_dir", type=_MODEL)
@click.option("--verify", is_flag=True, help="Check the files against the checksum.")
@click.option("--json", "as_json", is_flag=True, help="The manifest as JSON.")
def model_info_cmd(model_dir, verify, as_json):
    """Show a model folder's languages, origin, tokenizers and checksum.

    \b
      align-kit model info models/zle-en --verify
    """
    from align_kit.mt import model_info, resolve_model_dir, verify_model

    path = resolve_model_dir(model_dir)
    _print_model(verify_model(path) if verify else model_info(path), as_json)


@cli.command("translate")
@click.argument("file", type=_FILE)
@click.option("--model", "model_dir", required=True, type=_MODEL,
              help="Model folder (see `align-kit model`).")
@click.option("--to", "target", help="Target language (needed for multi-target models).")
@click.option("--from", "source", help="Source language, checked against the model.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto",
              show_default=True)
@click.option("--compute-type", help="CTranslate2 compute type (default int8 on CPU, "
              "float16 on CUDA).")
@click.option("--beam-size", type=click.IntRange(1, 64), default=4, show_default=True)
@click.option("--max-length", type=click.IntRange(1), default=256, show_default=True,
              help="Maximum tokens per translation.")
@click.option("--batch-tokens", type=click.IntRange(1), default=4096, show_default=True)
@click.option("-o", "--out", "out_path", type=_PathParam("file", output=True, allow_dash=True),
              help="Output file (default: stdout).")
def translate_cmd(file, model_dir, target, source, device, compute_type, beam_size, max_length,
                  batch_tokens, out_path):
    """Machine-translate a file with one sentence per line (lines stay parallel),
    or draft the empty sides of an alignment file (flagged as machine translation).

    \b
      align-kit translate news.be.txt --model models/zle-en --to en -o news.mt.en.txt
      align-kit translate news.align.jsonl --model models/zle-en -o news.drafted.align.jsonl
    """
    from align_kit.mt import load_translator, resolve_model_dir
    from align_kit.mt.textfile import translate_lines, write_lines

    translator = load_translator(resolve_model_dir(model_dir), source_lang=source,
                                 target_lang=target, device=device, compute_type=compute_type,
                                 beam_size=beam_size, max_decoding_length=max_length,
                                 batch_tokens=batch_tokens)
    if str(file).endswith(".align.jsonl"):
        from align_kit.formats.alignment_file import read_alignment, write_alignment
        from align_kit.mt.drafts import draft_missing_translations

        drafted = draft_missing_translations(read_alignment(file), translator)
        write_alignment(drafted, out_path if out_path and out_path != "-" else file)
        return
    write_lines(out_path, translate_lines(file, translator, target_lang=target))


# --- pairing commands ---


@cli.command("pair")
@click.argument("folder", type=_FOLDER)
@click.option("-o", "--output", "output", type=_OUT_FILE,
              default=None, help="Manifest to write (default: FOLDER/manifest.tsv).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
              help="Pairs scoring below this stay unpaired (default 0.25).")
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON on stdout.")
@click.option("--force", is_flag=True, help="Overwrite an existing manifest (and its edits).")
@click.option("--strict", is_flag=True,
              help="Stop at the first file that cannot be read (default: skip it, exit 2).")
@_MAX_FILE_MB
def pair_command(folder: str, output: str | None, threshold: float | None,
                 as_json: bool, force: bool, strict: bool, max_file_mb: float | None) -> None:
    """Find which articles in FOLDER translate each other and write an editable manifest.

    File names are not trusted: articles are paired by metadata links, numbers,
    dates, names across scripts and length, one-to-one across en, be and ru.
    Review the manifest (one row per group, with confidence and evidence),
    correct it if needed; `align-kit run` uses it when present.

    \b
    Examples:
      align-kit pair corpora/my-batch               # writes corpora/my-batch/manifest.tsv
      align-kit pair corpora/my-batch -o review/manifest.tsv --force
      align-kit pair corpora/my-batch -o m.tsv --json > groups.json
    """
    import json
    import os

    from align_kit.errors import InputError
    from align_kit.formats.manifest import write_manifest
    from align_kit.ingest import read_folder
    from align_kit.pairing import DEFAULT_THRESHOLD, pair_documents

    manifest = output or os.path.join(folder, "manifest.tsv")
    if os.path.exists(manifest) and not force:
        raise InputError("the manifest already exists and may hold a person's corrections",
                         path=manifest, hint="pass --force to overwrite it, or -o another file")
    documents, notices = read_folder(folder, keep_going=not strict, max_file_mb=max_file_mb)
    for notice in [*notices, *(n for d in documents for n in d.notices)]:
        click.echo(str(notice), err=True)
    skipped = [n for n in notices if n.code == "file-unreadable"]
    groups, unpaired = pair_documents(
        documents, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    write_manifest(groups, documents, manifest)
    by_id = {d.id: d for d in documents}

    def name(doc_id: str) -> str:
        return by_id[doc_id].source or doc_id

    if as_json:
        click.echo(json.dumps({
            "manifest": manifest,
            "groups": [{"id": g.id, "members": {k: name(v) for k, v in g.members.items()},
                        "confidence": g.confidence, "evidence": list(g.evidence)}
                       for g in groups],
            "unpaired": [d.source or d.id for d in unpaired],
        }, ensure_ascii=False, indent=2))
        if skipped:
            from align_kit.pipeline import skipped_summary

            click.echo(skipped_summary(folder, skipped), err=True)
            sys.exit(2)
        return
    for g in groups:
        files = "  ".join(f"{k}:{name(v)}" for k, v in g.members.items())
        click.echo(f"{g.confidence:.2f}  {files}")
    for doc in unpaired:
        click.echo(f"  -   {doc.language}:{doc.source or doc.id} (no counterpart)")
    click.echo(f"{len(groups)} groups, {len(unpaired)} unpaired; manifest written to {manifest}")
    if skipped:
        from align_kit.pipeline import skipped_summary

        click.echo(skipped_summary(folder, skipped), err=True)
        sys.exit(2)


# --- report commands ---


@cli.command("report")
@click.argument("alignments", nargs=-1, required=True, type=_FILE)
@click.option("-o", "--output", default="report.html", show_default=True,
              type=_OUT_FILE, help="HTML file to write.")
@click.option("--title", default="align-kit review report", show_default=True)
@click.option("--low", default=0.5, show_default=True, type=click.FloatRange(0, 1),
              help="Beads below this confidence count as uncertain.")
@click.option("--glossary", type=_FILE,
              help="Also mark this glossary's terms in the text (TBX, CSV or TSV).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary figures as JSON.")
def report_command(alignments: tuple[str, ...], output: str, title: str, low: float,
                   glossary: str | None, as_json: bool) -> None:
    """Write one self-contained HTML review report over alignment files.

    \b
    Example:
      align-kit report out/demo/*/*.align.jsonl -o out/demo/report.html \\
          --glossary glossaries/democratic-forces.tbx
    """
    import json

    from align_kit.formats.atomic import write_text_atomic
    from align_kit.report import render_report, report_summary
    from align_kit.report.storage import load_alignment

    loaded = [load_alignment(path) for path in alignments]
    finder = None
    if glossary:
        from align_kit.glossary import TermMatcher, load_glossary

        finder = TermMatcher(load_glossary(glossary)).find
    write_text_atomic(output, render_report(loaded, title=title, low=low, term_finder=finder))
    summary = report_summary(loaded, low)
    if as_json:
        click.echo(json.dumps({"output": output, **summary}, ensure_ascii=False))
    else:
        click.echo(f"wrote {output}: {summary['groups']} group(s), {summary['beads']} beads, "
                   f"{summary['low_confidence']} below {low:.2f}, "
                   f"{sum(summary['findings'].values())} finding(s)")


@cli.command("review")
@click.argument("alignment", type=_FILE)
@click.option("--port", default=0, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
def review_command(alignment: str, port: int, no_browser: bool) -> None:
    """Correct an alignment in a local editor in your browser.

    Merge, split, move sentences, mark beads reviewed, undo; every change is
    saved to the file at once (its states kept in FILE.history/, bounded). Open
    the URL it prints: it carries the token the server wants on every request.

    \b
    Example:
      align-kit review out/demo/pace-delegation.align.jsonl --port 8765
    """
    from align_kit.report.server import serve_review

    serve_review(alignment, port=port, open_browser=not no_browser, announce=click.echo)


# --- glossary check ---


@cli.command("check")
@click.argument("alignments", nargs=-1, required=True, type=_FILE)
@click.option("--glossary", "glossary_path", required=True, type=_FILE,
              help="TBX, CSV or TSV glossary.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="text for terminals, json for CI, html for reviewers.")
@click.option("-o", "--out", type=_OUT_FILE, help="Write the report here.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="error", show_default=True, help="Exit 1 when findings reach this level.")
def check_command(alignments, glossary_path, fmt, out, fail_on):
    """Check aligned documents against a glossary: terms, forbidden variants, numbers.

    \b
    Examples:
      align-kit check out/demo/*/*.align.jsonl --glossary glossaries/democratic-forces.tbx
      align-kit check a.align.jsonl --glossary terms.csv --format json --fail-on warning
    """
    from align_kit.formats.alignment_file import read_alignment
    from align_kit.formats.atomic import write_text_atomic
    from align_kit.glossary import (
        check_corpus,
        load_glossary,
        reaches,
        render_html,
        render_json,
        render_text,
    )

    docs = [read_alignment(p) for p in alignments]
    glossary = load_glossary(glossary_path)
    for notice in glossary.notices:  # conflicts and duplicates weaken every check: say so
        click.echo(f"align-kit: {notice}", err=True)
    findings = check_corpus(docs, glossary)
    if fmt == "html":
        text = render_html(findings, docs)
    else:
        text = (render_json if fmt == "json" else render_text)(findings)
    if out:
        write_text_atomic(out, text)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if fail_on != "never" and reaches(findings, fail_on) else 0)


# --- pipeline commands ---


@cli.command("run")
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
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="never", show_default=True, help="Exit 1 when findings reach this level.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@_MAX_FILE_MB
def run_command(corpus, out_dir, glossary, manifest, max_bead, mt_model, fuzzy_below, jobs,
                executor, scheduler, force, strict, fail_on, as_json, max_file_mb):
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
                         strict=strict, max_file_mb=max_file_mb, executor=executor,
                         scheduler=scheduler)
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



def main() -> None:
    cli(prog_name="align-kit")


if __name__ == "__main__":
    sys.exit(main())
