"""The register's rules as plain functions, without a database."""

from datetime import date

import pytest
from registry.certificates.rules import (
    TransitionRefused,
    add_months,
    certificate_number,
    effective_status,
    last_month_starts,
    normalise_number,
    renewed_validity,
    reregistration_opens,
    supersedes,
    transition,
    validity,
)
from registry.credentials.rules import bit_at, encode_bitstring
from registry.register.rules import language


def test_number_format_and_case() -> None:
    assert certificate_number(2026, "senior", 42) == "CSE-2026-S-000042"
    assert normalise_number(" cse-2026-p-000001 ") == "CSE-2026-P-000001"


@pytest.mark.parametrize(
    ("issued", "until"),
    [(date(2026, 11, 22), date(2031, 11, 21)), (date(2028, 2, 29), date(2033, 2, 27)),
     (date(2026, 1, 1), date(2030, 12, 31))],
)
def test_valid_five_years(issued: date, until: date) -> None:
    assert validity(issued) == (issued, until)


def test_renewal_runs_on_from_the_old_end() -> None:
    assert renewed_validity(date(2031, 11, 30)) == (date(2031, 12, 1), date(2036, 11, 30))


def test_reregistration_window_is_the_three_months_before_expiry() -> None:
    # Valid through 30 November: expires 1 December, window opens 1 September.
    assert reregistration_opens(date(2031, 11, 30)) == date(2031, 9, 1)
    assert last_month_starts(date(2031, 11, 30)) == date(2031, 11, 1)
    assert add_months(date(2031, 5, 31), -3) == date(2031, 2, 28)


def test_transitions_and_final_revocation() -> None:
    assert transition("suspend", "valid") == "suspended"
    assert transition("restore", "suspended") == "valid"
    assert transition("revoke", "cancelled") == "revoked"
    with pytest.raises(TransitionRefused, match="final"):
        transition("restore", "revoked")
    with pytest.raises(TransitionRefused):
        transition("restore", "valid")
    with pytest.raises(TransitionRefused):
        transition("suspend", "cancelled")


def test_past_its_end_a_certificate_is_expired_even_before_the_job() -> None:
    assert effective_status("valid", date(2031, 11, 30), date(2031, 11, 30)) == "valid"
    assert effective_status("valid", date(2031, 11, 30), date(2031, 12, 1)) == "expired"
    assert effective_status("revoked", date(2031, 11, 30), date(2031, 12, 1)) == "revoked"


def test_upgrade_supersedes_lower_levels_only() -> None:
    assert supersedes("senior", "professional")
    assert not supersedes("professional", "professional")
    assert not supersedes("professional", "senior")


def test_bitstring_sets_exactly_the_listed_bits() -> None:
    encoded = encode_bitstring([0, 7, 8, 131071])
    assert encoded.startswith("u")
    assert all(bit_at(encoded, i) for i in (0, 7, 8, 131071))
    assert not any(bit_at(encoded, i) for i in (1, 6, 9, 1000))


def test_language_from_query_then_accept_language() -> None:
    assert language("en", "zh-CN") == "en"
    assert language(None, "en-GB,en;q=0.9") == "en"
    assert language(None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert language(None, None) == "zh"


def test_the_worker_runs_every_handler_and_job() -> None:
    from registry.spec import SPEC

    handlers = {t: h.__name__ for s in SPEC.subscriptions for t, h in s.handlers.items()}
    assert handlers == {"evaluation.approved": "on_evaluation_approved",
                        "cpd.compliance_changed": "on_cpd_compliance_changed"}
    assert {job.name for job in SPEC.jobs} == {"registry.expire_ended",
                                              "registry.remind_reregistration"}
    assert SPEC.seed is not None
