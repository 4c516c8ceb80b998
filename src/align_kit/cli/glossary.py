"""Glossary commands: the glossary group (validate, convert, stats) and check."""

from __future__ import annotations

import sys

import click

from align_kit.cli._params import _FILE, _OUT_FILE, _OUT_PATH, FAIL_ON, deprecated, output_option


class _HiddenArgument(click.Argument):
    """A positional argument kept for old command lines only: not in the usage line."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []

# --- glossary commands ---


@click.group("glossary")
def glossary_group() -> None:
    """Validate, convert and count a glossary (TBX, CSV or TSV).

    \b
    Examples:
      align-kit glossary validate glossaries/democratic-forces.tbx
      align-kit glossary convert glossaries/democratic-forces.csv -o out/terms.tbx
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
    from align_kit.glossary.summaries import validate_json, validate_lines

    glossary = load_glossary(file)
    if as_json:
        click.echo(json.dumps(validate_json(glossary), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(validate_lines(glossary, file)))
    if any(n.level == "error" for n in glossary.notices):
        sys.exit(1)


@glossary_group.command("convert")
@click.argument("source", type=_FILE)
@click.argument("target", required=False, type=_OUT_FILE, cls=_HiddenArgument)
@output_option("The glossary to write; its extension (.tbx, .csv, .tsv) sets the format.",
               type=_OUT_FILE, aliases=())
def glossary_convert(source: str, target: str | None, output: str | None) -> None:
    """Convert between TBX (TBX-Basic), CSV and TSV, chosen by the file extensions.

    \b
    Example:
      align-kit glossary convert glossaries/democratic-forces.csv -o out/terms.tbx
    """
    from align_kit.glossary import load_glossary, save_glossary

    if target is not None:  # the old spelling: `convert SOURCE TARGET`
        if output is not None:
            raise click.UsageError("give the output once, as -o/--output")
        deprecated("the positional TARGET", "-o/--output")
    target = output or target
    if target is None:
        raise click.UsageError("Missing option '-o' / '--output'.")
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
    from align_kit.glossary.summaries import stats_lines

    stats = glossary_stats(load_glossary(file))
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(stats_lines(stats)))



# --- glossary check ---


@click.command("check")
@click.argument("alignments", nargs=-1, required=True, type=_FILE)
@click.option("--glossary", "glossary_path", type=_FILE,
              help="TBX, CSV or TSV glossary (without it: the general checks only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "csv", "xlsx"]),
              default="text", show_default=True,
              help="text for terminals, json for CI, html/csv/xlsx for reviewers (xlsx: -o).")
@output_option("Write the report here (a folder: glossary-report.FORMAT inside).",
               dest="out", type=_OUT_PATH)
@FAIL_ON
@click.option("--checks", "only", metavar="ID,ID", help="Run only these checks (docs/qa.md).")
@click.option("--skip-checks", "skip", metavar="ID,ID", help="Do not run these checks.")
@click.option("--severity", "severity", multiple=True, metavar="ID=LEVEL",
              help="Set a check's severity: error, warning, info or off (repeatable).")
@click.option("--checklist", "checklist_path", type=_FILE,
              help="A regex checklist (TSV/CSV, docs/qa.md).")
@click.option("--accepted", "accepted_path", type=_FILE,
              help="Findings accepted earlier: not counted for --fail-on.")
@click.option("--accept-all", "accept_all", type=_OUT_FILE,
              help="Add every current finding to this accepted-findings file.")
def check_command(alignments, glossary_path, fmt, out, fail_on, only, skip, severity,
                  checklist_path, accepted_path, accept_all):
    """Check aligned documents: brackets, quotes, URLs, numbers, ... and a glossary's terms.

    \b
    Examples:
      align-kit check out/demo/*/*.align.jsonl
      align-kit check out/demo/*/*.align.jsonl --glossary glossaries/democratic-forces.tbx
      align-kit check out/demo/journalists/journalists.align.jsonl --glossary \\
          glossaries/democratic-forces.csv --format json -o out/checks/ --fail-on never
      align-kit check out/demo/journalists/journalists.align.jsonl \\
          --skip-checks length-ratio --format csv -o out/checks/qa.csv
      align-kit check out/demo/*/*.align.jsonl --accept-all out/checks/accepted.json \\
          --fail-on never
      align-kit check out/demo/*/*.align.jsonl --accepted out/checks/accepted.json
    """
    from align_kit.qa.cli_check import run_check

    code = run_check(alignments, glossary_path=glossary_path, fmt=fmt, out=out, fail_on=fail_on,
                     only=only, skip=skip, severity=severity, checklist_path=checklist_path,
                     accepted_path=accepted_path, accept_all=accept_all, echo=click.echo)
    sys.exit(code)


COMMANDS = (glossary_group, check_command)
