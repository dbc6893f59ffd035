#!/usr/bin/env python3
"""Community detection quality: ringfind's Leiden against igraph's on graphs with a known answer.

1. LFR benchmark graphs (networkx's generator; n = --n, mixing mu = 0.1 … 0.5): NMI of the best
   of --seeds runs (by modularity) against the planted partition, ringfind vs igraph.
2. The classic graphs with ground truth (karate, football, polbooks, email-eu-core): best
   modularity over 10 seeds and the NMI of that partition against the ground truth.

Needs networkx and igraph (pip install networkx igraph) and a release build of ringfind.

    swift build -c release && python3 Benchmarks/community_quality.py
"""
import argparse, csv, os, random, subprocess, sys, tempfile
import igraph as ig
import networkx as nx

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=10_000)
parser.add_argument("--seeds", type=int, default=3)
parser.add_argument("--ringfind", default=os.path.join(root, ".build", "release", "ringfind"))
parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ringfind-community-quality"))
args = parser.parse_args()
os.makedirs(args.work, exist_ok=True)


def ringfind_best(edge_path, seeds):
    labels_path = edge_path + ".labels"
    subprocess.run([args.ringfind, "bench", "communities", "--edges", edge_path, "--repeat", str(seeds), "--seed", "0",
                    "--labels-out", labels_path], check=True, capture_output=True)
    return [int(x) for x in open(labels_path).read().split()]


def igraph_best(n, edges, weights, seeds):
    g = ig.Graph(n=n, edges=edges)
    best = None
    for seed in range(seeds):
        ig.set_random_number_generator(random.Random(seed))
        m = g.community_leiden(objective_function="modularity", weights=weights, n_iterations=-1).membership
        q = g.modularity(m, weights=weights)
        if best is None or q > best[0]:
            best = (q, m)
    return g, best


def compare(name, n, edges, weights, truth, seeds):
    path = os.path.join(args.work, name + ".csv")
    with open(path, "w") as f:
        for i, (u, v) in enumerate(edges):
            f.write(f"{u},{v},{weights[i] if weights else 1}\n")
    ours = ringfind_best(path, seeds)
    g, (q_ig, m_ig) = igraph_best(n, edges, weights, seeds)
    q_ours = g.modularity(ours, weights=weights)
    nmi_ours = ig.compare_communities(ours, truth, method="nmi")
    nmi_ig = ig.compare_communities(m_ig, truth, method="nmi")
    print(f"{name:22} Q ringfind {q_ours:.4f} igraph {q_ig:.4f} ({100 * (q_ours / q_ig - 1):+.2f}%)   "
          f"NMI ringfind {nmi_ours:.4f} igraph {nmi_ig:.4f} ({nmi_ours - nmi_ig:+.4f})   "
          f"communities {len(set(ours))} / {len(set(m_ig))}")
    sys.stdout.flush()


print(f"LFR graphs, n = {args.n}, tau1 = 3, tau2 = 1.5, average degree 20, max degree 50, communities 20–100; "
      f"best of {args.seeds} seeds by modularity")
for mu in [0.1, 0.2, 0.3, 0.4, 0.5]:
    g = nx.LFR_benchmark_graph(args.n, 3, 1.5, mu, average_degree=20, max_degree=50, min_community=20,
                               max_community=100, seed=42)
    g.remove_edges_from(nx.selfloop_edges(g))
    truth_sets = {frozenset(g.nodes[v]["community"]) for v in g}
    label = {}
    for c, members in enumerate(sorted(truth_sets, key=min)):
        for v in members:
            label[v] = c
    compare(f"LFR mu={mu}", args.n, list(g.edges()), None, [label[v] for v in range(args.n)], args.seeds)

print("\nClassic graphs with ground truth; best of 10 seeds by modularity")
classic = os.path.join(root, "Datasets", "classic-community")
for name, truth_column, weighted in [("karate", "faction_igraphdata", True), ("football", "conference_id", False),
                                     ("polbooks", "lean_code", False)]:
    rows = list(csv.DictReader(open(os.path.join(classic, f"{name}_edges.csv"))))
    nodes = sorted(csv.DictReader(open(os.path.join(classic, f"{name}_nodes.csv"))), key=lambda r: int(r["node_id"]))
    index = {}
    truth = [index.setdefault(r[truth_column], len(index)) for r in nodes]
    compare(name, len(nodes), [(int(r["src"]), int(r["dst"])) for r in rows],
            [float(r["weight"]) for r in rows] if weighted else None, truth, 10)
pairs = {}
for r in csv.DictReader(open(os.path.join(root, "Datasets", "email-eu-core", "communications.csv"))):
    u, v = int(r["from"]), int(r["to"])
    pairs[(min(u, v), max(u, v))] = pairs.get((min(u, v), max(u, v)), 0) + 1
entities = sorted(csv.DictReader(open(os.path.join(root, "Datasets", "email-eu-core", "entities.csv"))), key=lambda r: int(r["id"]))
index = {}
truth = [index.setdefault(r["group"], len(index)) for r in entities]
keys = sorted(pairs)
compare("email-eu-core", len(entities), keys, [float(pairs[k]) for k in keys], truth, 10)
