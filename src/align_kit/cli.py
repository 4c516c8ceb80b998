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


# --- segment commands ---


# --- align commands ---


# --- glossary commands ---


# --- formats commands ---


@cli.command("export")
@click.argument("alignments", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--to", "to", required=True, type=click.Choice(["tmx", "po", "pot", "xliff"]),
              help="Output format.")
@click.option("-o", "--out", required=True, type=click.Path(),
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
    """
    from align_kit.formats.convert import export_alignments

    outcome = export_alignments(alignments, to, out, min_score=min_score, pair=pair,
                                skip_empty=skip_empty, fuzzy_below=fuzzy_below)
    _print_outcome(outcome, as_json)


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--into", type=click.Path(dir_okay=False), default=None,
              help="Apply the file's translations to this alignment file.")
@click.option("-o", "--out", required=True, type=click.Path(),
              help="The alignment file to write (a folder if the TMX holds several).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_command(file, into, out, as_json):
    """Read a TMX, PO or XLIFF file back into an alignment file.

    \b
    Bring a translator's PO edits back into the alignment:
      align-kit import out/po/cabinet.be-en.po --into out/cabinet.align.jsonl \\
          -o out/cabinet.align.jsonl
    Turn any TMX into alignment files:
      align-kit import memory.tmx -o out/imported/
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


# --- pairing commands ---


# --- report commands ---


# --- pipeline commands ---



def main() -> None:
    cli(prog_name="align-kit")


if __name__ == "__main__":
    sys.exit(main())
