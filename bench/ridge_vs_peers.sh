#!/usr/bin/env bash
# usage: bench/ridge_vs_peers.sh [ROUNDS=5] [REPS=7] [SIZE=5000x500]
#
# W4 Ridge(alpha=1) direct solve, ours against scikit-learn's Ridge (solver auto -> cholesky) and the bare
# numpy.linalg.solve(X'X + I, X'y) (anchors/w4_ridge.py --only closed), in ROUNDS alternating rounds of REPS repetitions
# each (bench/alternate.py: minima, medians, quartiles, paired per-round ratios, load average). One thread everywhere.
# Then the profile of our fit (workload linear-ridge-parts: column means, centered Gram with X^T y, Cholesky, whole fit).
# Summary JSON lines are appended to /tmp/bench-out/ridge_alternate.jsonl.
set -euo pipefail
ROUNDS=${1:-5}; REPS=${2:-7}; SIZE=${3:-5000x500}
n=${SIZE%x*}; p=${SIZE#*x}
here=$(cd "$(dirname "$0")" && pwd)
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 DOTNET_gcServer=0
py=/usr/bin/python3
dotnet build -c Release "$here/Regularization.Benchmarks/Regularization.Benchmarks.csproj" -v q -nologo >/dev/null
B="$here/Regularization.Benchmarks/bin/Release/net10.0/Regularization.Benchmarks"
mkdir -p /tmp/bench-out
$py "$here/anchors/data.py" gauss "$n" "$p" >/dev/null
ours="$B workload linear-ridge $n $p --reps $REPS"
peer="$py $here/anchors/w4_ridge.py $n $p --reps $REPS --only closed"
for tool in "sklearn.Ridge" "numpy solve"; do
  $py "$here/alternate.py" --rounds "$ROUNDS" --label "W4 Ridge(alpha=1) ${n}x${p}: ours vs $tool" \
    --a "$ours" --a-tool "ours.Ridge" --b "$peer" --b-tool "$tool" --peer-env-clean --json /tmp/bench-out/ridge_alternate.jsonl
done
echo "Profile of our fit (medians of $REPS after a warm-up; load $(cut -d' ' -f1 /proc/loadavg)):"
"$B" workload linear-ridge-parts "$n" "$p" --reps "$REPS"
