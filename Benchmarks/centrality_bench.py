#!/usr/bin/env python3
"""Centrality benchmark: ringfind against igraph and NetworKit on the same graphs, same run.

- exact betweenness on a planted-partition graph of --small-nodes / --small-edges (10k / 100k);
- PageRank on --nodes / --edges (100k / 1M), edges read as directed;
- core numbers, Burt's constraint and Gould–Fernandez brokerage (ringfind only; NetworKit
  core decomposition when installed);
- with --large, sampled betweenness on 1M nodes / 10M edges (ringfind, 100 sources).

Graphs are the ones Benchmarks/community_bench.py generates (it is run to make them).

    swift build -c release && python3 Benchmarks/centrality_bench.py
"""
import argparse, json, os, random, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--small-nodes", type=int, default=10_000)
parser.add_argument("--small-edges", type=int, default=100_000)
parser.add_argument("--nodes", type=int, default=100_000)
parser.add_argument("--edges", type=int, default=1_000_000)
parser.add_argument("--repeat", type=int, default=3)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--large", action="store_true")
parser.add_argument("--ringfind", default=os.path.join(here, "..", ".build", "release", "ringfind"))
parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ringfind-community-bench"))
args = parser.parse_args()


def graph(nodes, edges):
    path = os.path.join(args.work, f"planted-{nodes}-{edges}-100-0.3-1.csv")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(here, "community_bench.py"), "--nodes", str(nodes), "--edges", str(edges),
                        "--only-ringfind", "--repeat", "1", "--work", args.work], check=True, capture_output=True)
    return path


def ringfind(path, measure, *extra, repeat=None):
    out = subprocess.run([args.ringfind, "bench", "centrality", "--edges", path, "--measure", measure,
                          "--repeat", str(repeat or args.repeat), *extra], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["median_seconds"]


def timed(run, repeat=None):
    times = []
    for _ in range(repeat or args.repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


rows = []
small, big = graph(args.small_nodes, args.small_edges), graph(args.nodes, args.edges)
rows.append((f"exact betweenness, {args.small_nodes:,} / {args.small_edges:,}", "ringfind (2 threads)", ringfind(small, "betweenness", repeat=1)))
rows.append((f"PageRank, {args.nodes:,} / {args.edges:,}", "ringfind (2 threads)", ringfind(big, "pagerank")))
rows.append((f"core numbers, {args.nodes:,} / {args.edges:,}", "ringfind", ringfind(big, "core")))
rows.append((f"constraint + effective size, {args.nodes:,} / {args.edges:,}", "ringfind", ringfind(big, "structural-holes", repeat=1)))
rows.append((f"Gould–Fernandez brokerage, {args.nodes:,} / {args.edges:,}", "ringfind", ringfind(big, "brokerage", repeat=1)))
load = lambda path: [tuple(map(int, line.split(",")[:2])) for line in open(path)]
try:
    import igraph as ig
    es = load(small)
    g = ig.Graph(n=args.small_nodes, edges=es)
    rows.append((rows[0][0], "igraph (1 thread)", timed(lambda: g.betweenness(directed=False), repeat=1)))
    eb = load(big)
    h = ig.Graph(n=args.nodes, edges=eb, directed=True)
    rows.append((rows[1][0], "igraph (1 thread)", timed(lambda: h.pagerank(directed=True))))
    hu = ig.Graph(n=args.nodes, edges=eb)
    rows.append((rows[2][0], "igraph (1 thread)", timed(lambda: hu.coreness())))
    rows.append((rows[3][0], "igraph constraint (1 thread)", timed(lambda: hu.constraint(), repeat=1)))
except ImportError:
    print("igraph not installed: pip install igraph", file=sys.stderr)
try:
    import networkit as nk
    nk.setNumberOfThreads(args.threads)
    def nk_graph(path, n, directed):
        gr = nk.Graph(n, directed=directed)
        for u, v in load(path):
            gr.addEdge(u, v)
        return gr
    gs = nk_graph(small, args.small_nodes, False)
    rows.append((rows[0][0], f"NetworKit ({args.threads} threads)", timed(lambda: nk.centrality.Betweenness(gs).run(), repeat=1)))
    gd = nk_graph(big, args.nodes, True)
    rows.append((rows[1][0], f"NetworKit ({args.threads} threads)", timed(lambda: nk.centrality.PageRank(gd, tol=1e-9).run())))
    gu = nk_graph(big, args.nodes, False)
    rows.append((rows[2][0], f"NetworKit ({args.threads} threads)", timed(lambda: nk.centrality.CoreDecomposition(gu).run())))
except ImportError:
    print("NetworKit not installed: pip install networkit", file=sys.stderr)
if args.large:
    huge = graph(1_000_000, 10_000_000)
    rows.append(("sampled betweenness (100 sources), 1M / 10M", "ringfind (2 threads)", ringfind(huge, "betweenness", "--samples", "100", repeat=1)))

base = {}
print(f"{'measure':48} {'tool':30} {'seconds':>9} {'vs ringfind':>12}")
for measure, tool, seconds in rows:
    base.setdefault(measure, seconds)
    print(f"{measure:48} {tool:30} {seconds:9.3f} {seconds / base[measure]:11.2f}x")
