from evaluation.app import create_app
from evaluation.config import Settings
from evaluation.spec import SPEC
from kit.testing import ServiceHarness

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()
