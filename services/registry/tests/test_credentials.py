"""The certificate's verifiable credential: signed, verifiable with the published key, its
status in the public status lists, and the explained verification."""

import base64
import json
from datetime import timedelta
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from kit import clock
from kit.auth import Role
from kit.testing import KEYS
from registry.config import Settings
from registry.credentials import keys
from registry.credentials.rules import bit_at
from registry_factories import issue
from sqlalchemy.ext.asyncio import AsyncSession

CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-1", society="cces")
HOLDER = KEYS.headers(Role.APPLICANT, "user-vc")


async def credential(session: AsyncSession, client: httpx.AsyncClient) -> tuple[str, str]:
    certificate = await issue(session, "user-vc", name="韩梅梅")
    response = await client.get(f"/v1/certificates/{certificate.number}/credential",
                                headers=HOLDER)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vc+jwt")
    return certificate.number, response.text


async def verify(client: httpx.AsyncClient, token: str) -> dict[str, object]:
    response = await client.post("/v1/verifications", json={"credential": token})
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


async def test_a_standard_verifier_checks_it_with_the_published_jwks(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    number, token = await credential(session, client)
    jwks = (await client.get("/v1/register/jwks.json")).json()
    header = jwt.get_unverified_header(token)
    assert (header["alg"], header["typ"]) == ("EdDSA", "vc+jwt")
    [key] = [k for k in jwks["keys"] if k["kid"] == header["kid"]]
    claims = jwt.decode(token, jwt.PyJWK(key), algorithms=["EdDSA"])
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    issuer = (await client.get("/v1/register/issuer")).json()
    assert claims["issuer"]["id"] == issuer["id"]
    identifiers = {i["identityType"]: i["identityHash"]
                   for i in claims["credentialSubject"]["identifier"]}
    assert identifiers == {"name": "韩梅梅", "identifier": number}
    assert {s["statusPurpose"] for s in claims["credentialStatus"]} == {"revocation",
                                                                        "suspension"}
    result = await verify(client, token)
    assert (result["verified"], result["outcome"]) == (True, "valid")
    assert [c["check"] for c in result["checks"]] == [  # type: ignore[attr-defined]
        "signature", "issuer", "status", "expiry"]


async def test_a_tampered_credential_fails_its_signature(session: AsyncSession,
                                                         client: httpx.AsyncClient) -> None:
    _, token = await credential(session, client)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["validUntil"] = "2099-12-31T23:59:59+08:00"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    result = await verify(client, f"{header}.{forged}.{signature}")
    assert (result["verified"], result["outcome"]) == (False, "invalid_signature")
    other_key = keys.SigningKey(private=Ed25519PrivateKey.generate(), kid="x")
    resigned = jwt.encode(claims, other_key.private, algorithm="EdDSA",
                          headers={"kid": jwt.get_unverified_header(token)["kid"]})
    assert (await verify(client, resigned))["outcome"] == "invalid_signature"
    assert (await client.post("/v1/verifications", json={})).status_code == 422


async def status_bit(client: httpx.AsyncClient, purpose: str, token: str) -> bool:
    listed = await client.get(f"/v1/register/status-lists/{purpose}")
    assert listed.status_code == 200
    jwks = (await client.get("/v1/register/jwks.json")).json()
    claims = jwt.decode(listed.text, jwt.PyJWK(jwks["keys"][0]), algorithms=["EdDSA"])
    entry = next(s for s in jwt.decode(token, options={"verify_signature": False})
                 ["credentialStatus"] if s["statusPurpose"] == purpose)
    return bit_at(claims["credentialSubject"]["encodedList"], int(entry["statusListIndex"]))


async def test_suspended_then_restored_then_revoked(session: AsyncSession,
                                                   client: httpx.AsyncClient) -> None:
    number, token = await credential(session, client)
    assert not await status_bit(client, "suspension", token)
    url = f"/v1/certificates/{number}/status-changes"
    await client.post(url, headers=CCES, json={"action": "suspend", "reason": "调查中 / inquiry"})
    assert await status_bit(client, "suspension", token)
    result = await verify(client, token)
    assert (result["verified"], result["outcome"]) == (False, "suspended")
    await client.post(url, headers=CCES, json={"action": "restore", "reason": "调查结束 / done"})
    assert not await status_bit(client, "suspension", token)
    assert (await verify(client, token))["outcome"] == "valid"
    await client.post(url, headers=CCES, json={"action": "revoke", "reason": "虚假材料 / fraud"})
    assert await status_bit(client, "revocation", token)
    revoked = await verify(client, token)
    assert (revoked["verified"], revoked["outcome"]) == (False, "revoked")
    status_check = next(c for c in revoked["checks"]  # type: ignore[attr-defined]
                        if c["check"] == "status")
    assert "revoked" in status_check["detail_en"]


async def test_an_expired_credential_never_verifies_as_valid(session: AsyncSession,
                                                             client: httpx.AsyncClient) -> None:
    _, token = await credential(session, client)
    certificate_end = jwt.decode(token, options={"verify_signature": False})["validUntil"]
    later = clock.now() + timedelta(days=5 * 366 + 2)
    with clock.use(clock.FrozenClock(later)):
        result = await verify(client, token)
    assert (result["verified"], result["outcome"]) == (False, "expired")
    assert certificate_end in str(result["checks"])


def test_the_signing_key_is_a_secret_outside_dev(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="required outside dev"):
        keys.load(Settings(environment="production", credential_key_path=tmp_path / "k.pem"))
    dev = keys.load(Settings(environment="dev", credential_key_path=tmp_path / "k.pem"))
    assert (tmp_path / "k.pem").stat().st_mode & 0o077 == 0
    again = keys.load(Settings(environment="dev", credential_key_path=tmp_path / "k.pem"))
    assert dev.kid == again.kid
