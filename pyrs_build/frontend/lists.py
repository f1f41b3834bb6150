"""Python lists of one scalar type: literals, `[x] * n`, comprehensions (desugared into a loop that
appends), `append`, indexing and item assignment, `len`/`sum`/`min`/`max`, `list(xs)`.

Lists are mutable and shared by reference in Python; the compiled code holds them by value. The
two agree while no list is reachable under two names when it changes, so: a list argument is
never changed (the caller's list would have to change too), `ys = xs` (an alias) is refused, and a
loop may not change the length of the list it iterates over."""

from __future__ import annotations

import ast
import copy
from typing import TYPE_CHECKING

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import Scope, loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import BOOL, FLOAT, INT, NONE, ListType, Type

if TYPE_CHECKING:
    from pyrs_build.frontend.lower import FunctionLowering

ITEM_TYPES = (INT, FLOAT, BOOL)


def is_list(typ: Type | None) -> bool:
    return isinstance(typ, ListType)


class ListLowering:
    """Mixin of FunctionLowering: the list expressions and statements."""

    def expr_List(self: FunctionLowering, node: ast.List, scope: Scope) -> ir.Expr:
        items = [self.expr(e, scope) for e in node.elts]
        if not items:
            return ir.Intrinsic("list.new", [], ListType(None), loc(node))
        kinds = {i.type for i in items}
        if len(kinds) != 1 or not kinds <= set(ITEM_TYPES):
            described = ", ".join(sorted(map(str, kinds)))
            raise Unsupported(node, f"a list of {described} is not supported",
                              "lists hold one type: int, float or bool (write 1.0 rather than 1 among floats)")
        return ir.Intrinsic("list.new", items, ListType(items[0].type), loc(node))  # type: ignore[arg-type]

    def expr_ListComp(self: FunctionLowering, node: ast.ListComp, scope: Scope) -> ir.Expr:
        raise Unsupported(node, "a list comprehension is supported as the whole value of an assignment or return",
                          "assign it first: values = [... for ... in ...]")

    def list_repeat(self: FunctionLowering, items: ir.Expr, count: ir.Expr, node: ast.AST) -> ir.Expr:
        """`[a, b] * n` (or `n * [a, b]`) of a list literal."""
        if not (isinstance(items, ir.Intrinsic) and items.name == "list.new" and items.args):
            raise Unsupported(node, "'*' is supported on a non-empty list literal, as in [0.0] * n",
                              "write [value] * n")
        if count.type not in (INT, BOOL):
            raise Unsupported(node, f"a list repeated {count.type} times is not supported")
        return ir.Intrinsic("list.repeat", [items, self.convert(count, INT, node)], items.type, loc(node))

    def list_item(self: FunctionLowering, value: ir.Expr, node: ast.Subscript, scope: Scope) -> ir.Expr:
        assert isinstance(value.type, ListType) and value.type.item is not None
        if isinstance(node.slice, ast.Slice):
            raise Unsupported(node, "list slices are not supported yet", "index one item at a time")
        index = self.expr(node.slice, scope)
        if index.type not in (INT, BOOL):
            raise Unsupported(node, f"a list index must be an int, got {index.type}")
        operation = "list.tuple_item" if value.type.kind == "tuple" else "list.item"
        return ir.Intrinsic(operation, [value, self.convert(index, INT, node)], value.type.item, loc(node))

    def list_set_item(self: FunctionLowering, target: ast.Subscript, value: ir.Expr, scope: Scope,
                      node: ast.AST) -> list[ir.Stmt]:
        assert isinstance(target.value, ast.Name)
        current = self.name(target.value, scope)
        self.check_list_may_change(current, node)
        item = current.type.item  # type: ignore[union-attr]
        if value.type != item:
            raise Unsupported(node, f"storing {value.type} into {current.type} would make a list of mixed types",
                              f"store {item} values only")
        index = self.expr(target.slice, scope)
        if isinstance(target.slice, ast.Slice) or index.type not in (INT, BOOL):
            raise Unsupported(target, "a list index must be an int")
        return [ir.SetItem(current.name, [self.convert(index, INT, node)], value, loc(node))]  # type: ignore[union-attr]

    def list_method(self: FunctionLowering, value: ir.Expr, node: ast.Call, scope: Scope) -> ir.Expr:
        assert isinstance(node.func, ast.Attribute)
        method = node.func.attr
        if method != "append" or len(node.args) != 1 or node.keywords:
            raise Unsupported(node, f"list method '{method}' is not supported yet", "lists support xs.append(value)")
        if not isinstance(value, ir.Var):
            raise Unsupported(node, "append to a list held in a variable")
        self.check_list_may_change(value, node)
        item = self.expr(node.args[0], scope)
        typ = value.type
        assert isinstance(typ, ListType)
        if typ.item is None and item.type in ITEM_TYPES:  # the first append decides an empty list's type
            self.widened[value.name] = ListType(item.type)  # type: ignore[arg-type]
            self.locals[value.name] = ListType(item.type)  # type: ignore[arg-type]
            typ = ListType(item.type)  # type: ignore[arg-type]
        if item.type != typ.item:
            raise Unsupported(node, f"appending {item.type} to {typ} would make a list of mixed types",
                              f"append {typ.item} values only")
        return ir.Intrinsic("list.append", [ir.Var(value.name, typ, value.loc), item], NONE, loc(node))

    def check_list_may_change(self: FunctionLowering, value: ir.Expr, node: ast.AST) -> None:
        name = getattr(value, "name", None)
        if isinstance(value.type, ListType) and value.type.kind == "tuple":
            raise Unsupported(node, f"'{name}' is a tuple: it cannot be changed (Python raises an error)",
                              f"build a list: list({name})")
        if any(p.name == name for p in self.sig.params):
            raise Unsupported(node, f"changing the list argument '{name}' is not supported yet (the caller's list "
                              "would change too)", f"build a new list, e.g. out = list({name})")
        if name in self.iterated_lists:
            raise Unsupported(node, f"the loop over '{name}' changes it", "build a new list in the loop")

    def list_builtin(self: FunctionLowering, name: str, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        """`len`, `sum`, `min`, `max` and `list` of one list; `sum(xs, start)`."""
        value = args[0]
        typ = value.type
        assert isinstance(typ, ListType)
        item = typ.item or INT
        if name == "sum":
            return self.list_sum(value, item, args[1:], node)
        if len(args) != 1:
            raise Unsupported(node, f"{name}() of a list and more arguments is not supported yet")
        if name == "len":
            return ir.Intrinsic("list.len", [value], INT, loc(node))
        if name in ("min", "max"):
            return ir.Intrinsic(f"list.{name}", [value], item, loc(node))
        if name == "list":
            return ir.Intrinsic("list.copy", [value], ListType(typ.item), loc(node))
        raise Unsupported(node, f"'{name}' of a list is not supported yet")

    def list_sum(self: FunctionLowering, value: ir.Expr, item: Type, start: list[ir.Expr], node: ast.Call) -> ir.Expr:
        """`sum(xs)` of ints or bools (an int), `sum(xs, start)` with a start of the item type. Python's
        `sum(xs)` of floats is the int 0 for an empty list: its type depends on the length."""
        if not start and item in (INT, BOOL):
            return ir.Intrinsic("list.sum", [value, ir.Const(0, INT, loc(node))], INT, loc(node))
        total = INT if item == BOOL else item
        if len(start) != 1 or start[0].type != total:
            raise Unsupported(node, f"sum() of {value.type} without a {total} start value is an int for an empty list "
                              "and a float otherwise", "give the start: sum(xs, 0.0)")
        return ir.Intrinsic("list.sum", [value, start[0]], total, loc(node))

    def check_list_binding(self: FunctionLowering, name: str, value: ir.Expr, stmt: ast.AST) -> ir.Expr:
        """A list bound to a name: a new list, not another name for an existing one."""
        if isinstance(value, ir.Var) and not value.name.startswith("_listcomp") and value.type.kind == "list":  # type: ignore[union-attr]
            raise Unsupported(stmt, f"'{name} = {value.name}' makes two names for one list; the compiled code "
                              "cannot share it", f"copy it: {name} = list({value.name})")
        old = self.locals.get(name)
        if isinstance(value.type, ListType) and value.type.item is None and isinstance(old, ListType):
            return ir.Intrinsic("list.new", [], old, value.loc)  # typed by a later append (a second pass)
        return value

    def comprehension(self: FunctionLowering, node: ast.ListComp, scope: Scope) -> tuple[list[ir.Stmt], ir.Expr]:
        """`[elt for target in iterable if cond]` as statements building a hidden list, and that list.
        The loop variables get hidden names: a comprehension has its own scope in Python."""
        if len(node.generators) != 1 or node.generators[0].is_async:
            raise Unsupported(node, "comprehensions with more than one 'for' are not supported yet",
                              "write nested loops that append")
        generator = node.generators[0]
        # names fixed by the position: the same in every pass of the lowering (see `lower`)
        where = f"{node.lineno}_{node.col_offset}"
        renames = {n.id: self.hidden_name(f"listcomp{where}_{n.id}", numbered=False) for n in ast.walk(generator.target)
                   if isinstance(n, ast.Name)}
        result = self.hidden_name(f"listcomp{where}", numbered=False)
        target, element, conditions = (_renamed(generator.target, renames), _renamed(node.elt, renames),
                                       [_renamed(c, renames) for c in generator.ifs])
        append: ast.stmt = ast.Expr(ast.Call(ast.Attribute(ast.Name(result, ast.Load()), "append", ast.Load()),
                                             [element], []))
        for condition in reversed(conditions):
            append = ast.If(condition, [append], [])
        loop = ast.For(target, generator.iter, [append], [])
        start = ast.Assign([ast.Name(result, ast.Store())], ast.List([], ast.Load()))
        statements = [ast.fix_missing_locations(ast.copy_location(s, node)) for s in (start, loop)]
        lowered: list[ir.Stmt] = []
        for statement in statements:
            lowered += self.stmt(statement, scope)
        return lowered, ir.Var(result, self.locals[result], loc(node))


def _renamed(node: ast.expr, renames: dict[str, str]) -> ast.expr:
    """A copy of `node` with the comprehension's own names replaced."""

    class Rename(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.Name:
            return ast.copy_location(ast.Name(renames.get(name.id, name.id), name.ctx), name)

    return Rename().visit(copy.deepcopy(node))
