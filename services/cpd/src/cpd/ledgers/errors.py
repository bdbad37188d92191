"""Business errors of CPD ledgers."""

from kit.errors import NotFound


class LedgerNotFound(NotFound):
    type_slug = "cpd-ledger-not-found"
