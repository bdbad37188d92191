"""The register as a credential issuer: its profile, keys, status lists, and verification."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request, Response
from kit.app import SessionDep

from registry.config import Settings
from registry.credentials import rules, service
from registry.credentials.keys import SigningKey
from registry.credentials.schemas import VerificationIn, VerificationOut

router = APIRouter(tags=["credentials"])


def signing_key(request: Request) -> SigningKey:
    key: SigningKey = request.app.state.signing_key
    return key


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


KeyDep = Annotated[SigningKey, Depends(signing_key)]
SettingsDep = Annotated[Settings, Depends(settings)]
PUBLIC_CACHE = "public, max-age=3"


@router.get("/v1/register/issuer")
async def issuer_profile(response: Response, config: SettingsDep) -> dict[str, object]:
    """The issuer's Open Badges profile: the `issuer.id` of every credential."""
    response.headers["Cache-Control"] = "public, max-age=300"
    return rules.issuer_profile(config.public_base_url)


@router.get("/v1/register/jwks.json")
async def issuer_keys(response: Response, key: KeyDep) -> dict[str, object]:
    """The public key that signs credentials and status lists (JWKS, Ed25519)."""
    response.headers["Cache-Control"] = "public, max-age=300"
    return {"keys": [key.jwk()]}


@router.get("/v1/register/status-lists/{purpose}",
            response_class=Response, responses={200: {"content": {service.MEDIA_TYPE: {}}}})
async def status_list(purpose: Annotated[Literal["revocation", "suspension"], Path(description=(
                          "`revocation` (revoked, cancelled or superseded certificates) or "
                          "`suspension` (suspended ones)"))], session: SessionDep,
                      key: KeyDep, config: SettingsDep) -> Response:
    """The Bitstring Status List credential of revocations or suspensions (VC-JOSE)."""
    token = await service.status_list(session, config.public_base_url, purpose, key)
    return Response(token, media_type=service.MEDIA_TYPE,
                    headers={"Cache-Control": PUBLIC_CACHE})


@router.post("/v1/verifications")
async def verify_credential(body: VerificationIn, session: SessionDep, key: KeyDep,
                            config: SettingsDep) -> VerificationOut:
    """Verify a certificate's credential: signature, issuer, status and expiry, explained."""
    return await service.verify(session, body.credential, config.public_base_url, key)
