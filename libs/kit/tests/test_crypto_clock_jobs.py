import base64
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from kit import clock
from kit.crypto import FieldCipher, configure_from_settings, load_or_create_key, new_key
from kit.jobs import ScheduledJob, run_once
from kit.settings import ServiceSettings, service_config
from kit.testing import POSTGRES
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine


def test_values_round_trip_and_ciphertexts_differ() -> None:
    cipher = FieldCipher(os.urandom(32))
    first, second = cipher.encrypt("110101199003074514"), cipher.encrypt("110101199003074514")
    assert first != second
    assert "1101" not in first
    assert cipher.decrypt(first) == "110101199003074514"
    assert cipher.blind_index("x") == cipher.blind_index("x") != cipher.blind_index("y")


def test_files_are_bound_to_their_context() -> None:
    cipher = FieldCipher(os.urandom(32))
    sealed = cipher.encrypt_bytes(b"%PDF-1.7 ...", context=b"file-1")
    assert cipher.decrypt_bytes(sealed, context=b"file-1") == b"%PDF-1.7 ..."
    with pytest.raises(InvalidTag):
        cipher.decrypt_bytes(sealed, context=b"file-2")


def test_another_key_cannot_read_it() -> None:
    token = FieldCipher(os.urandom(32)).encrypt("secret")
    with pytest.raises(InvalidTag):
        FieldCipher(os.urandom(32)).decrypt(token)


def test_key_file_is_created_once_with_private_mode(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "data.key"
    key = load_or_create_key(path)
    assert load_or_create_key(path) == key
    assert len(key) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert base64.b64decode(path.read_text()) == key


def test_frozen_clock_is_used_and_restored() -> None:
    at = datetime(2026, 10, 1, tzinfo=UTC)
    with clock.use(clock.FrozenClock(at)) as frozen:
        assert clock.now() == at
        assert isinstance(frozen, clock.FrozenClock)
        frozen.advance(timedelta(days=1))
        assert clock.now() == at + timedelta(days=1)
    assert clock.now() > at + timedelta(days=30)


async def test_a_job_runs_once_across_concurrent_replicas() -> None:
    engine = create_async_engine(POSTGRES + "postgres")
    sessions = async_sessionmaker(engine)
    seen: list[datetime] = []
    at = datetime(2026, 10, 8, tzinfo=UTC)

    async def job(session: AsyncSession, now: datetime) -> int:
        seen.append(now)
        # While this replica holds the lock, another replica's pass is skipped.
        assert await run_once(sessions, ScheduledJob("test-job", job)) is None
        return 1

    with clock.use(clock.FrozenClock(at)):
        assert await run_once(sessions, ScheduledJob("test-job", job)) == 1
    assert seen == [at]
    await engine.dispose()


def test_rotation_keeps_older_data_readable_and_new_data_carries_the_new_key_id() -> None:
    old_key, new_key, index_key = os.urandom(32), os.urandom(32), os.urandom(32)
    before = FieldCipher(old_key, key_id="k1", index_key=index_key)
    token, sealed = before.encrypt("13800000000"), before.encrypt_bytes(b"%PDF", context=b"f")

    after = FieldCipher(new_key, key_id="k2", previous={"k1": old_key}, index_key=index_key)

    assert token.startswith("v2:k1:")
    assert after.decrypt(token) == "13800000000"
    assert after.decrypt_bytes(sealed, context=b"f") == b"%PDF"
    assert after.encrypt("x").startswith("v2:k2:")
    assert after.blind_index("110101") == before.blind_index("110101")
    with pytest.raises(ValueError, match="k1"):
        FieldCipher(new_key, key_id="k2").decrypt(token)


def test_outside_dev_mode_a_missing_key_stops_the_process_naming_the_variable(
    tmp_path: Path,
) -> None:
    class ApplicationsSettings(ServiceSettings):
        model_config = service_config("APPLICATIONS_")

    with pytest.raises(SystemExit, match="APPLICATIONS_DATA_KEY is required"):
        configure_from_settings(ApplicationsSettings(environment="production"))
    with pytest.raises(SystemExit, match="APPLICATIONS_BLIND_INDEX_KEY is required"):
        configure_from_settings(ApplicationsSettings(environment="production",
                                                     data_key=new_key()))
    dev = configure_from_settings(ApplicationsSettings(
        environment="dev", data_key_path=tmp_path / "data.key"))
    assert dev.decrypt(dev.encrypt("ok")) == "ok"
