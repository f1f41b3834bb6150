"""Linear algebra as people write it: `@`, np.dot, np.outer, np.linalg.solve. NumPy hands these to
BLAS/LAPACK, so compiled results agree to rounding, not bit for bit (see test_linalg.py)."""

import numpy as np

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]


def quadratic_form(A: Matrix, x: Vector) -> float:
    return x @ A @ x


def covariance(points: Matrix) -> Matrix:
    centered = points - points.mean(axis=0)
    return centered.T @ centered / (points.shape[0] - 1)


def least_squares(A: Matrix, b: Vector) -> Vector:
    """Normal equations (fine for well-conditioned problems)."""
    return np.linalg.solve(A.T @ A, A.T @ b)


def project_onto_plane(points: Matrix, normal: Vector) -> Matrix:
    n = normal / np.linalg.norm(normal)
    return points - np.outer(points @ n, n)


def power_iteration(A: Matrix, v: Vector, steps: int) -> float:
    """Dominant eigenvalue estimate (Rayleigh quotient) after `steps` power iterations."""
    for _ in range(steps):
        w = A @ v
        v = w / np.linalg.norm(w)
    return v @ A @ v


def affine_layer(x: Matrix, weights: Matrix, bias: Vector) -> Matrix:
    """A dense neural-network layer with a ReLU."""
    return np.maximum(np.dot(x, weights) + bias, 0.0)
