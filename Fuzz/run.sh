#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs each for SECONDS, one after another.
#
#   Fuzz/run.sh SECONDS [HARNESS...]     harnesses: csv jsonl timestamp number tokenizer (default: all)
#   Fuzz/run.sh 0 [HARNESS...]           build, then replay the seed corpora once
#
# The library sources are compiled straight from Sources/ (every file of RingfindGraph and
# RingfindIngest, and the tokenizer's file of RingfindQuery) with -sanitize=fuzzer,address,
# into .build-fuzz/. swift-crypto is replaced by Fuzz/Support/Crypto.swift (see there).
# New inputs go to .build-fuzz/corpus/HARNESS (kept between runs, not committed); the seeds
# in Fuzz/corpus/HARNESS are only read. A crash, a sanitizer report or a failed invariant
# leaves its input in Fuzz/crashes/ and makes the script exit 1; reproduce it with
#   .build-fuzz/fuzz-HARNESS Fuzz/crashes/FILE
set -euo pipefail
cd "$(dirname "$0")/.."

all=(csv jsonl timestamp number tokenizer)
if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: Fuzz/run.sh SECONDS [HARNESS...]  (harnesses: ${all[*]})" >&2
    exit 64
fi
seconds=$1
shift
harnesses=("${@:-${all[@]}}")
for h in "${harnesses[@]}"; do
    [[ " ${all[*]} " == *" $h "* ]] || { echo "unknown harness '$h' (harnesses: ${all[*]})" >&2; exit 64; }
done

out=.build-fuzz
mkdir -p "$out" Fuzz/crashes
# RingfindGraph imports the header-only C module CPrefetch: SwiftPM writes its module map,
# swiftc needs one written here (pointing at the same header).
mkdir -p "$out/cprefetch"
printf 'module CPrefetch {\n    header "%s/Sources/CPrefetch/include/CPrefetch.h"\n    export *\n}\n' "$PWD" > "$out/cprefetch/module.modulemap"
flags=(-O -g -parse-as-library -sanitize=fuzzer,address -I "$out" -I "$out/cprefetch" -module-cache-path "$out/module-cache")

# Rebuilds $1 when it is missing or older than any of the other arguments.
stale() {
    local target=$1
    shift
    [[ ! -e $target ]] && return 0
    for f in "$@"; do [[ $f -nt $target ]] && return 0; done
    return 1
}

# One library module: object file and .swiftmodule (modules come in dependency order, each
# rebuilt when one before it was).
built=()
module() {
    local name=$1
    shift
    if stale "$out/$name.o" "$@" "${built[@]}" Fuzz/run.sh; then
        echo "fuzz: compiling $name ($# files)"
        swiftc "${flags[@]}" -enable-testing -wmo -module-name "$name" -emit-module \
            -emit-module-path "$out/$name.swiftmodule" -c "$@" -o "$out/$name.o"
        touch "$out/$name.o"  # swiftc keeps an unchanged object file's old time
    fi
    built+=("$out/$name.o")
}

started=$(date +%s)
graph=(Sources/RingfindGraph/*.swift)
ingest=(Sources/RingfindIngest/*.swift)
module Crypto Fuzz/Support/Crypto.swift
module RingfindGraph "${graph[@]}"
module RingfindIngest "${ingest[@]}"
ingest_objects=("$out/Crypto.o" "$out/RingfindGraph.o" "$out/RingfindIngest.o")

for h in "${harnesses[@]}"; do
    case $h in
        csv | jsonl) sources=(Fuzz/Harnesses/IngestFuzzing.swift Fuzz/Harnesses/CSVOracle.swift Fuzz/Harnesses/JSONOracle.swift "Fuzz/Harnesses/$h.swift"); objects=("${ingest_objects[@]}") ;;
        timestamp | number) sources=("Fuzz/Harnesses/$h.swift"); objects=("${ingest_objects[@]}") ;;
        tokenizer) sources=(Sources/RingfindQuery/CommandLineTokenizer.swift Fuzz/Harnesses/tokenizer.swift); objects=() ;;
    esac
    sources=(Fuzz/Harnesses/Common.swift "${sources[@]}")
    if stale "$out/fuzz-$h" "${sources[@]}" "${objects[@]}" Fuzz/run.sh; then
        echo "fuzz: building fuzz-$h"
        swiftc "${flags[@]}" -module-name "Fuzz_$h" "${sources[@]}" "${objects[@]}" -o "$out/fuzz-$h" 2> "$out/link-$h.log" \
            || { cat "$out/link-$h.log" >&2; exit 1; }
    fi
done
echo "fuzz: built in $(( $(date +%s) - started )) s"

# Swift's backtracer would hold a crashing harness for seconds; libFuzzer and ASan report.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:symbolize=1}
failed=()
for h in "${harnesses[@]}"; do
    mkdir -p "$out/corpus/$h"
    options=(-artifact_prefix="Fuzz/crashes/$h-" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
    [[ -f Fuzz/dict/$h.dict ]] && options+=(-dict="Fuzz/dict/$h.dict")
    if [[ $seconds == 0 ]]; then options+=(-runs=0); else options+=(-max_total_time="$seconds"); fi
    log="$out/fuzz-$h.log"
    echo "fuzz: $h for ${seconds} s"
    if "$out/fuzz-$h" "${options[@]}" "$out/corpus/$h" "Fuzz/corpus/$h" > "$log" 2>&1; then
        status=ok
    else
        status=FAILED
        failed+=("$h")
        grep -E "invariant failed|ERROR: AddressSanitizer|SUMMARY|Fatal error|deadly signal|Test unit written" "$log" | head -20 >&2 || true
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+' "$log" | tail -1 || true)
    echo "fuzz: $h $status: ${runs:-?} executions, ${cov:-no coverage line} (log: $log)"
done

if (( ${#failed[@]} )); then
    echo "fuzz: FAILED: ${failed[*]} (inputs in Fuzz/crashes/)" >&2
    exit 1
fi
echo "fuzz: all passed"
