"""The `align-kit` command line: options declared at the edge, logic in the stages.

One module per command group (articles, alignment, formats, glossary, models, review);
shared parameter types in `_params`. Exit codes: 0 ok, 1 QA findings at or above
--fail-on, 2 usage or input error.
"""

from __future__ import annotations

import sys

import click

from align_kit import __version__
from align_kit.cli import alignment, articles, formats, glossary, models, review
from align_kit.cli._params import Group

_Group = Group  # the old private name


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align-kit")
def cli() -> None:
    """Align, check and export English / Belarusian / Russian news translations.

    \b
    A whole folder in one go:
      align-kit run corpora/sample --glossary glossaries/democratic-forces.tbx -o out/demo \\
          --fail-on never
    Or stage by stage: ingest, split, align, check, export.
    """


# Commands register here, not in their modules, so the modules import nothing from this one.
for _module in (articles, alignment, formats, glossary, models, review):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="align-kit")


if __name__ == "__main__":
    sys.exit(main())
