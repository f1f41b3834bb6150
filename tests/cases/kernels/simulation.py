"""Small simulations as people write them: Euler and Runge-Kutta integration of ODEs (predator-prey,
SIR epidemics, damped oscillators), velocity Verlet for springs, random walks from given
increments, the logistic map, Monte Carlo payoffs from given normal draws."""

import numpy as np

Series = np.ndarray[tuple[int], np.dtype[np.float64]]
Table = np.ndarray[tuple[int, int], np.dtype[np.float64]]


def lotka_volterra(prey0: float, predator0: float, a: float, b: float, c: float, d: float, dt: float,
                   steps: int) -> Table:
    """Forward-Euler trajectory of the predator-prey model."""
    out = np.zeros((steps + 1, 2))
    out[0, 0] = prey0
    out[0, 1] = predator0
    for i in range(steps):
        x = out[i, 0]
        y = out[i, 1]
        out[i + 1, 0] = x + dt * (a * x - b * x * y)
        out[i + 1, 1] = y + dt * (d * x * y - c * y)
    return out


def sir_epidemic(s0: float, i0: float, beta: float, gamma: float, days: int) -> Table:
    """Daily susceptible/infected/recovered fractions of the SIR model."""
    state = np.zeros((days + 1, 3))
    state[0] = np.array([s0, i0, 1.0 - s0 - i0])
    for t in range(days):
        s, i, r = state[t, 0], state[t, 1], state[t, 2]
        new_infections = beta * s * i
        recoveries = gamma * i
        state[t + 1, 0] = s - new_infections
        state[t + 1, 1] = i + new_infections - recoveries
        state[t + 1, 2] = r + recoveries
    return state


def damped_oscillator_rk4(x0: float, v0: float, omega: float, zeta: float, dt: float, steps: int) -> Series:
    """Classical Runge-Kutta for x'' + 2 zeta omega x' + omega^2 x = 0; returns the positions."""
    xs = np.empty(steps + 1)
    x, v = x0, v0
    xs[0] = x
    for n in range(steps):
        k1x, k1v = v, -2 * zeta * omega * v - omega**2 * x
        k2x, k2v = v + 0.5 * dt * k1v, -2 * zeta * omega * (v + 0.5 * dt * k1v) - omega**2 * (x + 0.5 * dt * k1x)
        k3x, k3v = v + 0.5 * dt * k2v, -2 * zeta * omega * (v + 0.5 * dt * k2v) - omega**2 * (x + 0.5 * dt * k2x)
        k4x, k4v = v + dt * k3v, -2 * zeta * omega * (v + dt * k3v) - omega**2 * (x + dt * k3x)
        x = x + dt / 6 * (k1x + 2 * k2x + 2 * k3x + k4x)
        v = v + dt / 6 * (k1v + 2 * k2v + 2 * k3v + k4v)
        xs[n + 1] = x
    return xs


def spring_chain_verlet(x: Series, v: Series, k: float, dt: float, steps: int) -> Series:
    """Velocity Verlet for a chain of unit masses joined by springs, ends fixed."""
    x = x.copy()
    v = v.copy()
    a = np.zeros_like(x)
    a[1:-1] = k * (x[2:] - 2 * x[1:-1] + x[:-2])
    for _ in range(steps):
        x += dt * v + 0.5 * dt**2 * a
        a_new = np.zeros_like(x)
        a_new[1:-1] = k * (x[2:] - 2 * x[1:-1] + x[:-2])
        v += 0.5 * dt * (a + a_new)
        v[0] = 0.0
        v[-1] = 0.0
        a = a_new
    return x


def random_walks(increments: Table, start: float) -> Table:
    """Paths of random walks (one per row) from their increments."""
    return start + np.cumsum(increments, axis=1)


def logistic_map(x0: Series, r: float, iterations: int) -> Series:
    """Iterate x -> r x (1 - x) for many starting points at once."""
    x = x0.copy()
    for _ in range(iterations):
        x = r * x * (1.0 - x)
    return x


def asian_call_payoff(normals: Table, s0: float, mu: float, sigma: float, dt: float, strike: float) -> float:
    """Monte Carlo price of an arithmetic Asian call from given standard normal draws (paths x steps)."""
    log_steps = (mu - 0.5 * sigma**2) * dt + sigma * np.sqrt(dt) * normals
    paths = s0 * np.exp(np.cumsum(log_steps, axis=1))
    payoff = np.maximum(paths.mean(axis=1) - strike, 0.0)
    return np.mean(payoff)


def particle_box(pos: Table, vel: Table, dt: float, steps: int) -> Table:
    """Free particles bouncing inside the unit box."""
    pos = pos.copy()
    vel = vel.copy()
    for _ in range(steps):
        pos += dt * vel
        below = pos < 0.0
        above = pos > 1.0
        vel = np.where(below | above, -vel, vel)
        pos = np.where(below, -pos, np.where(above, 2.0 - pos, pos))
    return pos


PYRS_TEST = {
    "lotka_volterra": {"elements": {"ints": (0, 8), "min_value": -10.0, "max_value": 10.0}},
    "sir_epidemic": {"elements": {"ints": (0, 8), "min_value": 0.0, "max_value": 1.0}},
    "damped_oscillator_rk4": {"elements": {"ints": (0, 8), "min_value": -10.0, "max_value": 10.0}},
    # `x += expr` is one fused loop over x and expr's operands: for mismatched shapes its message names
    # x's shape first, NumPy evaluates expr first (same ValueError, other order of the two shapes)
    "spring_chain_verlet": {"elements": {"ints": (0, 5), "min_value": -10.0, "max_value": 10.0},
                            "messages": False, "why": "see above"},
    "logistic_map": {"elements": {"ints": (0, 10), "min_value": 0.0, "max_value": 4.0}},
    "asian_call_payoff": {"elements": {"min_value": -3.0, "max_value": 3.0}, "ulps": 8,
                          "why": "np.exp per step: NumPy's SIMD exp vs libm, 1 ulp each, averaged"},
    "particle_box": {"elements": {"ints": (0, 6), "min_value": -2.0, "max_value": 2.0},
                     "messages": False, "why": "as spring_chain_verlet"},
}
