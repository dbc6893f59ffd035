#!/usr/bin/env python3
"""The whole build against the parse floor, in one run (issue 13's yardstick).

    python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install pyarrow
    swift build -c release
    /tmp/bench-venv/bin/python Benchmarks/build_bench.py [--scale large] [--repeat 3]

Runs `ringfind bench build --json` (generating the world once into --work), then reads the same
CSV files with pyarrow's multi-threaded CSV reader (best of --repeat, files in the page cache
after the build), and prints each stage, the total, CPU time, peak memory, and the ratios the
targets are stated in: whole build / pyarrow parse and ingest / pyarrow parse. Timings on a
shared machine are noisy; the ratios within one run are what to compare.
"""
import argparse, json, os, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--scale", default="large")
parser.add_argument("--rings", default="10")
parser.add_argument("--camouflage", default="heavy")
parser.add_argument("--repeat", type=int, default=1, help="builds, and pyarrow reads (best of)")
parser.add_argument("--ringfind", default=os.path.join(here, "..", ".build", "release", "ringfind"))
parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ringfind-bench-build"))
args = parser.parse_args()

try:
    import pyarrow.csv as pacsv
except ImportError:
    sys.exit("pyarrow is needed: python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install pyarrow")

out = subprocess.run([args.ringfind, "bench", "build", "--scale", args.scale, "--rings", args.rings, "--camouflage", args.camouflage,
                      "--work", args.work, "--repeat", str(args.repeat), "--json"], check=True, capture_output=True, text=True).stdout
runs = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
best = min(runs, key=lambda r: r["total_seconds"])
world = os.path.join(args.work, f"world-{args.scale}-{args.rings}-{args.camouflage}-1", "data")
files = [os.path.join(world, f) for f in sorted(os.listdir(world)) if f.endswith(".csv")]
parse = []
for _ in range(max(3, args.repeat)):
    start = time.perf_counter()
    for f in files:
        pacsv.read_csv(f)
    parse.append(time.perf_counter() - start)
floor = min(parse)

print(f"world: {world} ({best['input_bytes'] / 1e6:.0f} MB), best of {len(runs)} build(s)")
print("| stage | seconds |\n|---|---:|")
for stage, seconds in best["stages"].items():
    print(f"| {stage} | {seconds:.2f} |")
print(f"| **total** | **{best['total_seconds']:.2f}** |")
print(f"\nCPU {best['cpu_seconds']:.1f} s, peak resident memory {best['peak_rss_gb']:.2f} GB, {best['rings']} rings")
print(f"pyarrow parse of the same files (best of {len(parse)}): {floor:.2f} s")
print(f"whole build / parse = {best['total_seconds'] / floor:.0f}x (target <= 50x); "
      f"ingest / parse = {best['stages'].get('ingest', 0) / floor:.1f}x (target <= 6x)")
