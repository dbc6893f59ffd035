#!/usr/bin/env python3
"""Reference values for the centrality tests, from networkx.

Writes Tests/Fixtures/centrality-reference.json. Needs `pip install networkx` only to
regenerate. For each graph (edges embedded in the JSON): PageRank and personalised PageRank on
the directed graph (an undirected graph counts both directions), and on its undirected
projection (weights of both directions summed): betweenness (normalised and not, by hops and
by weight as length), core number, Burt's constraint and effective size (weighted and not).
"""
import csv, json, math, os
import networkx as nx

here = os.path.dirname(os.path.abspath(__file__))
classic = os.path.join(here, "..", "..", "Datasets", "classic-community")


def read(name, weighted):
    with open(os.path.join(classic, f"{name}_edges.csv")) as f:
        return [(int(r["src"]), int(r["dst"]), float(r["weight"]) if weighted else 1.0) for r in csv.DictReader(f)]


def clean(values):
    return [None if (isinstance(x, float) and math.isnan(x)) else x for x in values]


def reference(n, edges, directed, seeds):
    d = nx.DiGraph() if directed else nx.Graph()
    d.add_nodes_from(range(n))
    for u, v, w in edges:
        d.add_edge(u, v, weight=w)
    u_graph = nx.Graph()
    u_graph.add_nodes_from(range(n))
    for a, b, w in edges:
        if a == b:
            continue
        if u_graph.has_edge(a, b):
            u_graph[a][b]["weight"] += w
        else:
            u_graph.add_edge(a, b, weight=w)
    pr = nx.pagerank(d, alpha=0.85, weight="weight", tol=1e-14, max_iter=100000)
    ppr = nx.pagerank(d, alpha=0.85, weight="weight", personalization={s: 1 for s in seeds}, tol=1e-14, max_iter=100000)
    col = lambda m: clean([m[v] for v in range(n)])
    return {
        "nodes": n, "directed": directed, "edges": [[u, v, w] for u, v, w in edges], "seeds": seeds,
        "pagerank": col(pr), "personalized_pagerank": col(ppr),
        "betweenness_normalized": col(nx.betweenness_centrality(u_graph, normalized=True)),
        "betweenness_raw": col(nx.betweenness_centrality(u_graph, normalized=False)),
        "betweenness_weighted_normalized": col(nx.betweenness_centrality(u_graph, normalized=True, weight="weight")),
        "betweenness_weighted_raw": col(nx.betweenness_centrality(u_graph, normalized=False, weight="weight")),
        "core_number": col(nx.core_number(u_graph)),
        "constraint": col(nx.constraint(u_graph)),
        "constraint_weighted": col(nx.constraint(u_graph, weight="weight")),
        "effective_size": col(nx.effective_size(u_graph)),
        # nodes= selects networkx's documented (pure Python) formula. Without it, networkx 3.6.1
        # takes a scipy shortcut that divides m(u, w) by w's largest tie instead of u's
        # (a 1-D max broadcast over columns), disagreeing with its own docs and with Burt.
        "effective_size_weighted": col(nx.effective_size(u_graph, nodes=list(range(n)), weight="weight")),
    }


karate = read("karate", True)
disconnected = [(u, v, 1.0) for u, v, _ in karate] + [(34, 35, 2.0), (35, 36, 1.0), (36, 37, 3.0), (37, 34, 1.0), (35, 37, 1.0)]
out = {"tools": {"networkx": nx.__version__}, "graphs": {
    "karate_weighted": reference(34, karate, False, [0, 33]),
    "ukfaculty_directed_weighted": reference(81, read("UKfaculty", True), True, [0, 1, 2]),
    "karate_plus_components": reference(40, disconnected, False, [34]),
}}
with open(os.path.join(here, "centrality-reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote centrality-reference.json")
