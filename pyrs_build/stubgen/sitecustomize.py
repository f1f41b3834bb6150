"""The tracer `pyrs-build stubgen` puts on PYTHONPATH as `sitecustomize` (stdlib only, so any Python
running the user's command can load it). It records, for the top-level functions of the modules in
$PYRS_STUBGEN_MODULES, the types of each call's arguments and return value, and writes them as JSON
into $PYRS_STUBGEN_OUT/<pid>.json at exit. Types: Python type names; NumPy arrays as dtype and ndim."""

import atexit
import importlib.machinery
import importlib.util
import json
import os
import sys
import threading

_MODULES = frozenset(filter(None, os.environ.get("PYRS_STUBGEN_MODULES", "").split(",")))
_OUT = os.environ.get("PYRS_STUBGEN_OUT", "")
_CALLS = {}  # (module, function, parameter names, argument types, return type) -> count
_PENDING = {}  # frame -> (module, function, parameter names, argument types)
_LIST_SAMPLE = 32  # list elements looked at


def _describe(value):
    """A JSON-able description of a value's type: 'float', ['ndarray', 'float64', 2], ['list', 'float']."""
    cls = type(value)
    if cls.__module__ == "numpy" and cls.__name__ == "ndarray":
        return ["ndarray", str(value.dtype), value.ndim]
    if cls is list:
        kinds = set()
        for item in value[:_LIST_SAMPLE]:
            described = _describe(item)
            kinds.add(described if isinstance(described, str) else described[0])
        return ["list", kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else "empty")]
    if cls is tuple and len(value) <= 8:
        return ["tuple", [_describe(item) for item in value]]
    if cls.__module__ in ("builtins", "numpy"):
        return cls.__name__ if cls.__module__ == "builtins" else "numpy." + cls.__name__
    return cls.__module__ + "." + cls.__qualname__


def _freeze(described):
    return json.dumps(described)


def _profile(frame, event, arg):
    if event == "call":
        module = frame.f_globals.get("__name__")
        if module not in _MODULES:
            return
        code = frame.f_code
        if getattr(frame.f_globals.get(code.co_name), "__code__", None) is not code:
            return  # nested functions, methods, lambdas
        names = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
        local = frame.f_locals
        types = tuple(_freeze(_describe(local[name])) for name in names)
        _PENDING[frame] = (module, code.co_name, names, types)
    elif event == "return":
        entry = _PENDING.pop(frame, None)
        if entry is not None:
            key = entry + (_freeze(_describe(arg)),)  # an exception also "returns" None here
            _CALLS[key] = _CALLS.get(key, 0) + 1


def _write():
    sys.setprofile(None)
    if not _OUT or not _CALLS:
        return
    records = [{"module": m, "function": f, "params": list(p), "args": [json.loads(a) for a in args],
                "returns": json.loads(r), "count": n} for (m, f, p, args, r), n in _CALLS.items()]
    with open(os.path.join(_OUT, "%d.json" % os.getpid()), "w", encoding="utf-8") as out:
        json.dump(records, out)


def _chain_next_sitecustomize():
    """Run the sitecustomize this one shadows, if the environment has one."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


if _MODULES and _OUT:
    atexit.register(_write)
    sys.setprofile(_profile)
    threading.setprofile(_profile)
_chain_next_sitecustomize()
