from evaluation.app import SPEC, create_app
from evaluation.config import Settings
from kit.testing import ServiceHarness

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()
