"""Masking personal data in responses for callers who do not need it in full."""


def mask_middle(value: str | None, keep_start: int = 3, keep_end: int = 4) -> str | None:
    """`13812345678` → `138****5678`; short values keep only their first character."""
    if value is None:
        return None
    if len(value) <= keep_start + keep_end:
        return value[:1] + "*" * (len(value) - 1)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_phone(value: str | None) -> str | None:
    """E.164 numbers hide four digits before the last four: `+8613812345678` → `+86138****5678`."""
    if value is None or len(value) < 9:
        return mask_middle(value)
    return value[:-8] + "****" + value[-4:]
