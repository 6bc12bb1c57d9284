#!/usr/bin/python3
"""Time scipy.optimize.minimize(method='SLSQP') on the sharing problems written by spinesim-bench.

Usage: /usr/bin/python3 bench/scipy_slsqp.py sharing_problems.bin [--frames K]

The file format is documented in bench/problem_file.hpp. Each problem is scaled exactly as spinesim scales it
(libsim/src/sharing/scaled_problem.cpp): y = x / v with v = size * reference_stress for muscles and v = size for
contact generators, rows divided by the Euclidean norm of (A V)_k. SLSQP gets analytic gradients and constraint
Jacobians. Prints the median microseconds per frame and the objective agreement with spinesim. The K problems are
spread evenly over the file (which holds the scenario library in order), not its first K frames.

Some frames have linearly dependent equilibrium rows (e.g. rank 28 of 30 in the first library frames); SLSQP stops
on them at its first iteration ("Singular matrix C in LSQ subproblem"), while spinesim's solver accepts them. SLSQP is
therefore given an orthonormal basis of the row space instead (U_r^T A y = U_r^T b from the SVD of the scaled A,
singular values above 1e-10 of the largest), which has the same solutions; the equality residual is reported for the
original rows. The reduction is not timed.
"""
import argparse
import struct
import sys
import time

import numpy as np
from scipy.optimize import minimize

CRITERIA = ("sum stress^2", "sum stress^3", "min/max")


def read_problems(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"SPSHARE1":
        sys.exit(f"{path}: not a spinesim sharing problem file")
    (count,) = struct.unpack_from("<I", data, 8)
    off = 12
    problems = []
    for _ in range(count):
        n, m = struct.unpack_from("<II", data, off)
        off += 8
        sigma, rho, wmm = struct.unpack_from("<3d", data, off)
        off += 24

        def take(k):
            nonlocal off
            a = np.frombuffer(data, dtype="<f8", count=k, offset=off).copy()
            off += 8 * k
            return a

        A = take(m * n).reshape(m, n)
        b, lower, upper, size = take(m), take(n), take(n), take(n)
        kind = np.frombuffer(data, dtype=np.uint8, count=n, offset=off).copy()
        off += n
        objectives = take(3)
        problems.append(dict(A=A, b=b, lower=lower, upper=upper, size=size, kind=kind, sigma=sigma, rho=rho,
                             wmm=wmm, objectives=objectives))
    return problems


def scaled(p, criterion):
    muscle = p["kind"] == 0
    v = np.where(muscle, p["size"] * p["sigma"], p["size"])
    AV = p["A"] * v
    norms = np.linalg.norm(AV, axis=1)
    r = np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 1.0)
    A = AV * r[:, None]
    b = p["b"] * r
    lo, hi = p["lower"] / v, p["upper"] / v
    w = np.where(muscle, p["wmm"] if criterion == 2 else 1.0, p["rho"])
    cubic = muscle & (criterion == 1)
    return A, b, lo, hi, w, cubic, muscle


def independent_rows(A, b):
    """An orthonormal basis of the rows of A and the matching right-hand side (same solution set if consistent)."""
    U, S, _ = np.linalg.svd(A, full_matrices=False)
    r = int(np.sum(S > 1e-10 * S[0])) if S.size else 0
    return U[:, :r].T @ A, U[:, :r].T @ b


def solve(p, criterion):
    A_rows, b_rows, lo, hi, w, cubic, muscle = scaled(p, criterion)
    A, b = independent_rows(A_rows, b_rows)
    n = A.shape[1]
    quad = ~cubic
    bounds = [(l, None if np.isinf(h) else h) for l, h in zip(lo, hi)]
    if criterion != 2:
        def f(y):
            return float(np.sum(w[quad] * y[quad] ** 2) + np.sum(y[cubic] ** 3))

        def g(y):
            out = 2.0 * w * y
            out[cubic] = 3.0 * y[cubic] ** 2
            return out

        cons = [dict(type="eq", fun=lambda y: A @ y - b, jac=lambda y: A)]
        y0 = np.clip(np.zeros(n), lo, hi)
        t0 = time.perf_counter()
        res = minimize(f, y0, jac=g, bounds=bounds, constraints=cons, method="SLSQP",
                       options=dict(ftol=1e-12, maxiter=1000))
        return res.fun, res.success, np.max(np.abs(A_rows @ res.x - b_rows)), time.perf_counter() - t0
    # min/max: variables (y, t); y_i - t <= 0 for muscles
    idx = np.flatnonzero(muscle)
    C = np.zeros((idx.size, n + 1))
    C[np.arange(idx.size), idx] = -1.0
    C[:, n] = 1.0  # t - y_i >= 0
    Aext = np.hstack([A, np.zeros((A.shape[0], 1))])

    def f(z):
        return float(z[n] + np.sum(w * z[:n] ** 2))

    def g(z):
        out = np.empty(n + 1)
        out[:n] = 2.0 * w * z[:n]
        out[n] = 1.0
        return out

    cons = [dict(type="eq", fun=lambda z: Aext @ z - b, jac=lambda z: Aext),
            dict(type="ineq", fun=lambda z: C @ z, jac=lambda z: C)]
    z0 = np.zeros(n + 1)
    z0[:n] = np.clip(0.0, lo, hi)
    t0 = time.perf_counter()
    res = minimize(f, z0, jac=g, bounds=bounds + [(0.0, None)], constraints=cons, method="SLSQP",
                   options=dict(ftol=1e-12, maxiter=1000))
    return res.fun, res.success, np.max(np.abs(A_rows @ res.x[:n] - b_rows)), time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--frames", type=int, default=5,
                    help="number of problems to solve, spread evenly over the file (first and last included; the file "
                         "holds the library's scenarios in order, so the problems come from different exercises; "
                         "SLSQP is slow)")
    args = ap.parse_args()
    if args.frames < 1:
        sys.exit(f"--frames: {args.frames} must be at least 1")
    everything = read_problems(args.file)
    picked = sorted(set(np.linspace(0, len(everything) - 1, min(args.frames, len(everything))).round().astype(int)))
    problems = [everything[i] for i in picked]
    sizes = ", ".join(f"#{i} (n = {everything[i]['A'].shape[1]}, m = {everything[i]['A'].shape[0]})" for i in picked)
    print(f"scipy SLSQP on {len(problems)} of the {len(everything)} problems in {args.file}: {sizes}")
    print(f"{'criterion':<13} {'frames':>6} {'slsqp[us]':>12} {'max_rel_obj':>12} {'max_eq_res(scaled)':>19} "
          f"{'failed':>6}")
    for c, name in enumerate(CRITERIA):
        times, rel, eq, failed = [], 0.0, 0.0, 0
        for p in problems:
            fun, ok, res, seconds = solve(p, c)
            times.append(seconds * 1e6)
            ref = p["objectives"][c]
            failed += (not ok)
            if np.isfinite(ref):
                rel = max(rel, abs(fun - ref) / abs(ref))
            eq = max(eq, res)
        print(f"{name:<13} {len(problems):>6} {np.median(times):>12.0f} {rel:>12.2e} {eq:>19.2e} {failed:>6}")
    print("(max_rel_obj = |f_slsqp - f_spinesim| / |f_spinesim|; 'failed' = SLSQP did not report success)")


if __name__ == "__main__":
    main()
