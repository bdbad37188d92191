from cpd.app import create_app
from cpd.config import Settings
from cpd.spec import SPEC
from cpd_factories import frozen
from kit.testing import ServiceHarness

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()

__all__ = ["client", "engine", "frozen", "session"]
