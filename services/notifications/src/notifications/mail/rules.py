"""When to try an e-mail again, and which failures are worth retrying: plain functions."""

from datetime import datetime, timedelta


def retry_at(now: datetime, attempts: int, base_seconds: float) -> datetime:
    """Exponential backoff: base after the first failure, doubling, capped at six hours."""
    return now + timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), 6 * 3600))


def is_temporary(smtp_code: int | None) -> bool:
    """4xx answers and failures to connect (no code) may pass later; 5xx never will."""
    return smtp_code is None or 400 <= smtp_code < 500


def next_status(smtp_code: int | None, attempts: int, max_attempts: int) -> str:
    """After a failed attempt: `retry`, or `failed` when permanent or out of attempts."""
    if is_temporary(smtp_code) and attempts < max_attempts:
        return "retry"
    return "failed"


def mask_address(address: str) -> str:
    """`li.lei@example.com` → `l*****@example.com`: enough to recognise, not to harvest."""
    local, _, domain = address.partition("@")
    return (local[:1] + "*" * max(len(local) - 1, 1)) + ("@" + domain if domain else "")
