import os
from collections.abc import Iterator

import pytest
from applications_factories import HARNESS

engine, session, client = HARNESS.fixtures()


@pytest.fixture(scope="session", autouse=True)
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Evidence files of the tests go to a temporary directory, never var/evidence."""
    directory = str(tmp_path_factory.mktemp("evidence"))
    previous = os.environ.get("APPLICATIONS_EVIDENCE_DIR")
    os.environ["APPLICATIONS_EVIDENCE_DIR"] = directory
    yield directory
    if previous is None:
        os.environ.pop("APPLICATIONS_EVIDENCE_DIR", None)
    else:
        os.environ["APPLICATIONS_EVIDENCE_DIR"] = previous
