"""The route table: the one place that says which service answers which path.

nginx.conf is generated from it and the merged OpenAPI document keeps only the paths it
routes to the service that published them, so the two can never disagree.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

# Local defaults (`make run`); containers override them, e.g. {"applications": "applications:8000"}.
DEFAULT_UPSTREAMS: dict[str, str] = {
    "identity": "127.0.0.1:8090",
    "applications": "127.0.0.1:8001",
    "evaluation": "127.0.0.1:8002",
    "registry": "127.0.0.1:8003",
    "cpd": "127.0.0.1:8004",
    "notifications": "127.0.0.1:8005",
    "oversight": "127.0.0.1:8006",
}

DEFAULT_BODY_LIMIT = "1m"
# Evidence files and the Annex 3 Excel workbook arrive as multipart bodies.
UPLOAD_BODY_LIMIT = "20m"


class RateLimit(StrEnum):
    """Which nginx request-rate zone guards a route."""

    # Per caller: the bearer token when there is one, else the client address.
    PER_CLIENT = "per_client"
    # Password and secret checks cost ~50 ms of CPU each (argon2), and a guesser can send a
    # fresh Authorization header every time, so these are keyed by address only and slower.
    SIGN_IN = "sign_in"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Route:
    path: str
    upstream: str
    max_body: str = DEFAULT_BODY_LIMIT
    rate_limit: RateLimit = RateLimit.PER_CLIENT
    # An exact route (`location = /path`) matches that path only, not what starts with it.
    exact: bool = False
    # Public lookups nginx answers from a few seconds' cache (anonymous GETs only).
    micro_cache: bool = False

    @property
    def location(self) -> str:
        return f"= {self.path}" if self.exact else self.path

    def matches(self, path: str) -> bool:
        return path == self.path if self.exact else path.startswith(self.path)


ROUTES: tuple[Route, ...] = (
    Route("/v1/auth/login", "identity", rate_limit=RateLimit.SIGN_IN, exact=True),
    Route("/v1/auth/token", "identity", rate_limit=RateLimit.SIGN_IN, exact=True),
    Route("/v1/auth/register", "identity", rate_limit=RateLimit.SIGN_IN, exact=True),
    Route("/v1/auth/", "identity"),
    # Token verifiers (services, partners) fetch the keys; throttling them breaks sign-in.
    Route("/.well-known/", "identity", rate_limit=RateLimit.NONE),
    Route("/openapi.json", "identity", exact=True),
    Route("/asyncapi.json", "identity", exact=True),
    # Swagger UI, and its scripts under /docs/assets/ (served by the platform, no CDN).
    Route("/docs", "identity"),
    Route("/redoc", "identity", exact=True),
    # The pages problem `type`s resolve to (RFC 9457), one per type.
    Route("/problems/", "identity"),
    Route("/v1/recommendations", "applications", max_body=UPLOAD_BODY_LIMIT),
    Route("/v1/candidates", "applications"),
    Route("/v1/applications", "applications", max_body=UPLOAD_BODY_LIMIT),
    Route("/v1/applicants", "applications"),
    Route("/v1/reference", "applications"),
    Route("/v1/fees", "applications"),
    Route("/v1/cases", "evaluation"),
    Route("/v1/examiners", "evaluation"),
    Route("/v1/batches", "evaluation"),
    Route("/v1/public-notices", "evaluation"),
    Route("/v1/certificates", "registry"),
    Route("/v1/members", "registry"),
    Route("/v1/verify", "registry"),
    Route("/v1/register", "registry", micro_cache=True),
    Route("/v1/registrations", "registry"),
    Route("/v1/reregistrations", "registry"),
    Route("/v1/verifications", "registry"),
    Route("/v1/partners", "registry"),
    Route("/v1/referrals", "registry"),
    # The page a certificate's QR code opens, and its form: server-rendered HTML.
    Route("/verify", "registry", micro_cache=True),
    # Evidence of CPD activities and deferrals arrives as multipart bodies.
    Route("/v1/cpd", "cpd", max_body=UPLOAD_BODY_LIMIT),
    Route("/v1/notifications", "notifications"),
    Route("/v1/webhooks", "notifications"),
    # Complaints take attachments; the public sends them without an account.
    Route("/v1/complaints", "oversight", max_body=UPLOAD_BODY_LIMIT),
    Route("/v1/reports", "oversight"),
)

_ADDRESS = re.compile(r"^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$|^unix:/[\w./-]+$")


def route_for(path: str, routes: tuple[Route, ...] = ROUTES) -> Route | None:
    """The route nginx picks for `path`: an exact match first, else the longest prefix."""
    for route in routes:
        if route.exact and route.path == path:
            return route
    prefixes = [r for r in routes if not r.exact and r.matches(path)]
    return max(prefixes, key=lambda r: len(r.path), default=None)


def upstream_addresses(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Defaults merged with the settings' overrides, refusing what would corrupt nginx.conf."""
    addresses = dict(DEFAULT_UPSTREAMS)
    for name, address in (overrides or {}).items():
        if name not in DEFAULT_UPSTREAMS:
            raise ValueError(
                f"未知的上游服务 {name!r} / Unknown upstream {name!r}; "
                f"known: {', '.join(DEFAULT_UPSTREAMS)}"
            )
        if not _ADDRESS.match(address):
            raise ValueError(
                f"上游地址格式应为 host:port / Upstream {name!r} must be host:port, got {address!r}"
            )
        addresses[name] = address
    return addresses
