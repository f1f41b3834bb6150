"""The bad-input fuzzer's worker: calls compiled functions and their originals side by side with
bad and edge arguments, in a process of its own (a crash is seen by the supervisor as a signal).

The calls are a deterministic list (call `i` is the same in every process), so the supervisor can
restart a worker after call `i` crashed or hung and go on from `i + 1`. Protocol on stdout, one
line each: `B <i> <key>` before call `i` (key: module.function:variant), `S <i> <key>` when its
original was too slow (the call is skipped, and the later ones of its key), `D <json>` for a
disagreement, `E <json>` with the counts at the end.

    python bad_inputs.py PLAN.json START TOTAL [SKIP_KEY ...]

PLAN.json lists the modules: {"stem", "extension", "source", "mode", optional "ulps"} (mode: the
build's on-type-mismatch, "python" or "error"; ulps: a float bound for every function of the
module instead of its PYRS_TEST ones)."""

from __future__ import annotations

import json
import math
import random
import signal
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from compiler.harness import import_file  # noqa: E402
from pyrs_build.ir import nodes as ir  # noqa: E402
from pyrs_build.ir.types import Array, Scalar, Type  # noqa: E402
from pyrs_build.pipeline import compile_to_ir  # noqa: E402
from pyrs_build.verify.compare import assert_same, replicate  # noqa: E402

ORIGINAL_LIMIT = 2.0  # seconds an original call may take; slower calls are skipped
HUGE = 2**40  # elements: 8 TB of float64, only ever a broadcast view
INT_EDGES = [0, -1, 1, 2**31, -(2**31), 2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**80]
FLOAT_EDGES = [0.0, -0.0, math.nan, math.inf, -math.inf, 5e-324, -5e-324, 2.2250738585072014e-308,
               1.7976931348623157e308, -1.7976931348623157e308, 1e-300, 0.5, -1.5, 3.0]


class FloatSub(float):
    pass


class IntSub(int):
    pass


class Opaque:
    def __repr__(self) -> str:
        return "Opaque()"


@dataclass
class Target:
    stem: str
    mode: str  # on-type-mismatch of the build
    compiled: ModuleType
    original: ModuleType
    function: ir.Function
    ulps: float
    ints: tuple[int, int] | None  # the range the case allows for ints (loop counts, indices)
    scale: str | None = None  # the case's function giving the magnitude of terms that cancel

    @property
    def key(self) -> str:
        return f"{self.stem}[{self.mode}].{self.function.name}"


# ---- values ---------------------------------------------------------------------------------


def random_array(rng: np.random.Generator, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    if dtype == "bool":
        return np.asarray(rng.random(shape) < 0.5)
    if np.dtype(dtype).kind in "iu":  # small values (indices), an extreme somewhere
        info = np.iinfo(dtype)
        ints = np.asarray(rng.integers(-5, 6, shape)).astype(dtype)
        if ints.size and rng.random() < 0.2:
            ints.flat[rng.integers(ints.size)] = info.min if rng.random() < 0.5 else info.max
        return ints
    values = np.asarray(rng.standard_normal(shape) * 10.0 ** rng.integers(-3, 4))
    if values.size and rng.random() < 0.2:  # an edge value somewhere
        values.flat[rng.integers(values.size)] = FLOAT_EDGES[rng.integers(len(FLOAT_EDGES))]
    with np.errstate(over="ignore"):  # float32: the largest floats round to inf
        return values.astype(dtype)


def random_scalar(rng: np.random.Generator, kind: str, ints: tuple[int, int] | None) -> Any:
    if kind == "int":
        if ints is not None:
            return int(rng.integers(ints[0], ints[1] + 1))
        return int(rng.integers(-20, 21)) if rng.random() < 0.8 else INT_EDGES[rng.integers(len(INT_EDGES))]
    if kind == "bool":
        return bool(rng.random() < 0.5)
    value = float(rng.standard_normal() * 10.0 ** rng.integers(-3, 4))
    if rng.random() < 0.2:
        value = FLOAT_EDGES[rng.integers(len(FLOAT_EDGES))]
    return np.float64(value) if kind == "np_float64" else value


def valid_args(rng: np.random.Generator, target: Target) -> list[Any]:
    """Arguments of the compiled types; the arrays' shapes broadcast together."""
    ndims = [p.type.ndim for p in target.function.params if isinstance(p.type, Array)]
    rank = max([n for n in ndims if n is not None] or [int(rng.integers(0, 3))])
    common = tuple(int(rng.integers(0, 5)) if rng.random() < 0.1 else int(rng.integers(1, 5)) for _ in range(rank))
    args = []
    for param in target.function.params:
        if isinstance(param.type, Array):
            ndim = rank if param.type.ndim is None else param.type.ndim
            args.append(random_array(rng, param.type.dtype, common[rank - ndim:]))
        else:
            assert isinstance(param.type, Scalar)
            args.append(random_scalar(rng, param.type.kind, target.ints))
    return args


def scalar_variants(kind: str, ints: tuple[int, int] | None) -> dict[str, Callable[[], Any]]:
    common: dict[str, Callable[[], Any]] = {
        "None": lambda: None, "str": lambda: "1", "bytes": lambda: b"1", "object": Opaque,
        "list": lambda: [1.0], "tuple": lambda: (1,), "0d-array": lambda: np.array(1.5),
        "1d-array": lambda: np.array([1.5, 2.5]), "complex": lambda: 1 + 1j,
    }
    if kind == "int":
        edges = INT_EDGES if ints is None else [ints[0] - 1, ints[1] + 1, 0, -1]
        return {**common, "float": lambda: 3.0, "bool": lambda: True, "np.int64": lambda: np.int64(3),
                "np.int32": lambda: np.int32(-2), "int-subclass": lambda: IntSub(3), "nan": lambda: math.nan,
                **{f"int={v}": (lambda v=v: v) for v in edges}}
    if kind == "bool":
        return {**common, "int": lambda: 1, "float": lambda: 0.0, "np.bool_": lambda: np.bool_(True),
                "0d-bool": lambda: np.array(False)}
    return {**common, "int": lambda: 7, "bigint": lambda: 2**70, "bool": lambda: True,
            "np.float32": lambda: np.float32(1.5), "np.float64": lambda: np.float64(-2.5),
            "np.int64": lambda: np.int64(4), "float-subclass": lambda: FloatSub(2.5),
            **{f"float={v!r}": (lambda v=v: v) for v in FLOAT_EDGES}}


def array_variants(rng: np.random.Generator, dtype: str, ndim: int | None,
                   good: np.ndarray) -> dict[str, Callable[[], Any]]:
    """Replacements for one array argument `good` (of the compiled dtype and ndim)."""
    n = good.ndim if ndim is None else ndim
    other = "float64" if dtype == "bool" else "bool"
    shape = good.shape
    variants: dict[str, Callable[[], Any]] = {
        "None": lambda: None, "str": lambda: "abc", "bytes": lambda: b"abc", "object": Opaque,
        "float": lambda: 1.5, "int": lambda: 3, "np.float64": lambda: np.float64(2.0),
        "list": lambda: good.tolist(), "tuple": lambda: tuple(np.atleast_1d(good).tolist()),
        "int64-array": lambda: np.arange(good.size, dtype=np.int64).reshape(shape),
        "int32-array": lambda: np.arange(good.size, dtype=np.int32).reshape(shape),
        "float32-array": lambda: good.astype(np.float32),
        "complex-array": lambda: good.astype(np.complex128),
        f"{other}-array": lambda: good.astype(other),
        "object-array": lambda: good.astype(object),
        "byteswapped": lambda: good.astype(good.dtype.newbyteorder()),
        "masked-array": lambda: np.ma.masked_array(good),
        "matrix-like-subclass": lambda: good.view(_Sub),
        "ndim+1": lambda: random_array(rng, dtype, (2,) * (n + 1)),
        "0d": lambda: random_array(rng, dtype, ()),
        "empty": lambda: random_array(rng, dtype, (0,) * n),
        "empty-trailing": lambda: random_array(rng, dtype, (3,) * max(n - 1, 0) + (0,) * min(n, 1)),
        "size-1": lambda: random_array(rng, dtype, (1,) * n),
        "longer": lambda: random_array(rng, dtype, tuple(s + 3 for s in shape)),
        "non-contiguous": lambda: random_array(rng, dtype, tuple(2 * s for s in shape))[(slice(None, None, 2),) * n],
        "negative-stride": lambda: good[(slice(None, None, -1),) * n],
        "broadcast-view": lambda: np.broadcast_to(random_array(rng, dtype, (1,) * n), shape),
        "fortran": lambda: np.asfortranarray(good),
        "read-only": lambda: _read_only(good),
        "nan": lambda: np.full(shape, math.nan) if dtype != "bool" else good,
        "inf": lambda: np.full(shape, -math.inf) if dtype != "bool" else good,
        "large": lambda: random_array(rng, dtype, (200_000,) if n == 1 else (450,) * n),
        "huge-view": lambda: np.broadcast_to(random_array(rng, dtype, ()), _huge_shape(n)),
    }
    variants["ndim-1"] = lambda: random_array(rng, dtype, (3,) * max(n - 1, 0))  # 0-d stays 0-d
    return variants


class _Sub(np.ndarray):
    pass


def _read_only(array: np.ndarray) -> np.ndarray:
    copy = array.copy()
    copy.flags.writeable = False
    return copy


def _huge_shape(ndim: int) -> tuple[int, ...]:
    if ndim == 0:
        return ()
    side = round(HUGE ** (1 / ndim))
    return (side,) * ndim


def whole_call_variants(rng: np.random.Generator, target: Target, good: list[Any]) -> dict[str, Callable[[], list[Any]]]:
    """Variants that involve more than one argument."""
    arrays = [i for i, p in enumerate(target.function.params) if isinstance(p.type, Array)]
    variants: dict[str, Callable[[], list[Any]]] = {}
    if len(arrays) >= 2:
        first, second = arrays[0], arrays[1]

        def aliased() -> list[Any]:
            args = list(good)
            if args[first].shape == args[second].shape and args[first].dtype == args[second].dtype:
                args[second] = args[first]
            return args

        def length_mismatch() -> list[Any]:
            args = list(good)
            args[second] = random_array(rng, args[second].dtype.name, tuple(s + 1 for s in args[second].shape))
            return args

        variants["aliased"] = aliased
        variants["length-mismatch"] = length_mismatch
    if arrays:
        variants["all-non-contiguous"] = lambda: [_doubled_view(a) if isinstance(a, np.ndarray) else a for a in good]
        variants["all-read-only"] = lambda: [_read_only(a) if isinstance(a, np.ndarray) else a for a in good]
        variants["all-empty"] = lambda: [np.empty_like(a, shape=(0,) * a.ndim) if isinstance(a, np.ndarray) else a
                                         for a in good]
    return variants


def _doubled_view(array: np.ndarray) -> np.ndarray:
    if array.ndim == 0:
        return array
    return np.repeat(array, 2, axis=-1)[..., ::-2][..., ::-1]


def conforms(value: Any, typ: Type) -> bool:
    """Whether `value` is exactly of the compiled type (so error mode must not refuse it)."""
    if isinstance(typ, Array):
        return (type(value) is np.ndarray and value.dtype == np.dtype(typ.dtype) and value.dtype.isnative
                and (typ.ndim is None or value.ndim == typ.ndim))
    assert isinstance(typ, Scalar)
    expected = {"float": float, "int": int, "bool": bool, "np_float64": np.float64}.get(typ.kind)
    return type(value) is expected


# ---- the call list ---------------------------------------------------------------------------


@dataclass
class Call:
    target: Target
    variant: str  # "valid", "<param>=<label>" or a whole-call label
    seed: int

    @property
    def key(self) -> str:
        category = "huge" if "huge" in self.variant else self.variant
        return f"{self.target.key}:{category}"


def variant_names(target: Target) -> list[str]:
    rng = np.random.default_rng(0)
    good = valid_args(rng, target)
    names = ["valid"] * 8
    for param, value in zip(target.function.params, good):
        if isinstance(param.type, Array):
            names += [f"{param.name}={k}" for k in array_variants(rng, param.type.dtype, param.type.ndim, value)]
        else:
            assert isinstance(param.type, Scalar)
            names += [f"{param.name}={k}" for k in scalar_variants(param.type.kind, target.ints)]
    names += list(whole_call_variants(rng, target, good))
    return names


def call_list(targets: list[Target], total: int) -> list[Call]:
    """Rounds of every variant of every function, each round in a fixed shuffled order: a run
    shorter than a round still reaches every module and function."""
    rounds = [(t, variant_names(t)) for t in targets]
    calls: list[Call] = []
    round_number = 0
    while len(calls) < total:
        one_round = [Call(target, name, round_number * 1_000_003 + i)
                     for target, names in rounds for i, name in enumerate(names)]
        random.Random(round_number).shuffle(one_round)
        calls += one_round
        round_number += 1
    return calls[:total]


def build_args(call: Call) -> list[Any]:
    rng = np.random.default_rng(call.seed)
    good = valid_args(rng, call.target)
    if call.variant == "valid":
        return good
    whole = whole_call_variants(rng, call.target, good)
    if call.variant in whole:
        return whole[call.variant]()
    name, label = call.variant.split("=", 1)
    index = [p.name for p in call.target.function.params].index(name)
    param = call.target.function.params[index]
    if isinstance(param.type, Array):
        value = array_variants(rng, param.type.dtype, param.type.ndim, good[index])[label]()
    else:
        assert isinstance(param.type, Scalar)
        value = scalar_variants(param.type.kind, call.target.ints)[label]()
    good[index] = value
    return good


# ---- one call --------------------------------------------------------------------------------


class TooSlow(BaseException):
    """The original ran longer than the time limit (a loop to 2**63, a Python loop over 8 TB)."""


def _too_slow(signum: int, frame: Any) -> None:
    raise TooSlow


def run_original(function: Callable[..., Any], args: list[Any], limit: float) -> tuple[str, Any, str]:
    """`run` under a timer: Python code is interrupted by the signal (C loops are not: the
    supervisor stops those)."""
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return run(function, args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(function: Callable[..., Any], args: list[Any]) -> tuple[str, Any, str]:
    """('value', result-with-written-arrays, '') or ('raised', type, message); each side gets its
    own replicas (same layout and flags; the same array twice stays one array)."""
    replicas: dict[int, Any] = {}
    own = [replicas.setdefault(id(a), replicate(a)) if isinstance(a, np.ndarray) else a for a in args]
    try:
        result = function(*own)
    except (KeyboardInterrupt, SystemExit, TooSlow):
        raise
    except BaseException as exc:  # noqa: BLE001 - PanicException is a BaseException
        return "raised", type(exc), str(exc)
    written = tuple(a for a in own if isinstance(a, np.ndarray))
    return "value", (result, written), ""


def judge(call: Call, args: list[Any]) -> str | None:
    """None when the compiled call behaves as allowed, else what is wrong."""
    target = call.target
    name = target.function.name
    expected = run_original(getattr(target.original, name), args, ORIGINAL_LIMIT)
    actual = run(getattr(target.compiled, name), args)
    if actual[0] == "raised" and (actual[1].__name__ == "PanicException" or "panicked" in actual[2]):
        return f"Rust panic leaked: {actual[1].__name__}: {actual[2]}"
    if actual[0] == "raised" and target.mode == "error" and actual[1] is TypeError:
        mismatched = [p.name for p, a in zip(target.function.params, args) if not conforms(a, p.type)]
        if any(f"argument '{p}'" in actual[2] for p in mismatched):
            return None
    if expected[0] != actual[0]:
        return f"original {_describe(expected)}, compiled {_describe(actual)}"
    if expected[0] == "raised":
        if expected[1] is actual[1]:
            return None
        return f"original {_describe(expected)}, compiled {_describe(actual)}"
    try:
        assert_same(expected[1], actual[1], target.ulps, term_magnitudes(target, args))
    except AssertionError as exc:
        return f"values differ: {exc}"
    return None


def term_magnitudes(target: Target, args: list[Any]) -> Any:
    """(magnitude, None) from the case's `scale` function: the ulp bound of a result whose terms
    cancel is relative to their magnitude (the written arrays still compare exactly)."""
    if target.scale is None:
        return None
    try:
        with np.errstate(all="ignore"):
            return getattr(target.original, target.scale)(*args), None
    except Exception:  # noqa: BLE001 - no scale for arguments it cannot take: the plain bound applies
        return None


def _describe(outcome: tuple[str, Any, str]) -> str:
    if outcome[0] == "raised":
        return f"raised {outcome[1].__name__}: {outcome[2][:200]}"
    return f"returned {outcome[1][0]!r:.200}"


def _describe_args(args: list[Any]) -> str:
    parts = []
    for a in args:
        if isinstance(a, np.ndarray):
            parts.append(f"ndarray(dtype={a.dtype}, shape={a.shape}, strides={a.strides}, "
                         f"writeable={a.flags.writeable}, {np.array2string(a, threshold=8)})"
                         if a.size < 10**6 else f"ndarray(dtype={a.dtype}, shape={a.shape}, strides={a.strides})")
        else:
            parts.append(repr(a)[:80])
    return "(" + ", ".join(parts) + ")"


# ---- loading -----------------------------------------------------------------------------------


def load_targets(plan: list[dict[str, Any]]) -> list[Target]:
    targets = []
    for entry in plan:
        stem, mode, source = entry["stem"], entry["mode"], Path(entry["source"])
        compiled = import_file(f"{stem}", Path(entry["extension"]))
        original = import_file(f"original_{stem}_{mode}", source)
        stub = source.with_suffix(".pyi")
        module_ir = compile_to_ir(stem, source, stub if stub.exists() else None, on_unsupported="python")
        options = getattr(original, "PYRS_TEST", {})
        for function in module_ir.functions:
            if (function.exported and function.name in compiled.__pyrs_build__["compiled"]
                    and all(_drawable(p.type) for p in function.params)):
                own = options.get(function.name, {})
                ulps = float(entry.get("ulps", own.get("ulps", 0)))
                targets.append(Target(stem, mode, compiled, original, function, ulps,
                                      own.get("elements", {}).get("ints"), own.get("scale")))
    return targets


def _drawable(typ: Type) -> bool:
    """Parameter types this fuzzer draws valid values for (others' functions are left out)."""
    if isinstance(typ, Array):
        return typ.dtype in ("float64", "float32", "int64", "int32", "uint8", "uint32", "bool")
    return isinstance(typ, Scalar) and typ.kind in ("float", "int", "bool", "np_float64")


def calls_from(plan_file: Path, start: int, total: int) -> Iterator[tuple[int, Call]]:
    targets = load_targets(json.loads(plan_file.read_text()))
    for index, call in enumerate(call_list(targets, total)):
        if index >= start:
            yield index, call


def main(argv: list[str]) -> int:
    plan_file, start, total, skip = Path(argv[0]), int(argv[1]), int(argv[2]), set(argv[3:])
    warnings.simplefilter("ignore")  # NumPy's overflow/invalid notes, deprecations of odd inputs
    counts = {"calls": 0, "disagreements": 0}
    for index, call in calls_from(plan_file, start, total):
        if call.key in skip:  # its original was too slow before
            continue
        print(f"B {index} {call.key}", flush=True)
        args = build_args(call)
        try:
            problem = judge(call, args)
        except TooSlow:
            skip.add(call.key)
            print(f"S {index} {call.key}", flush=True)
            continue
        counts["calls"] += 1
        if problem is not None:
            counts["disagreements"] += 1
            report = {"call": index, "function": call.target.key, "variant": call.variant,
                      "args": _describe_args(args), "problem": problem}
            print("D " + json.dumps(report), flush=True)
    print("E " + json.dumps(counts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
