#!/usr/bin/env python3
"""Community detection benchmark: ringfind against igraph and NetworKit on the same graph.

Generates a planted-partition graph (communities of --community-size nodes, average degree
2*edges/nodes, a fraction --mixing of each node's edges leaving its community), times
`ringfind bench communities` (Leiden and Louvain, median of --repeat runs, loading excluded),
and — when the Python packages are installed — igraph (Leiden, multilevel Louvain; one thread)
and NetworKit (ParallelLeiden, PLM; --threads threads) on the same edge list, printing seconds,
modularity and the ratio to ringfind. networkx's Louvain is timed with --networkx (slow).

    swift build -c release
    python3 Benchmarks/community_bench.py                       # 100k nodes, 1M edges
    python3 Benchmarks/community_bench.py --nodes 1000000 --edges 10000000 --only-ringfind
"""
import argparse, json, os, random, statistics, subprocess, sys, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("--nodes", type=int, default=100_000)
parser.add_argument("--edges", type=int, default=1_000_000)
parser.add_argument("--community-size", type=int, default=100)
parser.add_argument("--mixing", type=float, default=0.3)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--repeat", type=int, default=3)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--networkx", action="store_true")
parser.add_argument("--only-ringfind", action="store_true")
parser.add_argument("--ringfind", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "ringfind"))
parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ringfind-community-bench"))
args = parser.parse_args()


def planted_partition(path):
    """Edges: each picks a random node u; with probability 1-mixing a partner in u's community, else anywhere."""
    rng = random.Random(args.seed)
    n, size = args.nodes, args.community_size
    seen = set()
    with open(path, "w") as f:
        while len(seen) < args.edges:
            u = rng.randrange(n)
            if rng.random() < args.mixing:
                v = rng.randrange(n)
            else:
                base = u - u % size
                v = base + rng.randrange(min(size, n - base))
            if u == v:
                continue
            key = (u, v) if u < v else (v, u)
            if key in seen:
                continue
            seen.add(key)
            f.write(f"{key[0]},{key[1]}\n")


os.makedirs(args.work, exist_ok=True)
graph = os.path.join(args.work, f"planted-{args.nodes}-{args.edges}-{args.community_size}-{args.mixing}-{args.seed}.csv")
if not os.path.exists(graph):
    print(f"generating {graph} …", file=sys.stderr)
    planted_partition(graph + ".tmp")
    os.rename(graph + ".tmp", graph)

results = []


def ringfind(algorithm):
    out = subprocess.run([args.ringfind, "bench", "communities", "--edges", graph, "--algorithm", algorithm,
                          "--repeat", str(args.repeat), "--seed", str(args.seed)], capture_output=True, text=True, check=True)
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    results.append((f"ringfind {algorithm}", summary["median_seconds"], summary["best_modularity"], summary["peak_rss_mb"]))


def timed(name, run, modularity):
    times, best = [], -1
    for i in range(args.repeat):
        t = time.perf_counter()
        membership = run(i)
        times.append(time.perf_counter() - t)
        best = max(best, modularity(membership))
    results.append((name, statistics.median(times), best, None))


ringfind("leiden")
ringfind("louvain")
if not args.only_ringfind:
    edges = [tuple(map(int, line.split(","))) for line in open(graph)]
    try:
        import igraph as ig
        g = ig.Graph(n=args.nodes, edges=edges)
        ig.set_random_number_generator(random.Random(args.seed))
        timed("igraph leiden (1 thread, 2 iterations)", lambda i: g.community_leiden(objective_function="modularity").membership,
              lambda m: g.modularity(m))
        timed("igraph louvain (1 thread)", lambda i: g.community_multilevel().membership, lambda m: g.modularity(m))
    except ImportError:
        print("igraph not installed: pip install igraph", file=sys.stderr)
    try:
        import networkit as nk
        nk.setNumberOfThreads(args.threads)
        nk.setSeed(args.seed, True)
        h = nk.Graph(args.nodes)
        for u, v in edges:
            h.addEdge(u, v)
        def nk_run(algo):
            a = algo(h)
            a.run()
            return a.getPartition()
        q = lambda p: nk.community.Modularity().getQuality(p, h)
        timed(f"networkit ParallelLeiden ({args.threads} threads)", lambda i: nk_run(lambda g: nk.community.ParallelLeiden(g)), q)
        timed(f"networkit PLM louvain ({args.threads} threads)", lambda i: nk_run(lambda g: nk.community.PLM(g, refine=False)), q)
    except ImportError:
        print("NetworKit not installed: pip install networkit", file=sys.stderr)
    if args.networkx:
        import networkx as nx
        gx = nx.Graph()
        gx.add_edges_from(edges)
        timed("networkx louvain", lambda i: nx.community.louvain_communities(gx, seed=args.seed + i),
              lambda parts: nx.community.modularity(gx, parts))

base = {name: t for name, t, _, _ in results}
print(f"graph: {args.nodes:,} nodes, {args.edges:,} edges, communities of {args.community_size}, mixing {args.mixing}; "
      f"median of {args.repeat}")
print(f"{'method':40} {'seconds':>9} {'modularity':>11} {'vs ringfind leiden':>19} {'peak MB':>8}")
for name, t, q, rss in results:
    ratio = t / base["ringfind leiden"]
    print(f"{name:40} {t:9.3f} {q:11.4f} {ratio:18.2f}x {'' if rss is None else f'{rss:8.0f}'}")
