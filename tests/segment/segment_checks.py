"""Shared assertion for the segment tests."""

import re


def check_cover(text, segments):
    pos = 0
    last_paragraph = 0
    for seg in segments:
        assert seg.text, "empty segment"
        assert seg.text == text[seg.start:seg.end], "span does not give the text back"
        assert seg.text == seg.text.strip(), "segment not stripped"
        assert seg.start >= pos, "segments overlap or are out of order"
        assert text[pos:seg.start].strip() == "", "characters lost between segments"
        assert not re.search(r"\n[^\S\n]*\n", seg.text), "segment crosses a paragraph"
        assert seg.paragraph >= last_paragraph
        last_paragraph = seg.paragraph
        pos = seg.end
    assert text[pos:].strip() == ""
