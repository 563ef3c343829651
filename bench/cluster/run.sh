#!/usr/bin/env bash
# bench/cluster: the cluster executor (1 and 2 local silo processes) beside the local scheduler. A few minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/zarrps" "$root/bench/cluster/bench.ps1" "$@"
