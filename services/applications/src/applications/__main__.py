from kit.cli import main

from applications.spec import SPEC

main(SPEC, "applications.app:create_app")
