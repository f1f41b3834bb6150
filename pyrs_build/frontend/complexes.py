"""Python `complex` scalars: `+ - * /` with CPython's mixed-type rule (an int or float operand
becomes `complex(x, 0.0)` first, as CPython 3.11-3.13 do), `==`/`!=`, `abs`, `.real`, `.imag`,
`.conjugate()` and `complex(re, im)`."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import BOOL, COMPLEX, FLOAT, INT

if TYPE_CHECKING:
    from pyrs_build.frontend.lower import FunctionLowering

_ARITHMETIC = {"add", "sub", "mul", "div"}
_REAL = (INT, FLOAT, BOOL)


def involves_complex(*values: ir.Expr) -> bool:
    return any(v.type == COMPLEX for v in values)


class ComplexLowering:
    """Mixin of FunctionLowering."""

    def to_complex(self: FunctionLowering, value: ir.Expr, node: ast.AST) -> ir.Expr:
        if value.type == COMPLEX:
            return value
        if value.type not in _REAL:
            raise Unsupported(node, f"{value.type} in complex arithmetic is not supported")
        return ir.Convert(self.convert(value, FLOAT, node), COMPLEX, value.loc)

    def complex_binop(self: FunctionLowering, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        if op not in _ARITHMETIC:
            raise Unsupported(node, f"'{op}' of complex numbers is not supported yet", "use + - * / and abs()")
        return ir.BinOp(op, self.to_complex(left, node), self.to_complex(right, node), COMPLEX, loc(node))

    def complex_compare(self: FunctionLowering, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        if op not in ("eq", "ne"):
            raise Unsupported(node, "complex numbers have no order (Python raises TypeError)", "compare abs(z)")
        return ir.Compare(op, self.to_complex(left, node), self.to_complex(right, node), BOOL, loc(node))

    def complex_attribute(self: FunctionLowering, value: ir.Expr, attr: str, node: ast.AST) -> ir.Expr:
        if attr not in ("real", "imag"):
            raise Unsupported(node, f"complex attribute '{attr}' is not supported yet", "use z.real, z.imag")
        return ir.Intrinsic(f"complex.{attr}", [value], FLOAT, loc(node))

    def complex_method(self: FunctionLowering, value: ir.Expr, node: ast.Call) -> ir.Expr:
        assert isinstance(node.func, ast.Attribute)
        if node.func.attr != "conjugate" or node.args or node.keywords:
            raise Unsupported(node, f"complex method '{node.func.attr}' is not supported yet", "use z.conjugate()")
        return ir.Intrinsic("complex.conjugate", [value], COMPLEX, loc(node))

    def complex_constructor(self: FunctionLowering, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        """`complex(re)` / `complex(re, im)` of real numbers (the parts taken as they are)."""
        if not 1 <= len(args) <= 2 or any(a.type not in _REAL for a in args):
            raise Unsupported(node, "complex(re, im) of ints or floats only")
        parts = [self.convert(a, FLOAT, node) for a in args] + [ir.Const(0.0, FLOAT, loc(node))] * (2 - len(args))
        return ir.Intrinsic("complex", parts, COMPLEX, loc(node))

