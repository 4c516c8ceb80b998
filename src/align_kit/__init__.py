"""align-kit: align, check and export English / Belarusian / Russian news translations."""

from align_kit.errors import AlignKitError, FormatError, InputError

__version__ = "0.1.0"

__all__ = ["AlignKitError", "FormatError", "InputError", "__version__"]
