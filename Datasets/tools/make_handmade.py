#!/usr/bin/env python3
"""Writes the hand-checked world of Datasets/handmade (run from the repository root) (deterministic: run it again, same files).

One ring is planted (see README.md in this folder); everything else is ordinary marketplace life.
Only the Python standard library is used.
"""
import csv, json, os, random
from datetime import datetime, timedelta, timezone

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "handmade"))
rng = random.Random(20261129)
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=timezone.utc)

def ts(day, hour=9, minute=0):
    return (T0 + timedelta(days=day, hours=hour - 8, minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ")

departments = ["Support", "Trust & Safety", "Sales Analytics", "Engineering"]
employees = [(f"E{i:03d}", f"Employee {i}", departments[(i - 1) % 4]) for i in range(1, 41)]
countries = ["DE", "FR", "IT", "ES", "PL", "NL"]
vendors = [(f"V{i:03d}", f"Vendor {i} GmbH", countries[i % 6]) for i in range(1, 61)]
externals = [
    ("X001", "Brightlane Marketing Agency"), ("X002", "Ledgerly Accounting"), ("X003", "Parcel Partners"),
    ("X004", "A. Relative"), ("X005", "B. Contractor"), ("X006", "Cloudshelf Hosting"),
    ("X007", "Quickstar Consulting"), ("X008", "C. Relative"), ("X009", "Northwind Freight"),
    ("X010", "D. Contractor"),
]
BROKER, INSIDERS, CLIENTS = "X007", ["E014", "E027"], ["V011", "V023", "V037", "V042"]

with open("entities.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "kind", "name", "group", "hired"])
    for eid, name, dept in employees:
        w.writerow([eid, "employee", name, dept, f"20{rng.randint(15, 24)}"])
    for vid, name, country in vendors:
        w.writerow([vid, "vendor", name, country, ""])
    for xid, name in externals:
        w.writerow([xid, "external", name, "", ""])

# Communications: mostly inside departments, some support <-> vendor, agencies <-> vendors.
comms = []
by_dept = {d: [e for e, _, dd in employees if dd == d] for d in departments}
for day in range(0, 60, 2):
    for d, members in by_dept.items():
        a, b = rng.sample(members, 2)
        comms.append([a, b, ts(day, rng.randint(9, 17)), "chat", rng.randint(1, 4)])
    s = rng.choice(by_dept["Support"])
    v = rng.choice(vendors)[0]
    comms.append([v, s, ts(day, rng.randint(9, 17)), "email", 1])
    comms.append(["X001", rng.choice(vendors)[0], ts(day, 11), "email", 1])
# The ring's messages: broker <-> insiders, broker <-> clients.
for k, day in enumerate([3, 10, 17, 24, 31, 38, 45]):
    for emp in INSIDERS:
        comms.append([BROKER, emp, ts(day, 20, 5 * k), "phone", 1])
        comms.append([emp, BROKER, ts(day, 21, 5 * k), "phone", 1])
    comms.append([CLIENTS[k % 4], BROKER, ts(day - 1, 19), "email", 1])
comms.sort(key=lambda r: r[2])
with open("communications.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["sender", "recipient", "time", "channel", "count"])
    w.writerows(comms)
    # One row a log export got wrong; the build rejects it and lists it in rejected.csv.
    w.writerow(["E003", "E007", "31/02/2025 10:00", "chat", 1])

# Payments: vendors pay the agency and the accountants; relatives and contractors pay staff;
# the ring: clients pay the broker, the broker pays the insiders a few days later.
pays = []
for day in range(0, 60, 3):
    pays.append([rng.choice(vendors)[0], "X001", f"{rng.randint(5, 30) * 100}.00", ts(day, 10), "EUR"])
    pays.append([rng.choice(vendors)[0], "X002", f"{rng.randint(2, 9) * 50}.00", ts(day, 12), "EUR"])
for day in range(5, 60, 14):
    pays.append(["X004", "E005", "150.00", ts(day, 18), "EUR"])
    pays.append(["X005", "E022", "900.00", ts(day, 18), "EUR"])
ring_days = [2, 9, 16, 23, 30, 37, 44]
for k, day in enumerate(ring_days):
    pays.append([CLIENTS[k % 4], BROKER, f"{rng.randint(18, 30) * 100}.00", ts(day, 15), "EUR"])
    pays.append([BROKER, INSIDERS[k % 2], f"{rng.randint(6, 9) * 100}.00", ts(day + 1, 22), "EUR"])
pays.sort(key=lambda r: r[3])
with open("payments.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["from", "to", "amount", "timestamp", "currency"])
    w.writerows(pays)

# Access (JSON Lines): support staff work tickets on many vendors; analysts view metrics with
# tickets; a little unticketed access by honest staff; the insiders touch the clients' data
# without tickets within days of the payments.
access = []
for day in range(0, 60):
    for _ in range(3):
        e = rng.choice(by_dept["Support"])
        v = rng.choice(vendors)[0]
        access.append({"employee": e, "action": rng.choice(["view_account", "update_listing", "view_orders"]),
                       "vendor": v, "timestamp": ts(day, rng.randint(9, 17)), "ticket": f"T-{10000 + len(access)}"})
    if day % 5 == 0:
        access.append({"employee": rng.choice(by_dept["Sales Analytics"]), "action": "view_sales_metrics",
                       "vendor": rng.choice(vendors)[0], "timestamp": ts(day, 14), "ticket": f"T-{10000 + len(access)}"})
    if day % 9 == 0:
        access.append({"employee": rng.choice(by_dept["Support"]), "action": "view_account",
                       "vendor": rng.choice(vendors)[0], "timestamp": ts(day, 16), "ticket": ""})
    if day % 7 == 0:
        access.append({"employee": rng.choice(by_dept["Engineering"]), "action": "run_migration",
                       "resource": "reviews-db", "timestamp": ts(day, 23), "ticket": f"CHG-{day}"})
ring_actions = {"E014": ["delete_review", "restore_account"], "E027": ["export_sales_metrics", "view_reviewer_pii"]}
for k, day in enumerate(ring_days):
    emp = INSIDERS[k % 2]
    for client in CLIENTS[:2 + k % 3]:
        access.append({"employee": emp, "action": rng.choice(ring_actions[emp]), "vendor": client,
                       "timestamp": ts(day + 2, 23, rng.randint(0, 59)), "ticket": ""})
access.sort(key=lambda r: r["timestamp"])
with open("access.jsonl", "w") as f:
    for row in access:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")

print("entities", len(employees) + len(vendors) + len(externals), "communications", len(comms) + 1,
      "payments", len(pays), "access", len(access))
