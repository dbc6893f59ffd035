#!/usr/bin/env python3
"""Equivalence test of spark/reduce.py: raw and reduced builds find the same rings.

    python3 spark/test_equivalence.py [--scale small|medium] [--camouflage none,some,heavy]
                                      [--seeds 1] [--style classic] [--ringfind PATH] [--work DIR] [--venv DIR]
                                      [--generator ringfind|market]

For every world (camouflage × seed): `ringfind generate` (or, with `--generator market`, the
independent marketplace of Benchmarks/worlds/market_world.py, whose brokers' insiders also
borrow old tickets; its `--style`, one world per seed), `reduce.py` on local[2], `ringfind
build` of both, then compares
- rings.csv: every column (members and roles, p-values, each kind of evidence), numbers to 1e-9;
- suspects.csv: the ranking (rank, id, kind, role, tier, ring, reasons) exactly, scores to 1e-9;
- evidence.csv: identical (the reduced rows cite their raw file and line through `origin`);
and prints sizes and Spark time. Creates a venv with PySpark 4 when --venv has none.
Exit status 1 when any world differs.
"""

import argparse
import csv
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def ensure_venv(venv):
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        run([sys.executable, "-m", "venv", venv])
    probe = subprocess.run([python, "-c", "import pyspark; print(pyspark.__version__)"], capture_output=True, text=True)
    if probe.returncode != 0 or not probe.stdout.startswith("4."):
        run([python, "-m", "pip", "install", "-q", "pyspark==4.*"])
    return python


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def same_cell(a, b):
    if a == b:
        return True
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))
    return a == b


def compare(raw_out, reduced_out, raw_dir=None):
    """The differences between two builds' rings, suspects and evidence, as sentences. The
    reduced rows cite raw rows relative to the raw folder, so `raw_dir/` is taken off the raw
    build's citations."""
    problems = []
    for name in ["rings.csv", "suspects.csv"]:
        a, b = rows(os.path.join(raw_out, name)), rows(os.path.join(reduced_out, name))
        if len(a) != len(b):
            problems.append(f"{name}: {len(a)} rows raw, {len(b)} reduced")
            continue
        for i, (x, y) in enumerate(zip(a, b)):
            for column in x:
                if not same_cell(x[column], y.get(column)):
                    problems.append(f"{name} row {i + 1} {column}: raw {x[column]!r}, reduced {y.get(column)!r}")
    with open(os.path.join(raw_out, "evidence.csv")) as f1, open(os.path.join(reduced_out, "evidence.csv")) as f2:
        raw_text = f1.read()
        if raw_dir:
            raw_text = raw_text.replace(os.path.abspath(raw_dir) + "/", "")
        if raw_text != f2.read():
            problems.append("evidence.csv differs")
    return problems


def size(folder):
    return sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder) if not n.startswith("."))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="medium")
    parser.add_argument("--camouflage", default="none,some,heavy")
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--rings", default="10")
    parser.add_argument("--style", default="classic", help="generator style (classic, timed, retainer, offbook, mixed)")
    parser.add_argument("--ringfind", default=os.path.join(ROOT, ".build", "release", "ringfind"))
    parser.add_argument("--work", default="/tmp/ringfind-spark-equivalence")
    parser.add_argument("--venv", default=os.path.join(ROOT, ".build", "spark-venv"))
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--generator", choices=("ringfind", "market"), default="ringfind")
    args = parser.parse_args()
    python = ensure_venv(args.venv)
    ringfind = os.path.abspath(args.ringfind)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    failures = 0
    print("world | rings | suspects | raw bytes | reduced bytes | ratio | spark s | result")
    market = args.generator == "market"
    for camouflage in ["market"] if market else args.camouflage.split(","):
        for seed in args.seeds.split(","):
            name = f"{args.scale}-{camouflage}-{seed}" + ("" if args.style == "classic" else f"-{args.style}")
            if market:
                name = f"market-{seed}-" + ("mixed" if args.style == "classic" else args.style)
            world, reduced = os.path.join(work, "world-" + name), os.path.join(work, "reduced-" + name)
            if market and not os.path.exists(os.path.join(world, "data", "access.csv")):
                run([sys.executable, os.path.join(ROOT, "Benchmarks", "worlds", "market_world.py"), world, "--seed", seed,
                     "--style", name.split("-")[-1], "--rings", args.rings], stdout=subprocess.DEVNULL)
            elif not os.path.exists(os.path.join(world, "data", "access.csv")):
                run([ringfind, "generate", world, "--scale", args.scale, "--camouflage", camouflage, "--rings", args.rings,
                     "--seed", seed, "--style", args.style], stdout=subprocess.DEVNULL)
            raw = os.path.join(world, "data")
            started = time.time()
            spark = subprocess.run([python, os.path.join(HERE, "reduce.py"), raw, reduced, "--master", args.master],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if spark.returncode != 0:
                print(f"{name}: reduce.py failed:\n" + "\n".join(spark.stderr.splitlines()[-30:]))
                failures += 1
                continue
            spark_seconds = time.time() - started
            outs = []
            for source, label in [(raw, "raw"), (reduced, "reduced")]:
                out = os.path.join(work, f"out-{label}-{name}")
                run([ringfind, "build", source, "--out", out, "-q"])
                outs.append(out)
            problems = compare(*outs, raw_dir=raw)
            failures += bool(problems)
            rings, suspects = len(rows(os.path.join(outs[0], "rings.csv"))), len(rows(os.path.join(outs[0], "suspects.csv")))
            raw_bytes, reduced_bytes = size(raw), size(reduced)
            print(f"{name} | {rings} | {suspects} | {raw_bytes:,} | {reduced_bytes:,} | {raw_bytes / reduced_bytes:.1f}x | "
                  f"{spark_seconds:.0f} | {'identical' if not problems else 'DIFFERENT'}", flush=True)
            for p in problems[:20]:
                print("   ", p)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
