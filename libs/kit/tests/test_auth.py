import time

import jwt
import pytest
from kit.auth import Principal, Role, TokenVerifier
from kit.errors import NotAuthenticated
from kit.testing import KEYS, TestKeys


async def test_valid_token_gives_the_principal() -> None:
    token = KEYS.token(Role.SOCIETY_ADMIN, "staff-1", name="乙", society="cces")
    principal = await KEYS.verifier().verify(token)
    assert principal == Principal("staff-1", Role.SOCIETY_ADMIN, "乙", society="cces")


@pytest.mark.parametrize(
    "token",
    [
        KEYS.token(Role.APPLICANT, "u", lifetime=-10),  # expired
        TestKeys().token(Role.APPLICANT, "u"),  # signed by a key nobody published
        "not-a-jwt",
    ],
)
async def test_bad_tokens_are_refused(token: str) -> None:
    with pytest.raises(NotAuthenticated):
        await KEYS.verifier().verify(token)


async def test_wrong_audience_or_role_is_refused() -> None:
    now = int(time.time())
    claims = {"iss": "cse-identity", "aud": "someone-else", "sub": "u", "role": "applicant",
              "iat": now, "exp": now + 60}
    other_audience = jwt.encode(claims, KEYS.private_key, algorithm="EdDSA",
                                headers={"kid": KEYS.kid})
    with pytest.raises(NotAuthenticated):
        await KEYS.verifier().verify(other_audience)
    claims |= {"aud": "cse-platform", "role": "emperor"}
    bad_role = jwt.encode(claims, KEYS.private_key, algorithm="EdDSA", headers={"kid": KEYS.kid})
    with pytest.raises(NotAuthenticated):
        await KEYS.verifier().verify(bad_role)


async def test_unreachable_jwks_is_a_401_not_a_crash() -> None:
    verifier = TokenVerifier(issuer="cse-identity", audience="cse-platform",
                             jwks_url="http://127.0.0.1:9/jwks.json")
    with pytest.raises(NotAuthenticated):
        await verifier.verify(KEYS.token(Role.APPLICANT, "u"))


async def test_a_verified_token_is_remembered_but_expires_on_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    verifier = KEYS.verifier()
    token = KEYS.token(Role.APPLICANT, "u", lifetime=60)
    first = await verifier.verify(token)

    def no_second_check(*args: object, **kwargs: object) -> None:
        raise AssertionError("the signature was checked again")

    monkeypatch.setattr(jwt, "decode", no_second_check)
    assert await verifier.verify(token) is first
    # Once past `exp` the remembered token is not used: it is checked again, and PyJWT (whose
    # clock this test does not move) is told to find it expired, as it would by then.
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)

    def expired(*args: object, **kwargs: object) -> None:
        raise jwt.ExpiredSignatureError("Signature has expired")

    monkeypatch.setattr(jwt, "decode", expired)
    with pytest.raises(NotAuthenticated, match="expired"):
        await verifier.verify(token)
    assert token not in verifier._verified


async def test_a_remembered_token_is_still_refused_once_its_account_is_revoked() -> None:
    void_before: dict[str, float] = {}

    async def revocations() -> dict[str, float]:
        return dict(void_before)

    verifier = TokenVerifier(issuer="cse-identity", audience="cse-platform", jwks=KEYS.jwks,
                             revocation_loader=revocations, revocations_refresh=0.0)
    token = KEYS.token(Role.APPLICANT, "u")
    await verifier.verify(token)
    void_before["u"] = time.time() + 1
    with pytest.raises(NotAuthenticated, match="disabled"):
        await verifier.verify(token)


async def test_the_verified_tokens_are_bounded_and_forgotten_when_keys_change() -> None:
    verifier = TokenVerifier(issuer="cse-identity", audience="cse-platform", jwks=KEYS.jwks,
                             verified_cache_size=2)
    tokens = [KEYS.token(Role.APPLICANT, f"u{i}") for i in range(3)]
    for token in tokens:
        await verifier.verify(token)
    assert list(verifier._verified) == tokens[1:]
    verifier._load(TestKeys().jwks)  # the identity app's keys rotated: nothing is trusted
    with pytest.raises(NotAuthenticated):
        await verifier.verify(tokens[2])
