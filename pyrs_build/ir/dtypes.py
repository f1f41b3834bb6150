"""The NumPy dtypes compiled code handles and NumPy 2's promotion rules among them (NEP 50):
arrays and NumPy scalars are strong (their dtypes promote), Python scalars are weak (a Python int
keeps an int64 array int64, a Python float turns it float64)."""

from __future__ import annotations

# dtype -> kind: 'b' bool, 'u' unsigned int, 'i' signed int, 'f' float
KINDS = {"bool": "b", "uint8": "u", "uint32": "u", "int32": "i", "int64": "i", "float32": "f", "float64": "f"}
ITEMSIZE = {"bool": 1, "uint8": 1, "uint32": 4, "int32": 4, "int64": 8, "float32": 4, "float64": 8}
INTEGER_DTYPES = {d for d, k in KINDS.items() if k in "iu"}
SMALL_INTEGER_DTYPES = INTEGER_DTYPES - {"int64"}  # a Python int may not fit: NumPy raises OverflowError
# the NumPy scalar kind (ir.types.Scalar) of one element of each dtype
ELEMENT_KINDS = {dtype: "np_bool" if dtype == "bool" else f"np_{dtype}" for dtype in KINDS}
DTYPE_OF_ELEMENT_KIND = {kind: dtype for dtype, kind in ELEMENT_KINDS.items()}
# Python scalar kinds as weak operands, by the dtype kind they stand for
_WEAK = {"bool": "b", "int": "i", "float": "f", "dyn_float": "f"}
# NumPy's default dtype for a weak scalar of a higher kind than the array's
_DEFAULT_OF_KIND = {"b": "bool", "i": "int64", "f": "float64"}
_RANK = {"b": 0, "u": 1, "i": 1, "f": 2}  # a Python int keeps unsigned arrays unsigned


def is_weak(kind: str) -> bool:
    """A Python scalar (or float-or-numpy.float64) operand: its value, not its type, joins in."""
    return kind in _WEAK


def promote(a: str, b: str) -> str:
    """`np.result_type` of two strong dtypes."""
    if a == b:
        return a
    ka, kb = KINDS[a], KINDS[b]
    if ka == kb:
        return a if ITEMSIZE[a] >= ITEMSIZE[b] else b
    if {ka, kb} == {"u", "i"}:  # a signed int that holds both (uint32 with int32: int64)
        signed, unsigned = (a, b) if ka == "i" else (b, a)
        return signed if ITEMSIZE[signed] > ITEMSIZE[unsigned] else "int64"
    low, high = (a, b) if "bui f".index(ka) < "bui f".index(kb) else (b, a)
    if KINDS[low] in "iu" and KINDS[high] == "f" and ITEMSIZE[low] >= ITEMSIZE[high]:
        return "float64"  # a float that holds every value of the int (int32 with float32: float64)
    return high


def with_weak(dtype: str, weak_kind: str) -> str:
    """The dtype of an operation between an array of `dtype` and a Python scalar (NEP 50). A
    float-or-numpy.float64 (`dyn_float`) is weak or strong by its run-time type: only where both
    give the same dtype (not with float32) is it used."""
    kind = _WEAK[weak_kind]
    if weak_kind == "dyn_float" and KINDS[dtype] == "f" and dtype != "float64":
        raise ValueError(weak_kind)
    if _RANK[kind] > _RANK[KINDS[dtype]]:
        return _DEFAULT_OF_KIND[kind]
    return dtype


def result_dtype(operands: list[tuple[str, bool]]) -> str:
    """The common dtype of (dtype-or-scalar-kind, is_weak) operands, at least one strong."""
    strong = [d for d, weak in operands if not weak]
    dtype = strong[0]
    for other in strong[1:]:
        dtype = promote(dtype, other)
    for kind, weak in operands:
        if weak:
            dtype = with_weak(dtype, kind)
    return dtype
