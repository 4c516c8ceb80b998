"""Glossary commands: the glossary group (validate, convert, stats) and check."""

from __future__ import annotations

import sys

import click

from align_kit.cli._params import (
    _FILE,
    _OUT_FILE,
)

# --- glossary commands ---


@click.group("glossary")
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



# --- glossary check ---


@click.command("check")
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



COMMANDS = (glossary_group, check_command)
