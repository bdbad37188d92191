from kit.testing import ServiceHarness
from notifications.app import create_app
from notifications.config import Settings
from notifications.spec import SPEC

engine, session, client = ServiceHarness(SPEC, create_app, Settings).fixtures()
