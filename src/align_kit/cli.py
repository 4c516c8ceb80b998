"""The `align-kit` command line: options declared here, logic in the stages.

Exit codes: 0 ok, 1 QA findings at or above --fail-on, 2 usage or input error.
"""

from __future__ import annotations

import sys

import click

from align_kit import __version__
from align_kit.errors import AlignKitError


class _Group(click.Group):
    """Turns an AlignKitError anywhere below into one line on stderr and exit 2."""

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
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_FOLDER...")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON list (with the text).")
@click.option("--lang", "language", metavar="LANG", help="Language of all files (en/be/ru/uk).")
def ingest_command(paths: tuple[str, ...], as_json: bool, language: str | None) -> None:
    """Read articles: encoding, language, paragraphs, notices.

    \b
    Examples:
      align-kit ingest corpora/sample
      align-kit ingest news/sanctions.be.md news/sanctions.ru.html --json
      align-kit ingest old-article.txt --lang ru
    """
    import json

    from align_kit.ingest import document_summary, read_paths

    documents, notices = read_paths(paths, language=language)
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


def _read_for_split(path: str, lang: str):
    """The one place `split` reads a file (switch to ingest.read_document when it lands)."""
    from align_kit.errors import InputError
    from align_kit.model import Document

    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 (byte {exc.start})", path=path,
            hint="convert it with `iconv -f cp1251 -t utf-8` or run `align-kit ingest` first",
        ) from None
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", path=path) from None
    return Document(id=path, language=lang, text=text, source=path)


@cli.command("split")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", "-l", required=True,
              help="Language code: en, be, ru (others: generic rules).")
@click.option("--json", "as_json", is_flag=True, help="JSON with spans, kind and paragraph.")
@click.option("--max-chars", type=click.IntRange(min=20), default=None,
              help="Cut sentences longer than this at white space (default 1500).")
def split_command(file: str, lang: str, as_json: bool, max_chars: int | None) -> None:
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

    doc = segment_document(_read_for_split(file, lang), max_chars=max_chars or DEFAULT_MAX_CHARS)
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


# --- glossary commands ---


# --- formats commands ---


# --- mt commands ---


# --- pairing commands ---


# --- report commands ---


# --- pipeline commands ---



def main() -> None:
    cli(prog_name="align-kit")


if __name__ == "__main__":
    sys.exit(main())
