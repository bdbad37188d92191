"""Re-registration (再注册) rules as plain functions [003 Q23, Q25, Q28; 004 §4(四)]."""

from dataclasses import dataclass
from datetime import date

from registry.certificates.rules import reregistration_opens


@dataclass(frozen=True)
class CpdStanding:
    required_hours: float
    credited_hours: float
    deferred_hours: float
    shortfall_hours: float
    compliant: bool
    deferral_granted: bool
    period_start: date
    period_end: date


class WindowClosed(Exception):
    pass


def check_window(today: date, valid_until: date, late_allowed: bool) -> None:
    """Open in the 3 months before expiry; after expiry only where the society allows it."""
    opens = reregistration_opens(valid_until)
    if today < opens:
        raise WindowClosed(
            f"再注册申请自 {opens} 起受理（有效期至 {valid_until}）/ Re-registration opens on "
            f"{opens}, three months before the certificate ends on {valid_until}."
        )
    if today > valid_until and not late_allowed:
        raise WindowClosed(
            f"证书已于 {valid_until} 到期，本学会不受理到期后的再注册 / The certificate ended on "
            f"{valid_until}; this society does not accept re-registration after expiry."
        )


def cpd_met(standing: CpdStanding | None) -> bool:
    """Met over the whole validity. The CPD service's `compliant` already counts the hours a
    deferral granted under the society's contingency plan excuses [003 Q25]; a deferral
    that excuses less than the shortfall does not make a short record met."""
    return standing is not None and standing.compliant


def shortfall_reasons(standing: CpdStanding | None, valid_from: date, valid_until: date) -> str:
    if standing is None:
        return ("未收到该证书有效期内的持续职业发展记录 / No CPD record for the validity "
                "period has been received from the CPD ledger.")
    if standing.period_start > valid_from or standing.period_end < valid_until:
        coverage = (f"（记录仅覆盖 {standing.period_start} 至 {standing.period_end}）/ (the "
                    f"record covers only {standing.period_start} to {standing.period_end}) ")
    else:
        coverage = ""
    return (
        f"持续职业发展学时不足：要求 {standing.required_hours:g} 学时，已认定 "
        f"{standing.credited_hours:g} 学时，差 {standing.shortfall_hours:g} 学时 {coverage}/ "
        f"CPD short: {standing.credited_hours:g} of {standing.required_hours:g} hours "
        f"credited, {standing.shortfall_hours:g} hours missing [003 Q23]."
    )
