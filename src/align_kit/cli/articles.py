"""Commands that read articles: ingest, split, pair."""

from __future__ import annotations

import sys

import click

from align_kit.cli._params import (
    _FILE,
    _FILE_OR_FOLDER,
    _FOLDER,
    _MAX_FILE_MB,
    _OUT_FILE,
    _language_option,
)

# --- ingest commands ---


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...",
                type=_FILE_OR_FOLDER)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON list (with the text).")
@click.option("--lang", "-l", "language", metavar="LANG", callback=_language_option,
              help="Language of all files (en/be/ru/uk).")
@_MAX_FILE_MB
def ingest_command(paths: tuple[str, ...], as_json: bool, language: str | None,
                   max_file_mb: float | None) -> None:
    """Read articles: encoding, language, paragraphs, notices.

    \b
    Examples:
      align-kit ingest corpora/sample
      align-kit ingest corpora/sample/pace-delegation.be.md \\
          corpora/sample/journalists.ru.html --json
      align-kit ingest corpora/sample/sanctions-interview.ru.txt --lang ru
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
    from align_kit.ingest.reader import document_line

    for d in documents:
        click.echo(document_line(d))


# --- segment commands ---


def _read_for_split(path: str, lang: str | None, max_file_mb: float | None = None):
    """`split` reads through ingest: any encoding, HTML, Markdown, Word."""
    from align_kit.ingest import read_document

    return read_document(path, language=lang, max_file_mb=max_file_mb)


@click.command("split")
@click.argument("file", type=_FILE)
@click.option("--lang", "-l", "lang", metavar="LANG", callback=_language_option,
              help="Language of the file: en, be, ru or uk (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="JSON with spans, kind and paragraph.")
@click.option("--max-chars", type=click.IntRange(min=20), default=None,
              help="Cut sentences longer than this at white space (default 1500).")
@_MAX_FILE_MB
def split_command(file: str, lang: str | None, as_json: bool, max_chars: int | None,
                  max_file_mb: float | None) -> None:
    """Split FILE into sentences, one per line (paragraphs never crossed).

    \b
    Examples:
      align-kit split corpora/sample/journalists.be.txt --lang be
      align-kit split corpora/sample/journalists.ru.html --json > out/journalists.ru.json

    Spans in --json are character offsets into the file's text (UTF-8,
    universal newlines). Repairs such as over-long sentences cut are reported
    on stderr (and under "notices" in --json).
    """
    import json

    from align_kit.segment import DEFAULT_MAX_CHARS, segment_document

    doc = segment_document(_read_for_split(file, lang, max_file_mb),
                           max_chars=max_chars or DEFAULT_MAX_CHARS)
    if as_json:
        from align_kit.segment.summary import segments_json

        click.echo(json.dumps(segments_json(doc, file), ensure_ascii=False, indent=1))
    else:
        for segment in doc.segments:
            click.echo(" ".join(segment.text.split()))
    for notice in doc.notices:
        click.echo(f"align-kit: {notice}", err=True)



# --- pairing commands ---


@click.command("pair")
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
      align-kit pair corpora/sample           # writes corpora/sample/manifest.tsv
      align-kit pair corpora/sample -o out/review/manifest.tsv --force
      align-kit pair corpora/sample -o out/m.tsv --json > out/groups.json
    """
    import json

    from align_kit.pairing.folder import pair_folder
    from align_kit.pipeline import skipped_summary

    pairing = pair_folder(folder, output, threshold=threshold, force=force, strict=strict,
                          max_file_mb=max_file_mb)
    for notice in pairing.notices:
        click.echo(str(notice), err=True)
    if as_json:
        click.echo(json.dumps(pairing.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in pairing.lines():
            click.echo(line)
    if pairing.skipped:
        click.echo(skipped_summary(folder, pairing.skipped), err=True)
        sys.exit(2)


COMMANDS = (ingest_command, split_command, pair_command)
