#!/usr/bin/env bash
# usage: bench/linear_vs_peers.sh [--sizes "1000x100 5000x500 10000x1000"] [--wide-nlam 40] [--skip-wide] [--skip-w2] [--skip-cv] [--reps 3]
#
# Side-by-side linear benchmarks at MATCHED ACCURACY, one thread everywhere (OPENBLAS/OMP/MKL_NUM_THREADS=1):
#   W1 lasso path and W2 elastic-net path (l1 0.5, y scaled to unit sd as anchors/README says), 100 alphas to 1e-3 alpha_max:
#      ours (workload linear-path, tol 1e-7, tightened to 1e-8..1e-10 until max error <= 1e-6), sklearn lasso_path/enet_path (tol 1e-7, anchors/w1w2_path.py), glmnet full path
#      (anchors/w1w2_path.R full=1) at thresh 1e-7 and tightened 1e-13, 1e-14, 1e-15, 1e-16 until its max coefficient error
#      against the tight reference (sklearn enet_path tol 1e-12, bench/linear_compare.py) is <= 1e-6.
#      2000x10000: the first --wide-nlam alphas of the same grid; sklearn is skipped (> 10 min; WIDE_SKLEARN=1 runs it) and the
#      reference is our own path at tol 1e-12 (glmnet's tightest run is reported against it as a cross-check).
#   W3 LassoCV 5000x500 (5 contiguous folds): ours vs sklearn LassoCV (tol 1e-7) and cv.glmnet (anchors/w3_cv.R).
#   W4 Ridge(alpha=1) and RidgeCV (50 alphas logspace(-3, 3), efficient LOO) 5000x500: ours vs sklearn (anchors/w4_ridge.py).
# Every measurement is one JSON line appended to /tmp/bench-out/linear_run.jsonl; bench/linear_summary.py then prints the
# ratio table (ours / fastest peer that reached max error <= 1e-6). Data: anchors/data.py -> /tmp/bench-data.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
A="$ROOT/bench/anchors"
PY=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 DOTNET_gcServer=0
SIZES="1000x100 5000x500 10000x1000"; WIDE_NLAM=40; WIDE=1; W2=1; CV=1; REPS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --wide-nlam) WIDE_NLAM="$2"; shift 2 ;;
    --skip-wide) WIDE=0; shift ;;
    --skip-w2) W2=0; shift ;;
    --skip-cv) CV=0; shift ;;
    --reps) REPS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p /tmp/bench-out
OUT=/tmp/bench-out/linear_run.jsonl
: > "$OUT"
dotnet build -c Release "$ROOT/bench/Regularization.Benchmarks/Regularization.Benchmarks.csproj" -v q -nologo >/dev/null
B="$ROOT/bench/Regularization.Benchmarks/bin/Release/net10.0/Regularization.Benchmarks"
log() { tee -a "$OUT"; }
reps_for() { if [ "$1" -ge 10000 ] || [ "$2" -ge 5000 ]; then echo 1; else echo "$REPS"; fi; }

path_case() {  # n p l1 ystd(0/1) nlam
  local n=$1 p=$2 l1=$3 ys=$4 nlam=$5 r; r=$(reps_for "$n" "$p")
  local pyys="" rys="" oys="" cys=""
  if [ "$ys" = 1 ]; then pyys="--ystd"; rys="ystd=1"; oys="--ystd"; cys="--ystd"; fi
  local nl=""; local rnl=""; if [ "$nlam" -lt 100 ]; then nl="--nlam $nlam"; rnl="nlam=$nlam"; fi
  $PY "$A/data.py" gauss "$n" "$p"
  local refo=""
  if [ "$nlam" -lt 100 ]; then  # sklearn's tight path is out of reach here: reference = ours at tol 1e-12 (cross-checked by glmnet)
    "$B" workload linear-path "$n" "$p" --l1 "$l1" $oys $nl --tol 1e-12 --reps 1 --dump-ref >/dev/null
    refo="--ref-ours"
  fi
  if [ "$nlam" -ge 100 ] || [ "${WIDE_SKLEARN:-0}" = 1 ]; then
    $PY "$A/w1w2_path.py" "$n" "$p" --l1 "$l1" $pyys $nl --dump --reps "$r" | log
    $PY "$ROOT/bench/linear_compare.py" "$n" "$p" --l1 "$l1" $cys $refo --tool sk | log
  fi
  for t in 1e-7 1e-8 1e-9 1e-10; do   # ours: tighten tol until max error <= 1e-6
    "$B" workload linear-path "$n" "$p" --l1 "$l1" $oys $nl --tol "$t" --reps "$r" --dump | log
    err=$($PY "$ROOT/bench/linear_compare.py" "$n" "$p" --l1 "$l1" $cys $refo --tool ours | log | $PY -c 'import json,sys; print(json.loads(sys.stdin.read())["max_abs_err"])')
    if $PY -c "import sys; sys.exit(0 if $err <= 1e-6 else 1)"; then break; fi
  done
  local full="full=1"; local fsuf="_full"
  for t in 1e-07 1e-13 1e-14 1e-15 1e-16; do
    Rscript "$A/w1w2_path.R" "$n" "$p" alpha="$l1" $full dump=1 thresh="$t" reps="$r" $rys $rnl | log
    local suf="$fsuf"; [ "$t" != "1e-07" ] && suf="${fsuf}_t$t"
    local yss=""; [ "$ys" = 1 ] && yss="_ystd"
    err=$($PY "$ROOT/bench/linear_compare.py" "$n" "$p" --l1 "$l1" $cys $refo --tool "gl$suf" | log | $PY -c 'import json,sys; print(json.loads(sys.stdin.read())["max_abs_err"])')
    if [ "$t" != "1e-07" ] && $PY -c "import sys; sys.exit(0 if $err <= 1e-6 else 1)"; then break; fi
  done
}

for s in $SIZES; do
  n=${s%x*}; p=${s#*x}
  path_case "$n" "$p" 1 0 100
  [ "$W2" = 1 ] && path_case "$n" "$p" 0.5 1 100
done
[ "$WIDE" = 1 ] && path_case 2000 10000 1 0 "$WIDE_NLAM"
if [ "$CV" = 1 ]; then
  $PY "$A/data.py" gauss 5000 500
  $PY "$A/w3_cv.py" 5000 500 --reps "$REPS" | log
  Rscript "$A/w3_cv.R" 5000 500 reps="$REPS" | log || true
  "$B" workload linear-lassocv 5000 500 --tol 1e-7 --reps "$REPS" | log
  $PY "$A/w4_ridge.py" 5000 500 --reps "$REPS" | log
  "$B" workload linear-ridge 5000 500 --reps "$REPS" | log
  "$B" workload linear-ridgecv 5000 500 --reps "$REPS" | log
fi
$PY "$ROOT/bench/linear_summary.py" "$OUT"
