"""`python -m gateway create-user|create-client`, run end to end against the test database."""

import json
from collections.abc import Iterator

import pytest
from gateway.__main__ import main as gateway_cli
from gateway.config import get_settings


@pytest.fixture
def gateway_cli_db(identity_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("GATEWAY_DATABASE_URL", identity_db)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_create_user_is_idempotent(
    gateway_cli_db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["create-user", "--username", "Secretariat.Admin", "--password", "first admin pw",
            "--role", "secretariat", "--name", "秘书处管理员"]

    assert gateway_cli(args) == 0
    assert "created user secretariat.admin (secretariat)" in capsys.readouterr().out
    assert gateway_cli(args) == 0
    assert "already exists" in capsys.readouterr().out


def test_create_user_needs_the_society_of_an_examiner(
    gateway_cli_db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = gateway_cli(["create-user", "--username", "cli.examiner", "--password",
                        "examiner pw 1", "--role", "examiner", "--name", "专家"])

    assert code == 2
    assert "society_code" in capsys.readouterr().err


def test_create_client_prints_its_secret_and_is_idempotent_with_a_given_secret(
    gateway_cli_db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    generated = ["create-client", "--client-id", "cli-generated", "--name", "HR",
                 "--role", "enterprise", "--enterprise", "acme"]
    given = ["create-client", "--client-id", "cli-given", "--name", "Partner",
             "--role", "partner", "--organisation", "ies", "--secret", "s3cret-from-the-vault"]

    assert gateway_cli(generated) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["client_id"] == "cli-generated"
    assert len(first["client_secret"]) >= 40
    assert gateway_cli(generated) == 1  # the secret cannot be shown a second time
    assert "already exists" in capsys.readouterr().err

    assert gateway_cli(given) == 0
    assert json.loads(capsys.readouterr().out)["created"] is True
    assert gateway_cli(given) == 0
    assert json.loads(capsys.readouterr().out) == {
        "client_id": "cli-given", "client_secret": "s3cret-from-the-vault", "created": False
    }
    assert gateway_cli([*given[:-1], "another-secret"]) == 1
    assert "different secret" in capsys.readouterr().err


def test_make_admin_creates_the_secretariat_without_printing_the_password(
    identity_db: str,
) -> None:
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    password = "make-admin-secret-pw"
    result = subprocess.run(
        ["make", "admin", "USERNAME=made.admin", f"PASSWORD={password}"],
        cwd=root, capture_output=True, text=True, timeout=120,
        env={**os.environ, "GATEWAY_DATABASE_URL": identity_db},
    )

    assert result.returncode == 0, result.stderr
    assert "created user made.admin (secretariat)" in result.stdout
    assert password not in result.stdout + result.stderr
