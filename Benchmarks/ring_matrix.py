#!/usr/bin/env python3
"""Ring detection quality on worlds from three independently written generators, against the
rule baseline, scored by the reference metrics (../shared/tools/eval_rings.py).

Worlds (generator:style):
  ringfind:none|some|heavy   `ringfind generate --scale small --camouflage LEVEL` (this project's own, classic style)
  ringfind:timed|retainer|offbook|mixed   `ringfind generate --style STYLE --camouflage heavy` (with decoys)
  ringfind:decoys            `ringfind generate --style mixed --camouflage heavy --rings 0`: decoys only
  email:timed|retainer|offbook|mixed   Benchmarks/worlds/email_world.py (real e-mail as background)
  market:timed|retainer|offbook|mixed  Benchmarks/worlds/market_world.py (synthetic marketplace)
  market3:mixed              market_world.py --scale 3 with 12 rings
  GEN:norings                the generator's decoys and no ring at all (expect 0 rings)

For each world and seed: generate (cached under --work), `ringfind build` (with --without-evidence
for an ablation), the rule (`naive_rings.py`), and `eval_rings.py` for both. Prints one row per
world (mean over seeds) as a Markdown table: ringfind recall / precision@N / entity AP / broker
recall, the rule's the same, and the number of rings reported on no-ring worlds.

    swift build -c release && python3 Benchmarks/ring_matrix.py --seeds 1,2,3
    python3 Benchmarks/ring_matrix.py --ablate      # one table per evidence kind left out
"""
import argparse, os, statistics, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
shared_tools = os.path.normpath(os.path.join(here, "..", "..", "shared", "tools"))
parser = argparse.ArgumentParser()
parser.add_argument("--worlds", default="ringfind:none,ringfind:some,ringfind:heavy,ringfind:norings,"
                    "ringfind:timed,ringfind:retainer,ringfind:offbook,ringfind:mixed,ringfind:decoys,"
                    "email:timed,email:retainer,email:offbook,email:mixed,email:norings,"
                    "market:timed,market:retainer,market:offbook,market:mixed,market3:mixed,market:norings")
parser.add_argument("--seeds", default="1,2,3")
parser.add_argument("--ringfind", default=os.path.join(here, "..", ".build", "release", "ringfind"))
parser.add_argument("--tools", default=shared_tools, help="folder with eval_rings.py and naive_rings.py")
parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ringfind-ring-matrix"))
parser.add_argument("--without-evidence", default="", help="passed to ringfind build (comma-separated kinds)")
parser.add_argument("--build-args", default="", help="extra arguments for ringfind build, e.g. '--alpha 0.05'")
parser.add_argument("--out-name", default="", help="build into out-NAME instead of out-all (to compare two binaries)")
parser.add_argument("--ablate", action="store_true", help="also run once without each kind of evidence")
args = parser.parse_args()


def generate(world, gen, style, seed):
    if os.path.exists(os.path.join(world, "truth.csv")):
        return
    rings = "0" if style in ("norings", "decoys") else ("12" if gen == "market3" else "10")
    if gen == "ringfind":
        cmd = [args.ringfind, "generate", world, "--scale", "small", "--rings", rings, "--seed", seed]
        if style in ("none", "some", "heavy", "norings"):
            cmd += ["--camouflage", "heavy" if style == "norings" else style]
        else:
            cmd += ["--style", "mixed" if style == "decoys" else style, "--camouflage", "heavy"]
    else:
        script = os.path.join(here, "worlds", "email_world.py" if gen == "email" else "market_world.py")
        cmd = [sys.executable, script, world, "--seed", seed, "--style", "mixed" if style == "norings" else style, "--rings", rings]
        if gen == "market3":
            cmd += ["--scale", "3"]
    subprocess.run(cmd, check=True, capture_output=True)


def evaluate(out, truth):
    text = subprocess.run([sys.executable, os.path.join(args.tools, "eval_rings.py"), out, truth],
                          check=True, capture_output=True, text=True).stdout
    values = dict(kv.split("=") for kv in text.split())
    return {k: float(v) for k, v in values.items()}


def run(without):
    rows = []
    for spec in args.worlds.split(","):
        gen, style = spec.split(":")
        results = []
        for seed in args.seeds.split(","):
            world = os.path.join(args.work, f"{gen}-{style}-{seed}")
            generate(world, gen, style, seed)
            out = os.path.join(world, "out-" + (without.replace(",", "-") or args.out_name or "all"))
            cmd = [args.ringfind, "build", os.path.join(world, "data"), "--out", out, "--quiet"]
            if without:
                cmd += ["--without-evidence", without]
            cmd += args.build_args.split()
            subprocess.run(cmd, check=True)
            naive = os.path.join(world, "naive")
            if not os.path.exists(os.path.join(naive, "rings.csv")):
                subprocess.run([sys.executable, os.path.join(args.tools, "naive_rings.py"), os.path.join(world, "data"), naive], check=True)
            truth = os.path.join(world, "truth.csv")
            results.append((evaluate(out, truth), evaluate(naive, truth)))
        mean = lambda i, k: statistics.mean(r[i][k] for r in results)
        if style in ("norings", "decoys"):
            rows.append(f"| {spec} | {mean(0, 'pred_rings'):.1f} rings | | | | {mean(1, 'pred_rings'):.1f} rings | | | |")
        else:
            keys = ["ring_recall", "ring_precision", "ap", "broker_recall"]
            rows.append(f"| {spec} | " + " | ".join(f"{mean(0, k):.2f}" for k in keys) + " | "
                        + " | ".join(f"{mean(1, k):.2f}" for k in keys) + " |")
        print(rows[-1], file=sys.stderr, flush=True)
    title = "all evidence" if not without else f"without {without}"
    print(f"\n{title}; mean of seeds {args.seeds}\n")
    print("| world | recall | precision@N | entity AP | broker recall | rule recall | rule precision@N | rule AP | rule broker recall |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows), flush=True)


run(args.without_evidence)
if args.ablate:
    for kind in ["concealment", "unusual_action", "timing"]:
        run(kind)
