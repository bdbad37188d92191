from kit.testing import ServiceHarness
from registry.app import create_app
from registry.config import Settings
from registry.spec import SPEC

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()
