"""Views held in variables, with NumPy's aliasing: a write through `u = U[1:-1]` changes `U`, a
write into `U` shows through `u`, a view of a view writes the array below both; overlapping reads
and writes give NumPy's buffered result; `V = U` and branch-dependent views read as copies while
nothing writes the array."""

import numpy as np

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]


def interior_update(U: Matrix, dt: float):
    U = U.copy()
    u = U[1:-1, 1:-1]
    lap = U[:-2, 1:-1] + U[2:, 1:-1] + U[1:-1, :-2] + U[1:-1, 2:] - 4.0 * u
    u += dt * lap
    return U


def zero_entry(M: Matrix, i: int, j: int):
    out = M.copy()
    row = out[i]
    row[j] = 0.0
    return out


def clear_tail(x: Vector):
    y = x.copy()
    u = y[1:]
    u[...] = 0.0
    return y


def double_first_column(M: Matrix) -> None:
    col = M[:, 0]
    col *= 2.0


def reversed_write(x: Vector):
    y = x.copy()
    v = y[::-1]
    v[0] = 1.0
    return y, v.sum()


def view_of_view(x: Vector, k: float):
    y = x.copy()
    a = y[1:]
    b = a[::2]
    b += k
    b[-1] = -k
    return y, a.sum()


def strided_fill(x: Vector, start: int, step: int):
    y = x.copy()
    u = y[start:]
    u[::step] = 3.0
    return y


def overlapping_add(x: Vector):
    y = x.copy()
    y[1:] += y[:-1]
    return y


def overlapping_add_through_view(x: Vector):
    y = x.copy()
    tail = y[1:]
    tail += y[:-1]
    return y


def overlapping_copy_forward(x: Vector):
    y = x.copy()
    y[1:] = y[:-1]
    return y


def reverse_in_place(x: Vector):
    y = x.copy()
    y[:] = y[::-1]
    return y


def old_view_after_rebind(x: Vector):
    U = x.copy()
    u = U[1:]
    U = U * 2.0
    return u + U[1:]


def rows_centred(M: Matrix):
    out = M.copy()
    for i in range(out.shape[0]):
        row = out[i]
        row -= row.mean()
    return out


def either_view(x: Vector, flag: bool):
    y = x * 1.0
    if flag:
        v = y[1:]
    else:
        v = y[:-1]
    return v + 1.0


def base_write_seen_through_view(x: Vector):
    y = x.copy()
    v = y[2:]
    y[2] = 5.0
    t = y.T
    return v[0] + t[0]


def mask_through_view(x: Vector):
    y = x.copy()
    u = y[1:]
    u[u < 0.0] = 0.0
    return y


def column_of_argument(M: Matrix, j: int, k: float) -> None:
    col = M[:, j]
    col[1:] = col[:-1] * k


def newaxis_view_write(x: Vector):
    y = x.copy()
    c = y[:, np.newaxis]
    c[0, 0] = 9.0
    c[1:] *= 0.5
    return y


def best_so_far(x: Vector, steps: int):
    best = x * 1.0
    cur = x * 1.0
    for _ in range(steps):
        cur = cur * 0.5 + 1.0
        if cur.sum() < best.sum():
            best = cur
    return best + 0.0


def views_bound_together(x: Vector, i: int):
    U = x.copy()
    a, b = U[1:], U[i:]
    U[1] = 5.0
    b[0] = -1.0
    return a[0] + a.sum(), U


def view_with_the_old_index(x: Vector, i: int):
    U = x.copy()
    i, row = i + 1, U[i:]
    row[0] = 9.0
    return U, i


PYRS_TEST = {
    "views_bound_together": {"elements": {"ints": (-4, 4)}},
    "view_with_the_old_index": {"elements": {"ints": (-4, 4)}},
    "zero_entry": {"elements": {"ints": (-4, 4)}},
    "strided_fill": {"elements": {"ints": (-4, 4)}},
    "column_of_argument": {"elements": {"ints": (-3, 3)}},
    "best_so_far": {"elements": {"ints": (-2, 6)}},
}
