"""Review commands: report (HTML over alignment files) and review (the editor)."""

from __future__ import annotations

import click

from align_kit.cli._params import (
    _FILE,
    _OUT_FILE,
    output_option,
)

# --- report commands ---


@click.command("report")
@click.argument("alignments", nargs=-1, required=True, type=_FILE)
@output_option("HTML file to write.", default="report.html", show_default=True,
               type=_OUT_FILE)
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


@click.command("review")
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
      align-kit review out/demo/pace-delegation/pace-delegation.align.jsonl --no-browser
    """
    from align_kit.report.server import serve_review

    serve_review(alignment, port=port, open_browser=not no_browser, announce=click.echo)


COMMANDS = (report_command, review_command)
