"""Expressions -> Rust. Python-typed scalars get Python semantics (checked through `pyrs::`),
NumPy-typed scalars and kernel elements get NumPy's (plain IEEE arithmetic)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pyrs_build.ir import nodes as ir
from pyrs_build.ir.walk import free_vars
from pyrs_build.ir.dtypes import DTYPE_OF_ELEMENT_KIND, ELEMENT_KINDS, INTEGER_DTYPES
from pyrs_build.ir.types import Array, ListType, NoneType, OptionalType, Scalar, TupleType, Type
from pyrs_build.rustgen.names import element_function_name, rust_ident, rust_string
from pyrs_build.rustgen.types import dimension, element_type, rust_type, to_python

ATOM, UNARY, CAST, MUL, ADD, CMP, AND, OR, LOWEST = 100, 90, 85, 80, 70, 50, 40, 30, 0
Code = tuple[str, int]

BITAND, BITXOR, BITOR = 60, 58, 56
_OPERATORS = {"add": ("+", ADD), "sub": ("-", ADD), "mul": ("*", MUL), "div": ("/", MUL),
              "bitor": ("|", BITOR), "bitand": ("&", BITAND), "bitxor": ("^", BITXOR)}
_CMP = {"lt": "<", "le": "<=", "gt": ">", "ge": ">=", "eq": "==", "ne": "!="}
_ORDERING = {"lt": "Some(Ordering::Less)", "le": "Some(Ordering::Less | Ordering::Equal)",
             "gt": "Some(Ordering::Greater)", "ge": "Some(Ordering::Greater | Ordering::Equal)",
             "eq": "Some(Ordering::Equal)"}
_INT_OPS = {"add": "int_add", "sub": "int_sub", "mul": "int_mul", "floordiv": "int_floordiv", "mod": "int_mod",
            "pow": "int_pow", "div": "int_truediv"}
_BIT_OPERATORS = {"bitand": "&", "bitor": "|", "bitxor": "^"}  # on i64 and bool alike; never overflow
_FLOAT_OPS = {"div": "float_div", "floordiv": "float_floordiv", "mod": "float_mod", "pow": "float_pow"}
# zero and one of each dtype, as Rust literals
_ZERO = {"float64": "0.0f64", "float32": "0.0f32", "bool": "false", **{d: f"0{element_type(d)}" for d in INTEGER_DTYPES}}
_ONE = {"float64": "1.0f64", "float32": "1.0f32", "bool": "true", **{d: f"1{element_type(d)}" for d in INTEGER_DTYPES}}
# NumPy integer elements (their Rust type by scalar kind): arithmetic wraps around
_INT_ELEMENTS = {ELEMENT_KINDS[d]: element_type(d) for d in INTEGER_DTYPES}
_NUMPY_INT_OPS = {"add": "{t}::wrapping_add", "sub": "{t}::wrapping_sub", "mul": "{t}::wrapping_mul",
                  "floordiv": "pyrs::npint::floor_divide_{t}", "mod": "pyrs::npint::remainder_{t}",
                  "pow": "pyrs::npint::power_{t}"}
# NumPy functions with an integer loop, on integer elements of Rust type {t}
NUMPY_INT_FUNCTIONS = {"abs": "{t}::wrapping_abs", "absolute": "{t}::wrapping_abs", "negative": "{t}::wrapping_neg",
                       "square": "pyrs::npint::square_{t}", "sign": "pyrs::npint::sign_{t}", "maximum": "{t}::max",
                       "minimum": "{t}::min", "add": "{t}::wrapping_add", "subtract": "{t}::wrapping_sub",
                       "multiply": "{t}::wrapping_mul", "floor_divide": "pyrs::npint::floor_divide_{t}",
                       "remainder": "pyrs::npint::remainder_{t}", "mod": "pyrs::npint::remainder_{t}"}
# NumPy functions on float32 elements (the frontend's FLOAT32_UFUNCS)
NUMPY_F32_FUNCTIONS = {
    "sqrt": "f32::sqrt", "abs": "f32::abs", "absolute": "f32::abs", "fabs": "f32::abs", "square": "pyrs::npf32::square",
    "floor": "f32::floor", "ceil": "f32::ceil", "trunc": "f32::trunc", "rint": "f32::round_ties_even",
    "maximum": "pyrs::npf32::maximum", "minimum": "pyrs::npf32::minimum", "isnan": "f32::is_nan",
    "isinf": "f32::is_infinite", "isfinite": "f32::is_finite", "exp": "f32::exp", "log": "f32::ln", "sin": "f32::sin",
    "cos": "f32::cos", "tanh": "f32::tanh",
}
_NUMPY_OPS = {"floordiv": "pyrs::np::floor_divide", "mod": "pyrs::np::remainder", "pow": "f64::powf"}

# NumPy float64 functions per element: a Rust function taking the arguments in order
NUMPY_FUNCTIONS = {
    "exp": "pyrs::vmath::exp", "exp2": "f64::exp2", "expm1": "pyrs::vmath::expm1", "log": "pyrs::vmath::ln",
    "log2": "f64::log2",
    "log10": "f64::log10", "log1p": "pyrs::vmath::log1p", "sqrt": "f64::sqrt", "cbrt": "f64::cbrt",
    "square": "pyrs::np::square", "abs": "f64::abs", "absolute": "f64::abs", "fabs": "f64::abs",
    "reciprocal": "pyrs::np::reciprocal", "sin": "f64::sin", "cos": "f64::cos", "tan": "f64::tan",
    "arcsin": "f64::asin", "arccos": "f64::acos", "arctan": "f64::atan", "sinh": "pyrs::vmath::sinh",
    "cosh": "pyrs::vmath::cosh", "tanh": "pyrs::vmath::tanh", "arcsinh": "pyrs::libm::asinh",
    "arccosh": "pyrs::math::acosh_f64",
    "arctanh": "pyrs::libm::atanh", "floor": "f64::floor", "ceil": "f64::ceil", "trunc": "f64::trunc",
    "rint": "f64::round_ties_even", "sign": "pyrs::np::sign", "deg2rad": "pyrs::np::deg2rad",
    "radians": "pyrs::np::deg2rad", "rad2deg": "pyrs::np::rad2deg", "degrees": "pyrs::np::rad2deg",
    "power": "pyrs::vmath::pow", "arctan2": "f64::atan2", "hypot": "f64::hypot", "maximum": "pyrs::np::maximum",
    "minimum": "pyrs::np::minimum", "fmax": "pyrs::np::fmax", "fmin": "pyrs::np::fmin", "copysign": "f64::copysign",
    "logaddexp": "pyrs::np::logaddexp", "floor_divide": "pyrs::np::floor_divide",
    "remainder": "pyrs::np::remainder", "mod": "pyrs::np::remainder", "fmod": "pyrs::np::fmod",
    "isnan": "f64::is_nan", "isinf": "f64::is_infinite", "isfinite": "f64::is_finite",
    "signbit": "f64::is_sign_negative", "round": "f64::round_ties_even", "around": "f64::round_ties_even",
    "clip": "pyrs::np::clip",
}
# SciPy functions per element, by argument count
SCIPY_FUNCTIONS = {
    ("scipy.special.erf", 1): "pyrs::np::erf", ("scipy.special.erfc", 1): "pyrs::np::erfc",
    ("scipy.special.ndtr", 1): "pyrs::np::ndtr", ("scipy.stats.norm.cdf", 1): "pyrs::np::ndtr",
    ("scipy.stats.norm.cdf", 3): "pyrs::np::norm_cdf_scaled", ("scipy.stats.norm.pdf", 1): "pyrs::np::norm_pdf",
    ("scipy.stats.norm.pdf", 3): "pyrs::np::norm_pdf_scaled",
}
# parts of complex values and `X | None` checks: Rust on the value ("optional.value" is used where the
# frontend proved it is not None; were it None, the original Python function would answer)
_VALUE_QUERIES = {"complex.real": "{}.re", "complex.imag": "{}.im", "complex.conjugate": "{}.conjugate()",
                  "optional.value": "{}.ok_or_else(pyrs::deopt)?", "optional.is_none": "{}.is_none()"}
_NUMPY_OPERATOR_FUNCTIONS = {"add": "add", "subtract": "sub", "multiply": "mul", "divide": "div",
                             "true_divide": "div"}


def float_literal(value: float) -> str:
    if math.isnan(value):
        return "f64::NAN"
    if math.isinf(value):
        return "f64::INFINITY" if value > 0 else "f64::NEG_INFINITY"
    text = repr(value)
    return text if any(c in text for c in ".eE") else text + ".0"


@dataclass
class ExprEmitter:
    """Emits expressions of one function. `views`: array names held as views (parameters)."""

    views: set[str] = field(default_factory=set)
    moved: set[str] | None = None  # set while emitting a return: names that may be moved out
    element_tuples: bool = False  # in a per-element function: tuples of outputs are Rust arrays
    signatures: dict[str, list[Type]] = field(default_factory=dict)  # parameter types of module functions

    def code(self, expr: ir.Expr) -> str:
        return self.emit(expr)[0]

    def emit(self, expr: ir.Expr) -> Code:
        return getattr(self, f"emit_{type(expr).__name__}")(expr)

    def wrap(self, expr: ir.Expr, minimum: int) -> str:
        text, prec = self.emit(expr)
        return text if prec >= minimum else f"({text})"

    # ---- leaves ---------------------------------------------------------------------------------

    def emit_Const(self, expr: ir.Const) -> Code:
        value = expr.value
        if isinstance(value, bool):
            return ("true" if value else "false"), ATOM
        if expr.type == Scalar("int"):
            return str(value), ATOM if value >= 0 else UNARY  # type: ignore[operator]
        if isinstance(expr.type, Scalar) and expr.type.is_floating:
            text = float_literal(float(value))  # type: ignore[arg-type]
            return text, UNARY if text.startswith("-") else ATOM
        if value is None:
            return ("None" if isinstance(expr.type, OptionalType) else "()"), ATOM
        raise TypeError(expr)

    def emit_Var(self, expr: ir.Var) -> Code:
        return rust_ident(expr.name), ATOM

    def emit_GlobalConst(self, expr: ir.GlobalConst) -> Code:
        return rust_ident(expr.name), ATOM

    def emit_Element(self, expr: ir.Element) -> Code:
        return rust_ident(expr.name), ATOM

    # ---- arrays as values -----------------------------------------------------------------------

    def view(self, expr: ir.Expr) -> str:
        """A borrowed view of an array-valued expression."""
        if isinstance(expr, ir.Var):
            return f"{rust_ident(expr.name)}.view()"  # views are not Copy: re-borrow, never move
        return f"{self.wrap(expr, ATOM)}.view()"

    def produced_dimension(self, expr: ir.Expr) -> str:
        """The dimension type of the Rust value an array expression evaluates to: loops and array
        creation make dynamic arrays; variables and calls have the dimension of their type."""
        assert isinstance(expr.type, Array)
        if isinstance(expr, ir.Intrinsic) and (
                expr.name.startswith("numpy.") or expr.name in ("array.reshape", "array.ravel", "array.flatten", "array.take",
                                                                 "create.concatenate", "create.stack")):
            return "IxDyn"
        if isinstance(expr, ir.Intrinsic) and expr.name in ("array.T", "array.zeros_like", "array.ones_like",
                                                            "array.copy_c", "array.copy_k", "array.float_to_int"):
            return self.produced_dimension(expr.args[0])  # the argument's dimension type
        if isinstance(expr, ir.Intrinsic) and expr.name.startswith("axis.") and not expr.name.endswith("_flat") \
                and isinstance(expr.args[0].type, Array) and self.produced_dimension(expr.args[0]) == "IxDyn":
            return "IxDyn"  # along an axis of a dynamic array (a view): a dynamic array
        return dimension(expr.type)

    def coerce(self, code: str, source: str, target: str) -> str:
        if source == target:
            return code
        if target == "IxDyn":
            return f"{code}.into_dyn()"
        return f"pyrs::fixed::<_, {target}>({code})?"

    def owned_as(self, expr: ir.Expr, target: Type) -> str:
        """An owned value of `expr` with the Rust type of `target` (array dimensions converted)."""
        if isinstance(target, TupleType) and isinstance(expr, ir.TupleExpr) and not self.element_tuples:
            items = [self.owned_as(i, t) for i, t in zip(expr.items, target.items)]
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        if isinstance(target, TupleType) and isinstance(expr.type, TupleType) and not self.element_tuples:
            # a multi-output loop makes dynamic arrays; anything else has the dimensions of its type
            sources = [("IxDyn" if isinstance(expr, ir.Kernel) else dimension(t)) if isinstance(t, Array) else None
                       for t in expr.type.items]
            targets = [dimension(t) if isinstance(t, Array) else None for t in target.items]
            if sources == targets:
                return self.owned(expr)
            names = [f"item{i}" for i in range(len(target.items))]
            items = [self.coerce(n, s, t) if t else n for n, s, t in zip(names, sources, targets)]
            return f"{{ let ({', '.join(names)},) = {self.owned(expr)}; ({', '.join(items)},) }}"
        code = self.owned(expr)
        if isinstance(target, Array) and isinstance(expr.type, Array):
            return self.coerce(code, self.produced_dimension(expr), dimension(target))
        return code

    def owned(self, expr: ir.Expr) -> str:
        """An owned value: arrays held as views are copied, local arrays cloned unless moved out."""
        if isinstance(expr, ir.TupleExpr) and self.element_tuples:
            return self.emit_TupleExpr(expr)[0]
        if isinstance(expr, ir.TupleExpr):
            items = [self.owned(i) for i in expr.items]
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        if isinstance(expr, ir.Var) and isinstance(expr.type, (Array, ListType)):
            name = rust_ident(expr.name)
            if expr.name in self.views:
                return f"{name}.to_vec()" if isinstance(expr.type, ListType) else f"pyrs::arrays::owned(&{name})?"
            if self.moved is not None and expr.name not in self.moved:
                self.moved.add(expr.name)
                return name
            return f"{name}.clone()"
        if isinstance(expr, ir.Var) and isinstance(expr.type, TupleType):
            return f"{rust_ident(expr.name)}.clone()"
        if isinstance(expr, ir.SliceView) or (isinstance(expr, ir.Intrinsic) and expr.name == "array.T"):
            return f"pyrs::arrays::owned(&{self.code(expr)})?"
        return self.code(expr)

    # ---- operators ------------------------------------------------------------------------------

    def emit_BinOp(self, expr: ir.BinOp) -> Code:
        kind = expr.type.kind if isinstance(expr.type, Scalar) else "np_float64"
        if kind == "complex":
            fallible = "?" if expr.op == "div" else ""
            return f"pyrs::pycomplex::complex_{expr.op}({self.code(expr.left)}, {self.code(expr.right)}){fallible}", ATOM
        if expr.op in _BIT_OPERATORS:
            # operands parenthesised: Rust's `&` binds tighter than its comparisons (`(a > b) & c`)
            return f"({self.wrap(expr.left, ATOM)} {_BIT_OPERATORS[expr.op]} {self.wrap(expr.right, ATOM)})", ATOM
        if expr.op in ("lshift", "rshift"):
            return f"pyrs::int_{expr.op}({self.code(expr.left)}, {self.code(expr.right)})?", ATOM
        if kind in _INT_ELEMENTS:
            function = _NUMPY_INT_OPS[expr.op].format(t=_INT_ELEMENTS[kind])
            return f"{function}({self.code(expr.left)}, {self.code(expr.right)})", ATOM
        if kind == "int" or (kind == "float" and expr.left.type == Scalar("int")):
            args = f"{self.code(expr.left)}, {self.code(expr.right)}"
            return f"pyrs::{_INT_OPS[expr.op]}({args})?", ATOM
        if kind == "dyn_float" and expr.op in _FLOAT_OPS:
            return f"pyrs::dyn_{_FLOAT_OPS[expr.op].removeprefix('float_')}({self.code(expr.left)}, " \
                   f"{self.code(expr.right)})?", ATOM
        if kind == "float" and expr.op in _FLOAT_OPS:
            return f"pyrs::{_FLOAT_OPS[expr.op]}({self.code(expr.left)}, {self.code(expr.right)})?", ATOM
        if expr.op in _OPERATORS:
            return self.infix(_OPERATORS[expr.op], expr.left, expr.right)
        return f"{_NUMPY_OPS[expr.op]}({self.code(expr.left)}, {self.code(expr.right)})", ATOM

    def infix(self, operator: tuple[str, int], left: ir.Expr, right: ir.Expr) -> Code:
        symbol, prec = operator
        return f"{self.wrap(left, prec)} {symbol} {self.wrap(right, prec + 1)}", prec

    def emit_UnaryOp(self, expr: ir.UnaryOp) -> Code:
        if expr.op == "not":
            return f"!{self.wrap(expr.operand, UNARY)}", UNARY
        if expr.op == "pos":
            return self.emit(expr.operand)
        if expr.op == "invert":
            return f"!{self.wrap(expr.operand, UNARY)}", UNARY
        if expr.type == Scalar("int"):
            return f"pyrs::int_neg({self.code(expr.operand)})?", ATOM
        if expr.type.kind in _INT_ELEMENTS:  # type: ignore[union-attr]  # wraps: -MIN is MIN in NumPy
            return f"{self.wrap(expr.operand, ATOM)}.wrapping_neg()", ATOM
        if expr.type == Scalar("complex"):
            return f"pyrs::pycomplex::complex_neg({self.code(expr.operand)})", ATOM
        return f"-{self.wrap(expr.operand, UNARY)}", UNARY

    def emit_Compare(self, expr: ir.Compare) -> Code:
        if expr.type == Scalar("dyn_bool"):
            return self.dynamic_compare(expr)
        left, right = expr.left.type, expr.right.type
        if left == Scalar("int") and isinstance(right, Scalar) and right.is_floating:
            return self.mixed_compare("cmp_int_float", expr)
        if right == Scalar("int") and isinstance(left, Scalar) and left.is_floating:
            return self.mixed_compare("cmp_float_int", expr)
        return f"{self.comparand(expr.left)} {_CMP[expr.op]} {self.comparand(expr.right)}", CMP

    def comparand(self, expr: ir.Expr) -> str:
        """An operand of a comparison: a cast is parenthesised (`x as i64 < k` parses as generics)."""
        text, prec = self.emit(expr)
        return f"({text})" if prec <= CMP or prec == CAST else text

    def dynamic_compare(self, expr: ir.Compare) -> Code:
        """A comparison with a float-or-numpy.float64 operand: compare the values, keep the kind."""
        def value(side: ir.Expr) -> ir.Expr:
            return ir.Convert(side, Scalar("float"), side.loc) if side.type == Scalar("dyn_float") else side

        plain = self.code(ir.Compare(expr.op, value(expr.left), value(expr.right), Scalar("bool"), expr.loc))
        flags = [f"{self.wrap(side, ATOM)}.numpy" for side in (expr.left, expr.right)
                 if side.type == Scalar("dyn_float")]
        return f"pyrs::Bool {{ value: {plain}, numpy: {' || '.join(flags)} }}", ATOM

    def mixed_compare(self, function: str, expr: ir.Compare) -> Code:
        call = f"pyrs::{function}({self.code(expr.left)}, {self.code(expr.right)})"
        if expr.op == "ne":
            return f"!matches!({call}, Some(Ordering::Equal))", UNARY
        return f"matches!({call}, {_ORDERING[expr.op]})", ATOM

    def emit_BoolOp(self, expr: ir.BoolOp) -> Code:
        if expr.type != Scalar("bool"):
            return self.value_bool_op(expr)
        symbol, prec = ("&&", AND) if expr.op == "and" else ("||", OR)
        return f" {symbol} ".join(self.wrap(v, prec + 1) for v in expr.values), prec

    def value_bool_op(self, expr: ir.BoolOp) -> Code:
        """`a or b` / `a and b` of ints or floats: the first operand that decides, evaluated once;
        the later ones only when reached."""
        zero = "0" if expr.type == Scalar("int") else "0.0"
        code = self.code(expr.values[-1])
        for value in reversed(expr.values[:-1]):
            keep = "!=" if expr.op == "or" else "=="
            code = f"{{ let operand = {self.code(value)}; if operand {keep} {zero} {{ operand }} else {{ {code} }} }}"
        return code, ATOM

    def emit_IfExp(self, expr: ir.IfExp) -> Code:
        if isinstance(expr.type, Array):
            body, orelse = self.owned_as(expr.body, expr.type), self.owned_as(expr.orelse, expr.type)
        else:
            body, orelse = self.code(expr.body), self.code(expr.orelse)
        return f"if {self.code(expr.test)} {{ {body} }} else {{ {orelse} }}", LOWEST

    def emit_TupleExpr(self, expr: ir.TupleExpr) -> Code:
        if self.element_tuples:  # several outputs of one elementwise loop
            return "[" + ", ".join(self.code(i) for i in expr.items) + "]", ATOM
        return self.owned(expr), ATOM

    def emit_Convert(self, expr: ir.Convert) -> Code:
        source, target = expr.operand.type, expr.type
        if target == Scalar("complex") and source != target:  # complex(x, 0.0)
            return f"pyrs::Complex::from_real({self.code(expr.operand)})", ATOM
        if isinstance(target, OptionalType):  # None, or Some of a value of the inner type
            if isinstance(source, OptionalType):
                return self.emit(expr.operand)
            if isinstance(source, NoneType):
                return "None", ATOM
            return f"Some({self.code(ir.Convert(expr.operand, target.inner, expr.loc))})", ATOM
        assert isinstance(source, Scalar) and isinstance(target, Scalar)
        if source.kind in ("dyn_float", "dyn_bool"):
            return f"{self.wrap(expr.operand, ATOM)}.value", ATOM
        if target.kind in ("dyn_float", "dyn_bool"):
            kind = "Float" if target.kind == "dyn_float" else "Bool"
            plain = Scalar("float") if target.kind == "dyn_float" else Scalar("bool")
            inner = self.code(ir.Convert(expr.operand, plain, expr.loc)) if source.kind == "int" else self.code(
                expr.operand)
            return f"pyrs::{kind}::{'np' if source.is_numpy else 'py'}({inner})", ATOM
        if target.kind == "np_bool" and source.kind in ("np_float64", "np_float32", *_INT_ELEMENTS):  # nonzero
            return f"{self.wrap(expr.operand, CMP + 1)} != {'0' if source.kind in _INT_ELEMENTS else '0.0'}", CMP
        if target.kind == "np_float32" or source.kind == "np_float32":
            return self.float32_conversion(expr)
        if {source.kind, target.kind} & (_INT_ELEMENTS.keys() - {"np_int64"}):
            return self.small_int_conversion(expr)
        if source.kind in ("bool", "np_bool") and target.kind in ("int", "np_int64"):
            return f"i64::from({self.code(expr.operand)})", ATOM
        if source.kind in ("bool", "np_bool") and target.is_floating:
            return f"f64::from(u8::from({self.code(expr.operand)}))", ATOM
        if source.kind in ("int", "np_int64") and target.is_floating:
            return f"{self.wrap(expr.operand, CAST)} as f64", CAST
        return self.emit(expr.operand)  # same Rust type, other Python semantics

    def small_int_conversion(self, expr: ir.Convert) -> Code:
        """Conversions to and from int32/uint8/uint32 elements: between integers NumPy's C casts
        (wrapping, as Rust's `as`), to floats and Python ints exactly."""
        source, target = expr.operand.type.kind, expr.type.kind  # type: ignore[union-attr]
        if target in _INT_ELEMENTS:
            rust = _INT_ELEMENTS[target]
            if source in ("bool", "np_bool"):
                return f"{rust}::from({self.code(expr.operand)})", ATOM
            if source in _INT_ELEMENTS:
                return f"{self.wrap(expr.operand, CAST)} as {rust}", CAST
            if isinstance(expr.operand, ir.Const):  # a literal the frontend checked fits
                return self.emit(expr.operand)
            dtype = DTYPE_OF_ELEMENT_KIND[target]
            return f"pyrs::npint::weak_int::<{rust}>({self.code(expr.operand)}, {rust_string(dtype)})?", ATOM
        rust = "i64" if target in ("int", "np_int64") else "f64"  # exact: every int32/uint32 fits both
        return f"{rust}::from({self.code(expr.operand)})", ATOM

    def float32_conversion(self, expr: ir.Convert) -> Code:
        """Conversions to and from float32 elements, rounded as NumPy rounds them: a Python int (a
        weak scalar) goes through a float64 first, as NumPy converts it; an int64 element directly."""
        source, target = expr.operand.type.kind, expr.type.kind  # type: ignore[union-attr]
        operand = self.wrap(expr.operand, CAST)
        if source == "np_float32":
            return (f"f64::from({self.code(expr.operand)})", ATOM) if target != "np_float32" else self.emit(
                expr.operand)
        if source in ("bool", "np_bool"):
            return f"f32::from(u8::from({self.code(expr.operand)}))", ATOM
        if source in _INT_ELEMENTS:
            return f"{operand} as f32", CAST
        return f"{operand} as f64 as f32", CAST  # Python int or float, numpy.float64

    # ---- calls ----------------------------------------------------------------------------------

    def emit_Call(self, expr: ir.Call) -> Code:
        if expr.python:
            return self.python_call(expr), ATOM
        if expr.element:  # the per-element form of an elementwise function: plain scalar code
            return f"{element_function_name(expr.func)}({', '.join(self.code(a) for a in expr.args)})", ATOM
        params = self.signatures.get(expr.func, [])
        args = []
        for index, arg in enumerate(expr.args):
            if isinstance(arg.type, ListType):
                args.append(f"&{self.array_ref(arg)}")
            elif isinstance(arg.type, Array):
                view = self.view(arg)
                target = params[index] if index < len(params) else arg.type
                args.append(self.coerce(view, self.produced_dimension(arg), dimension(target)))  # type: ignore[arg-type]
            else:
                args.append(self.code(arg))
        return f"{rust_ident(expr.func)}({', '.join(args)})?", ATOM

    def python_call(self, expr: ir.Call) -> str:
        """A function that stays Python, called through the interpreter (runtime `python_calls`)."""
        args = ", ".join(f"pyrs::boundary::{to_python(a.type)}(py, {self.code(a)})?" for a in expr.args)
        keywords = ", ".join(rust_string(k) for k in expr.keywords)
        return (f"pyrs::python_calls::call_python::<{rust_type(expr.type)}>(&NAMESPACE, {rust_string(expr.func)}, "
                f"&[{keywords}], |py| Ok(vec![{args}]))?")

    def emit_Intrinsic(self, expr: ir.Intrinsic) -> Code:
        name, args = expr.name, expr.args
        if name == "pyrs.tuple_item":
            whole, position = args[0], args[1].value  # type: ignore[union-attr]
            if isinstance(whole, ir.Intrinsic) and whole.name == "array.shape":  # x.shape[k]
                return f"{self.array_ref(whole.args[0])}.shape()[{position}] as i64", CAST
            return f"{self.wrap(whole, ATOM)}.{position}", ATOM
        if name == "pyrs.range_len":
            return f"pyrs::range_len({', '.join(self.code(a) for a in args)})?", ATOM
        if name == "pyrs.power_array_scalar":
            return f"pyrs::np::power_array_scalar({self.code(args[0])}, {self.code(args[1])})", ATOM
        if name == "pyrs.power":
            return f"pyrs::vmath::pow({self.code(args[0])}, {self.code(args[1])})", ATOM
        if name == "npint.weak_int":
            return self.small_int_conversion(ir.Convert(args[0], expr.type, expr.loc))
        if name.startswith("array."):
            return self.array_query(name.removeprefix("array."), args, expr.type)
        if name == "complex":
            return f"pyrs::Complex::new({self.code(args[0])}, {self.code(args[1])})", ATOM
        if name in _VALUE_QUERIES:
            return _VALUE_QUERIES[name].format(self.wrap(args[0], ATOM)), ATOM
        if name.startswith("list."):
            return self.list_operation(name.removeprefix("list."), args, expr)
        if name.startswith("linalg."):
            refs = ", ".join(self.fixed_ref(a) if isinstance(a.type, Array) else self.code(a) for a in args)
            return f"pyrs::linalg::{name.removeprefix('linalg.')}({refs})?", ATOM
        if name in ("create.concatenate", "create.stack"):
            views = ", ".join(f"{self.view(a)}.into_dyn()" for a in args[1:])
            return f"{name.replace('create.', 'pyrs::create::')}({self.code(args[0])} as usize, &[{views}])?", ATOM
        if name == "create.array":
            ndim = expr.type.ndim  # type: ignore[union-attr]
            shape, values = args[:ndim], args[ndim:]
            return (f"pyrs::fixed::<_, Ix{ndim}>(pyrs::create::array(&[{', '.join(self.code(a) for a in shape)}], "
                    f"vec![{', '.join(self.code(v) for v in values)}])?)?"), ATOM
        if name.startswith("create."):
            return f"pyrs::create::{name.removeprefix('create.')}({', '.join(self.code(a) for a in args)})?", ATOM
        if name.startswith("axis."):
            return self.axis_function(name.removeprefix("axis."), args, expr.type)
        if name in ("reduce.any", "reduce.all"):
            return f"pyrs::axis::{name.removeprefix('reduce.')}_all(&{self.array_ref(args[0])})", ATOM
        if name.startswith("reduce."):
            dtype = args[0].type.dtype  # type: ignore[union-attr]
            suffix = "" if dtype == "float64" else f"_{element_type(dtype)}"
            return f"pyrs::reduce::{name.removeprefix('reduce.')}{suffix}(&{self.array_ref(args[0])})?", ATOM
        if name in ("numpy.zeros", "numpy.ones", "numpy.empty"):  # empty: any values will do
            value = _ONE if name == "numpy.ones" else _ZERO
            return f"pyrs::arrays::full(&[{', '.join(self.code(a) for a in args)}], " \
                   f"{value[expr.type.dtype]})?", ATOM  # type: ignore[union-attr]
        if name.startswith("numpy."):
            return self.numpy_function(name.removeprefix("numpy."), args)
        if (name, len(args)) in SCIPY_FUNCTIONS:
            return f"{SCIPY_FUNCTIONS[name, len(args)]}({', '.join(self.code(a) for a in args)})", ATOM
        if name.startswith("math."):
            return self.math_function(name.removeprefix("math."), args)
        return self.builtin(name, args, expr)

    def axis_function(self, op: str, args: list[ir.Expr], result: Type) -> Code:
        """`np.sum(a, axis=k, keepdims=...)` and the other reductions and scans along an axis."""
        array = self.array_ref(args[0])
        if op.endswith("_flat"):
            return f"pyrs::axis::{op}(&{array})?", ATOM
        axis, keepdims, extra = (a.value for a in args[1:])  # type: ignore[union-attr]
        if op == "diff":
            return f"pyrs::axis::diff(&{array}, {extra}, {axis})?", ATOM
        arguments = f"&{array}, {axis}" + (f", {float_literal(extra)}" if op in ("std", "var") else "")
        code = f"pyrs::axis::{op}({arguments})?"
        if keepdims:
            return f"{code}.insert_axis(pyrs::ndarray::Axis({axis}))", ATOM
        if not isinstance(result, Array):  # a 1-D array reduced to a NumPy scalar
            return f"{code}.into_scalar()", ATOM
        return code, ATOM

    def fixed_ref(self, expr: ir.Expr) -> str:
        """A borrow of an array expression with the fixed dimension of its type (loops and creation
        functions make dynamic arrays)."""
        assert isinstance(expr.type, Array)
        produced, wanted = self.produced_dimension(expr), dimension(expr.type)
        if produced == wanted:
            return f"&{self.array_ref(expr)}"
        return f"&pyrs::fixed::<_, {wanted}>({self.view(expr)})?"

    def array_ref(self, expr: ir.Expr) -> str:
        """An array expression to borrow: a variable by name, anything else computed first."""
        return rust_ident(expr.name) if isinstance(expr, ir.Var) else self.wrap(expr, ATOM)

    def array_query(self, query: str, args: list[ir.Expr], result: Type) -> Code:
        array = self.array_ref(args[0])
        if query == "item":
            return f"pyrs::item(&{array}, [{', '.join(self.code(a) for a in args[1:])}])?", ATOM
        if query == "len":
            return f"pyrs::len(&{array})?", ATOM
        if query == "float_to_int":
            return f"pyrs::arrays::float_to_{element_type(result.dtype)}(&{array})?", ATOM  # type: ignore[union-attr]
        if query in ("copy_c", "copy_k"):
            return f"pyrs::arrays::{query}(&{array})?", ATOM
        if query in ("zeros_like", "ones_like"):
            value = (_ONE if query == "ones_like" else _ZERO)[args[0].type.dtype]  # type: ignore[union-attr]
            return f"pyrs::arrays::full_like(&{array}, {value})?", ATOM
        if query == "take":
            return f"pyrs::fancy::take(&{array}, &{self.view(args[1])})?", ATOM
        if query == "masked":
            return f"pyrs::arrays::masked(&{array}, &{self.view(args[1])})?", ATOM
        if query == "T":
            return f"{array}.t()", ATOM
        if query in ("reshape", "ravel", "flatten"):
            dims = ", ".join(self.code(a) for a in args[1:]) if query == "reshape" else "-1"
            return f"pyrs::arrays::reshape(&{array}, &[{dims}])?", ATOM
        if query == "dim":
            return f"pyrs::arrays::dim(&{array}, {self.code(args[1])})?", ATOM
        if query in ("size", "ndim"):
            return f"{array}.{'len' if query == 'size' else 'ndim'}() as i64", CAST
        if query == "shape":
            assert isinstance(args[0].type, Array) and args[0].type.ndim is not None
            dims = [f"{array}.shape()[{axis}] as i64" for axis in range(args[0].type.ndim)]
            return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")", ATOM
        raise TypeError(query)

    def list_operation(self, operation: str, args: list[ir.Expr], expr: ir.Intrinsic) -> Code:
        if operation == "new":
            item = rust_type(expr.type.item) if isinstance(expr.type, ListType) and expr.type.item else "i64"
            if not args:
                return f"Vec::<{item}>::new()", ATOM
            return f"vec![{', '.join(self.code(a) for a in args)}]", ATOM
        if operation == "repeat":
            items = ", ".join(self.code(a) for a in args[0].args)  # type: ignore[union-attr]
            return f"pyrs::list::repeat(&[{items}], {self.code(args[1])})?", ATOM
        if operation == "copy":
            return f"{self.array_ref(args[0])}.to_vec()", ATOM
        items = f"&{self.array_ref(args[0])}"
        if operation == "append":
            # the item is computed before the list is borrowed to grow it (it may read the list)
            return f"{{ let item = {self.code(args[1])}; pyrs::list::append(&mut {self.array_ref(args[0])}, item)? }}", ATOM
        if operation in ("item", "tuple_item"):
            return f"pyrs::list::{operation}({items}, {self.code(args[1])})?", ATOM
        if operation == "len":
            return f"pyrs::list::len({items})", ATOM
        if operation == "sum":
            item = args[0].type.item.kind  # type: ignore[union-attr]
            return f"pyrs::list::sum_{item}({items}, {self.code(args[1])})?", ATOM
        return f"pyrs::list::{operation}({items})?", ATOM  # min, max

    def numpy_function(self, short: str, args: list[ir.Expr]) -> Code:
        kind = args[-1].type.kind if args and isinstance(args[-1].type, Scalar) else ""
        if kind in _INT_ELEMENTS and short in NUMPY_INT_FUNCTIONS:
            function = NUMPY_INT_FUNCTIONS[short].format(t=_INT_ELEMENTS[kind])
            return f"{function}({', '.join(self.code(a) for a in args)})", ATOM
        if args and args[-1].type == Scalar("np_float32") and short in NUMPY_F32_FUNCTIONS:
            return f"{NUMPY_F32_FUNCTIONS[short]}({', '.join(self.code(a) for a in args)})", ATOM
        if short == "where":
            return f"if {self.code(args[0])} {{ {self.code(args[1])} }} else {{ {self.code(args[2])} }}", LOWEST
        if short in _NUMPY_OPERATOR_FUNCTIONS:
            return self.infix(_OPERATORS[_NUMPY_OPERATOR_FUNCTIONS[short]], args[0], args[1])
        if short == "negative":
            return f"-{self.wrap(args[0], UNARY)}", UNARY
        if short == "positive":
            return self.emit(args[0])
        return f"{NUMPY_FUNCTIONS[short]}({', '.join(self.code(a) for a in args)})", ATOM

    def math_function(self, short: str, args: list[ir.Expr]) -> Code:
        if short in ("isnan", "isinf", "isfinite"):
            method = {"isnan": "is_nan", "isinf": "is_infinite", "isfinite": "is_finite"}[short]
            return f"f64::{method}({self.code(args[0])})", ATOM
        if short == "log" and len(args) == 2:
            short = "log_base"
        return f"pyrs::math::{short}({', '.join(self.code(a) for a in args)})?", ATOM

    def builtin(self, name: str, args: list[ir.Expr], expr: ir.Intrinsic) -> Code:
        if name in ("min", "max"):
            code = self.code(args[0])
            for arg in args[1:]:
                code = f"pyrs::py_{name}({code}, {self.code(arg)})"
            return code, ATOM
        if name in ("round", "divmod") and len(args) == 2:
            return self.two_argument_builtin(name, args)
        (arg,) = args
        source = arg.type
        assert isinstance(source, Scalar)
        if name == "abs":
            if source.kind == "complex":
                return f"pyrs::pycomplex::complex_abs({self.code(arg)})?", ATOM
            if source.kind == "int":
                return f"pyrs::int_abs({self.code(arg)})?", ATOM
            if source.kind == "dyn_float":
                return f"{self.wrap(arg, ATOM)}.abs()", ATOM
            return f"f64::abs({self.code(arg)})", ATOM
        if name == "float":
            return self.emit(ir.Convert(arg, Scalar("float"), expr.loc)) if source.kind != "np_float64" \
                else self.emit(arg)
        if name == "round":  # Python's round(x): half to even, NaN/inf errors, ints beyond 64 bits deopt
            return f"pyrs::integral_to_int(f64::round_ties_even({self.code(arg)}), {self.code(arg)})?", ATOM
        if name == "int":
            if source.is_floating:
                value = self.code(ir.Convert(arg, Scalar("float"), expr.loc)) if source.kind == "dyn_float" \
                    else self.code(arg)
                return f"pyrs::float_to_int({value})?", ATOM
            return self.emit(ir.Convert(arg, Scalar("int"), expr.loc)) if source.kind != "int" else self.emit(arg)
        raise TypeError(name)

    def two_argument_builtin(self, name: str, args: list[ir.Expr]) -> Code:
        """`round(x, n)` and `divmod(a, b)`, by the type of their first argument."""
        kind = "float" if args[0].type == Scalar("float") else "int"
        return f"pyrs::{kind}_{name}({self.code(args[0])}, {self.code(args[1])})?", ATOM

    def emit_SliceView(self, expr: ir.SliceView) -> Code:
        assert isinstance(expr.type, Array)
        if isinstance(expr.array, ir.SliceView):  # a view of a view: of the memory below both
            inner = f"pyrs::arrays::reslice({self.code(expr.array)}.into_dyn(), &[{self.index_entries(expr.axes)}])?"
            return self.coerce(inner, "IxDyn", dimension(expr.type)), ATOM
        return (f"pyrs::arrays::view_as::<{dimension(expr.type)}, _, _>(&{self.array_ref(expr.array)}, "
                f"&[{self.index_entries(expr.axes)}])?"), ATOM

    def index_entries(self, axes: list) -> str:  # type: ignore[type-arg]
        """The `pyrs::Index` entries of a basic index."""
        entries = []
        for axis in axes:
            if axis == "newaxis":
                entries.append("pyrs::Index::NewAxis")
            elif isinstance(axis, tuple):
                bounds = ", ".join("None" if b is None else f"Some({self.code(b)})" for b in axis)
                entries.append(f"pyrs::Index::Slice({bounds})")
            else:
                entries.append(f"pyrs::Index::At({self.code(axis)})")
        return ", ".join(entries)

    def kernel_captures(self, expr: ir.Kernel, scalar_leaves: dict[str, Type]) -> list[str] | None:
        """`name: type = name` for every scalar the body reads besides its array leaves; None when it
        reads anything else (then the loop is an untyped closure, compiled for the baseline CPU only)."""
        array_leaves = {name for name, _ in expr.leaves} - scalar_leaves.keys()
        read = {name: var.type for name, var in free_vars(expr.body).items()} | scalar_leaves
        captures = []
        for name, t in read.items():
            if name in array_leaves:
                continue
            if not isinstance(t, Scalar):
                return None
            ident = rust_ident(name)
            captures.append(f"{ident}: {rust_type(t)} = {ident}")
        return captures

    # ---- fused loops ----------------------------------------------------------------------------

    def emit_Kernel(self, expr: ir.Kernel) -> Code:
        if isinstance(expr.type, TupleType):
            return self.multi_output_kernel(expr)
        assert isinstance(expr.type, Array)
        return self.kernel(expr, f"{element_type(expr.type.dtype)}, {dimension(expr.type)}")

    def multi_output_kernel(self, expr: ir.Kernel) -> Code:
        """One loop computing several arrays of one dtype (the body gives `[T; M]`)."""
        assert isinstance(expr.type, TupleType)
        count = len(expr.type.items)
        loop, _ = self.kernel(expr, f"{element_type(expr.type.items[0].dtype)}, {count}",  # type: ignore[union-attr]
                              macro="elementwise_multi")
        names = ", ".join(f"out{i}" for i in range(count))
        return f"{{\nlet [{names}] = {loop};\n({names})\n}}", ATOM

    def kernel(self, expr: ir.Kernel, out: str, macro: str = "elementwise") -> Code:
        computed: dict[str, str] = {}  # leaf name -> the statement computing it
        operands: list[tuple[str, str, str]] = []  # (name, element type, view)
        scalar_leaves: dict[str, Type] = {}
        for name, value in expr.leaves:
            ident = rust_ident(name)
            if isinstance(value, ir.Var):
                view = self.view(value)
            elif isinstance(value.type, Array):  # computed first: a view of a temporary would dangle
                # a view of a variable is borrowed; of a computed array, copied (the array is a temporary)
                borrowed = isinstance(value, ir.SliceView) and isinstance(value.array, ir.Var)
                computed[name] = f"let {ident} = {self.code(value) if borrowed else self.owned(value)};"
                view = f"{ident}.view()"
            else:
                computed[name] = f"let {ident} = {self.code(value)};"
                scalar_leaves[name] = value.type
                continue
            assert isinstance(value.type, Array)
            operands.append((ident, element_type(value.type.dtype), view))
        lines = self.numpy_order(expr, computed) if expr.order else list(computed.values())
        body = self.code(expr.body)
        captures = self.kernel_captures(expr, scalar_leaves)
        if captures is not None:  # the typed form: compiled once per SIMD level (runtime/src/simd.rs)
            typed = ", ".join(f"{ident}: {ty} = {view}" for ident, ty, view in operands)
            call = f"pyrs::{macro}!({out}; {typed}; {', '.join(captures)} => {body})"
        else:
            untyped = ", ".join(f"{ident} = {view}" for ident, _, view in operands)
            call = f"pyrs::{macro}!({out}; {untyped} => {body})"
        if not lines:
            return call, ATOM
        return "{\n" + "\n".join(lines) + f"\n{call}\n}}", ATOM

    def numpy_order(self, expr: ir.Kernel, computed: dict[str, str]) -> list[str]:
        """The leaves' statements with NumPy's checks of each operation between them, in NumPy's
        order (passes/evaluation_order.py): the loop then raises what NumPy's temporaries would."""
        arrays = [rust_ident(name) for name, value in expr.leaves if isinstance(value, ir.Var) and isinstance(value.type, Array)]
        if any(isinstance(value.type, Array) for name, value in expr.leaves if name in computed) or not arrays:
            lines = ["let mut order__ = pyrs::order::Evaluation::default();"]
        else:  # every array operand is known up front: none of the checks run when all have one small shape
            lines = [f"let mut order__ = pyrs::order::Evaluation::of(&[{', '.join(f'{a}.shape()' for a in arrays)}]);"]
        shapes: list[str] = []
        used = {ref for step in expr.order if isinstance(step, ir.ArrayOp) for ref in step.operands if isinstance(ref, int)}
        for step in expr.order:
            if isinstance(step, str):
                lines.append(computed.pop(step))
                continue
            operands = []
            for ref in step.operands:
                if ref is None:
                    operands.append("pyrs::order::SCALAR")
                elif isinstance(ref, int):
                    operands.append(f"{shapes[ref]}.dims()")
                else:
                    operands.append(f"{rust_ident(ref)}.shape()")
            shapes.append(f"shape__{len(shapes)}")
            bound = f"let {shapes[-1]} = " if len(shapes) - 1 in used else ""
            if step.in_place:
                lines.append(f"{bound}order__.in_place(&[{', '.join(operands)}])?;")
                continue
            lines.append(f"{bound}order__.operation::<{element_type(step.dtype)}>("
                         f"&[{', '.join(operands)}], {rust_string(step.dtype)})?;")
        return lines + list(computed.values())  # (none left: every computed leaf is in the order)
