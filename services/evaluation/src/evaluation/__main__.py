from kit.cli import main

from evaluation.app import SPEC

main(SPEC, "evaluation.app:create_app")
