from kit.testing import ServiceHarness
from oversight.app import create_app
from oversight.config import Settings
from oversight.spec import SPEC

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()
