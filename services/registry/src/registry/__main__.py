from kit.cli import main

from registry.app import SPEC

main(SPEC, "registry.app:create_app")
