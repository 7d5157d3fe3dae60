#!/usr/bin/env python3
"""Vectorized NumPy baseline for the cost + Sinkhorn lines of `gmmflow bench large --compare` (issue 9).

Reads two GMM JSON files (full or diagonal covariances) and, the way a POT user would:
  * the K0 x K1 squared Bures-Wasserstein cost matrix, vectorized over all pairs: for full
    covariances as POT's ot.gaussian.dist_bures_squared (batched eigh square roots of the source
    covariances, one batched eigh of S0^1/2 S1 S0^1/2 per pair); for diagonal covariances the closed
    form |m0 - m1|^2 + |sqrt(v0) - sqrt(v1)|^2 over all pairs;
  * log-domain Sinkhorn at eps = 5e-2 (scipy.special.logsumexp over the dense K0 x K1 matrix, the
    plain iteration), run for --iterations iterations and timed per iteration (the plain iteration
    needs far more than 5000 to reach 1e-9 on these problems; the caller extrapolates).
The cost stage is the best of --runs runs after one warm-up. Prints one JSON line with the seconds,
the seconds per Sinkhorn iteration, the marginal error reached and 20 sampled cost entries (for
the caller's cross-check).

Usage: large_baseline.py --source S.json --target T.json [--iterations 200] [--runs 3]
"""
import argparse
import json
import time

import numpy as np
from scipy.special import logsumexp

EPS = 5e-2


def read_gmm(path):
    with open(path) as f:
        g = json.load(f)
    kind = g.get("covarianceType", "full")
    return np.array(g["weights"], float), np.array(g["means"], float), np.array(g["covariances"], float), kind


def sqrtm_batched(a):
    """Symmetric square roots of a stack of SPD matrices by eigh (POT's numpy backend sqrtm)."""
    w, v = np.linalg.eigh(a)
    w = np.sqrt(np.maximum(w, 0))
    return (v * w[..., None, :]) @ np.swapaxes(v, -1, -2)


def sq_dist(x, y):
    return np.sum(x ** 2, 1)[:, None] + np.sum(y ** 2, 1)[None, :] - 2 * x @ y.T


def bures_cost(ms, cs, mt, ct, kind):
    if kind == "diag":
        rs, rt = np.sqrt(cs), np.sqrt(ct)
        return sq_dist(ms, mt) + sq_dist(rs, rt)
    cs12 = sqrtm_batched(cs)
    mm = np.einsum("nij,mjk,nkl->nmil", cs12, ct, cs12)
    b12 = np.trace(sqrtm_batched(mm), axis1=-2, axis2=-1)
    b = np.trace(cs, axis1=1, axis2=2)[:, None] + np.trace(ct, axis1=1, axis2=2)[None, :] - 2 * b12
    return sq_dist(ms, mt) + b


def sinkhorn_log(a, b, c, iterations, eps=EPS):
    la, lb = np.log(a), np.log(b)
    f = np.zeros(len(a))
    g = np.zeros(len(b))
    for _ in range(iterations):
        f = -eps * logsumexp((g[None, :] - c) / eps + lb[None, :], axis=1)
        g = -eps * logsumexp((f[:, None] - c) / eps + la[:, None], axis=0)
    p = np.exp((f[:, None] + g[None, :] - c) / eps + la[:, None] + lb[None, :])
    return p, np.abs(p.sum(1) - a).sum() + np.abs(p.sum(0) - b).sum()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--objective-iterations", type=int, default=0, help="(informational) our iteration count")
    args = ap.parse_args()
    a, ms, cs, kind = read_gmm(args.source)
    b, mt, ct, kind_t = read_gmm(args.target)
    if kind != kind_t:
        raise SystemExit("error: source and target covariance types differ")
    bures_cost(ms, cs, mt, ct, kind)  # warm-up
    best = np.inf
    for _ in range(args.runs):
        t0 = time.perf_counter()
        c = bures_cost(ms, cs, mt, ct, kind)
        best = min(best, time.perf_counter() - t0)
    t0 = time.perf_counter()
    _, err = sinkhorn_log(a, b, c, args.iterations)
    per_iter = (time.perf_counter() - t0) / args.iterations
    rng = np.random.default_rng(0)
    idx = [[int(rng.integers(len(a))), int(rng.integers(len(b)))] for _ in range(20)]
    print(json.dumps({"case": "baseline", "K0": len(a), "K1": len(b), "d": ms.shape[1], "covariance": kind,
                      "costSeconds": best, "iterations": args.iterations, "secondsPerIteration": per_iter,
                      "marginalError": float(err), "sampleIndex": idx,
                      "sampleCost": [float(c[i, j]) for i, j in idx], "numpy": np.__version__}), flush=True)


if __name__ == "__main__":
    main()
