from kit.migrations import run_env

from applications.models import Base

run_env(Base.metadata)
