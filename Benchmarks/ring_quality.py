#!/usr/bin/env python3
"""Ring detection quality: generate → build → eval over seeds and camouflage levels.

For each camouflage level and seed: `ringfind generate` a world of --scale with --rings rings,
`ringfind build` it, `ringfind eval --json` it, and print ringfind's and the baseline rule's
metrics, then the mean over seeds. Standard library only; needs a release build.

    swift build -c release && python3 Benchmarks/ring_quality.py --scale medium
"""
import argparse, json, os, statistics, subprocess, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--scale", default="medium")
parser.add_argument("--rings", type=int, default=10)
parser.add_argument("--seeds", default="1,2,3")
parser.add_argument("--camouflage", default="none,some,heavy")
parser.add_argument("--ringfind", default=os.path.join(here, "..", ".build", "release", "ringfind"))
parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ringfind-ring-quality"))
args = parser.parse_args()
metrics = ["ring_recall", "ring_precision", "mean_best_jaccard", "average_precision", "broker_recall", "broker_precision"]
short = ["recall", "precision", "jaccard", "AP", "broker R", "broker P"]
print(f"scale {args.scale}, {args.rings} rings per world; ringfind / baseline")
print(f"{'camouflage':10} {'seed':>4} {'build s':>8} " + " ".join(f"{m:>13}" for m in short))
for camouflage in args.camouflage.split(","):
    rows = []
    for seed in args.seeds.split(","):
        world = os.path.join(args.work, f"{args.scale}-{camouflage}-{seed}")
        if not os.path.exists(os.path.join(world, "truth.csv")):
            subprocess.run([args.ringfind, "generate", world, "--scale", args.scale, "--rings", str(args.rings), "--seed", seed,
                            "--camouflage", camouflage], check=True, capture_output=True)
        started = time.time()
        subprocess.run([args.ringfind, "build", os.path.join(world, "data"), "--out", os.path.join(world, "out"), "--quiet"],
                       check=True)
        seconds = time.time() - started
        out = subprocess.run([args.ringfind, "eval", os.path.join(world, "out"), "--truth", os.path.join(world, "truth.csv"), "--json"],
                             check=True, capture_output=True, text=True)
        result = json.loads(out.stdout)
        rows.append(result)
        print(f"{camouflage:10} {seed:>4} {seconds:8.1f} " + " ".join(
            f"{result[m]['ringfind']:6.3f}/{result[m]['baseline']:6.3f}" for m in metrics), flush=True)
    print(f"{camouflage:10} {'mean':>4} {'':8} " + " ".join(
        f"{statistics.mean(r[m]['ringfind'] for r in rows):6.3f}/{statistics.mean(r[m]['baseline'] for r in rows):6.3f}" for m in metrics))
