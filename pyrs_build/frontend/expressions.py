"""Lowering of expressions: names, constants, operators with Python's and NumPy's typing rules."""

from __future__ import annotations

import ast
import copy

from pyrs_build.frontend import arrays, linalg, promotion
from pyrs_build.frontend.errors import Poisoned, Unsupported, refuse_expression
from pyrs_build.frontend.scope import Scope, loc
from pyrs_build.ir.dtypes import INTEGER_DTYPES, SMALL_INTEGER_DTYPES
from pyrs_build.frontend.views import Alias, Stale
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import (ELEMENT_OF_DTYPE, NP_FLOAT32, BOOL, DYN_BOOL, DYN_FLOAT, FLOAT, INT, NONE, NP_BOOL, NP_FLOAT64, NP_INT64, Array,
                                 COMPLEX, ListType, OptionalType, Scalar, TupleType, Type, is_array, is_bool, merge_scalars)
from pyrs_build.frontend.rules import (assigned_in, broadcast_ndim, library_constant, merge_arrays,
                                       ufunc_array)

_BINOPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.FloorDiv: "floordiv",
           ast.Mod: "mod", ast.Pow: "pow", ast.BitAnd: "bitand", ast.BitOr: "bitor", ast.BitXor: "bitxor",
           ast.LShift: "lshift", ast.RShift: "rshift"}
_BIT_OPS = {"bitand", "bitor", "bitxor", "lshift", "rshift"}
_CMPOPS = {ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt", ast.GtE: "ge", ast.Eq: "eq", ast.NotEq: "ne"}
_SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/", "floordiv": "//", "mod": "%", "pow": "**",
           "bitand": "&", "bitor": "|", "bitxor": "^", "lshift": "<<", "rshift": ">>"}
# NumPy scalars whose arithmetic follows NumPy's dtype rules here (numpy.float64 has its own path)
_NUMPY_SCALAR_KINDS = {"np_int64", "np_float32", "np_int32", "np_uint8", "np_uint32"}
_LOGICAL = {ast.BitOr: "bitor", ast.BitAnd: "bitand", ast.BitXor: "bitxor"}


class ExpressionLowering:
    """Mixin of FunctionLowering: `self.expr(node, scope)` and the conversions it inserts."""

    def expr(self, node: ast.expr, scope: Scope) -> ir.Expr:
        method = getattr(self, f"expr_{type(node).__name__}", None)
        if method is None:
            raise refuse_expression(node)
        return method(node, scope)

    def expr_Constant(self, node: ast.Constant, scope: Scope) -> ir.Expr:
        value = node.value
        if isinstance(value, bool):
            return ir.Const(value, BOOL, loc(node))
        if isinstance(value, int):
            if not -(2**63) <= value < 2**63:
                raise Unsupported(node, "integer literal does not fit in 64 bits", "use a float literal")
            return ir.Const(value, INT, loc(node))
        if isinstance(value, float):
            return ir.Const(value, FLOAT, loc(node))
        if value is None:
            return ir.Const(None, NONE, loc(node))
        raise Unsupported(node, f"{type(value).__name__} constants are not supported yet",
                          "compiled code computes with numbers and arrays only; keep text handling in Python")

    def expr_Name(self, node: ast.Name, scope: Scope) -> ir.Expr:
        return self.name(node, scope)

    def name(self, node: ast.Name, scope: Scope) -> ir.Expr:
        if node.id in self.poisoned:
            raise Poisoned(node, f"'{node.id}' is assigned by a refused statement")
        if node.id in self.locals or assigned_in(self.sig.node, node.id):
            if node.id not in scope.bound:
                raise Unsupported(node, f"'{node.id}' may be used before it is assigned",
                                  "assign it on every path before this line")
            shared = scope.shares.get(node.id)
            if isinstance(shared, Stale):
                raise Unsupported(node, shared.reason, shared.help)
            if isinstance(shared, Alias):  # a view held in a variable: made again from its array
                return copy.deepcopy(shared.value)
            variable = ir.Var(node.id, self.locals[node.id], loc(node))
            if isinstance(variable.type, OptionalType) and node.id in scope.narrowed:  # checked: not None here
                return ir.Intrinsic("optional.value", [variable], variable.type.inner, loc(node))
            return variable
        if node.id in self.ctx.constants:
            const = self.ctx.constants[node.id]
            return ir.GlobalConst(node.id, const.type, loc(node))
        qualified = self.ctx.imports.qualified(node)
        constant = library_constant(qualified)
        if constant is not None:
            return ir.Const(constant, FLOAT, loc(node))
        raise Unsupported(node, f"name '{node.id}' is not a local, a parameter or a module constant",
                          "module-level names must be constants assigned once from literals")

    def expr_Attribute(self, node: ast.Attribute, scope: Scope) -> ir.Expr:
        qualified = self.ctx.imports.qualified(node)
        constant = library_constant(qualified)
        if constant is not None:
            return ir.Const(constant, FLOAT, loc(node))
        if qualified is None:
            value = self.expr(node.value, scope)
            if isinstance(value.type, Array):
                return arrays.array_attribute(value, node.attr, node)
            if value.type == COMPLEX:
                return self.complex_attribute(value, node.attr, node)
        raise Unsupported(node, f"attribute '{ast.unparse(node)}' is not supported yet")

    def expr_Subscript(self, node: ast.Subscript, scope: Scope) -> ir.Expr:
        if isinstance(node.value, ast.Attribute) and node.value.attr == "shape":
            array = self.expr(node.value.value, scope)
            if isinstance(array.type, Array) and array.type.ndim is None:  # `x.shape[0]` of any ndim
                return arrays.dimension(array, node.slice, node)
        value = self.expr(node.value, scope)
        if isinstance(value.type, TupleType):
            return arrays.tuple_item(value, node.slice, node)
        if isinstance(value.type, ListType) and value.type.item is not None:
            return self.list_item(value, node, scope)
        if not isinstance(value.type, Array):
            raise Unsupported(node, f"indexing {value.type} is not supported yet")
        mask = self.boolean_index(node, scope)
        if mask is not None and mask.type.dtype == "int64":  # type: ignore[union-attr]
            return arrays.take(value, mask, node)  # `x[idx]`: rows of x, a new array
        if mask is not None:  # `x[x > 0]`: the selected elements, a new 1-D array
            return ir.Intrinsic("array.masked", [value, mask], Array(value.type.dtype, 1), loc(node))
        partial = value.type.ndim is not None and len(arrays.index_arguments(node)) < value.type.ndim
        if partial or arrays.has_slice(node, self.ctx.imports):  # `m[i]` of a matrix is a row view
            axes = [self.view_entry(i, scope) for i in arrays.index_arguments(node)]
            return arrays.slice_view(value, arrays.expand_ellipsis(value, axes, node), node)
        indices = [self.as_index(self.expr(i, scope), node) for i in arrays.index_arguments(node)]
        element = arrays.check_element_index(value, indices, node)
        return ir.Intrinsic("array.item", [value, *indices], element, loc(node))

    def as_index(self, value: ir.Expr, node: ast.AST) -> ir.Expr:
        """A numpy.int64 index (from np.argmax) indexes like the int it holds."""
        return self.convert(value, INT, node) if value.type == NP_INT64 else value

    def boolean_index(self, node: ast.Subscript, scope: Scope) -> ir.Expr | None:
        """The index array of `x[mask]` / `x[idx]` when the single index is a bool or int64 array (or
        a list literal of ints, `x[[0, 2]]`); None for any other index."""
        index = node.slice
        if isinstance(index, ast.List):
            return self.literal_array(index, node, scope)  # type: ignore[attr-defined]
        if isinstance(index, (ast.Slice, ast.Tuple, ast.Constant)) or arrays.is_newaxis(index, self.ctx.imports):
            return None
        lowered = self.expr(index, scope)
        if isinstance(lowered.type, Array) and lowered.type.dtype in ("bool", "int64"):
            return lowered
        if isinstance(lowered.type, Array):
            raise Unsupported(node, f"indexing with an array of {lowered.type.dtype} is not supported",
                              "index with a bool mask or an int64 array")
        return None

    def view_entry(self, node: ast.expr, scope: Scope) -> object:
        """One entry of a basic index: slice bounds, `np.newaxis`/`None`, `...` or an int expression."""
        if isinstance(node, ast.Slice):
            return self.slice_bounds(node, scope)
        if arrays.is_newaxis(node, self.ctx.imports):
            return arrays.NEWAXIS
        if isinstance(node, ast.Constant) and node.value is Ellipsis:
            return arrays.ELLIPSIS
        return self.as_index(self.expr(node, scope), node)

    def slice_bounds(self, node: ast.Slice, scope: Scope) -> tuple[ir.Expr | None, ...]:
        return tuple(self.as_index(self.expr(part, scope), part) if part is not None else None
                     for part in (node.lower, node.upper, node.step))

    def expr_UnaryOp(self, node: ast.UnaryOp, scope: Scope) -> ir.Expr:
        operand = self.expr(node.operand, scope)
        if isinstance(node.op, ast.Not):
            return ir.UnaryOp("not", self.truth(operand, node), BOOL, loc(node))
        if isinstance(node.op, ast.Invert) and isinstance(operand.type, Array) and operand.type.dtype == "bool":
            return ir.UnaryOp("not", operand, ufunc_array(operand.type), loc(node))  # `~mask`
        if isinstance(node.op, ast.Invert) and isinstance(operand.type, Array) and operand.type.dtype in INTEGER_DTYPES:
            return ir.UnaryOp("not", operand, ufunc_array(operand.type), loc(node))  # `~x`: bitwise not
        if isinstance(node.op, ast.Invert) and operand.type == NP_BOOL:
            return ir.UnaryOp("not", operand, NP_BOOL, loc(node))
        if isinstance(node.op, ast.Invert) and operand.type in (INT, BOOL):  # ~x == -x - 1, never overflows
            return ir.UnaryOp("invert", self.convert(operand, INT, node), INT, loc(node))
        op = {ast.USub: "neg", ast.UAdd: "pos"}.get(type(node.op))
        if op == "neg" and isinstance(operand, ir.Const) and type(operand.value) in (int, float) \
                and -operand.value < 2**63:  # type: ignore[operator]
            return ir.Const(-operand.value, operand.type, loc(node))  # a negative literal
        if op is None:
            raise Unsupported(node, f"unary operator '{type(node.op).__name__}' is not supported yet")
        if is_array(operand.type) or getattr(operand.type, "kind", "") in _NUMPY_SCALAR_KINDS:
            if not is_array(operand.type) or operand.type.dtype != "bool":  # type: ignore[union-attr]
                typ = ufunc_array(operand.type) if is_array(operand.type) else operand.type
                return ir.UnaryOp(op, operand, typ, loc(node))
            raise Unsupported(node, f"unary '{ast.unparse(node)[:1]}' of a bool array is not supported "
                              "(NumPy raises TypeError for '-')", "use '~' to negate a mask")
        typ = operand.type
        if typ == BOOL:
            operand, typ = self.convert(operand, INT, node), INT
        if not isinstance(typ, Scalar) or typ.kind == "np_bool":
            raise Unsupported(node, f"unary '{ast.unparse(node)[:1]}' on {operand.type} is not supported")
        return ir.UnaryOp(op, operand, typ, loc(node))

    def expr_BinOp(self, node: ast.BinOp, scope: Scope) -> ir.Expr:
        if isinstance(node.op, ast.MatMult):
            return linalg.call("numpy.matmul", [self.expr(node.left, scope), self.expr(node.right, scope)], node)
        if type(node.op) in _LOGICAL:
            return self.logical(_LOGICAL[type(node.op)], self.expr(node.left, scope), self.expr(node.right, scope),
                                node)
        op = _BINOPS.get(type(node.op))
        if op is None:
            raise Unsupported(node, f"operator '{type(node.op).__name__}' is not supported yet")
        return self.binop(op, self.expr(node.left, scope), self.expr(node.right, scope), node)

    def logical(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        """`a | b`, `a & b`, `a ^ b` of bool arrays and NumPy bools (elementwise logic, as NumPy);
        Python ints and bools take the plain bit operations."""
        if not any(is_array(s.type) or s.type in (NP_BOOL, DYN_BOOL) for s in (left, right)):
            return self.binop(op, left, right, node)
        for side in (left, right):
            if not (is_bool(side.type) or (isinstance(side.type, Array) and side.type.dtype == "bool")):
                raise Unsupported(node, f"'{_SYMBOL[op]}' of {left.type} and {right.type} is supported for bools "
                                  "and bool arrays only", "compare first, e.g. (x > 0) | (y > 0)")
        if is_array(left.type) or is_array(right.type):
            ndim = broadcast_ndim(left.type, right.type)
            operands = [side if is_array(side.type) else self.convert(side, NP_BOOL, node) for side in (left, right)]
            return ir.BinOp(op, operands[0], operands[1], Array("bool", ndim, ufunc_result=True), loc(node))
        numpy = left.type.is_numpy or right.type.is_numpy  # type: ignore[union-attr]
        if {left.type, right.type} & {DYN_BOOL}:
            raise Unsupported(node, f"'{_SYMBOL[op]}' of {left.type} is not supported yet", "convert with bool(...)")
        typ = NP_BOOL if numpy else BOOL
        return ir.BinOp(op, self.convert(left, typ, node), self.convert(right, typ, node), typ, loc(node))

    def binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        if op in _BIT_OPS:
            return self.bit_op(op, left, right, node)
        if COMPLEX in (left.type, right.type):
            return self.complex_binop(op, left, right, node)
        if op == "mul" and (isinstance(left.type, ListType) or isinstance(right.type, ListType)):
            items, count = (left, right) if isinstance(left.type, ListType) else (right, left)
            return self.list_repeat(items, count, node)
        if is_array(left.type) or is_array(right.type):
            return self.array_binop(op, left, right, node)
        if not (isinstance(left.type, Scalar) and isinstance(right.type, Scalar)):
            raise Unsupported(node, f"'{_SYMBOL[op]}' between {left.type} and {right.type} is not supported")
        kinds = {left.type.kind, right.type.kind}
        if kinds & _NUMPY_SCALAR_KINDS:
            return self.numpy_scalar_binop(op, left, right, node)
        if kinds & {"np_bool", "dyn_bool"}:
            raise Unsupported(node, "arithmetic on numpy.bool_ is not supported yet", "convert with bool(...)")
        if "np_float64" in kinds:
            result = NP_FLOAT64
        elif "dyn_float" in kinds:  # numpy.float64 if either operand is one at run time
            result = DYN_FLOAT
        elif "float" in kinds:
            result = FLOAT
        else:
            result = FLOAT if op == "div" else INT
            if op == "pow" and not (isinstance(right, ir.Const) and isinstance(right.value, int) and right.value >= 0):
                raise Unsupported(node, "int ** int with a non-constant or negative exponent has a value-dependent "
                                  "type (int or float)", "write float(base) ** exponent, or a constant exponent")
        operand_type = INT if result == FLOAT and op == "div" and kinds <= {"int", "bool"} else result
        return ir.BinOp(op, self.convert(left, operand_type, node), self.convert(right, operand_type, node),
                        result, loc(node))

    def bit_op(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        """`& | ^ << >>` of Python ints and bools (bool & bool stays a bool, as in Python)."""
        if left.type not in (INT, BOOL) or right.type not in (INT, BOOL):
            raise Unsupported(node, f"'{_SYMBOL[op]}' between {left.type} and {right.type} is not supported yet",
                              "bit operations are supported on int and bool values")
        if left.type == right.type == BOOL and op in ("bitand", "bitor", "bitxor"):
            return ir.BinOp(op, left, right, BOOL, loc(node))
        return ir.BinOp(op, self.convert(left, INT, node), self.convert(right, INT, node), INT, loc(node))

    def array_binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        """Arithmetic with an array operand, in the dtype NumPy 2 promotes the operands to."""
        return promotion.array_arithmetic(op, left, right, _SYMBOL[op], broadcast_ndim(left.type, right.type), node,
                                          lambda value, to: self.convert(value, to, node))

    def numpy_scalar_binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        """Arithmetic on NumPy integer scalars (a sum or an index NumPy returned): NumPy's dtype and
        wraparound, as on arrays."""
        operand, result = promotion.arithmetic_dtypes(op, [left, right], _SYMBOL[op], node)
        convert = lambda value, to: self.convert(value, to, node)  # noqa: E731
        return ir.BinOp(op, promotion.as_dtype(left, operand, convert), promotion.as_dtype(right, operand, convert),
                        ELEMENT_OF_DTYPE[result], loc(node))

    def to_element(self, value: ir.Expr, node: ast.AST) -> ir.Expr:
        """A scalar operand of an array operation becomes a float64 (NumPy's weak-scalar rule)."""
        if isinstance(value.type, Scalar) and value.type != NP_FLOAT64 and value.type.kind != "np_bool":
            if is_bool(value.type):
                raise Unsupported(node, "bool scalars in array arithmetic are not supported yet", "use 0.0/1.0")
            return self.convert(value, NP_FLOAT64, node)
        return value

    def expr_Compare(self, node: ast.Compare, scope: Scope) -> ir.Expr:
        static = self.dtype_test(node, scope)
        if static is not None:
            return static
        operands = [self.expr(node.left, scope)] + [self.expr(c, scope) for c in node.comparators]
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)):
            return self.none_check(operands[0], operands[1], isinstance(node.ops[0], ast.Is), node)
        parts: list[ir.Expr] = []
        for index, op_node in enumerate(node.ops):
            op = _CMPOPS.get(type(op_node))
            if op is None:
                raise Unsupported(node, f"comparison '{type(op_node).__name__}' is not supported yet")
            if 0 < index < len(node.ops) and not isinstance(operands[index], (ir.Var, ir.Const, ir.GlobalConst)):
                raise Unsupported(node, "chained comparison with a computed middle operand is not supported yet",
                                  "store the middle operand in a variable first")
            parts.append(self.compare(op, operands[index], operands[index + 1], node))
        if len(parts) == 1:
            return parts[0]
        if any(is_array(p.type) for p in parts):
            raise Unsupported(node, "chained comparison of arrays is ambiguous (NumPy raises ValueError)",
                              "combine the comparisons with '&'")
        return ir.BoolOp("and", parts, BOOL, loc(node))

    def dtype_test(self, node: ast.Compare, scope: Scope) -> ir.Expr | None:
        """`x.dtype == np.float64` (or `!=`) of an array: known when compiling (the compiled function
        takes arrays of one dtype)."""
        if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            return None
        sides = [node.left, node.comparators[0]]
        attribute = next((s for s in sides if isinstance(s, ast.Attribute) and s.attr == "dtype"), None)
        if attribute is None or (self.ctx.imports.qualified(attribute) is not None):
            return None
        other = sides[1] if attribute is sides[0] else sides[0]
        spelled = arrays.dtype_spelling(other, self.ctx.imports)
        array = self.expr(attribute.value, scope)  # type: ignore[attr-defined]
        if not isinstance(array.type, Array):
            return None
        if isinstance(other, ast.Attribute) and other.attr == "dtype" and spelled is None:  # `x.dtype == y.dtype`
            second = self.expr(other.value, scope)
            spelled = second.type.dtype if isinstance(second.type, Array) else None
        if spelled is None:
            raise Unsupported(other, f"comparing a dtype with '{ast.unparse(other)}' is not supported yet",
                              "compare with a NumPy scalar type, e.g. x.dtype == np.float64")
        return ir.Const((spelled == array.type.dtype) == isinstance(node.ops[0], ast.Eq), BOOL, loc(node))

    def none_check(self, left: ir.Expr, right: ir.Expr, is_: bool, node: ast.AST) -> ir.Expr:
        """`x is None` / `x is not None` (the only identity tests with a meaning fixed at build time)."""
        value = left if right.type == NONE else right if left.type == NONE else None
        if value is None:
            raise Unsupported(node, "'is' is supported only to compare with None", "use '==' to compare values")
        if isinstance(value.type, OptionalType):
            check: ir.Expr = ir.Intrinsic("optional.is_none", [value], BOOL, loc(node))
            return check if is_ else ir.UnaryOp("not", check, BOOL, loc(node))
        return ir.Const(is_ == (value.type == NONE), BOOL, loc(node))  # a value of another type is never None

    def compare(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        kinds = {getattr(left.type, "kind", ""), getattr(right.type, "kind", "")}
        if is_array(left.type) or is_array(right.type) or kinds & _NUMPY_SCALAR_KINDS:
            return self.numpy_compare(op, left, right, node)
        if not (isinstance(left.type, Scalar) and isinstance(right.type, Scalar)):
            raise Unsupported(node, f"comparing {left.type} with {right.type} is not supported")
        if COMPLEX in (left.type, right.type):
            return self.complex_compare(op, left, right, node)
        numpy = left.type.is_numpy or right.type.is_numpy
        if numpy:
            return ir.Compare(op, self.to_element(left, node), self.to_element(right, node), NP_BOOL, loc(node))
        kinds = {left.type.kind, right.type.kind}
        if "dyn_float" in kinds:  # compared as floats; numpy.bool_ when a numpy.float64 took part
            return ir.Compare(op, left, right, DYN_BOOL, loc(node))
        if kinds <= {"int", "bool"}:
            return ir.Compare(op, self.convert(left, INT, node), self.convert(right, INT, node), BOOL, loc(node))
        if kinds == {"float"}:
            return ir.Compare(op, left, right, BOOL, loc(node))
        # int vs float: Python compares exactly, not through a float conversion of the int
        return ir.Compare(op, self.convert_bool_to_int(left, node), self.convert_bool_to_int(right, node), BOOL,
                          loc(node))

    def numpy_compare(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        """A comparison with an array or NumPy integer operand, in the operands' common dtype."""
        dtype = promotion.common_dtype([left, right], "comparing", node)
        if dtype in SMALL_INTEGER_DTYPES and INT in (left.type, right.type):
            dtype = "int64"  # NumPy compares with a Python int by value, even one beyond the dtype
        convert = lambda value, to: self.convert(value, to, node)  # noqa: E731
        operands = [promotion.as_dtype(side, dtype, convert) for side in (left, right)]
        typ: Type = NP_BOOL
        if is_array(left.type) or is_array(right.type):
            typ = Array("bool", broadcast_ndim(left.type, right.type), ufunc_result=True)
        return ir.Compare(op, operands[0], operands[1], typ, loc(node))

    def convert_bool_to_int(self, value: ir.Expr, node: ast.AST) -> ir.Expr:
        return self.convert(value, INT, node) if value.type == BOOL else value

    def expr_BoolOp(self, node: ast.BoolOp, scope: Scope) -> ir.Expr:
        values = [self.expr(v, scope) for v in node.values]
        types = {v.type for v in values}
        if len(types) == 1 and types <= {INT, FLOAT}:  # Python returns one operand: of that one type
            op = "and" if isinstance(node.op, ast.And) else "or"
            return ir.BoolOp(op, values, values[0].type, loc(node))
        if types != {BOOL}:
            raise Unsupported(node, "'and'/'or' are supported on operands of one type (bool, int or float), got "
                              f"{', '.join(sorted(map(str, types)))}: Python returns one of the operands",
                              "convert to one type (float(n)) or compare explicitly, e.g. 'x != 0 and y > 1'")
        op = "and" if isinstance(node.op, ast.And) else "or"
        return ir.BoolOp(op, values, BOOL, loc(node))

    def expr_IfExp(self, node: ast.IfExp, scope: Scope) -> ir.Expr:
        test = self.condition(node.test, scope)
        body, orelse = self.expr(node.body, scope), self.expr(node.orelse, scope)
        typ = body.type if body.type == orelse.type else (
            merge_scalars(body.type, orelse.type) or merge_arrays({body.type, orelse.type}))
        if typ is not None and isinstance(typ, Scalar):
            body, orelse = self.convert(body, typ, node), self.convert(orelse, typ, node)
        if typ is None:
            raise Unsupported(node, f"the two branches have different types ({body.type} and {orelse.type})",
                              "make both branches the same type, e.g. with float(...)")
        return ir.IfExp(test, body, orelse, typ, loc(node))

    def expr_Tuple(self, node: ast.Tuple, scope: Scope) -> ir.Expr:
        items = [self.expr(e, scope) for e in node.elts]
        return ir.TupleExpr(items, TupleType(tuple(i.type for i in items)), loc(node))

    def convert(self, value: ir.Expr, to: Type, node: ast.AST) -> ir.Expr:
        if value.type == to:
            return value
        if isinstance(value, ir.Const) and isinstance(to, Scalar) and value.value is not None:
            if to.kind in ("float", "np_float64"):
                return ir.Const(float(value.value), to, value.loc)
            if to.kind == "int" and isinstance(value.value, (bool, int)):
                return ir.Const(int(value.value), to, value.loc)
        return ir.Convert(value, to, value.loc)
