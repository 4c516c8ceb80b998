from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))  # planted.py

from align_kit.glossary import TermMatcher, load_glossary  # noqa: E402


@pytest.fixture(scope="session")
def glossary():
    return load_glossary(ROOT / "glossaries" / "democratic-forces.csv")


@pytest.fixture(scope="session")
def matcher(glossary):
    return TermMatcher(glossary)
