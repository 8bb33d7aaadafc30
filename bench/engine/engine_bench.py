#!/usr/bin/python3
"""Engine benchmark: time from `workbook run` to the first cell's output, and the cost per cell.

Runs bench/engine/bench-csharp.ipynb (a Console.WriteLine cell, then 20 trivial cells with a trailing expression) with
the Release build of the `workbook` command, as a fresh process each time, and the same notebook in Python with the
peer, `jupyter nbconvert --execute` (Debian's Jupyter + ipykernel). Prints a markdown table.

usage: /usr/bin/python3 bench/engine/engine_bench.py [repeats]
"""
import json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
CLI = os.path.join(ROOT, "src", "Workbook.Cli", "bin", "Release", "net10.0", "workbook.dll")
ENV = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", NO_COLOR="1")


def ours():
    out = tempfile.mkdtemp(prefix="engine-bench-")
    start = time.perf_counter()
    p = subprocess.Popen(["dotnet", CLI, "run", os.path.join(ROOT, "bench", "engine", "bench-csharp.ipynb"), "--out", out, "--no-build"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV, cwd=ROOT)
    first = None
    for line in p.stdout:
        if first is None and "cell 1/" in line:
            first = time.perf_counter() - start
    p.wait()
    total = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"workbook run failed ({p.returncode})")
    report = json.load(open(os.path.join(out, "run-report.json")))[0]
    cells = report["cell_seconds"]
    return first, total, report["first_output_seconds"], statistics.median(cells[1:]), cells[1]


def peer():
    out = tempfile.mkdtemp(prefix="engine-bench-py-")
    start = time.perf_counter()
    subprocess.run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--output-dir", out,
                    os.path.join(ROOT, "bench", "engine", "bench-python.ipynb")], check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def main():
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Workbook.Cli", "Workbook.Cli.csproj"), "-c", "Release", "--nologo", "-v", "q"],
                   check=True, capture_output=True, env=ENV)
    ours()  # warm the disk cache and the NuGet/JIT caches once
    rows = [ours() for _ in range(REPEATS)]
    peers = [peer() for _ in range(REPEATS)]
    med = lambda k: statistics.median(r[k] for r in rows)
    spread = lambda k, f=1.0, d=2: f"{f * min(r[k] for r in rows):.{d}f}-{f * max(r[k] for r in rows):.{d}f}"
    print(f"repeats: {REPEATS} (medians; min-max: first output {spread(0)} s, in-process {spread(2, 1, 3)} s, "
          f"per cell {spread(3, 1000, 1)} ms, second cell {spread(4, 1000, 1)} ms, whole {spread(1)} s, "
          f"peer whole {min(peers):.2f}-{max(peers):.2f} s)\n")
    print("| measure | workbook run (C#, Roslyn) | jupyter nbconvert --execute (Python, ipykernel) |")
    print("|---|---:|---:|")
    print(f"| process start to first cell's output (s) | {med(0):.2f} | |")
    print(f"| notebook start to first cell's output, in-process (s) | {med(2):.3f} | |")
    print(f"| per trivial cell, warm session (ms, median of cells 2-21) | {1000 * med(3):.1f} | |")
    print(f"| second cell (first trivial cell, ms) | {1000 * med(4):.1f} | |")
    print(f"| whole 21-cell notebook, process start to exit (s) | {med(1):.2f} | {statistics.median(peers):.2f} |")
    print(f"| ratio ours / peer (whole notebook) | {med(1) / statistics.median(peers):.2f} | 1 |")


if __name__ == "__main__":
    main()
