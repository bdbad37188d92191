"""Webhook rules as plain functions: who may receive what, which addresses are refused, when
to retry. No I/O."""

import ipaddress
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from kit.auth import Principal, Role

# Standard Webhooks' suggested schedule after the first try: about 28 hours in all.
DEFAULT_RETRY_SCHEDULE = (5, 300, 1800, 7200, 18000, 36000, 36000)

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Not covered by `is_private` in every Python: carrier-grade NAT and cloud metadata services.
_EXTRA_BLOCKED: tuple[Network, ...] = (
    ipaddress.ip_network("100.64.0.0/10"),
    ipaddress.ip_network("169.254.0.0/16"),
    ipaddress.ip_network("fd00:ec2::254/128"),
)


def scope_of(principal: Principal) -> tuple[str, str] | None:
    """Whose events an API client may subscribe to; None for a role that has no webhooks."""
    if principal.role == Role.ENTERPRISE and principal.enterprise:
        return ("enterprise", principal.enterprise)
    if principal.role == Role.PARTNER and principal.organisation:
        return ("partner", principal.organisation)
    if principal.role == Role.SOCIETY_ADMIN and principal.society:
        return ("society", principal.society)
    return None


def concerns(scope_kind: str, scope_id: str, event_type: str, data: Mapping[str, Any],
             recommended_by: str | None) -> bool:
    """Whether an event is the business of a subscriber: an enterprise its recommendations and
    their candidates' progress, a partner the referrals addressed to it, a society its own."""
    if scope_kind == "enterprise":
        # `recommended_by` comes from the service's own record: events about an application
        # name the enterprise only at pre-screening.
        return scope_id in (data.get("enterprise_id"), recommended_by)
    if scope_kind == "partner":
        # A request is the secretariat's to review; the partner hears once it is sent to it.
        return (event_type.startswith("referral.") and event_type != "referral.requested"
                and data.get("partner_code") == scope_id)
    if scope_kind == "society":
        return data.get("society_code") == scope_id
    return False


def wants(event_types: Sequence[str], event_type: str) -> bool:
    """`*` is every type, `evaluation.*` a family, anything else one exact type."""
    return any(
        pattern == "*" or pattern == event_type
        or (pattern.endswith(".*") and event_type.startswith(pattern[:-1]))
        for pattern in event_types
    )


def valid_pattern(pattern: str, known: set[str]) -> bool:
    if pattern == "*" or pattern in known:
        return True
    return pattern.endswith(".*") and any(t.startswith(pattern[:-1]) for t in known)


def patterns(known: set[str]) -> list[str]:
    """Every pattern `valid_pattern` accepts: `*`, each family (`evaluation.*`), each type."""
    families = {t[: i + 1] + "*" for t in known for i, c in enumerate(t) if c == "."}
    return ["*", *sorted(families), *sorted(known)]


def blocked_address(address: IpAddress) -> bool:
    """Loopback, private, link-local (cloud metadata), multicast, reserved or unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (address.is_loopback or address.is_private or address.is_link_local
            or address.is_multicast or address.is_reserved or address.is_unspecified
            or any(address in network for network in _EXTRA_BLOCKED
                   if network.version == address.version))


def allow_listed(host: str, addresses: Sequence[IpAddress], allowed: Sequence[str]) -> bool:
    """An operator's allow-list: host names, addresses or networks (`127.0.0.1/32`)."""
    for entry in allowed:
        if entry.lower() == host.lower():
            return True
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            continue
        if addresses and all(a.version == network.version and a in network for a in addresses):
            return True
    return False


def url_problem(url: str) -> str | None:
    """What is wrong with a webhook URL's form, before any name is resolved; None if fine."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http"):
        return "scheme"
    if not parts.hostname:
        return "host"
    if parts.username or parts.password:
        return "credentials"
    return None


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def netloc_of(url: str) -> str:
    return urlsplit(url).netloc


def pinned_url(url: str, address: IpAddress) -> str:
    """The same URL with its host replaced by an address already checked."""
    parts = urlsplit(url)
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    return parts._replace(netloc=netloc).geturl()


def is_https(url: str) -> bool:
    return urlsplit(url).scheme == "https"


def next_attempt(now: datetime, attempts: int, schedule: Sequence[float]) -> datetime | None:
    """When to try again after `attempts` tries failed; None when the schedule is spent."""
    if attempts > len(schedule):
        return None
    return now + timedelta(seconds=schedule[attempts - 1])


def delivered(status_code: int) -> bool:
    # A redirect is not followed (it could lead to a refused address), so it is a failure.
    return 200 <= status_code < 300
