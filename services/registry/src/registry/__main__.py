from kit.cli import main

from registry.spec import SPEC

main(SPEC, "registry.app:create_app")
