"""Distances and geometry on point clouds, as people write them with broadcasting: distance
matrices, nearest neighbours, RBF kernels, n-body accelerations, rotations, polygon areas."""

import numpy as np

Points = np.ndarray[tuple[int, int], np.dtype[np.float64]]
Line = np.ndarray[tuple[int], np.dtype[np.float64]]


def distance_matrix(a: Points, b: Points) -> Points:
    """Euclidean distances between every row of a and every row of b."""
    diff = a[:, np.newaxis, :] - b[np.newaxis, :, :]
    return np.sqrt(np.sum(diff**2, axis=-1))


def nearest_distance(a: Points, b: Points) -> Line:
    """Distance from every point of a to its nearest point of b."""
    d = np.linalg.norm(a[:, None, :] - b[None, :, :], axis=2)
    return d.min(axis=1)


def rbf_kernel(x: Points, gamma: float) -> Points:
    """Gaussian (RBF) kernel matrix exp(-gamma |xi - xj|^2)."""
    d2 = np.sum((x[:, None, :] - x[None, :, :]) ** 2, axis=-1)
    return np.exp(-gamma * d2)


def nbody_accelerations(pos: Points, mass: Line, softening: float) -> Points:
    """Gravitational accelerations of every body (G = 1), softened."""
    dx = pos[np.newaxis, :, 0] - pos[:, np.newaxis, 0]
    dy = pos[np.newaxis, :, 1] - pos[:, np.newaxis, 1]
    inv_r3 = (dx**2 + dy**2 + softening**2) ** -1.5
    ax = np.sum(dx * inv_r3 * mass, axis=1)
    ay = np.sum(dy * inv_r3 * mass, axis=1)
    acc = np.zeros_like(pos[:, :2])
    acc[:, 0] = ax
    acc[:, 1] = ay
    return acc


def rotate_points(xy: Points, angle: float) -> Points:
    """Rotate 2-D points about the origin."""
    c, s = np.cos(angle), np.sin(angle)
    out = np.empty_like(xy[:, :2])
    out[:, 0] = c * xy[:, 0] - s * xy[:, 1]
    out[:, 1] = s * xy[:, 0] + c * xy[:, 1]
    return out


def polygon_area(x: Line, y: Line) -> float:
    """Shoelace formula for a closed polygon given by its vertices in order."""
    return 0.5 * abs(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]) + x[-1] * y[0] - x[0] * y[-1])


def path_length(points: Points) -> float:
    """Length of the polyline through the points."""
    return np.sum(np.linalg.norm(np.diff(points, axis=0), axis=1))


def triangle_areas(a: Points, b: Points, c: Points) -> Line:
    """Areas of 2-D triangles (one per row) from the cross product."""
    ab = b - a
    ac = c - a
    return 0.5 * np.abs(ab[:, 0] * ac[:, 1] - ab[:, 1] * ac[:, 0])


def _nbody_term_magnitudes(pos: Points, mass: Line, softening: float) -> Points:
    """The sums of |term| behind each acceleration (the test's error scale where terms cancel)."""
    dx = np.abs(pos[np.newaxis, :, 0] - pos[:, np.newaxis, 0])
    dy = np.abs(pos[np.newaxis, :, 1] - pos[:, np.newaxis, 1])
    inv_r3 = (dx**2 + dy**2 + softening**2) ** -1.5
    magnitudes = np.zeros_like(pos[:, :2])
    magnitudes[:, 0] = np.sum(dx * inv_r3 * np.abs(mass), axis=1)
    magnitudes[:, 1] = np.sum(dy * inv_r3 * np.abs(mass), axis=1)
    return magnitudes


PYRS_TEST = {
    "rbf_kernel": {"elements": {"min_value": -10.0, "max_value": 10.0}, "ulps": 1,
                   "why": "np.exp: NumPy's SIMD exp vs libm, within 1 ulp"},
    "nbody_accelerations": {"elements": {"min_value": -100.0, "max_value": 100.0}, "ulps": 4,
                            "scale": "_nbody_term_magnitudes",
                            "why": "r ** -1.5: NumPy's SIMD power vs the runtime's (1 ulp each), then sums "
                                   "whose terms cancel: bound relative to the terms' magnitudes"},
    "_nbody_term_magnitudes": {"elements": {"min_value": -100.0, "max_value": 100.0}, "ulps": 4,
                               "why": "r ** -1.5 (1 ulp each side), then sums of positive terms"},
    "rotate_points": {"elements": {"min_value": -100.0, "max_value": 100.0}},
}
