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
