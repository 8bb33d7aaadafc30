#!/usr/bin/env bash
# Jupyter kernel latency: execute_request -> execute_reply (and -> status idle) for trivial cells, measured from
# Debian's jupyter_client (/usr/bin/python3) against the workbook kernel started exactly as Jupyter starts it.
#
# usage: bench/kernel/latency.sh [N]        (N cells per measurement, default 200)
# Kernels measured: workbook-csharp (the engine; via `workbook kernel` when the CLI has the command, else via the
# test assembly's launcher, which calls the same KernelHost.RunAsync), the protocol alone (scripted backend), and
# ipykernel as the peer when python3-ipykernel is installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-200}
export WORKBOOK_LATENCY_N=$n JUPYTER_PLATFORM_DIRS=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
driver=$root/tests/Workbook.Kernel.Tests/jupyter/protocol_driver.py

dotnet build -c Release "$root/tests/Workbook.Kernel.Tests/Workbook.Kernel.Tests.csproj" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Workbook.Cli/Workbook.Cli.csproj" -v q -nologo >/dev/null
tests_dll=$root/tests/Workbook.Kernel.Tests/bin/Release/net10.0/Workbook.Kernel.Tests.dll
cli_dll=$root/src/Workbook.Cli/bin/Release/net10.0/workbook.dll
dotnet=$(command -v dotnet)

spec() { # name argv...
  local name=$1; shift
  mkdir -p "$work/prefix/share/jupyter/kernels/$name"
  /usr/bin/python3 - "$work/prefix/share/jupyter/kernels/$name/kernel.json" "$@" <<'PY'
import json, sys
json.dump({"argv": sys.argv[2:] + ["kernel", "{connection_file}"], "display_name": "bench", "language": "C#",
           "interrupt_mode": "message"}, open(sys.argv[1], "w"))
PY
}

if "$dotnet" "$cli_dll" kernel install --prefix "$work/cli-prefix" >/dev/null 2>&1; then
  mkdir -p "$work/prefix/share/jupyter/kernels"
  cp -r "$work/cli-prefix/share/jupyter/kernels/workbook-csharp" "$work/prefix/share/jupyter/kernels/"
  engine_via="workbook kernel (CLI)"
else
  spec workbook-csharp "$dotnet" "$tests_dll" engine
  engine_via="test launcher (CLI not wired)"
fi
spec workbook-fake "$dotnet" "$tests_dll" fake
export JUPYTER_PATH=$work/prefix/share/jupyter

snippets() { # file set trivial
  /usr/bin/python3 -c 'import json,sys; json.dump({"set_x": sys.argv[2], "trivial": sys.argv[3]}, open(sys.argv[1], "w"))' "$@"
}
measure() { # label kernel snippets-file
  local out
  out=$(/usr/bin/python3 "$driver" latency "$3" "$work" "$2" | sed -n 's/^RESULT //p')
  echo "{\"kernel\": \"$1\", \"result\": $out}"
}

snippets "$work/cs-expr.json" "var x = 41;" "x"
snippets "$work/cs-stmt.json" "var x = 41;" "x++;"
snippets "$work/fake.json" "set x 42" "get x"
echo "# engine via: $engine_via; N=$n; $(nproc) cores; $(date -u +%FT%TZ)"
measure "workbook-csharp, expression cell 'x'" workbook-csharp "$work/cs-expr.json"
measure "workbook-csharp, statement cell 'x++;'" workbook-csharp "$work/cs-stmt.json"
measure "protocol only (scripted backend)" workbook-fake "$work/fake.json"
if /usr/bin/python3 -c 'import ipykernel' 2>/dev/null; then
  spec_py="$work/prefix/share/jupyter/kernels/python3-peer"; mkdir -p "$spec_py"
  echo '{"argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "py", "language": "python"}' > "$spec_py/kernel.json"
  snippets "$work/py.json" "x = 41" "x"
  measure "ipykernel (peer), expression cell 'x'" python3-peer "$work/py.json"
fi
