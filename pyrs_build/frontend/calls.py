"""Lowering of calls: the module's own functions, builtins, `math`, NumPy functions and methods."""

from __future__ import annotations

import ast

from pyrs_build.frontend import arrays, creation, joins, linalg, promotion, reductions
from pyrs_build.frontend import intrinsics as lib
from pyrs_build.frontend.errors import Poisoned, Unsupported
from pyrs_build.frontend.scope import Scope, Signature, loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import (ELEMENT_OF_DTYPE, BOOL, COMPLEX, FLOAT, INT, NONE, NP_BOOL, NP_FLOAT64, Array, ListType, Scalar,
                                 TupleType, Type, is_array, is_bool)
from pyrs_build.frontend.rules import bind_call, broadcast_ndim, check_arity, passable

# values compiled code hands to functions that stay Python (as the objects Python would pass), and
# the annotated results it takes back
_TO_PYTHON_KINDS = ("int", "float", "bool", "np_float64", "np_bool", "dyn_float", "dyn_bool")
_FROM_PYTHON_KINDS = ("int", "float", "bool")


class CallLowering:
    """Mixin of FunctionLowering: `expr_Call` and the library functions it knows."""

    def expr_Call(self, node: ast.Call, scope: Scope) -> ir.Expr:
        if isinstance(node.func, ast.Name) and node.func.id in self.poisoned:
            raise Poisoned(node, f"'{node.func.id}' is defined by a refused statement")
        if isinstance(node.func, ast.Name) and node.func.id in self.ctx.signatures:
            return self.user_call(node, scope)
        qualified = self.ctx.imports.qualified(node.func)
        if qualified is None and isinstance(node.func, ast.Attribute):
            return self.method_call(node, scope)
        if qualified is None and isinstance(node.func, ast.Name) and node.func.id in lib.BUILTINS \
                and node.func.id not in self.locals:
            qualified = node.func.id
        if qualified is None:
            raise Unsupported(node, f"call of '{ast.unparse(node.func)}' is not supported",
                              "only functions of this module, builtins abs/min/max/float/int/bool/len, math and numpy "
                              "functions can be called")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, "'*args' in calls is not supported yet")
        if qualified in reductions.FUNCTIONS and node.args:
            array = self.expr(node.args[0], scope)
            return reductions.reduction(reductions.FUNCTIONS[qualified], array, node.args[1:], node.keywords, node)
        if qualified in joins.JOINS and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)) \
                and len(node.args) <= 2 and all(k.arg == "axis" for k in node.keywords):
            axis = node.args[1] if len(node.args) == 2 else next((k.value for k in node.keywords), None)
            return joins.join(qualified, [self.expr(e, scope) for e in node.args[0].elts], axis, node)
        if qualified in creation.LITERALS and len(node.args) == 1 and not node.keywords \
                and isinstance(node.args[0], (ast.List, ast.Tuple)):
            return self.literal_array(node.args[0], node, scope)
        args = [self.expr(a, scope) for a in node.args]
        if qualified in ("numpy.reshape", "numpy.ravel") and args and isinstance(args[0].type, Array) \
                and not node.keywords:
            return arrays.reshape(qualified.removeprefix("numpy."), args[0], args[1:], node)
        if qualified in linalg.FUNCTIONS and not node.keywords:
            return linalg.call(qualified, args, node)
        if qualified in creation.CONSTRUCTORS:
            keywords = {k.arg or "": self.expr(k.value, scope) for k in node.keywords}
            return creation.construct(qualified, args, keywords, node, lambda v, t: self.convert(v, t, node))
        if qualified in arrays.LIKE and not node.keywords:
            return arrays.like(qualified, args, node)
        if qualified in arrays.CREATORS:
            keywords = {k.arg or "": self.ctx.imports.qualified(k.value) or ast.unparse(k.value) for k in node.keywords}
            return arrays.array_creation(qualified, args, keywords, node)
        if node.keywords:
            raise Unsupported(node, f"keyword arguments to '{qualified}' are not supported yet")
        if args and isinstance(args[0].type, ListType) and qualified in ("len", "sum", "min", "max", "list"):
            return self.list_builtin(qualified, args, node)
        if qualified == "complex":
            return self.complex_constructor(args, node)
        if qualified in ("sum", "list"):
            raise Unsupported(node, f"{qualified}() of {', '.join(str(a.type) for a in args)} is not supported yet",
                              f"{qualified}() of one list is supported")
        if qualified == "len" and len(args) == 1:
            return arrays.length(args[0], node)
        return self.library_call(qualified, args, node)

    def literal_array(self, value: ast.List | ast.Tuple, node: ast.Call, scope: Scope) -> ir.Expr:
        """`np.array([...])` of numbers (one or two levels of lists)."""
        nested = bool(value.elts) and all(isinstance(e, (ast.List, ast.Tuple)) for e in value.elts)
        items: list = [[self.expr(v, scope) for v in e.elts] for e in value.elts] if nested else \
            [self.expr(e, scope) for e in value.elts]  # type: ignore[attr-defined]
        return creation.literal_array(items, nested, node, lambda v, t: self.convert(v, t, node))

    def method_call(self, node: ast.Call, scope: Scope) -> ir.Expr:
        """`x.sum()` and the other array methods that have a function form."""
        assert isinstance(node.func, ast.Attribute)
        value = self.expr(node.func.value, scope)
        if isinstance(value.type, ListType):
            return self.list_method(value, node, scope)
        if value.type == COMPLEX:
            return self.complex_method(value, node)
        if node.func.attr == "copy" and isinstance(value.type, Array) and not node.args and not node.keywords:
            return ir.Intrinsic("array.copy_c", [value], Array(value.type.dtype, value.type.ndim), loc(node))
        if node.func.attr == "astype" and isinstance(value.type, Array) and len(node.args) == 1 and not node.keywords:
            dtype = arrays.dtype_argument(self.ctx.imports.qualified(node.args[0]) or ast.unparse(node.args[0]), node)
            return arrays.astype(value, dtype, node)
        if isinstance(value.type, Array) and node.func.attr in ("reshape", "ravel", "flatten") and not node.keywords:
            return arrays.reshape(node.func.attr, value, [self.expr(a, scope) for a in node.args], node)
        if isinstance(value.type, Array) and node.func.attr in reductions.METHODS:
            return reductions.reduction(node.func.attr, value, node.args, node.keywords, node)
        reduction = lib.REDUCTION_METHODS.get(node.func.attr)
        if not isinstance(value.type, Array) or reduction is None or node.args or node.keywords:
            raise Unsupported(node, f"method call '{ast.unparse(node.func)}(...)' is not supported yet",
                              "array methods supported: x.sum(), x.mean(), x.max(), x.min(), x.copy()")
        return self.reduction(reduction, value, node)

    def reduction(self, reduction: str, value: ir.Expr, node: ast.AST) -> ir.Expr:
        if not (isinstance(value.type, Array) and value.type.dtype == "float64"):
            raise Unsupported(node, f"np.{reduction} of {value.type} is not supported yet",
                              "reductions of float64 arrays over all elements are supported")
        return ir.Intrinsic(f"reduce.{reduction}", [value], NP_FLOAT64, loc(node))

    def user_call(self, node: ast.Call, scope: Scope) -> ir.Expr:
        sig = self.ctx.signatures[node.func.id]  # type: ignore[union-attr]
        bound = bind_call(sig, node)
        args: list[ir.Expr] = []
        for param, arg_node in zip(sig.params, bound):
            if arg_node is None:
                if param.default is None:
                    raise Unsupported(node, f"the default of '{param.name}' ({param.default_source}) is not a "
                                      "constant, so it cannot be filled in here", "pass the argument explicitly")
                args.append(param.default)
                continue
            args.append(self.expr(arg_node, scope))
        if self.ctx.stays_python(sig.name):
            return self.python_call(sig, args, node)
        if all(passable(a.type, p.type) for a, p in zip(args, sig.params)):
            returns = self.ctx.return_type_of(sig.name, node)
            if self.ctx.writes_arguments(sig.name):
                raise Unsupported(node, f"'{sig.name}' writes into its array arguments; calling it from compiled "
                                  "code is not supported yet", f"call '{sig.name}' from Python, or return a new array")
            return ir.Call(sig.name, args, returns, loc(node))
        # Python runs the callee on these very objects (say an int where `float` is annotated):
        # call a copy of the callee compiled for the argument types
        name, returns = self.ctx.specialize(sig.name, [a.type for a in args], node)
        return ir.Call(name, args, returns, loc(node))

    def python_call(self, sig: Signature, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        """A call of a function that stays Python, through the interpreter: Python objects in,
        a result of the annotated type out (checked at run time)."""
        name = sig.name
        for arg, param in zip(args, sig.params):
            if not (isinstance(arg.type, Scalar) and arg.type.kind in _TO_PYTHON_KINDS):
                raise Unsupported(node, f"calls '{name}', which stays Python, with {arg.type} for '{param.name}': "
                                  "compiled code passes only scalars (int, float, bool, NumPy scalars) to Python "
                                  "functions",
                                  f"make '{name}' compile, or keep this function in Python too")
        returns = sig.declared_return
        if not (returns == NONE or isinstance(returns, Scalar) and returns.kind in _FROM_PYTHON_KINDS):
            raise Unsupported(node, f"calls '{name}', which stays Python and is not annotated to return "
                              "int, float, bool or None", f"annotate the return type of '{name}', or make it compile")
        keywords = tuple(p.name for p in sig.params if p.kind == "keyword_only")
        return ir.Call(name, args, returns, loc(node), python=True, keywords=keywords)

    def library_call(self, name: str, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        arity = lib.NUMPY_FLOAT_UFUNCS.get(name) or lib.NUMPY_PREDICATES.get(name)
        if name in lib.SCIPY_UFUNCS:
            arity = len(args) if len(args) in lib.SCIPY_UFUNCS[name] else lib.SCIPY_UFUNCS[name][0]
        if arity is not None:
            return self.numpy_ufunc(name, args, arity, node)
        if name == "numpy.where":
            return self.numpy_where(args, node)
        if name in lib.REDUCTIONS and len(args) == 1:
            return self.reduction(lib.REDUCTIONS[name], args[0], node)
        if name in lib.MATH_FLOAT or name in lib.MATH_TO_INT or name in lib.MATH_PREDICATES:
            return self.math_call(name, args, node)
        if name == "math.log":
            return self.math_call(name, args, node)
        if name in lib.BUILTINS:
            return self.builtin_call(name, args, node)
        raise Unsupported(node, f"'{name}' is not supported yet", "the README's 'What compiles today' lists the supported math and numpy functions")

    def numpy_ufunc(self, name: str, args: list[ir.Expr], arity: int, node: ast.Call) -> ir.Expr:
        check_arity(name, args, arity, node)
        predicate = name in lib.NUMPY_PREDICATES
        if promotion.has_strong(args):  # arrays or NumPy scalars: NumPy's dtype rules
            operand, result = promotion.ufunc_dtypes(name, args, node)
            elements = [promotion.as_dtype(a, operand, lambda v, t: self.convert(v, t, node)) for a in args]
            if any(is_array(a.type) for a in args):
                ndim = broadcast_ndim(*(a.type for a in args))
                typ: Type = Array("bool" if predicate else result, ndim, ufunc_result=True)
            else:
                typ = NP_BOOL if predicate else ELEMENT_OF_DTYPE[result]
            return ir.Intrinsic(name, elements, typ, loc(node))
        for arg in args:
            if not (isinstance(arg.type, Scalar) and arg.type.kind in ("float", "int", "dyn_float")):
                raise Unsupported(node, f"'{name}' of {arg.type} is not supported yet")
        elements = [self.to_element(a, node) for a in args]
        return ir.Intrinsic(name, elements, NP_BOOL if predicate else NP_FLOAT64, loc(node))

    def numpy_where(self, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        if len(args) != 3:
            raise Unsupported(node, "np.where with one argument (indices) is not supported yet",
                              "use np.where(condition, x, y)")
        cond, a, b = args
        if not (cond.type == Array("bool", cond.type.ndim, cond.type.ufunc_result) if is_array(cond.type)
                else is_bool(cond.type)):
            raise Unsupported(node, f"np.where condition must be a bool array, got {cond.type}",
                              "compare, e.g. np.where(x > 0, ...)")
        if promotion.has_strong([a, b]):
            dtype = promotion.common_dtype([a, b], "np.where", node)
        elif all(isinstance(v.type, Scalar) and v.type.kind in ("int", "bool") for v in (a, b)):
            dtype = "int64" if INT in (a.type, b.type) else "bool"  # NumPy's defaults for Python ints/bools
        else:
            dtype = promotion.common_dtype([ir.Const(0.0, NP_FLOAT64, a.loc), a, b], "np.where", node)
        values = [promotion.as_dtype(v, dtype, lambda v, t: self.convert(v, t, node)) for v in (a, b)]
        cond_element = cond if is_array(cond.type) else self.convert(cond, NP_BOOL, node)
        ndim = broadcast_ndim(cond.type, a.type, b.type)
        return ir.Intrinsic("numpy.where", [cond_element, *values], Array(dtype, ndim, ufunc_result=False), loc(node))

    def math_call(self, name: str, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        arity = lib.MATH_FLOAT[name][0] if name in lib.MATH_FLOAT else 1
        if name == "math.log":
            arity = len(args) if len(args) in (1, 2) else 1
        check_arity(name, args, arity, node)
        converted = []
        for arg in args:
            if not (isinstance(arg.type, Scalar) and arg.type.kind in ("float", "int", "bool", "np_float64",
                                                                       "dyn_float")):
                raise Unsupported(node, f"'{name}' of {arg.type} is not supported", "math functions take scalars; "
                                  "use the numpy function for arrays")
            converted.append(self.convert(arg, FLOAT, node))
        typ = INT if name in lib.MATH_TO_INT else BOOL if name in lib.MATH_PREDICATES else FLOAT
        return ir.Intrinsic(name, converted, typ, loc(node))

    def round_digits(self, value: ir.Expr, ndigits: ir.Expr, node: ast.Call) -> ir.Expr:
        """`round(x, n)`: a float for a float (CPython's correctly rounded decimal rounding), an int
        for an int."""
        if ndigits.type not in (INT, BOOL) or value.type not in (FLOAT, INT, BOOL):
            raise Unsupported(node, f"round() of {value.type} to {ndigits.type} digits is not supported yet",
                              "round(x, n) with a float or int x and an int n")
        typ = FLOAT if value.type == FLOAT else INT
        return ir.Intrinsic("round", [self.convert(value, typ, node), self.convert(ndigits, INT, node)], typ,
                            loc(node))

    def builtin_call(self, name: str, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        if any(not isinstance(a.type, Scalar) for a in args):
            raise Unsupported(node, f"'{name}' of {', '.join(str(a.type) for a in args)} is not supported yet",
                              "use the numpy function for arrays (np.abs, np.maximum, ...)")
        if name in ("min", "max"):
            if len(args) < 2:
                raise Unsupported(node, f"'{name}' of an iterable is not supported yet", "pass the values directly")
            kinds = {a.type for a in args}
            if len(kinds) != 1:
                raise Unsupported(node, f"'{name}' of mixed types returns one of its arguments unchanged, so its "
                                  "type depends on the values", "convert all arguments to one type first")
            return ir.Intrinsic(name, args, args[0].type, loc(node))
        if name in ("pow", "divmod"):  # two arguments (pow's third, the modulus, is not supported)
            check_arity(name, args, 2, node)
        if name == "pow":  # pow(a, b) is a ** b
            return self.binop("pow", args[0], args[1], node)
        if name == "divmod":
            quotient = self.binop("floordiv", args[0], args[1], node)
            if not (isinstance(quotient, ir.BinOp) and quotient.type in (INT, FLOAT)):
                raise Unsupported(node, f"divmod of {args[0].type} and {args[1].type} is not supported yet")
            # one intrinsic: CPython's divmod has its own ZeroDivisionError message
            return ir.Intrinsic("divmod", [quotient.left, quotient.right],
                                TupleType((quotient.type, quotient.type)), loc(node))
        if name == "round" and len(args) == 2:
            return self.round_digits(args[0], args[1], node)
        check_arity(name, args, 1, node)
        (arg,) = args
        if name == "round":
            if arg.type not in (FLOAT, INT, BOOL):
                raise Unsupported(node, f"round() of {arg.type} is not supported yet", "round a float")
            # round-half-to-even to an int, as Python; ints round to themselves
            return ir.Intrinsic("round", [arg], INT, loc(node)) if arg.type == FLOAT else self.convert(arg, INT, node)
        if name == "abs" and arg.type == COMPLEX:
            return ir.Intrinsic("abs", [arg], FLOAT, loc(node))
        if name == "abs":
            typ = INT if arg.type == BOOL else arg.type
            return ir.Intrinsic("abs", [self.convert(arg, typ, node)], typ, loc(node))
        if name == "float":
            return ir.Intrinsic("float", [arg], FLOAT, loc(node))
        if name == "int":
            return ir.Intrinsic("int", [arg], INT, loc(node))
        return self.truth(arg, node) if arg.type != BOOL else arg
