"""Business errors of CPD ledgers."""

from kit.errors import Conflict, Forbidden, NotFound


class LedgerNotFound(NotFound):
    type_slug = "cpd-ledger-not-found"


class LedgerReadOnly(Forbidden):
    type_slug = "cpd-ledger-read-only"


class LedgerFrozen(Conflict):
    type_slug = "cpd-ledger-frozen"
