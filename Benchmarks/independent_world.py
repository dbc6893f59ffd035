#!/usr/bin/env python3
"""A second, independently written world generator, to check ring detection on data that
`ringfind generate` did not make (different code, different habits, different formats).

Differences on purpose: no `kind` column (kinds must be inferred), ids are e-mail-like or
numeric, timestamps are Unix seconds, access is JSON Lines, brokers are paid at irregular times
and pay insiders in monthly lump sums (one payment covers several clients), a quarter of ring
access happens before any payment that month, and half of ring access carries a ticket.
Writes OUT/data/{entities,communications,payments}.csv, OUT/data/access.jsonl and OUT/truth.csv.

    python3 Benchmarks/independent_world.py /tmp/indep --seed 5 --rings 8
"""
import argparse, csv, json, os, random

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--seed", type=int, default=5)
p.add_argument("--rings", type=int, default=8)
p.add_argument("--employees", type=int, default=800)
p.add_argument("--vendors", type=int, default=6000)
p.add_argument("--others", type=int, default=1200)
a = p.parse_args()
r = random.Random(a.seed)
T0, DAY = 1_735_689_600, 86_400
data = os.path.join(a.out, "data")
os.makedirs(data, exist_ok=True)
emps = [f"{r.choice(['anna','ben','chen','dev','eva','farid','gus','hana'])}.{i}@corp.example" for i in range(a.employees)]
vends = [str(100000 + i * 7) for i in range(a.vendors)]
others = [f"acct-{r.randrange(10**9):09d}" for _ in range(a.others)]
depts = {e: r.choice(["care", "care", "risk", "insights", "platform"]) for e in emps}
care = [e for e in emps if depts[e] == "care"]; risk = [e for e in emps if depts[e] == "risk"]
insight = [e for e in emps if depts[e] == "insights"]
payees = others[:40]  # firms many vendors pay
comms, pays, acc = [], [], []
t = lambda: T0 + r.randrange(200 * DAY)
for _ in range(120_000):
    x = r.random()
    if x < 0.7:
        e = r.choice(emps); f = r.choice(emps if r.random() < 0.3 else [m for m in emps[:50] if depts[m] == depts[e]] or emps)
        comms.append([e, f, t(), "im"])
    elif x < 0.85:
        comms.append([r.choice(vends), r.choice(care), t(), "mail"])
    else:
        comms.append([r.choice(others), r.choice(emps), t(), "mail"])
for _ in range(25_000):
    x = r.random()
    if x < 0.6:
        pays.append([r.choice(vends), r.choice(payees), round(r.lognormvariate(6, 0.8), 2), t()])
    elif x < 0.8:
        pays.append([r.choice(others), r.choice(emps), round(r.lognormvariate(5, 0.5), 2), t()])
    else:
        pays.append([r.choice(others), r.choice(others), round(r.lognormvariate(6, 1), 2), t()])
for _ in range(60_000):
    x = r.random()
    if x < 0.6:
        e = r.choice(care); acc.append({"user": e, "op": r.choice(["open_account", "edit_listing", "refund"]), "seller": r.choice(vends), "ts": t(), "case": "" if r.random() < 0.05 else f"C{r.randrange(10**6)}"})
    elif x < 0.85:
        e = r.choice(risk); acc.append({"user": e, "op": r.choice(["remove_review", "reinstate_seller", "see_buyer_contact"]), "seller": r.choice(vends), "ts": t(), "case": "" if r.random() < 0.03 else f"C{r.randrange(10**6)}"})
    else:
        e = r.choice(insight); acc.append({"user": e, "op": "download_sales", "seller": r.choice(vends), "ts": t(), "case": f"C{r.randrange(10**6)}"})
truth = []
for k in range(1, a.rings + 1):
    broker = f"acct-{r.randrange(10**9):09d}"
    insiders = r.sample(care + risk + insight, r.randint(2, 3))
    clients = r.sample(vends, r.randint(3, 8))
    truth += [(broker, k, "broker")] + [(i, k, "insider") for i in insiders] + [(c, k, "client") for c in clients]
    start = r.randrange(60) * DAY
    for month in range(4):
        base = T0 + start + month * 30 * DAY
        for c in clients:
            pays.append([c, broker, round(r.uniform(800, 5000), 2), base + r.randrange(25 * DAY)])
        for i in insiders:
            pays.append([broker, i, round(r.uniform(1000, 3000), 2), base + 12 * DAY + r.randrange(6 * DAY)])
            comms.append([broker, i, base + r.randrange(30 * DAY), "mail"])
            comms.append([i, broker, base + r.randrange(30 * DAY), "mail"])
        for c in clients:
            i = r.choice(insiders)
            for _ in range(r.randint(1, 3)):
                when = base + (r.randrange(10 * DAY) if r.random() < 0.25 else 14 * DAY + r.randrange(14 * DAY))
                acc.append({"user": i, "op": r.choice(["remove_review", "reinstate_seller", "see_buyer_contact", "download_sales"]),
                            "seller": c, "ts": when, "case": f"C{r.randrange(10**6)}" if r.random() < 0.5 else ""})
with open(os.path.join(data, "entities.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "name", "department"])
    for e in emps: w.writerow([e, e.split("@")[0], depts[e]])
with open(os.path.join(data, "communications.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["sender", "recipient", "ts", "channel"]); w.writerows(comms)
with open(os.path.join(data, "payments.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["payer", "payee", "value", "ts"]); w.writerows(pays)
with open(os.path.join(data, "access.jsonl"), "w") as f:
    for row in acc: f.write(json.dumps(row) + "\n")
with open(os.path.join(a.out, "truth.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["entity_id", "ring_id", "role"]); w.writerows(truth)
print(f"{len(comms)} messages, {len(pays)} payments, {len(acc)} access rows, {len(truth)} ring members")
