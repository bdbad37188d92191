from kit.testing import ServiceHarness
from notifications.app import SPEC, create_app
from notifications.config import Settings

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()
