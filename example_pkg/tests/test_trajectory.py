"""Tests of the installed ``example_pkg.trajectory`` (compiled or not) against its original source.

The optimiser runs hundreds of gradient steps, so the compiled and the original trajectories are
compared with a tolerance: both evaluate the same float64 operations in the same order (reductions
included), only ``cos``/``sin``/``sqrt`` may come from another libm than NumPy's and differ in the
last bit; gradient descent on this cost damps such differences (measured: identical waypoints on
x86-64 with glibc; the bound leaves room for a 1-ulp trigonometric difference growing over 300
steps).
"""

from typing import Tuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

import example_pkg.trajectory as trajectory
from example_pkg._original import is_extension_module, load_original_of

ATOL = 1e-9  # radians, see the module docstring

Scene = Tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64],
              NDArray[np.float64]]

requires_compiled = pytest.mark.skipif(not is_extension_module(trajectory), reason="trajectory is not compiled")


def original():  # type: ignore[no-untyped-def]
    return load_original_of("example_pkg.trajectory")


def demo_scene() -> Scene:
    """The demo's arm and obstacles: q_start, q_goal, lengths, centers, radii."""
    return (np.array([0.2, 0.3, 0.2]), np.array([2.4, -0.2, 0.3]), np.array([1.0, 0.8, 0.6]),
            np.array([[0.2, 1.6], [-1.0, 1.1], [1.3, 1.2]]), np.array([0.35, 0.3, 0.25]))


@requires_compiled
def test_module_is_compiled_entirely() -> None:
    assert set(trajectory.__pyrs_build__["compiled"]) == {
        "forward_kinematics", "clearance", "smoothness_cost", "obstacle_cost", "smoothness_gradient",
        "obstacle_gradient", "trajectory_cost", "optimize"}


def test_demo_trajectory_matches_original() -> None:
    scene = demo_scene()
    got = trajectory.optimize(*scene)
    expected = original().optimize(*scene)
    assert got.shape == expected.shape == (50, 3) and got.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=0, atol=ATOL)
    np.testing.assert_array_equal(got[0], scene[0])  # the end points stay where they were
    np.testing.assert_array_equal(got[-1], scene[1])


def test_optimisation_lowers_the_cost_and_clears_the_obstacles() -> None:
    scene = demo_scene()
    q_start, q_goal, lengths, centers, radii = scene
    before = trajectory.optimize(*scene, iterations=0)
    after = trajectory.optimize(*scene)
    cost_before = trajectory.trajectory_cost(before, lengths, centers, radii, 1.0, 0.3)
    cost_after = trajectory.trajectory_cost(after, lengths, centers, radii, 1.0, 0.3)
    assert cost_after < 0.2 * cost_before
    x, y = trajectory.forward_kinematics(after, lengths)
    assert np.min(trajectory.clearance(x, y, centers, radii)) > -0.05  # no joint deep inside an obstacle


def test_obstacle_gradient_is_the_gradient_of_the_cost() -> None:
    """Central differences of the compiled cost against the compiled gradient."""
    _, _, lengths, centers, radii = demo_scene()
    rng = np.random.default_rng(3)
    q = rng.uniform(-0.5, 2.5, (12, 3))
    grad = trajectory.obstacle_gradient(q, lengths, centers, radii, 0.3)
    h = 1e-6
    numeric = np.zeros_like(q)
    for i in range(q.shape[0]):
        for j in range(q.shape[1]):
            up, down = q.copy(), q.copy()
            up[i, j] += h
            down[i, j] -= h
            numeric[i, j] = (trajectory.obstacle_cost(up, lengths, centers, radii, 0.3)
                             - trajectory.obstacle_cost(down, lengths, centers, radii, 0.3)) / (2 * h)
    np.testing.assert_allclose(grad, numeric, atol=1e-6)


@st.composite
def scenes(draw) -> Tuple[Scene, int, int]:  # type: ignore[no-untyped-def]
    joints = draw(st.integers(1, 5))
    obstacles = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    scene = (rng.uniform(-np.pi, np.pi, joints), rng.uniform(-np.pi, np.pi, joints), rng.uniform(0.2, 1.5, joints),
             rng.uniform(-2.0, 2.0, (obstacles, 2)), rng.uniform(0.05, 0.6, obstacles))
    return scene, draw(st.integers(2, 40)), draw(st.integers(0, 60))


@settings(deadline=None, max_examples=60)
@given(scenes())
def test_random_scenes_match_original(case: Tuple[Scene, int, int]) -> None:
    scene, waypoints, iterations = case
    got = trajectory.optimize(*scene, n_waypoints=waypoints, iterations=iterations, step=0.05)
    expected = original().optimize(*scene, n_waypoints=waypoints, iterations=iterations, step=0.05)
    np.testing.assert_allclose(got, expected, rtol=0, atol=ATOL)
    q_start, _, lengths, centers, radii = scene
    for name in ("obstacle_cost", "trajectory_cost"):
        extra = (1.0, 0.3) if name == "trajectory_cost" else (0.3,)
        assert np.isclose(getattr(trajectory, name)(got, lengths, centers, radii, *extra),
                          getattr(original(), name)(got, lengths, centers, radii, *extra), rtol=1e-12, atol=1e-12)


def test_strided_and_fortran_inputs() -> None:
    q_start, q_goal, lengths, centers, radii = demo_scene()
    q = original().optimize(q_start, q_goal, lengths, centers, radii, iterations=5)
    for variant in (np.asfortranarray(q), q[::-1], np.repeat(q, 2, axis=1)[:, ::2]):
        np.testing.assert_allclose(trajectory.obstacle_gradient(variant, lengths, centers, radii, 0.3),
                                   original().obstacle_gradient(variant, lengths, centers, radii, 0.3),
                                   rtol=0, atol=1e-12)
        assert trajectory.smoothness_cost(variant) == original().smoothness_cost(variant)


def test_wrong_arguments_behave_like_the_original() -> None:
    q_start, q_goal, lengths, centers, radii = demo_scene()
    with pytest.raises(ValueError):  # 4 link lengths for a 3-joint path: NumPy's broadcast error
        trajectory.forward_kinematics(np.zeros((5, 3)), np.ones(4))
    with pytest.raises(ValueError):
        original().forward_kinematics(np.zeros((5, 3)), np.ones(4))
    # a list and an int array run the original NumPy code: same result
    as_list = trajectory.smoothness_cost([[0.0, 1.0], [2.0, 3.0]])  # type: ignore[arg-type]
    assert as_list == original().smoothness_cost(np.array([[0.0, 1.0], [2.0, 3.0]]))
    ints = np.arange(6).reshape(3, 2)
    assert trajectory.smoothness_cost(ints) == original().smoothness_cost(ints)
