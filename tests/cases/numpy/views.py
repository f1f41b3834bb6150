"""Views and writes through them: np.newaxis/None, `...`, partial integer indexing, slice assignment,
augmented assignment into slices and whole arrays; creation from numbers."""

import numpy as np

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]
MatrixMask = np.ndarray[tuple[int, int], np.dtype[np.bool_]]


def outer_difference(a: Vector, b: Vector):
    return a[:, np.newaxis] - b[None, :]


def last_column(m: Matrix):
    return m[..., -1] * 2.0


def row_of(m: Matrix, i: int):
    return m[i] + 0.0


def smooth_interior(x: Vector):
    y = x.copy()
    y[1:-1] = 0.25 * x[:-2] + 0.5 * x[1:-1] + 0.25 * x[2:]
    return y


def zero_border(m: Matrix):
    out = m.copy()
    out[0] = 0.0
    out[-1, :] = 0.0
    out[:, 0] = 0.0
    out[..., -1] = 0.0
    return out


def step_interior(u: Matrix, dt: float):
    v = u.copy()
    v[1:-1, 1:-1] += dt * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] - 4.0 * u[1:-1, 1:-1])
    return v


def scale_in_place(x: Vector, k: float):
    y = x * 1.0
    y *= k
    y -= 1.0
    return y


def fill_columns(m: Matrix, values: Vector):
    out = np.zeros_like(m)
    out[:, :] = values
    return out


def shift_left(x: Vector):
    y = x.copy()
    y[:-1] = y[1:]
    return y


def write_into_argument(x: Vector, k: float) -> None:
    x[::2] *= k


def grid(n: int):
    t = np.linspace(0.0, 1.0, n)
    return t[:, np.newaxis] * t


def open_grid(n: int, k: int):
    return np.linspace(-1.0, 2.0, n, endpoint=False) + np.eye(n, n, k)


def ramp(start: float, stop: float):
    return np.arange(start, stop, 0.25) + np.arange(stop)[:1].sum()




def positives(x: Matrix):
    return x[x > 0.0]


def clip_negatives(x: Matrix):
    out = x.copy()
    out[out < 0.0] = 0.0
    return out


def boost_large(x: Vector, threshold: float):
    y = x.copy()
    y[y > threshold] *= 2.0
    return y


def transposed_flat(m: Matrix):
    return m.T.ravel() + 0.0


def as_column(v: Vector):
    return v.reshape(-1, 1) * np.ones(3)


def literal_matrix(a: float, b: float):
    return np.array([[a, b], [b, a]]) * np.array([1.0, 2.0])


def inside_band(x: Vector, lo: float, hi: float):
    return np.where((x > lo) & ~(x > hi), x, 0.0)


def joined(a: Vector, b: Vector):
    return np.concatenate([a, b, a * 2.0])


def stacked_points(x: Vector, y: Vector):
    return np.stack((x, y), axis=-1)


def rows_and_columns(a: Vector, b: Vector, m: Matrix):
    return np.vstack([a, b]).sum() + np.hstack([a, b]).sum() + np.column_stack([a, b]).sum() + np.concatenate(
        [m, m], axis=1).sum()


def selected_by(image: Matrix, mask: MatrixMask):
    return image[mask] * 2.0


def zeroed_where(image: Matrix, mask: MatrixMask):
    image[mask] = 0.0
    return image.sum()


PYRS_TEST = {
    "row_of": {"elements": {"ints": (-4, 4)}},
    "grid": {"elements": {"ints": (-2, 12)}},
    "open_grid": {"elements": {"ints": (-2, 8)}},
    "ramp": {"elements": {"min_value": -20.0, "max_value": 20.0}},
}
