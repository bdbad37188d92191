"""Looking an account up in the identity app: the one live read across services (a profile
must refer to a user that exists), made with the caller's own token so the identity app's
own rules decide what the caller may see."""

from typing import Any

import httpx

from kit.errors import ServiceUnavailable


class AccountDirectory:
    def __init__(self, base_url: str, *, transport: httpx.AsyncBaseTransport | None = None,
                 timeout: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.transport = transport
        self.timeout = timeout

    async def user(self, user_id: str, authorization: str) -> dict[str, Any] | None:
        """The user as the identity app shows it to the caller, or None when there is none
        the caller may see."""
        try:
            async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout) as http:
                response = await http.get(f"{self.base_url}/v1/auth/users/{user_id}",
                                          headers={"Authorization": authorization})
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(
                "暂时无法核对账号，请稍后重试 / The identity service cannot be reached to check "
                "the account; retry in a few seconds."
            ) from exc
        if response.status_code in (404, 422):
            return None
        if response.status_code != 200:
            raise ServiceUnavailable(
                f"核对账号失败（{response.status_code}），请稍后重试 / Checking the account failed "
                f"({response.status_code}); retry in a few seconds."
            )
        body: dict[str, Any] = response.json()
        return body


class KnownAccounts(AccountDirectory):
    """For a service's own tests: every user exists (an examiner of the society asked about)
    except the `missing` ones; the identity app itself is exercised end to end."""

    def __init__(self, missing: set[str] | None = None) -> None:
        super().__init__("http://identity.test")
        self.missing = missing if missing is not None else set()

    async def user(self, user_id: str, authorization: str) -> dict[str, Any] | None:
        if user_id in self.missing:
            return None
        return {"id": user_id, "role": "examiner", "society_code": None, "active": True}


def identity_base_url(jwks_url: str) -> str:
    """The identity app's address, from where it publishes its keys."""
    return jwks_url.split("/.well-known/", 1)[0]
