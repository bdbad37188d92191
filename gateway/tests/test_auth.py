"""Signing in, registering, and the secretariat's account management, over HTTP."""

import base64
from collections.abc import Callable
from typing import Any

import httpx
import jwt
import pytest
from fastapi import FastAPI
from gateway.config import GatewaySettings
from kit.auth import Role, TokenVerifier
from kit.errors import NotAuthenticated

PASSWORD = "correct horse battery"
PROBLEM_JSON = "application/problem+json"

Bearer = Callable[..., dict[str, str]]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert " / " in body["title"]  # bilingual: Chinese / English
    return body


async def login(client: httpx.AsyncClient, username: str, password: str = PASSWORD) -> str:
    response = await client.post(
        "/v1/auth/login", json={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def served_verifier(client: httpx.AsyncClient, settings: GatewaySettings) -> TokenVerifier:
    jwks = (await client.get("/.well-known/jwks.json")).json()
    return TokenVerifier(issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks=jwks)


async def test_login_returns_a_token_that_kit_verifies_with_the_served_jwks(
    identity_client: httpx.AsyncClient,
    identity_settings: GatewaySettings,
    create_identity_user: Callable[..., Any],
) -> None:
    user_id = await create_identity_user("Zhang.Wei", role=Role.EXAMINER, society_code="cces")

    response = await identity_client.post(
        "/v1/auth/login", json={"username": "zhang.wei", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    principal = await (await served_verifier(identity_client, identity_settings)).verify(
        body["access_token"]
    )
    assert principal.subject == user_id
    assert principal.role is Role.EXAMINER
    assert principal.society == "cces"
    assert principal.enterprise is None
    assert principal.name == "用户 Zhang.Wei"


async def test_token_carries_the_agreed_claims_and_header(
    identity_client: httpx.AsyncClient,
    identity_settings: GatewaySettings,
    create_identity_user: Callable[..., Any],
) -> None:
    await create_identity_user("li.na")
    token = await login(identity_client, "li.na")
    jwks = (await identity_client.get("/.well-known/jwks.json")).json()

    header = jwt.get_unverified_header(token)
    [key] = jwks["keys"]
    assert header["alg"] == "EdDSA"
    assert header["kid"] == key["kid"]
    assert key | {"x": "…"} == {"kty": "OKP", "crv": "Ed25519", "x": "…", "kid": key["kid"],
                               "alg": "EdDSA", "use": "sig"}
    claims = jwt.decode(token, jwt.PyJWK(key), algorithms=["EdDSA"], audience="cse-platform")
    assert claims["iss"] == "cse-identity"
    assert claims["role"] == "applicant"
    assert claims["society"] is None
    assert claims["enterprise"] is None
    assert claims["organisation"] is None
    # `iat` carries milliseconds, so a token can be told apart from a cut-off in its second.
    assert claims["exp"] - int(claims["iat"]) == identity_settings.token_ttl_seconds


async def test_a_token_for_another_audience_is_refused(
    identity_client: httpx.AsyncClient, create_identity_user: Callable[..., Any]
) -> None:
    await create_identity_user("wang.fang")
    token = await login(identity_client, "wang.fang")
    jwks = (await identity_client.get("/.well-known/jwks.json")).json()
    verifier = TokenVerifier(issuer="cse-identity", audience="someone-else", jwks=jwks)

    with pytest.raises(NotAuthenticated):
        await verifier.verify(token)


async def test_wrong_password_and_unknown_user_get_the_same_401(
    identity_client: httpx.AsyncClient, create_identity_user: Callable[..., Any]
) -> None:
    await create_identity_user("chen.jie")

    wrong = await identity_client.post(
        "/v1/auth/login", json={"username": "chen.jie", "password": "not the password"}
    )
    unknown = await identity_client.post(
        "/v1/auth/login", json={"username": "nobody.here", "password": PASSWORD}
    )

    wrong_body = assert_problem(wrong, 401)
    unknown_body = assert_problem(unknown, 401)
    # The same answer, so a username cannot be probed (each names its own request).
    assert {k: v for k, v in wrong_body.items() if k != "request_id"} == {
        k: v for k, v in unknown_body.items() if k != "request_id"}
    assert wrong_body["error"] == "invalid_grant"


async def test_password_grant_on_the_oauth2_token_endpoint(
    identity_client: httpx.AsyncClient, create_identity_user: Callable[..., Any]
) -> None:
    await create_identity_user("zhao.lei")

    ok = await identity_client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "zhao.lei", "password": PASSWORD},
    )
    wrong = await identity_client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "zhao.lei", "password": "wrong-password"},
    )

    assert ok.status_code == 200
    assert ok.json()["token_type"] == "bearer"
    assert_problem(wrong, 401)


async def test_client_credentials_in_the_form_and_as_http_basic(
    identity_client: httpx.AsyncClient,
    identity_settings: GatewaySettings,
    identity_bearer: Bearer,
) -> None:
    created = await identity_client.post(
        "/v1/auth/clients",
        json={"client_id": "hr-acme", "name": "ACME 人事系统", "role": "enterprise",
              "enterprise_id": "acme"},
        headers=identity_bearer(Role.SECRETARIAT),
    )
    assert created.status_code == 201, created.text
    secret = created.json()["client_secret"]

    in_form = await identity_client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "hr-acme",
              "client_secret": secret},
    )
    basic = base64.b64encode(f"hr-acme:{secret}".encode()).decode()
    as_basic = await identity_client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )

    verifier = await served_verifier(identity_client, identity_settings)
    for response in (in_form, as_basic):
        assert response.status_code == 200, response.text
        principal = await verifier.verify(response.json()["access_token"])
        assert principal.subject == "hr-acme"
        assert principal.role is Role.ENTERPRISE
        assert principal.enterprise == "acme"
        assert principal.name == "ACME 人事系统"


async def test_client_credentials_with_a_wrong_secret_or_unknown_client_fail_alike(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer
) -> None:
    await identity_client.post(
        "/v1/auth/clients",
        json={"client_id": "partner-hk", "name": "HKIE", "role": "partner"},
        headers=identity_bearer(Role.SECRETARIAT),
    )

    wrong = await identity_client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "partner-hk",
              "client_secret": "guess"},
    )
    unknown = await identity_client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "nobody", "client_secret": "x"},
    )

    wrong_body, unknown_body = assert_problem(wrong, 401), assert_problem(unknown, 401)
    assert wrong_body.pop("request_id") != unknown_body.pop("request_id")
    assert wrong_body == unknown_body
    assert wrong.json()["error"] == "invalid_client"


async def test_token_endpoint_rejects_an_unknown_grant_and_missing_fields(
    identity_client: httpx.AsyncClient,
) -> None:
    unknown = await identity_client.post("/v1/auth/token", data={"grant_type": "implicit"})
    missing = await identity_client.post("/v1/auth/token", data={"grant_type": "password"})

    assert assert_problem(unknown, 400)["error"] == "unsupported_grant_type"
    assert assert_problem(missing, 400)["error"] == "invalid_request"


async def test_register_creates_an_applicant_who_can_sign_in(
    identity_client: httpx.AsyncClient,
) -> None:
    response = await identity_client.post(
        "/v1/auth/register",
        json={"username": "Sun.Mei", "password": "long enough pw", "display_name": "孙梅"},
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["username"] == "sun.mei"
    assert body["role"] == "applicant"
    assert "password_hash" not in body
    await login(identity_client, "sun.mei", "long enough pw")


async def test_register_refuses_a_taken_username_whatever_its_case(
    identity_client: httpx.AsyncClient, create_identity_user: Callable[..., Any]
) -> None:
    await create_identity_user("zhou.min")

    response = await identity_client.post(
        "/v1/auth/register",
        json={"username": "ZHOU.MIN", "password": "long enough pw", "display_name": "周敏"},
    )

    assert assert_problem(response, 409)["type"].endswith("/username-taken")


async def test_register_refuses_a_short_password(identity_client: httpx.AsyncClient) -> None:
    response = await identity_client.post(
        "/v1/auth/register",
        json={"username": "hu.bo", "password": "short", "display_name": "胡波"},
    )

    body = assert_problem(response, 422)
    assert body["errors"][0]["location"] == ["body", "password"]


@pytest.mark.parametrize("path", ["/v1/auth/users", "/v1/auth/clients"])
@pytest.mark.parametrize("role", [r for r in Role if r is not Role.SECRETARIAT])
async def test_only_the_secretariat_manages_accounts(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer, path: str, role: Role
) -> None:
    payload = ({"username": "x.user", "password": "long enough pw", "display_name": "X",
                "role": "applicant"} if path == "/v1/auth/users"
               else {"client_id": "x-client", "name": "X", "role": "applicant"})

    response = await identity_client.post(
        path, json=payload, headers=identity_bearer(role, society="cces")
    )

    assert_problem(response, 403)


@pytest.mark.parametrize("path", ["/v1/auth/users", "/v1/auth/clients", "/v1/auth/me"])
async def test_account_endpoints_need_a_token(
    identity_client: httpx.AsyncClient, path: str
) -> None:
    response = await (
        identity_client.get(path) if path.endswith("/me") else identity_client.post(path, json={})
    )

    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_token_signed_by_another_key_is_refused(
    identity_client: httpx.AsyncClient,
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    forged = jwt.encode(
        {"sub": "x", "role": "secretariat", "iss": "cse-identity", "aud": "cse-platform",
         "exp": 9999999999},
        Ed25519PrivateKey.generate(),
        algorithm="EdDSA",
        headers={"kid": "forged"},
    )

    response = await identity_client.get(
        "/v1/auth/me", headers={"Authorization": f"Bearer {forged}"}
    )

    assert_problem(response, 401)


async def test_secretariat_creates_a_society_examiner_who_can_sign_in(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer
) -> None:
    payload = {"username": "examiner.1", "password": "long enough pw",
               "display_name": "评审专家一", "role": "examiner"}

    without_society = await identity_client.post(
        "/v1/auth/users", json=payload, headers=identity_bearer(Role.SECRETARIAT)
    )
    created = await identity_client.post(
        "/v1/auth/users", json=payload | {"society_code": "cces"},
        headers=identity_bearer(Role.SECRETARIAT),
    )

    assert assert_problem(without_society, 422)["type"].endswith("/tenant-required")
    assert created.status_code == 201, created.text
    assert created.json()["society_code"] == "cces"
    token = await login(identity_client, "examiner.1", "long enough pw")
    me = await identity_client.get("/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json() == {"sub": created.json()["id"], "role": "examiner", "name": "评审专家一",
                         "society": "cces", "enterprise": None, "organisation": None}


async def test_enterprise_users_and_clients_need_an_enterprise_id(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer
) -> None:
    user = await identity_client.post(
        "/v1/auth/users",
        json={"username": "hr.user", "password": "long enough pw", "display_name": "HR",
              "role": "enterprise"},
        headers=identity_bearer(Role.SECRETARIAT),
    )
    client = await identity_client.post(
        "/v1/auth/clients", json={"name": "HR system", "role": "enterprise"},
        headers=identity_bearer(Role.SECRETARIAT),
    )

    assert_problem(user, 422)
    assert_problem(client, 422)


async def test_created_client_gets_an_id_and_a_secret_shown_once(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer
) -> None:
    response = await identity_client.post(
        "/v1/auth/clients", json={"name": "监督系统", "role": "supervision"},
        headers=identity_bearer(Role.SECRETARIAT),
    )
    duplicate = await identity_client.post(
        "/v1/auth/clients",
        json={"client_id": response.json()["client_id"], "name": "again", "role": "supervision"},
        headers=identity_bearer(Role.SECRETARIAT),
    )

    assert response.status_code == 201
    body = response.json()
    assert body["client_id"].startswith("cli_")
    assert len(body["client_secret"]) >= 40
    assert_problem(duplicate, 409)


async def test_disabled_user_cannot_sign_in(
    identity_app: FastAPI,
    identity_client: httpx.AsyncClient,
    create_identity_user: Callable[..., Any],
) -> None:
    from gateway.models import User
    from sqlalchemy import update

    await create_identity_user("left.company")
    async with identity_app.state.sessionmaker() as session, session.begin():
        await session.execute(
            update(User).where(User.username == "left.company").values(active=False)
        )

    response = await identity_client.post(
        "/v1/auth/login", json={"username": "left.company", "password": PASSWORD}
    )

    assert_problem(response, 401)


async def test_health_readiness_and_metrics(identity_client: httpx.AsyncClient) -> None:
    assert (await identity_client.get("/healthz")).json() == {"status": "ok"}
    ready = await identity_client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}
    metrics = await identity_client.get("/metrics")
    assert "cse_http_requests_total" in metrics.text


async def test_request_id_is_echoed(identity_client: httpx.AsyncClient) -> None:
    response = await identity_client.get("/healthz", headers={"X-Request-ID": "req-42"})

    assert response.headers["x-request-id"] == "req-42"


@pytest.fixture
def no_revocation_cache(identity_app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """The identity app rereads its revocation list on every request (15 s in production)."""
    monkeypatch.setattr(identity_app.state.token_verifier, "revocations_refresh", 0.0)


@pytest.mark.usefixtures("no_revocation_cache")
async def test_a_disabled_user_is_refused_with_a_live_token_and_enabled_again(
    identity_client: httpx.AsyncClient,
    identity_bearer: Bearer,
    create_identity_user: Callable[..., Any],
) -> None:
    secretariat = identity_bearer(Role.SECRETARIAT)
    user_id = await create_identity_user("wang.fang")
    token = await login(identity_client, "wang.fang")
    mine = {"Authorization": f"Bearer {token}"}
    assert (await identity_client.get("/v1/auth/me", headers=mine)).status_code == 200

    disabled = await identity_client.post(f"/v1/auth/users/{user_id}/disable", headers=secretariat)
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["active"] is False
    assert_problem(await identity_client.get("/v1/auth/me", headers=mine), 401)
    revoked = (await identity_client.get("/.well-known/revocations.json")).json()
    assert user_id in {entry["sub"] for entry in revoked["revocations"]}
    refused = await identity_client.post(
        "/v1/auth/login", json={"username": "wang.fang", "password": PASSWORD})
    assert_problem(refused, 401)

    enabled = await identity_client.post(f"/v1/auth/users/{user_id}/enable", headers=secretariat)
    assert enabled.json()["active"] is True
    fresh = await login(identity_client, "wang.fang")
    me = await identity_client.get("/v1/auth/me", headers={"Authorization": f"Bearer {fresh}"})
    assert me.status_code == 200
    # The token from before the disable stays void.
    assert_problem(await identity_client.get("/v1/auth/me", headers=mine), 401)


@pytest.mark.usefixtures("no_revocation_cache")
async def test_a_password_reset_voids_tokens_and_the_old_password(
    identity_client: httpx.AsyncClient,
    identity_bearer: Bearer,
    create_identity_user: Callable[..., Any],
) -> None:
    user_id = await create_identity_user("zhao.lei")
    old = {"Authorization": f"Bearer {await login(identity_client, 'zhao.lei')}"}

    reset = await identity_client.put(
        f"/v1/auth/users/{user_id}/password", json={"password": "a new long password"},
        headers=identity_bearer(Role.SECRETARIAT))

    assert reset.status_code == 200, reset.text
    assert_problem(await identity_client.get("/v1/auth/me", headers=old), 401)
    assert_problem(await identity_client.post(
        "/v1/auth/login", json={"username": "zhao.lei", "password": PASSWORD}), 401)
    await login(identity_client, "zhao.lei", "a new long password")


async def _client_token(client: httpx.AsyncClient, client_id: str, secret: str) -> httpx.Response:
    return await client.post("/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": client_id, "client_secret": secret})


@pytest.mark.usefixtures("no_revocation_cache")
async def test_a_rotated_secret_is_refused_at_once_and_a_revoked_one_too(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer,
) -> None:
    secretariat = identity_bearer(Role.SECRETARIAT)
    created = (await identity_client.post("/v1/auth/clients", headers=secretariat, json={
        "client_id": "hr-crbc", "name": "中国路桥 HR", "role": "enterprise",
        "enterprise_id": "crbc"})).json()
    old_token = (await _client_token(identity_client, "hr-crbc", created["client_secret"])).json()

    rotated = await identity_client.post("/v1/auth/clients/hr-crbc/secret", headers=secretariat)

    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["client_secret"]
    assert new_secret != created["client_secret"]
    assert_problem(await _client_token(identity_client, "hr-crbc", created["client_secret"]), 401)
    assert (await _client_token(identity_client, "hr-crbc", new_secret)).status_code == 200
    stale = {"Authorization": f"Bearer {old_token['access_token']}"}
    assert_problem(await identity_client.get("/v1/auth/me", headers=stale), 401)

    revoked = await identity_client.delete("/v1/auth/clients/hr-crbc/secret", headers=secretariat)
    assert revoked.status_code == 200
    assert_problem(await _client_token(identity_client, "hr-crbc", new_secret), 401)
    listed = await identity_client.get("/v1/auth/clients", headers=secretariat,
                                       params={"role": "enterprise"})
    assert "hr-crbc" in [c["client_id"] for c in listed.json()["items"]]


async def test_a_society_admin_creates_examiners_of_its_own_society_only(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer,
) -> None:
    admin = identity_bearer(Role.SOCIETY_ADMIN, society="cces")
    examiner = {"username": "exam.cces", "password": "long enough pw", "display_name": "考官",
                "role": "examiner", "society_code": "cces"}

    own = await identity_client.post("/v1/auth/users", json=examiner, headers=admin)
    other_society = await identity_client.post(
        "/v1/auth/users", headers=admin,
        json=examiner | {"username": "exam.csee", "society_code": "csee"})
    other_role = await identity_client.post(
        "/v1/auth/users", headers=admin,
        json=examiner | {"username": "admin.cces", "role": "society_admin"})
    listed = await identity_client.get("/v1/auth/users", headers=admin)

    assert own.status_code == 201, own.text
    assert assert_problem(other_society, 403)["type"].endswith("/account-creation-forbidden")
    assert_problem(other_role, 403)
    assert {u["society_code"] for u in listed.json()["items"]} == {"cces"}


async def test_a_user_of_an_unknown_society_is_refused(
    identity_client: httpx.AsyncClient, identity_bearer: Bearer,
) -> None:
    response = await identity_client.post("/v1/auth/users", headers=identity_bearer(
        Role.SECRETARIAT), json={"username": "x.y", "password": "long enough pw",
                                 "display_name": "某人", "role": "examiner",
                                 "society_code": "nosuch"})

    body = assert_problem(response, 422)
    assert "nosuch" in body["detail"]
    assert "cces" in body["detail"]  # the known codes, so the caller can correct it
