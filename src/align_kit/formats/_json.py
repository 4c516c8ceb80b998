"""Strict JSON reading for everything align-kit reads from outside.

`json.loads` recurses once per nesting level: `[` x 100,000 is a RecursionError
traceback, not a message. It also accepts NaN and Infinity, which are not
JSON and break every later step. `loads_strict` refuses both with a ValueError
whose text callers put in their one-line FormatError.
"""

from __future__ import annotations

import json
import math
from typing import Any

import regex

MAX_DEPTH = 64
_STRING = regex.compile(r'"(?:[^"\\]|\\.)*"', regex.DOTALL)
_BRACKETS = regex.compile(r"[\[\]{}]")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def json_depth(raw: str) -> int:
    """The deepest nesting of arrays and objects in `raw` (strings skipped)."""
    depth = deepest = 0
    for m in _BRACKETS.finditer(_STRING.sub('""', raw)):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads_strict(raw: str, max_depth: int = MAX_DEPTH) -> Any:
    """json.loads, refusing nesting deeper than `max_depth` and NaN/Infinity (ValueError)."""
    if json_depth(raw) > max_depth:
        raise ValueError(f"JSON nested deeper than {max_depth} levels")
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except RecursionError:  # belt and braces: the scan above should have caught it
        raise ValueError(f"JSON nested deeper than {max_depth} levels") from None


def valid_score(value: object) -> bool:
    """A bead score: a finite number in [0, 1] (not a bool)."""
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and 0.0 <= value <= 1.0)
