#!/usr/bin/env python3
"""Converts SNAP email-Eu-core (../shared/datasets/email-Eu-core) into the ringfind input contract.

Writes Datasets/email-eu-core/communications.csv (from,to: one row per directed pair, as in SNAP,
self-loops kept) and entities.csv (id, kind=employee, group=department). Run from anywhere;
standard library only. No row is added, dropped or reordered.
"""
import csv, os, sys

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "datasets", "email-Eu-core"))
target = os.path.join(here, "..", "email-eu-core")
os.makedirs(target, exist_ok=True)

with open(os.path.join(source, "email-Eu-core-department-labels.txt")) as f, \
        open(os.path.join(target, "entities.csv"), "w", newline="") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "kind", "group"])
    for line in f:
        node, dept = line.split()
        w.writerow([node, "employee", f"dept-{int(dept):02d}"])

with open(os.path.join(source, "email-Eu-core.txt")) as f, \
        open(os.path.join(target, "communications.csv"), "w", newline="") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["from", "to"])
    for line in f:
        a, b = line.split()
        w.writerow([a, b])
