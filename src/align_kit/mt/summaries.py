"""What the model commands print about a model folder."""

from __future__ import annotations


def model_line(info) -> str:
    """`PATH: be+ru -> en, opus-mt, sha256:..., created DATE` (a ModelInfo)."""
    prefix = (f", target tokens {' '.join(info.prefix_tokens.values())} "
              f"({info.prefix_position})" if info.prefix_tokens else "")
    return (f"{info.path}: {'+'.join(info.source_languages)} -> "
            f"{'+'.join(info.target_languages)}, {info.origin.get('kind', '?')}{prefix}, "
            f"{info.checksum[:19]}, created {info.created}")
