from kit.migrations import run_env

from cpd.models import Base

run_env(Base.metadata)
