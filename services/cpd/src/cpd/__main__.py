from kit.cli import main

from cpd.app import SPEC

main(SPEC, "cpd.app:create_app")
