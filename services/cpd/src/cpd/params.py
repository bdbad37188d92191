"""Path and query parameters shared by the CPD endpoints, described once."""

import uuid
from typing import Annotated

from fastapi import Path, Query

Number = Annotated[str, Path(max_length=40, description=(
    "The certificate's number (证书编号), e.g. `CSE-2026-P-000001`: one CPD ledger each. A "
    "ledger the caller may not see answers 404, as if it did not exist."))]
ActivityId = Annotated[uuid.UUID, Path(description="The activity's id, in this ledger.")]
DeferralId = Annotated[uuid.UUID, Path(description="The deferral request's id, in this "
                                       "ledger.")]
EvidenceId = Annotated[uuid.UUID, Path(description="The evidence file's id, in this ledger.")]
CourseId = Annotated[uuid.UUID, Path(description="The published course's id.")]
Society = Annotated[str, Path(max_length=20, pattern=r"^[a-z0-9_]+$", description=(
    "The society's code (lowercase), e.g. `cces`, `ciesc`."))]
Year = Annotated[int | None, Query(ge=2020, le=2100, description=(
    "Only this calendar year (a plan's year; a course's by the year it starts); absent: all."))]
PublisherFilter = Annotated[str | None, Query(max_length=20, description=(
    "Only this publisher: `cse` or a society code; absent: all."))]
