"""Plots of benchmarks/results/benchmarks.json (run by benchmarks/run.py inside its environment)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main() -> None:
    data = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    variants = sys.argv[3].split(",")
    plot_black_scholes(data, variants, out / "black_scholes.png")
    plot_speedups(data, variants, out / "speedups.png")


def plot_black_scholes(data: list[dict], variants: list[str], path: Path) -> None:
    rows = [d for d in data if d["kernel"] == "black_scholes"]
    if not rows:
        return
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for variant in variants:
        points = sorted((d["n"], d["median"] * 1e3) for d in rows if d["variant"] == variant)
        if points:
            ax.loglog(*zip(*points), marker="o", label=variant)
    ax.set_xlabel("options")
    ax.set_ylabel("median time [ms]")
    ax.set_title("Black–Scholes (call and put prices)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def plot_speedups(data: list[dict], variants: list[str], path: Path) -> None:
    kernels = list(dict.fromkeys(d["kernel"] for d in data))
    largest = {k: max(d["n"] for d in data if d["kernel"] == k) for k in kernels}
    base = {k: next((d["median"] for d in data if d["kernel"] == k and d["n"] == largest[k]
                     and d["variant"] == "numpy"), None) for k in kernels}
    shown = [v for v in variants if v != "numpy"]
    fig, ax = plt.subplots(figsize=(max(7, len(kernels) * 1.1), 4.5))
    width = 0.8 / max(1, len(shown))
    for i, variant in enumerate(shown):
        xs, ys = [], []
        for j, k in enumerate(kernels):
            m = next((d["median"] for d in data if d["kernel"] == k and d["n"] == largest[k]
                      and d["variant"] == variant), None)
            if m and base[k]:
                xs.append(j + i * width)
                ys.append(base[k] / m)
        ax.bar(xs, ys, width, label=variant)
    ax.set_xticks([j + width * (len(shown) - 1) / 2 for j in range(len(kernels))])
    ax.set_xticklabels(kernels, rotation=30, ha="right")
    ax.set_yscale("log")
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_ylabel("speed-up over the original NumPy code")
    ax.set_title("Speed-up at each kernel's largest size")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
