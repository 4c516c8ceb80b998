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


# --- mt commands ---


# --- pairing commands ---


# --- report commands ---


@cli.command("report")
@click.argument("alignments", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--title", default="align-kit review report", show_default=True)
@click.option("--low", default=0.5, show_default=True, type=click.FloatRange(0, 1),
              help="Beads below this confidence count as uncertain.")
@click.option("--glossary", type=click.Path(dir_okay=False),
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
@click.argument("alignment", type=click.Path(dir_okay=False))
@click.option("--port", default=0, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
def review_command(alignment: str, port: int, no_browser: bool) -> None:
    """Correct an alignment in a local editor in your browser.

    Merge, split, move sentences, mark beads reviewed, undo; every change is
    saved to the file at once (earlier versions kept in FILE.history/).

    \b
    Example:
      align-kit review out/demo/pace-delegation.align.jsonl --port 8765
    """
    from align_kit.report.server import serve_review

    serve_review(alignment, port=port, open_browser=not no_browser, announce=click.echo)


# --- pipeline commands ---



def main() -> None:
    cli(prog_name="align-kit")


if __name__ == "__main__":
    sys.exit(main())
