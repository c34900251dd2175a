#!/usr/bin/env bash
# Fuzz khabar: build the cargo-fuzz targets of fuzz/ and run each, one after another, for a
# bounded time and/or number of executions, resuming from its saved corpus. Prints the
# executions and crashes of every target.
#
#   scripts/fuzz.sh --seconds 20                   # a short pass over every target (CI)
#   scripts/fuzz.sh --runs 10000000 normalize      # ten million executions of one target
#   scripts/fuzz.sh --sanitizer none --runs 10000000 corpus_jsonl   # faster, no ASan
#   scripts/fuzz.sh --list                         # the targets
#
# --sanitizer: address (the default, as cargo-fuzz's; built in fuzz/target) or none (about
# twice the executions a second, built in fuzz/target/none): the safe code of the readers and
# the parser loses little without AddressSanitizer, the normalizer's block scanner (unsafe
# SIMD) is best fuzzed with it.
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Each target's
# corpus grows in fuzz/corpus/<target>/ (started from the committed seeds in
# fuzz/seeds/<target>/); crashing inputs, the libFuzzer log of the last run and a line per run
# in fuzz/artifacts/runs.tsv go to fuzz/artifacts/. Targets run one at a time, niced, in one
# process each (-jobs=1 -workers=1; corpus_parquet in fork mode, see below), so the machine
# stays usable (FUZZ_NICE sets their niceness, 15 by default).
#
# Exit status: 0 no target crashed or hung; 1 a target crashed or hung (see its artifacts); 2
# bad usage or a failed build.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }
seconds="" runs="" list=0 sanitizer=address targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --sanitizer) sanitizer="${2:?--sanitizer needs address or none}"; shift 2 ;;
    --list) list=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
for n in "$seconds" "$runs"; do
  if [ -n "$n" ] && ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz.sh: $n: expected a whole number of at least 1" >&2
    exit 2
  fi
done

all=$(cargo +nightly fuzz list)
if [ "$list" = 1 ]; then
  echo "$all"
  exit 0
fi
if [ -z "$seconds$runs" ]; then
  echo "fuzz.sh: give --seconds S and/or --runs N (each target stops at the first reached)" >&2
  exit 2
fi
[ ${#targets[@]} -gt 0 ] || mapfile -t targets <<<"$all"
for t in "${targets[@]}"; do
  if ! grep -qx -- "$t" <<<"$all"; then
    echo "fuzz.sh: no target $t; targets:" $all >&2
    exit 2
  fi
done

case "$sanitizer" in
  address) target_dir=fuzz/target ;;
  none) target_dir=fuzz/target/none ;;
  *) echo "fuzz.sh: --sanitizer $sanitizer: expected address or none" >&2; exit 2 ;;
esac
nice -n 15 cargo +nightly fuzz build --sanitizer "$sanitizer" --target-dir "$target_dir" || exit 2
root=$PWD
bin=$root/$target_dir/x86_64-unknown-linux-gnu/release

# How each target runs. corpus_parquet: the parquet crate's Thrift reader can spin for minutes
# on some damaged page headers (it takes a list of booleans to hold no bytes, so a list of two
# billion of them costs two billion steps to skip) and nothing before it can see that coming;
# fork mode lets the run go on past such timeouts, which are still saved and counted.
# Inputs are kept short where length adds nothing but time: a text function's bugs show in a
# few hundred bytes (the block scanner needs 33), an article's layout in a few thousand.
mode() {
  case "$1" in
    corpus_parquet) echo -fork=1 -ignore_timeouts=1 -timeout=5 -max_len=2048 ;;
    corpus_*) echo -jobs=1 -workers=1 -timeout=10 -max_len=2048 ;;
    parse_text) echo -jobs=1 -workers=1 -timeout=10 -max_len=4096 ;;
    *) echo -jobs=1 -workers=1 -timeout=10 -max_len=1024 ;;
  esac
}

limits=()
[ -z "$seconds" ] || limits+=("-max_total_time=$seconds")
[ -z "$runs" ] || limits+=("-runs=$runs")
mkdir -p fuzz/artifacts
printf '%-16s %14s %8s %8s\n' target executions crashes timeouts
status=0
for t in "${targets[@]}"; do
  corpus=$root/fuzz/corpus/$t artifacts=$root/fuzz/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  count() { find "$artifacts" -maxdepth 1 -type f -name "$1" | wc -l; }
  count_crashes() { echo $(($(count 'crash-*') + $(count 'leak-*') + $(count 'oom-*'))); }
  before=$(count_crashes) timeouts_before=$(count 'timeout-*')
  # With -jobs the fuzzing process writes its log to fuzz-0.log in the working directory; in
  # fork mode the log is what the command prints.
  # shellcheck disable=SC2046
  (cd "$artifacts" && rm -f fuzz-0.log run.log &&
    nice -n ${FUZZ_NICE:-15} "$bin/$t" "$corpus" "$root/fuzz/seeds/$t" \
      -dict="$root/fuzz/khabar.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
      $(mode "$t") "${limits[@]}" >run.log 2>&1) || true
  logs=("$artifacts/fuzz-0.log" "$artifacts/run.log")
  # The final stats of a run (in fork mode, of its last child only) or its progress lines
  # (running totals): the largest count is the run's.
  execs=$({ cat "${logs[@]}" 2>/dev/null || true; } |
    { grep -o -e 'stat::number_of_executed_units: *[0-9]*' -e '^#[0-9]*' || true; } |
    { grep -o '[0-9]*$' || true; } | sort -n | tail -1)
  crashes=$(($(count_crashes) - before)) timeouts=$(($(count 'timeout-*') - timeouts_before))
  printf '%-16s %14s %8s %8s\n' "$t" "${execs:-?}" "$crashes" "$timeouts"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$sanitizer" "${execs:-?}" "$crashes" "$timeouts" \
    >>fuzz/artifacts/runs.tsv
  # A timeout stops a target, and fails the run, except where fork mode goes on past the
  # known ones (corpus_parquet).
  if [ "$crashes" != 0 ] || { [ "$timeouts" != 0 ] && [[ "$(mode "$t")" != *-ignore_timeouts* ]]; }; then
    status=1
  fi
done
exit $status
