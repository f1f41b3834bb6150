"""`pyrs-build stubgen`: run a command with a tracer that records the argument and return types of
the functions of the flagged modules, then write `.pyi` stubs the compiler can use."""
