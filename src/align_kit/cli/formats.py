"""Exchange-format commands: export and import."""

from __future__ import annotations

import click

from align_kit.cli._params import _FILE, _OUT_PATH, _language_option, output_option

# --- formats commands ---


@click.command("export")
@click.argument("alignments", nargs=-1, required=True, type=_FILE)
@click.option("--to", "to", required=True,
              type=click.Choice(["tmx", "po", "pot", "xliff", "xlsx"]),
              help="Output format (xlsx: a review workbook per alignment, in folder -o).")
@output_option("The TMX file, or the folder for PO/POT/XLIFF (one file per language pair).",
               dest="out", type=_OUT_PATH, required=True)
@click.option("--original", metavar="LANG", callback=_language_option,
              help="Language of the original text: TMX srclang, PO msgid (default: the file's).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Leave out beads under this confidence.")
@click.option("--pair", default=None, help="Only this language pair, source-target (en-be).")
@click.option("--skip-empty", is_flag=True, help="TMX: leave out beads with an empty side.")
@click.option("--keep-partial", is_flag=True,
              help="TMX: keep units without the source language (default: leave them out).")
@click.option("--translator", metavar='"NAME <EMAIL>"', help="PO Last-Translator.")
@click.option("--team", metavar='"NAME <EMAIL>"', help="PO Language-Team.")
@click.option("--fuzzy-below", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="PO/XLIFF: mark beads under this confidence fuzzy / needs-review.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def export_command(alignments, to, out, original, min_score, pair, skip_empty, keep_partial,
                   translator, team, fuzzy_below, as_json):
    """Export alignment files to TMX 1.4b, PO, POT or XLIFF 1.2.

    \b
    One multilingual TMX for a whole batch (after `align-kit run ... -o out/demo`):
      align-kit export out/demo/*/*.align.jsonl --to tmx -o out/batch.tmx --min-score 0.3
    PO files per document and language pair, GROUP.SRC-TGT.po (merged with
    translators' edits):
      align-kit export out/demo/journalists/journalists.align.jsonl --to po --pair be-en \\
          -o out/po/ --translator "Ada Translator <ada@example.org>"
    A review workbook for a spreadsheet (bring it back with import --into):
      align-kit export out/demo/journalists/journalists.align.jsonl --to xlsx -o out/review/
    """
    from align_kit.formats.convert import export_alignments

    outcome = export_alignments(alignments, to, out, min_score=min_score, pair=pair,
                                skip_empty=skip_empty, fuzzy_below=fuzzy_below,
                                keep_partial=keep_partial, original=original,
                                translator=translator, team=team)
    _print_outcome(outcome, as_json)


@click.command("import")
@click.argument("file", type=_FILE)
@click.option("--into", type=_FILE, default=None,
              help="Apply the file's translations to this alignment file.")
@output_option("The alignment file to write (a folder if the TMX holds several).",
               dest="out", type=_OUT_PATH, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_command(file, into, out, as_json):
    """Read a TMX, PO, XLIFF or xlsx review workbook back into an alignment file.

    \b
    Bring a translator's PO edits back into the alignment:
      align-kit import out/po/journalists.be-en.po \\
          --into out/demo/journalists/journalists.align.jsonl -o out/journalists.align.jsonl
    Turn any TMX into alignment files:
      align-kit import out/batch.tmx -o out/imported/
    A reviewed workbook (text edits and the confirmed column):
      align-kit import out/review/journalists.xlsx \\
          --into out/demo/journalists/journalists.align.jsonl -o out/reviewed.align.jsonl
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
