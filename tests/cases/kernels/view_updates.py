"""Numeric kernels that update arrays through views held in variables, the way people write
them: `u = U[1:-1, 1:-1]; u += ...` time steps, line Gauss-Seidel, Gram-Schmidt on columns,
in-place row normalisation, boundary conditions, a region of an image."""

import numpy as np

Grid = np.ndarray[tuple[int, int], np.dtype[np.float64]]
Line = np.ndarray[tuple[int], np.dtype[np.float64]]


def heat_equation(U: Grid, alpha: float, steps: int) -> Grid:
    """Explicit Euler steps of the 2-D heat equation on the interior; the boundary stays fixed."""
    U = U.copy()
    for _ in range(steps):
        u = U[1:-1, 1:-1]
        lap = U[:-2, 1:-1] + U[2:, 1:-1] + U[1:-1, :-2] + U[1:-1, 2:] - 4.0 * u
        u += alpha * lap
    return U


def gauss_seidel_lines(u: Grid, f: Grid, h: float, sweeps: int) -> Grid:
    """Line relaxation for -lap(u) = f: each interior row from the rows just updated."""
    u = u.copy()
    n = u.shape[0]
    for _ in range(sweeps):
        for i in range(1, n - 1):
            row = u[i]
            row[1:-1] = 0.25 * (u[i - 1, 1:-1] + u[i + 1, 1:-1] + row[:-2] + row[2:] + h * h * f[i, 1:-1])
    return u


def normalize_rows(X: Grid) -> None:
    """Scale each row of X in place to sum to one (rows summing to zero are left alone)."""
    for i in range(X.shape[0]):
        row = X[i]
        total = row.sum()
        if total != 0.0:
            row /= total


def gram_schmidt(A: Grid) -> Grid:
    """Modified Gram-Schmidt on the columns of A (zero columns stay zero)."""
    Q = A.copy()
    for j in range(Q.shape[1]):
        v = Q[:, j]
        for i in range(j):
            q = Q[:, i]
            v -= np.sum(q * v) * q
        norm = np.sqrt(np.sum(v * v))
        if norm > 0.0:
            v /= norm
    return Q


def upwind_advection(u: Line, c: float, steps: int) -> Line:
    """First-order upwind steps of u_t + a u_x = 0 (c = Courant number); the inflow value stays."""
    u = u.copy()
    for _ in range(steps):
        interior = u[1:]
        interior -= c * (u[1:] - u[:-1])
    return u


def row_prefix_sums(M: Grid) -> Grid:
    """Running sums along each row, element by element."""
    out = M.copy()
    for i in range(out.shape[0]):
        row = out[i]
        for j in range(1, row.shape[0]):
            row[j] += row[j - 1]
    return out


def apply_neumann(U: Grid) -> None:
    """Zero-gradient boundary: each edge copies its inner neighbour, in place."""
    top = U[0]
    top[:] = U[1]
    bottom = U[-1]
    bottom[:] = U[-2]
    left = U[:, 0]
    left[:] = U[:, 1]
    right = U[:, -1]
    right[:] = U[:, -2]


def brighten_region(img: Grid, top: int, left: int, size: int, gain: float) -> Grid:
    """Scale a square region of interest and clip it at 1."""
    out = img.copy()
    roi = out[top:top + size, left:left + size]
    roi *= gain
    roi[roi > 1.0] = 1.0
    return out


PYRS_TEST = {
    "heat_equation": {"elements": {"ints": (-1, 4), "min_value": -1e3, "max_value": 1e3}},
    "gauss_seidel_lines": {"elements": {"ints": (-1, 3), "min_value": -1e3, "max_value": 1e3}},
    "upwind_advection": {"elements": {"ints": (-1, 5), "min_value": -1e3, "max_value": 1e3}},
    "brighten_region": {"elements": {"ints": (-5, 5)}},
}
