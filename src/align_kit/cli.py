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
@click.argument("file", type=click.Path(dir_okay=False))
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
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
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
@click.argument("file", type=click.Path(dir_okay=False))
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


# --- mt commands ---


# --- pairing commands ---


# --- report commands ---


# --- pipeline commands ---



def main() -> None:
    cli(prog_name="align-kit")


if __name__ == "__main__":
    sys.exit(main())
