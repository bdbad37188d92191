"""argon2id hashing of passwords and client secrets, off the event loop."""

import asyncio
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


async def hash_secret(secret: str) -> str:
    # ~50 ms of CPU: in a thread, so other requests keep being served meanwhile.
    return await asyncio.to_thread(_hasher.hash, secret)


async def verify_secret(secret_hash: str | None, secret: str) -> bool:
    """False on a mismatch; costs the same when there is no account, so timing reveals nothing."""
    return await asyncio.to_thread(_verify, secret_hash, secret)


def needs_rehash(secret_hash: str) -> bool:
    return _hasher.check_needs_rehash(secret_hash)


def _verify(secret_hash: str | None, secret: str) -> bool:
    try:
        matched = _hasher.verify(secret_hash or _unknown_account_hash(), secret)
    except (VerificationError, InvalidHashError):
        return False
    return matched and secret_hash is not None


@cache
def _unknown_account_hash() -> str:
    return _hasher.hash("no account has this password")
