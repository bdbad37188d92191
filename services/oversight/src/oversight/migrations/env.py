from kit.migrations import run_env
from oversight.models import Base

run_env(Base.metadata)
