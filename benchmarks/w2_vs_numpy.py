#!/usr/bin/env python3
"""The W2 pair cost at d = 300: gmmflow (Java, auto route) against numpy on the same matrices.

Runs LinalgRouteBenchmark --w2 (which writes `pairs` random covariance pairs to a temporary file and
times W2^2 = tr A + tr B - 2 sum sqrt(eig(L^T B L)), A = L L^T, from scratch per pair, and with the
components factored once as the library does, PairKernels.w2Squared), then, each in
its own process right after, numpy on the same file:
  - "numpy-w2": np.linalg.cholesky(A), L.T @ B @ L, np.linalg.eigvalsh: the same computation;
  - "numpy-chol+eigvalsh": np.linalg.cholesky(A) + np.linalg.eigvalsh(B) only (no congruence),
    a lower bound on any numpy route,
with numpy's default OpenBLAS threads and with OPENBLAS_NUM_THREADS=1. Prints one JSON line per
timing and a summary line with the ratios Java / numpy; checks that the W2 values agree.

Usage (from the repository root):
  python3 benchmarks/w2_vs_numpy.py [--pairs 20] [--cp CLASSPATH]
Without --cp it builds the benchmarks module (mvn -q -o -DskipTests package) and asks Maven for the
classpath. Java runs with OPENBLAS_NUM_THREADS=1 unless it is set (as ./gmmflow does).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

D = 300


def numpy_timing(path, pairs, variant):
    import numpy as np
    m = np.fromfile(path, dtype="<f8").reshape(2 * pairs, D, D)

    def w2(a, b):
        l = np.linalg.cholesky(a)
        n = l.T @ b @ l
        ev = np.linalg.eigvalsh(n)
        return max(np.trace(a) + np.trace(b) - 2 * np.sqrt(np.maximum(ev, 0)).sum(), 0.0)

    def lower_bound(a, b):
        np.linalg.cholesky(a)
        return np.linalg.eigvalsh(b)[0]

    f = w2 if variant == "numpy-w2" else lower_bound
    values = [0.0] * pairs
    per_pair = []
    for rnd in range(-2, 7):  # two warm-up rounds, like the Java side
        t0 = time.perf_counter()
        for i in range(pairs):
            values[i] = f(m[2 * i], m[2 * i + 1])
        if rnd >= 0:
            per_pair.append((time.perf_counter() - t0) * 1e3 / pairs)
    per_pair.sort()
    return {"case": variant, "d": D, "pairs": pairs, "msPerPairMin": round(per_pair[0], 4),
            "msPerPairMedian": round(per_pair[len(per_pair) // 2], 4), "numpy": np.__version__,
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "w2": [float(v) for v in values] if variant == "numpy-w2" else None}


def maven_classpath(root):
    out = os.path.join(root, "benchmarks", "target", "w2-classpath.txt")
    subprocess.run(["mvn", "-q", "-B", "-o", "-DskipTests", "-pl", "benchmarks", "-am", "package",
                    "dependency:build-classpath", "-Dmdep.outputFile=" + out], cwd=root, check=True,
                   stdout=sys.stderr)
    with open(out) as fh:
        return os.path.join(root, "benchmarks", "target", "classes") + os.pathsep + fh.read().strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--cp")
    ap.add_argument("--numpy-only", nargs=2, metavar=("FILE", "VARIANT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.numpy_only:
        print(json.dumps(numpy_timing(args.numpy_only[0], args.pairs, args.numpy_only[1])))
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cp = args.cp or maven_classpath(root)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        java = subprocess.run(["java", "-cp", cp, "io.gmmflow.benchmarks.LinalgRouteBenchmark", "--w2", tmp,
                               str(args.pairs)], env=env, check=True, capture_output=True, text=True)
        jlines = [json.loads(l) for l in java.stdout.splitlines() if l.startswith("{")]
        jline = [j for j in jlines if j["case"] == "w2pair-java"][-1]
        jpre = [j for j in jlines if j["case"] == "w2pair-java-prefactored"][-1]
        jline["OPENBLAS_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"]
        print(json.dumps({k: v for k, v in jline.items() if k != "w2"}))
        print(json.dumps(jpre))
        path = os.path.join(tmp, "w2-pairs.f64")
        results = {}
        for variant in ("numpy-w2", "numpy-chol+eigvalsh"):
            for threads in ("default", "1"):
                nenv = dict(os.environ)
                nenv.pop("OPENBLAS_NUM_THREADS", None)
                if threads == "1":
                    nenv["OPENBLAS_NUM_THREADS"] = "1"
                p = subprocess.run([sys.executable, os.path.abspath(__file__), "--pairs", str(args.pairs),
                                    "--numpy-only", path, variant], env=nenv, check=True, capture_output=True,
                                   text=True)
                r = json.loads(p.stdout.strip().splitlines()[-1])
                results[(variant, threads)] = r
                print(json.dumps({k: v for k, v in r.items() if k != "w2"}))
        ref = results[("numpy-w2", "default")]["w2"]
        worst = max(abs(a - b) / max(abs(b), 1e-300) for a, b in zip(jline["w2"], ref))
        summary = {"case": "w2pair-vs-numpy", "d": D, "pairs": args.pairs,
                   "javaMs": jline["msPerPairMin"], "javaPrefactoredMs": jpre["msPerPairMin"],
                   "w2MaxRelativeDifference": worst}
        for (variant, threads), r in results.items():
            summary["ratio java/" + variant + "(threads=" + threads + ")"] = round(
                jline["msPerPairMin"] / r["msPerPairMin"], 3)
            summary["ratio java-prefactored/" + variant + "(threads=" + threads + ")"] = round(
                jpre["msPerPairMin"] / r["msPerPairMin"], 3)
        print(json.dumps(summary))
        if not worst < 1e-10:
            print("error: Java and numpy W2 values differ by %g relative" % worst, file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
