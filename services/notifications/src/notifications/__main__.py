import sys

from kit.cli import main

from notifications.spec import SPEC

if sys.argv[1:2] == ["smtp-sink"]:
    # Not one of the kit's commands: the local mail server `make run` starts.
    from notifications.config import Settings
    from notifications.mail import sink

    settings = Settings()
    sink.main(settings.mail_dir, settings.mail_sink_host, settings.mail_sink_port)
else:
    main(SPEC, "notifications.app:create_app")
