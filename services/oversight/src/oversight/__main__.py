from kit.cli import main

from oversight.spec import SPEC

main(SPEC, "oversight.app:create_app")
