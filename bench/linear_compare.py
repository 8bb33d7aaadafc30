#!/usr/bin/python3
"""usage: /usr/bin/python3 bench/linear_compare.py N P [--l1 1.0] [--ystd] [--tool ours|sk|gl_full_t1e-12 ...]

Accuracy of a dumped W1/W2 path (not a timing): max |coef - ref| over the path, where ref is the tight reference path
of bench/anchors/w1w2_compare.py (sklearn enet_path tol=1e-12, max_iter=1e5 on the same alphas, cached in
/tmp/bench-out/ref_l1{L}_{N}_{P}{_ystd}_{K}.coef.f64).  --tool ours reads /tmp/bench-out/ours_l1{L}_{N}_{P}.{alphas,coef}.f64
(written by `workload linear-path ... --dump`); sk reads sk_l1..., gl_* reads the glmnet dump with that suffix
(lambdas matched by value).  With --ref-ours, the reference is instead our own path at tol 1e-12 (for 2000x10000,
where sklearn's tight path is out of reach): /tmp/bench-out/oursref_l1{L}_{N}_{P}.coef.f64.
Prints one JSON line.
"""
import json
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "anchors"))
argv = sys.argv[1:]
l1, ys, tool, ref_ours = 1.0, "", "ours", False
if "--l1" in argv:
    i = argv.index("--l1"); l1 = float(argv[i + 1]); del argv[i:i + 2]
if "--ystd" in argv:
    argv.remove("--ystd"); ys = "_ystd"
if "--tool" in argv:
    i = argv.index("--tool"); tool = argv[i + 1]; del argv[i:i + 2]
if "--ref-ours" in argv:
    argv.remove("--ref-ours"); ref_ours = True
n, p = int(argv[0]), int(argv[1])
out = "/tmp/bench-out"
if tool == "ours":
    base = f"{out}/ours_l1{l1:g}_{n}_{p}{ys}"
    a = np.fromfile(base + ".alphas.f64", "<f8")
    c = np.fromfile(base + ".coef.f64", "<f8").reshape((len(a), p)).T
elif tool == "sk":
    base = f"{out}/sk_l1{l1:g}_{n}_{p}{ys}"
    a = np.fromfile(base + ".alphas.f64", "<f8")
    c = np.fromfile(base + ".coef.f64", "<f8").reshape((len(a), p)).T
else:  # glmnet dump, suffix after gl_a{L}_{N}_{P}{ys}
    base = f"{out}/gl_a{l1:g}_{n}_{p}{ys}{tool[2:] if tool.startswith('gl') else tool}"
    a = np.fromfile(base + ".lambda.f64", "<f8")
    c = np.fromfile(base + ".coef.f64", "<f8").reshape((len(a), p)).T
if ref_ours:
    ra = np.fromfile(f"{out}/oursref_l1{l1:g}_{n}_{p}{ys}.alphas.f64", "<f8")
    rc = np.fromfile(f"{out}/oursref_l1{l1:g}_{n}_{p}{ys}.coef.f64", "<f8").reshape((len(ra), p)).T
else:
    # the reference grid is sklearn's (first K of the 100-point grid); reuse or build the cached tight path
    sk_a = np.fromfile(f"{out}/sk_l1{l1:g}_{n}_{p}{ys}.alphas.f64", "<f8") if os.path.exists(f"{out}/sk_l1{l1:g}_{n}_{p}{ys}.alphas.f64") else a
    rf = f"{out}/ref_l1{l1:g}_{n}_{p}{ys}_{len(sk_a)}.coef.f64"
    if os.path.exists(rf):
        rc = np.fromfile(rf, "<f8").reshape((len(sk_a), p)).T
    else:
        import warnings
        import data
        from sklearn.linear_model import enet_path
        X, y, _ = data.load("gauss", n, p)
        if ys:
            y = y / np.sqrt(np.mean((y - y.mean()) ** 2))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, rc, _ = enet_path(X, y, l1_ratio=l1, alphas=sk_a, tol=1e-12, max_iter=100000)
        np.asfortranarray(rc).ravel(order="F").astype("<f8").tofile(rf)
    ra = sk_a
pairs = []
for j, lam in enumerate(a):
    k = int(np.argmin(np.abs(ra - lam)))
    if abs(ra[k] - lam) <= 1e-9 * lam:
        pairs.append((j, k))
err = max(float(np.abs(c[:, j] - rc[:, k]).max()) for j, k in pairs)
print(json.dumps({"check": "max_err_vs_ref", "tool": tool, "n": n, "p": p, "l1_ratio": l1, "y_unit_sd": bool(ys),
                  "matched_lambdas": len(pairs), "of": int(len(a)), "max_abs_err": err,
                  "reference": "ours tol 1e-12" if ref_ours else "sklearn enet_path tol 1e-12"}))
