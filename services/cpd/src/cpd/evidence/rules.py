"""Evidence rules: a file's real type from its first bytes, and a safe name."""

import re
import unicodedata

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def sniff(data: bytes) -> str | None:
    """The content type by magic bytes (PDF, PNG, JPEG), never by the name or the header."""
    for signature, content_type in SIGNATURES:
        if data.startswith(signature):
            return content_type
    return None


def clean_filename(name: str | None) -> str:
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:200] or "evidence"
