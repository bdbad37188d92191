from kit.testing import ServiceHarness
from registry.app import SPEC, create_app
from registry.config import Settings

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()
