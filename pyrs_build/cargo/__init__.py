"""Running cargo: the toolchain check, the shared cache and target directory, direct builds."""
