from kit.cli import main

from cpd.spec import SPEC

main(SPEC, "cpd.app:create_app")
