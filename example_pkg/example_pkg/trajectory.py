"""Trajectory optimisation for a planar robot arm, CHOMP-style, in plain NumPy.

This is the second case study of

    H. Lunnikivi, K. Jylkka, T. Hamalainen, "Transpiling Python to Rust for
    Optimized Performance", SAMOS 2020, LNCS vol. 12471, Springer, 2020.

A planar arm with J revolute joints (link lengths ``lengths``, base at the
origin) must move from ``q_start`` to ``q_goal`` (joint angles) past circular
obstacles.  The path is N waypoints in joint space, an (N, J) array ``q``,
initialised on the straight line and improved by gradient descent on

    smoothness + obstacle_weight * obstacle

as in CHOMP (Ratliff, Zucker, Bagnell, Srinivasa, ICRA 2009): the smoothness
cost is the sum of squared joint velocities (finite differences between
waypoints), the obstacle cost CHOMP's hinge of the clearance between every
joint of the arm and every obstacle surface, pulled back to joint space
through the arm's Jacobian.  The end points stay fixed.

Many iterations over small arrays: the regime where NumPy's per-call
overhead dominates.
"""

import numpy as np

# (N, J) joint angles of N waypoints; (J,) vectors; (M, 2) obstacle centres
Path = np.ndarray[tuple[int, int], np.dtype[np.float64]]
Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Points = np.ndarray[tuple[int, int], np.dtype[np.float64]]
Distances = np.ndarray[tuple[int, int, int], np.dtype[np.float64]]


def forward_kinematics(q: Path, lengths: Vector) -> tuple[Path, Path]:
    """x and y of the end of every link, for every waypoint: two (N, J) arrays."""
    angles = np.cumsum(q, axis=1)
    x = np.cumsum(lengths * np.cos(angles), axis=1)
    y = np.cumsum(lengths * np.sin(angles), axis=1)
    return x, y


def clearance(x: Path, y: Path, centers: Points, radii: Vector) -> Distances:
    """Signed distance from every joint to every obstacle surface: (N, J, M)."""
    dx = x[:, :, np.newaxis] - centers[:, 0]
    dy = y[:, :, np.newaxis] - centers[:, 1]
    return np.sqrt(dx**2 + dy**2) - radii


def smoothness_cost(q: Path) -> float:
    """Half the sum of squared joint velocities along the path."""
    velocity = np.diff(q, axis=0)
    return 0.5 * np.sum(velocity**2)


def obstacle_cost(q: Path, lengths: Vector, centers: Points, radii: Vector, epsilon: float) -> float:
    """CHOMP's obstacle cost: quadratic inside the margin epsilon, linear inside an obstacle."""
    x, y = forward_kinematics(q, lengths)
    d = clearance(x, y, centers, radii)
    cost = np.where(d < 0.0, 0.5 * epsilon - d, np.where(d < epsilon, (d - epsilon) ** 2 / (2.0 * epsilon), 0.0))
    return np.sum(cost)


def smoothness_gradient(q: Path) -> Path:
    """Gradient of ``smoothness_cost``: minus the discrete second derivative."""
    grad = np.zeros_like(q)
    grad[1:-1] = 2.0 * q[1:-1] - q[:-2] - q[2:]
    return grad


def obstacle_gradient(q: Path, lengths: Vector, centers: Points, radii: Vector, epsilon: float) -> Path:
    """Gradient of ``obstacle_cost`` with respect to the joint angles."""
    x, y = forward_kinematics(q, lengths)
    dx = x[:, :, np.newaxis] - centers[:, 0]
    dy = y[:, :, np.newaxis] - centers[:, 1]
    dist = np.sqrt(dx**2 + dy**2)
    d = dist - radii
    # slope of the hinge cost, then the gradient at every joint position, summed over obstacles
    slope = np.where(d < 0.0, -1.0, np.where(d < epsilon, (d - epsilon) / epsilon, 0.0))
    scale = slope / np.maximum(dist, 1e-9)
    gx = np.sum(scale * dx, axis=2)
    gy = np.sum(scale * dy, axis=2)
    # through the Jacobian: turning joint j rotates every joint k >= j about joint j - 1
    grad = np.zeros_like(q)
    base_x = np.zeros(q.shape[0])
    base_y = np.zeros(q.shape[0])
    for j in range(q.shape[1]):
        rx = x[:, j:] - base_x[:, np.newaxis]
        ry = y[:, j:] - base_y[:, np.newaxis]
        grad[:, j] = np.sum(rx * gy[:, j:] - ry * gx[:, j:], axis=1)
        base_x = x[:, j].copy()
        base_y = y[:, j].copy()
    return grad


def trajectory_cost(
    q: Path, lengths: Vector, centers: Points, radii: Vector, obstacle_weight: float, epsilon: float
) -> float:
    """The objective the optimiser descends."""
    return smoothness_cost(q) + obstacle_weight * obstacle_cost(q, lengths, centers, radii, epsilon)


def optimize(
    q_start: Vector,
    q_goal: Vector,
    lengths: Vector,
    centers: Points,
    radii: Vector,
    n_waypoints: int = 50,
    iterations: int = 300,
    step: float = 0.1,
    obstacle_weight: float = 1.0,
    epsilon: float = 0.3,
) -> Path:
    """Waypoints (n_waypoints, J) from q_start to q_goal after ``iterations`` gradient steps."""
    t = np.linspace(0.0, 1.0, n_waypoints)
    q = q_start + t[:, np.newaxis] * (q_goal - q_start)
    for _ in range(iterations):
        grad = smoothness_gradient(q) + obstacle_weight * obstacle_gradient(q, lengths, centers, radii, epsilon)
        q[1:-1] -= step * grad[1:-1]
    return q
