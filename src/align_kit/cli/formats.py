"""Exchange-format commands: export and import."""

from __future__ import annotations

import click

from align_kit.cli._params import (
    _FILE,
    _OUT_PATH,
)

# --- formats commands ---


@click.command("export")
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


@click.command("import")
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


COMMANDS = (export_command, import_command)
