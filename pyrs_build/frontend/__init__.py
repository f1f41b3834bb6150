"""Frontend: Python source (never imported or run) -> typed IR, every refusal a Diagnostic."""

from pyrs_build.frontend.module import lower_module

__all__ = ["lower_module"]
