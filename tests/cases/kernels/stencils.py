"""Stencils and image filters as people post them: heat and wave equations, Jacobi sweeps,
box/Gaussian blur, Sobel edges, upwind advection. Written here in the usual NumPy style."""

import numpy as np

Grid = np.ndarray[tuple[int, int], np.dtype[np.float64]]
Line = np.ndarray[tuple[int], np.dtype[np.float64]]


def heat_step(u: Grid, alpha: float, dt: float, dx: float) -> Grid:
    """One explicit Euler step of the 2-D heat equation; the boundary stays fixed."""
    un = u.copy()
    un[1:-1, 1:-1] = u[1:-1, 1:-1] + alpha * dt / dx**2 * (
        u[2:, 1:-1] - 2 * u[1:-1, 1:-1] + u[:-2, 1:-1] + u[1:-1, 2:] - 2 * u[1:-1, 1:-1] + u[1:-1, :-2]
    )
    return un


def jacobi_sweeps(u: Grid, f: Grid, h: float, sweeps: int) -> Grid:
    """Jacobi iterations for the Poisson equation -lap(u) = f."""
    u = u.copy()
    for _ in range(sweeps):
        u[1:-1, 1:-1] = 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] + h * h * f[1:-1, 1:-1])
    return u


def wave_step(u: Line, u_prev: Line, c: float) -> Line:
    """Leapfrog step of the 1-D wave equation (c = Courant number)."""
    u_next = np.zeros_like(u)
    u_next[1:-1] = 2 * u[1:-1] - u_prev[1:-1] + c**2 * (u[2:] - 2 * u[1:-1] + u[:-2])
    return u_next


def box_blur(img: Grid) -> Grid:
    """3x3 mean filter of the interior pixels."""
    out = np.zeros_like(img)
    out[1:-1, 1:-1] = (
        img[:-2, :-2] + img[:-2, 1:-1] + img[:-2, 2:]
        + img[1:-1, :-2] + img[1:-1, 1:-1] + img[1:-1, 2:]
        + img[2:, :-2] + img[2:, 1:-1] + img[2:, 2:]
    ) / 9.0
    return out


def gaussian_blur(img: Grid) -> Grid:
    """Separable [1, 2, 1] / 4 blur in both directions (valid region)."""
    rows = 0.25 * img[:, :-2] + 0.5 * img[:, 1:-1] + 0.25 * img[:, 2:]
    return 0.25 * rows[:-2, :] + 0.5 * rows[1:-1, :] + 0.25 * rows[2:, :]


def sobel_magnitude(img: Grid) -> Grid:
    """Edge strength from the Sobel operator."""
    gx = (img[:-2, 2:] + 2 * img[1:-1, 2:] + img[2:, 2:]) - (img[:-2, :-2] + 2 * img[1:-1, :-2] + img[2:, :-2])
    gy = (img[2:, :-2] + 2 * img[2:, 1:-1] + img[2:, 2:]) - (img[:-2, :-2] + 2 * img[:-2, 1:-1] + img[:-2, 2:])
    return np.sqrt(gx**2 + gy**2)


def unsharp_mask(img: Grid, amount: float) -> Grid:
    """Sharpen: add back the difference to a blurred copy, clipped to [0, 1]."""
    blurred = img.copy()
    blurred[1:-1, 1:-1] = (img[:-2, 1:-1] + img[2:, 1:-1] + img[1:-1, :-2] + img[1:-1, 2:] + img[1:-1, 1:-1]) / 5
    return np.minimum(np.maximum(img + amount * (img - blurred), 0.0), 1.0)


def upwind_advection(u: Line, c: float, steps: int) -> Line:
    """First-order upwind scheme for u_t + a u_x = 0 with a > 0 (c = a dt / dx), inflow fixed."""
    u = u.copy()
    for _ in range(steps):
        u[1:] = u[1:] - c * (u[1:] - u[:-1])
    return u


def central_gradient(f: Line, dx: float) -> Line:
    """Second-order central differences inside, one-sided at the ends."""
    g = np.empty_like(f)
    g[1:-1] = (f[2:] - f[:-2]) / (2 * dx)
    g[0] = (f[1] - f[0]) / dx
    g[-1] = (f[-1] - f[-2]) / dx
    return g


def laplacian_energy(u: Grid) -> float:
    """Sum of squared 5-point Laplacian over the interior (a smoothness measure)."""
    lap = u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] - 4 * u[1:-1, 1:-1]
    return np.sum(lap * lap)


PYRS_TEST = {
    "jacobi_sweeps": {"elements": {"ints": (0, 5), "min_value": -1e3, "max_value": 1e3}},
    "upwind_advection": {"elements": {"ints": (0, 6), "min_value": -1e3, "max_value": 1e3}},
    "sobel_magnitude": {"elements": {"min_value": -1e3, "max_value": 1e3}},
    # the Courant number is small in practice; a huge one overflows `c**2` (Python's OverflowError)
    # before NumPy's broadcast error for mismatched shapes, which the compiled code checks first
    "wave_step": {"elements": {"min_value": -1e3, "max_value": 1e3}},
    # intensities in [0, 1] (np.maximum of -0.0 and 0.0 depends on NumPy's loop: SIMD or scalar)
    "unsharp_mask": {"elements": {"min_value": 0.0, "max_value": 1.0}},
}
