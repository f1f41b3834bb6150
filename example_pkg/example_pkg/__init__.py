"""pyrs-example: Black-Scholes option pricing compiled to Rust by pyrs-build.

``example_pkg.black_scholes`` is the flagged module; ``python -m
example_pkg.demo`` compares it with its original NumPy source.
"""
