#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 300), one after the other, on the stable toolchain, and
# prints libFuzzer's final statistics. Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(flag task expand extreme holidays triggers task_list)
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  dict=dict/rrule.dict
  [ -f "dict/$t.dict" ] && dict="dict/$t.dict"
  echo "== $t for ${seconds}s"
  cargo fuzz run "$t" "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict="$dict" \
    -print_final_stats=1 2>&1 | grep -E "^stat::|SUMMARY|panicked|Test unit written|ERROR|==[0-9]+==" || true
done
