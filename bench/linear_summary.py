#!/usr/bin/python3
"""usage: /usr/bin/python3 bench/linear_summary.py /tmp/bench-out/linear_run.jsonl

Prints the ratio table of a bench/linear_vs_peers.sh run: for every path workload the time of each tool at the setting where
its max coefficient error (vs the tight reference) is <= 1e-6, and ours / fastest such peer; then W3 and W4 ratios.
"""
import json
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
ACC = 1e-6
paths = {}
pending = None
for r in rows:
    if r.get("workload") in ("W1", "W2") and "median_s" in r:
        pending = r
        continue
    if r.get("check") == "max_err_vs_ref" and pending is not None:
        key = (pending["workload"], pending["n"], pending["p"])
        tool = pending["tool"]
        label = tool if tool != "glmnet" else f"glmnet thresh {pending['thresh']:g}"
        if tool.startswith("ours"):
            label = f"{tool} tol {pending['tol']:g}"
        grid = pending.get("grid", str(pending.get("n_lambdas", "")))
        paths.setdefault(key, []).append((label, pending["median_s"], r["max_abs_err"], grid, r.get("reference", ""), min(pending.get("times_s", [pending["median_s"]]))))
        pending = None
print("| workload | n x p | tool | setting | median s | best s | max coef err | at 1e-6? |")
print("|---|---|---|---|---|---|---|---|")
ratios = []
for key, entries in paths.items():
    for label, t, err, grid, ref, tmin in entries:
        print(f"| {key[0]} | {key[1]}x{key[2]} | {label.split(' ')[0]} | {label[len(label.split(' ')[0]):].strip() or 'tol 1e-7'} (grid {grid}) | {t:.4g} | {tmin:.4g} | {err:.2g} | {'yes' if err <= ACC else 'no'} |")
    ours = [e for e in entries if e[0].startswith("ours") and e[2] <= ACC][:1]
    peers = [e for e in entries if not e[0].startswith("ours") and e[2] <= ACC]
    if ours and peers:
        best = min(peers, key=lambda e: e[1])
        bmin = min(peers, key=lambda e: e[5])
        ratios.append((key, ours[0][1], best[0], best[1], ours[0][1] / best[1], ours[0][5] / bmin[5], bmin[0]))
print()
print("| workload | n x p | ours s (median) | fastest peer at <= 1e-6 | peer s (median) | ours / peer (medians) | ours / peer (best of reps) | goal 0.5 |")
print("|---|---|---|---|---|---|---|---|")
for key, o, bl, bt, q, qmin, blmin in ratios:
    print(f"| {key[0]} | {key[1]}x{key[2]} | {o:.4g} | {bl} | {bt:.4g} | {q:.2f} | {qmin:.2f} | {'met' if q <= 0.5 else 'missed'} |")
other = {}
for r in rows:
    if r.get("workload") in ("W3", "W4") and "median_s" in r:
        other[r["tool"]] = r
def ratio(a, b, goal):
    if a in other and b in other:
        q = other[a]["median_s"] / other[b]["median_s"]
        qm = min(other[a]["times_s"]) / min(other[b]["times_s"])
        print(f"| {a} vs {b} | {other[a]['median_s']:.4g} | {other[b]['median_s']:.4g} | {q:.2f} | {qm:.2f} | goal {goal} {'met' if q <= goal else 'missed'} |")
print()
print("| comparison | ours s (median) | peer s (median) | ratio (medians) | ratio (best of reps) | goal |")
print("|---|---|---|---|---|---|")
ratio("ours.LassoCV", "sklearn.LassoCV", 0.5)
for k in list(other):
    if "cv.glmnet" in k or k.startswith("glmnet"):
        ratio("ours.LassoCV", k, 0.5)
ratio("ours.RidgeCV(50 alphas, LOO)", "sklearn.RidgeCV(50 alphas, GCV)", 1.0)
ratio("ours.Ridge(alpha=1)", "sklearn.Ridge(alpha=1)", 1.0)
