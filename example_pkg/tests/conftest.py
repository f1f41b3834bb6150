"""Show which ``example_pkg.black_scholes`` the tests exercise."""

from typing import List


def pytest_report_header() -> List[str]:
    from example_pkg._original import is_extension_file, module_path

    path = module_path()
    kind = "compiled extension" if is_extension_file(str(path)) else "plain Python, compiled-only tests skip"
    return [f"example_pkg.black_scholes: {path} ({kind})"]
