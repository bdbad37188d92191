from kit.cli import main

from evaluation.spec import SPEC

main(SPEC, "evaluation.app:create_app")
