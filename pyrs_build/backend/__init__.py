"""The build backend proper: wraps setuptools, adding one compiled extension per module (built through the pyrs-build cache)."""
