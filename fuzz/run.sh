#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built by the `fuzz` CMake preset) and prints one line per target:
# executions, executions per second, coverage (cov: edges, ft: features), corpus size and findings.
#   fuzz/run.sh [--smoke] [--build DIR] [target...]
# FUZZ_SECONDS per target (default 60; --smoke: 8, from the seed corpus). Each target first runs every file
# of fuzz/regressions/<target>/ once. New inputs go to build/fuzz/corpus/<target>/ (not committed), findings
# to build/fuzz/findings/<target>/; the exit status is 1 when a regression or a finding failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build/fuzz"
smoke=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --build) build="$2"; shift ;;
    *) targets+=("$1") ;;
  esac
  shift
done
seconds="${FUZZ_SECONDS:-$([ "$smoke" = 1 ] && echo 8 || echo 60)}"
[ "${#targets[@]}" -gt 0 ] || targets=(phone email text request csv_batch workspace_list acs deletion json_reader)

dict_of() {
  case "$1" in
    phone|email|text) echo "$root/fuzz/dict/fields.dict" ;;
    csv_batch) echo "$root/fuzz/dict/csv.dict" ;;
    *) echo "$root/fuzz/dict/json.dict" ;;
  esac
}

status=0
printf '%-15s %12s %9s %7s %7s %7s %9s\n' target execs exec/s cov ft corpus findings
for target in "${targets[@]}"; do
  binary="$build/fuzz/$target"
  if [ ! -x "$binary" ]; then echo "fuzz/run.sh: $binary is not built (cmake --preset fuzz && cmake --build --preset fuzz)" >&2; exit 2; fi
  work="$build/corpus/$target"
  findings="$build/findings/$target"
  log="$build/logs/$target.log"
  mkdir -p "$work" "$findings" "$(dirname "$log")"
  # Regressions first: each file once (a crash or a failed property stops the binary with a nonzero status).
  regressions="$root/fuzz/regressions/$target"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    if ! "$binary" -runs=1 "$regressions"/* > "$build/logs/$target.regressions.log" 2>&1; then
      echo "$target: a regression input fails again, see $build/logs/$target.regressions.log" >&2
      status=1
    fi
  fi
  before="$(ls "$findings" | wc -l)"
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -dict="$(dict_of "$target")" \
    -artifact_prefix="$findings/" "$work" "$root/fuzz/corpus/$target" > "$log" 2>&1
  code=$?
  after="$(ls "$findings" | wc -l)"
  last="$(grep -E '^#[0-9]+' "$log" | tail -n 1)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  cov="$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')"
  ft="$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')"
  corpus="$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')"
  printf '%-15s %12s %9s %7s %7s %7s %9s\n' "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}" "$((after - before))"
  if [ "$code" -ne 0 ] || [ "$after" -ne "$before" ]; then
    echo "$target: finding(s) in $findings (log: $log); turn each into a regression: fuzz/regressions/$target/" >&2
    grep -m1 -A3 -E 'property failed|ERROR:' "$log" >&2
    status=1
  fi
done
exit "$status"
