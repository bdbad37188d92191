from kit.cli import main

from applications.app import SPEC

main(SPEC, "applications.app:create_app")
