from kit.cli import main

from notifications.spec import SPEC

main(SPEC, "notifications.app:create_app")
