#!/usr/bin/env python3
"""Reference values for the community-detection tests, from networkx and igraph.

Writes Tests/Fixtures/community-reference.json. Needs `pip install networkx igraph` (only to
regenerate; the tests read the committed JSON). Deterministic for the pinned tool versions
recorded in the output.

For each graph: the modularity (networkx.community.modularity) of several partitions at
resolutions 0.5, 1 and 2; igraph's Leiden (objective_function="modularity", n_iterations=-1)
best and mean modularity over seeds 0..9, with the NMI of its best partition against the
ground truth; and an NMI reference pair for our NMI implementation.
"""
import csv, json, os, random
import igraph as ig
import networkx as nx

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
classic = os.path.join(root, "Datasets", "classic-community")
resolutions = [0.5, 1.0, 2.0]


def read_edges(path, weighted):
    edges = []
    with open(path) as f:
        for row in csv.DictReader(f):
            w = float(row["weight"]) if weighted and "weight" in row else 1.0
            edges.append((int(row["src"]), int(row["dst"]), w))
    return edges


def read_labels(path, column):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    values = [r[column] for r in sorted(rows, key=lambda r: int(r["node_id"]))]
    index = {}
    return [index.setdefault(v, len(index)) for v in values]


def email_eu_core():
    # The undirected projection ringfind builds: each directed pair adds weight 1 to {u, v};
    # a self-loop u->u adds 1 to u's self-loop.
    weights = {}
    with open(os.path.join(root, "Datasets", "email-eu-core", "communications.csv")) as f:
        for row in csv.DictReader(f):
            u, v = int(row["from"]), int(row["to"])
            key = (min(u, v), max(u, v))
            weights[key] = weights.get(key, 0) + 1
    edges = [(u, v, float(w)) for (u, v), w in sorted(weights.items())]
    depts = {}
    with open(os.path.join(root, "Datasets", "email-eu-core", "entities.csv")) as f:
        for row in csv.DictReader(f):
            depts[int(row["id"])] = row["group"]
    index = {}
    truth = [index.setdefault(depts[v], len(index)) for v in range(len(depts))]
    return edges, truth


def nx_graph(n, edges):
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for u, v, w in edges:
        g.add_edge(u, v, weight=w)
    return g


def communities(labels):
    groups = {}
    for v, c in enumerate(labels):
        groups.setdefault(c, set()).add(v)
    return list(groups.values())


def reference(name, n, edges, truth):
    g = nx_graph(n, edges)
    rng = random.Random(7)
    partitions = {
        "ground_truth": truth or [0] * n,
        "singletons": list(range(n)),
        "one_community": [0] * n,
        "random_5": [rng.randrange(5) for _ in range(n)],
        "networkx_louvain": [0] * n,
    }
    for c, members in enumerate(nx.community.louvain_communities(g, weight="weight", seed=1)):
        for v in members:
            partitions["networkx_louvain"][v] = c
    entry = {"nodes": n, "partitions": {}}
    for pname, labels in partitions.items():
        entry["partitions"][pname] = {
            "labels": labels,
            "modularity": {str(r): nx.community.modularity(g, communities(labels), weight="weight", resolution=r)
                           for r in resolutions},
        }
    h = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges])
    h.es["weight"] = [w for _, _, w in edges]
    runs = []
    for seed in range(10):
        random.seed(seed)
        ig.set_random_number_generator(random)
        part = h.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
        runs.append((h.modularity(part.membership, weights="weight"), part.membership))
    best_q, best = max(runs, key=lambda r: r[0])
    entry["igraph_leiden"] = {
        "best_modularity": best_q,
        "mean_modularity": sum(q for q, _ in runs) / len(runs),
        "best_communities": len(set(best)),
        "best_nmi_vs_truth": ig.compare_communities(best, truth, method="nmi") if truth else None,
    }
    entry["nmi_reference"] = {
        "a": partitions["networkx_louvain"], "b": partitions["ground_truth"],
        "nmi": ig.compare_communities(partitions["networkx_louvain"], partitions["ground_truth"], method="nmi"),
    } if truth else None
    print(f"{name}: n={n} m={len(edges)} igraph best Q={best_q:.6f}")
    return entry


out = {"tools": {"networkx": nx.__version__, "igraph": ig.__version__}, "graphs": {}}
karate_truth = read_labels(os.path.join(classic, "karate_nodes.csv"), "faction_igraphdata")
out["graphs"]["karate"] = reference("karate", 34, read_edges(os.path.join(classic, "karate_edges.csv"), True), karate_truth)
out["graphs"]["karate_unweighted"] = reference("karate_unweighted", 34, read_edges(os.path.join(classic, "karate_edges.csv"), False), karate_truth)
out["graphs"]["football"] = reference("football", 115, read_edges(os.path.join(classic, "football_edges.csv"), False),
                                      read_labels(os.path.join(classic, "football_nodes.csv"), "conference_id"))
out["graphs"]["polbooks"] = reference("polbooks", 105, read_edges(os.path.join(classic, "polbooks_edges.csv"), False),
                                      read_labels(os.path.join(classic, "polbooks_nodes.csv"), "lean_code"))
lesmis_edges = read_edges(os.path.join(classic, "lesmis_edges.csv"), True)
out["graphs"]["lesmis"] = reference("lesmis", 77, lesmis_edges, [])
edges, truth = email_eu_core()
out["graphs"]["email_eu_core"] = reference("email_eu_core", len(truth), edges, truth)

# One LFR benchmark graph (networkx generator, n = 10,000, mu = 0.3) with its planted partition,
# and igraph Leiden's NMI against it (best of 3 seeds by modularity).
fixtures = os.path.dirname(os.path.abspath(__file__))
lfr = nx.LFR_benchmark_graph(10_000, 3, 1.5, 0.3, average_degree=20, max_degree=50, min_community=20,
                             max_community=100, seed=42)
lfr.remove_edges_from(nx.selfloop_edges(lfr))
planted = {}
for c, members in enumerate(sorted({frozenset(lfr.nodes[v]["community"]) for v in lfr}, key=min)):
    for v in members:
        planted[v] = c
lfr_edges = sorted((min(u, v), max(u, v)) for u, v in lfr.edges())
with open(os.path.join(fixtures, "lfr-10000-mu0.3-edges.csv"), "w") as f:
    f.writelines(f"{u},{v}\n" for u, v in lfr_edges)
with open(os.path.join(fixtures, "lfr-10000-mu0.3-planted.csv"), "w") as f:
    f.writelines(f"{planted[v]}\n" for v in range(10_000))
h = ig.Graph(n=10_000, edges=lfr_edges)
best = None
for seed in range(3):
    random.seed(seed)
    ig.set_random_number_generator(random)
    m = h.community_leiden(objective_function="modularity", n_iterations=-1).membership
    if best is None or h.modularity(m) > best[0]:
        best = (h.modularity(m), m)
out["lfr_mu0.3"] = {"igraph_best_modularity": best[0],
                     "igraph_nmi_vs_planted": ig.compare_communities(best[1], [planted[v] for v in range(10_000)], method="nmi")}
print(f"LFR mu=0.3: igraph Q={best[0]:.4f} NMI={out['lfr_mu0.3']['igraph_nmi_vs_planted']:.4f}")

with open(os.path.join(fixtures, "community-reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
