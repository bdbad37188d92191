"""Evidence rules: a file's real type from its first bytes, and a safe name."""

import re
import unicodedata


def clean_filename(name: str | None) -> str:
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:200] or "evidence"
