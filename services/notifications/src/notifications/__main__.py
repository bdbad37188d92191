from kit.cli import main

from notifications.app import SPEC

main(SPEC, "notifications.app:create_app")
