#!/usr/bin/python3
"""usage: /usr/bin/python3 bench/alternate.py --rounds R --label NAME [--json OUT.jsonl]
              --a 'COMMAND' --a-tool SUBSTRING --b 'COMMAND' --b-tool SUBSTRING [--peer-env-clean]

Side-by-side timing that survives a shared, loaded machine: runs command A (ours) and command B (the peer) in R rounds,
alternating the order (A B, B A, A B, ...) so that a slow spell of the machine hits both sides alike. Each command prints
JSON lines with "times_s" (the per-repetition seconds of one process); the line whose "tool" contains the given substring
is taken. The load average (1 min) is read before every command.

Reported (markdown to stdout, one JSON summary line to --json if given):
  - per side: every repetition of every round pooled: minimum, median, quartiles, maximum, number of timings;
  - the ratio of minima (the steadiest figure under load) and of pooled medians;
  - the paired ratio of each round (ours median / peer median of the two adjacent runs): median and range over rounds;
  - the load average range over the run.
--peer-env-clean: unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (both together) for command B only, when they are set.
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def arg(name, default=None):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run(cmd, tool, env):
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"command failed ({out.returncode}): {cmd}\n{out.stderr[-2000:]}")
    rows = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
    hit = [r for r in rows if tool in r.get("tool", "")]
    if not hit:
        sys.exit(f"no JSON line with tool containing {tool!r} in the output of: {cmd}\n{out.stdout[-2000:]}")
    return hit[0]


def quart(v):
    s = sorted(v)
    q = statistics.quantiles(s, n=4) if len(s) >= 2 else [s[0]] * 3
    return dict(n=len(s), min=s[0], q1=q[0], median=statistics.median(s), q3=q[2], max=s[-1])


def main():
    rounds = int(arg("--rounds", "5"))
    label = arg("--label", "comparison")
    a_cmd, a_tool, b_cmd, b_tool = arg("--a"), arg("--a-tool"), arg("--b"), arg("--b-tool")
    if not all((a_cmd, a_tool, b_cmd, b_tool)):
        sys.exit(__doc__)
    env_a = dict(os.environ)
    env_b = dict(os.environ)
    if "--peer-env-clean" in sys.argv and ("OPENBLAS_CORETYPE" in env_b or "OPENBLAS_L2_SIZE" in env_b):
        env_b.pop("OPENBLAS_CORETYPE", None)
        env_b.pop("OPENBLAS_L2_SIZE", None)
    ta, tb, paired, loads, last = [], [], [], [], {}
    t0 = time.time()
    for r in range(rounds):
        order = [("a", a_cmd, a_tool, env_a), ("b", b_cmd, b_tool, env_b)]
        if r % 2:
            order.reverse()
        med = {}
        for side, cmd, tool, env in order:
            loads.append(load1())
            row = run(cmd, tool, env)
            last[side] = row
            (ta if side == "a" else tb).extend(row["times_s"])
            med[side] = statistics.median(row["times_s"])
        paired.append(med["a"] / med["b"])
        print(f"round {r + 1}/{rounds}: ours median {med['a']:.4f} s, peer median {med['b']:.4f} s, ratio {paired[-1]:.2f}, "
              f"load {loads[-2]:.1f}/{loads[-1]:.1f}", file=sys.stderr, flush=True)
    qa, qb = quart(ta), quart(tb)
    res = dict(label=label, rounds=rounds, a_cmd=a_cmd, b_cmd=b_cmd, a_tool=last["a"]["tool"], b_tool=last["b"]["tool"],
               ours=qa, peer=qb, ratio_of_minima=qa["min"] / qb["min"], ratio_of_medians=qa["median"] / qb["median"],
               paired_ratio_median=statistics.median(paired), paired_ratio_min=min(paired), paired_ratio_max=max(paired),
               paired_ratios=[round(x, 3) for x in paired], load_min=min(loads), load_max=max(loads),
               wall_s=round(time.time() - t0, 1), utc=time.strftime("%Y-%m-%d %H:%M", time.gmtime(t0)))
    print(f"### {label}: {rounds} alternating rounds, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(t0))}, "
          f"load average (1 min) {res['load_min']:.1f}-{res['load_max']:.1f}")
    print()
    print("| side | tool | timings | min s | q1 s | median s | q3 s | max s |")
    print("|---|---|---|---|---|---|---|---|")
    for side, q in (("ours", qa), ("peer", qb)):
        tool = last["a" if side == "ours" else "b"]["tool"]
        print(f"| {side} | {tool} | {q['n']} | {q['min']:.4f} | {q['q1']:.4f} | {q['median']:.4f} | {q['q3']:.4f} | {q['max']:.4f} |")
    print()
    print(f"ratio of minima **{res['ratio_of_minima']:.2f}x**, of pooled medians {res['ratio_of_medians']:.2f}x; paired per-round "
          f"ratios median {res['paired_ratio_median']:.2f}x, range {res['paired_ratio_min']:.2f}-{res['paired_ratio_max']:.2f} "
          f"({', '.join(f'{x:.2f}' for x in paired)})")
    print()
    out = arg("--json")
    if out:
        with open(out, "a") as f:
            f.write(json.dumps(res) + "\n")


if __name__ == "__main__":
    main()
