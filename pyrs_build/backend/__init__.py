"""The build backend proper: wraps setuptools + setuptools-rust, adding one Rust extension per module."""
