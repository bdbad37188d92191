"""Errors of the pipeline figures."""

from kit.errors import Forbidden


class ReportForbidden(Forbidden):
    type_slug = "report-forbidden"


class ReadModelBehind(RuntimeError):
    """An event arrived before the one that creates its row: the consumer retries it later."""
