#!/usr/bin/python3
"""usage: /usr/bin/python3 bench/optim_vs_torch.py [--quick] [--out FILE]

Side by side, in one run, one thread: our optimizer steps (W6), magnitude pruning (W8) and digits MLP (W9)
against the PyTorch anchors in bench/anchors (w6_optim.py, w8_prune.py, w9_mlp.py), plus the STREAM-style
memory-bandwidth ceiling and the hand-written C++ fused AdamW/SGD kernels (w7_stream.sh).
Prints every JSON line, then a table of ratios (speedup = peer time / our time; > 1 means we are faster).
--quick uses fewer repetitions.  Build first (done here): dotnet build -c Release bench/Regularization.Benchmarks
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCH = os.path.join(ROOT, "bench", "anchors")
PY = "/usr/bin/python3"
OURS = os.path.join(ROOT, "bench", "Regularization.Benchmarks", "bin", "Release", "net10.0", "Regularization.Benchmarks")
quick = "--quick" in sys.argv
out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", DOTNET_gcServer="0")
lines = []


def run(cmd):
    print("$", " ".join(cmd), flush=True)
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    for ln in p.stdout.splitlines():
        ln = ln.strip()
        if ln.startswith("{"):
            print(ln, flush=True)
            lines.append(json.loads(ln))


subprocess.run(["dotnet", "build", "-c", "Release", "bench/Regularization.Benchmarks/Regularization.Benchmarks.csproj"],
               cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
r6, r8, r9 = ("3", "3", "2") if quick else ("7", "5", "3")
for n in ("1e6", "1e7"):
    run([PY, f"{ANCH}/w6_optim.py", n, "--threads", "1", "--reps", r6])
    run([OURS, "workload", "optim-step", n, "--reps", r6])
run([PY, f"{ANCH}/w8_prune.py", "1e7", "--threads", "1", "--reps", r8])
run([OURS, "workload", "prune", "1e7", "--reps", r8])
run([PY, f"{ANCH}/w9_mlp.py", "--threads", "1", "--reps", r9])
run([OURS, "workload", "mlp-digits", "--reps", r9])
run(["sh", f"{ANCH}/w7_stream.sh", "5" if quick else "10"])


def pick(pred):
    return [x for x in lines if pred(x)]


rows = []
triad = pick(lambda x: x.get("workload") == "W7" and x.get("kernel") == "triad" and x.get("threads") == 1)
triad_gbps = max((x["median_GBps"] for x in triad if x["N"] >= 1e8), default=None) or max((x["median_GBps"] for x in triad), default=float("nan"))
for n in (1_000_000, 10_000_000):
    for key, cpp in (("SGD", "sgd_momentum_fused"), ("Adam(", None), ("AdamW", "adamw_fused")):
        ours = pick(lambda x: x.get("workload") == "W6" and x["tool"].startswith("ours.") and x["N"] == n and x["tool"][5:].startswith(key))
        torch = pick(lambda x: x.get("workload") == "W6" and x["tool"].startswith("torch.") and x["N"] == n and x["tool"][12:].startswith(key))
        if not ours or not torch:
            continue
        o = ours[0]["ns_per_elem"]
        t = min(x["ns_per_elem"] for x in torch)
        c = pick(lambda x: x.get("workload") == "W7" and x.get("kernel") == cpp and x.get("threads") == 1 and x["N"] == n) if cpp else []
        extra = f"C++ fused kernel (g++ -O3 -march=native) {c[0]['ns_per_elem']:.3g} ns/elem = {c[0]['ns_per_elem'] / o:.2f}x ours" if c else ""
        if key == "AdamW":
            extra += f"; {ours[0]['implied_GBps']:.3g} GB/s = {100 * ours[0]['implied_GBps'] / triad_gbps:.0f}% of STREAM triad {triad_gbps:.3g} GB/s"
        rows.append((f"W6 {key.rstrip('(')} step N={n:.0e}", f"{o:.3g} ns/elem", f"{t:.3g} ns/elem (best foreach)", t / o, extra))
for s in (0.5, 0.9):
    o = pick(lambda x: x.get("workload") == "W8" and x["tool"] == "ours.PruneInPlace" and x["sparsity"] == s)
    om = pick(lambda x: x.get("workload") == "W8" and x["tool"].startswith("ours.MagnitudePruner") and x["sparsity"] == s)
    t = pick(lambda x: x.get("workload") == "W8" and not x["tool"].startswith("ours") and x["sparsity"] == s)
    if o and t:
        best = min(t, key=lambda x: x["median_s"])
        rows.append((f"W8 prune 1e7 to {s:.0%}", f"{o[0]['median_s']:.3g} s", f"{best['median_s']:.3g} s ({best['tool']})",
                     best["median_s"] / o[0]["median_s"], ""))
    lt = [x for x in t if x["tool"].startswith("prune.")]
    if om and lt:
        rows.append((f"W8 with mask, {s:.0%}", f"{om[0]['median_s']:.3g} s", f"{lt[0]['median_s']:.3g} s (prune.l1_unstructured)",
                     lt[0]["median_s"] / om[0]["median_s"], ""))
o = pick(lambda x: x.get("workload") == "W9" and x["tool"].startswith("ours"))
t = pick(lambda x: x.get("workload") == "W9" and x["tool"].startswith("torch"))
sk = pick(lambda x: x.get("workload") == "W9" and x["tool"].startswith("sklearn"))
if o and t:
    rows.append(("W9 digits MLP 20 epochs", f"{o[0]['median_s']:.3g} s (acc {o[0]['train_acc']:.3f})",
                 f"{t[0]['median_s']:.3g} s torch (acc {t[0]['train_acc']:.3f})", t[0]["median_s"] / o[0]["median_s"],
                 f"sklearn MLPClassifier {sk[0]['median_s']:.3g} s" if sk else ""))

table = ["| workload | ours | peer | speedup (peer/ours) | notes |", "|---|---|---|---|---|"]
table += [f"| {a} | {b} | {c} | {d:.2f}x | {e} |" for a, b, c, d, e in rows]
print("\n".join(table))
if out:
    with open(out, "w") as f:
        f.write("\n".join(table) + "\n\n```\n" + "\n".join(json.dumps(x) for x in lines) + "\n```\n")
