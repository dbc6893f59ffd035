#!/usr/bin/env python3
"""Rewrite a generated world's inputs the way real exports differ, for the README figure.

    rewrite_world.py DATA OUT split [--aliases]   employees as ID@corp.example in
                                                  communications and "IBAN ID" in payments;
                                                  with --aliases, OUT/aliases.csv chains
                                                  IBAN ID -> ID@corp.example -> ID
    rewrite_world.py DATA OUT resources           access names only listing/VENDOR/item-N;
                                                  OUT/resources.csv holds one prefix rule per vendor

Generated logs have no quoted fields, so plain comma splitting is exact.
"""
import csv
import os
import shutil
import sys


def rows(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def write(path, table):
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)


def main():
    data, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    entities = rows(os.path.join(data, "entities.csv"))
    shutil.copy(os.path.join(data, "entities.csv"), out)
    if mode == "split":
        employees = {r[0] for r in entities[1:] if r[1] == "employee"}
        for name, rename in (("communications.csv", lambda e: e + "@corp.example"), ("payments.csv", lambda e: "IBAN " + e)):
            table = rows(os.path.join(data, name))
            for r in table[1:]:
                for c in (0, 1):
                    if r[c] in employees:
                        r[c] = rename(r[c])
            write(os.path.join(out, name), table)
        shutil.copy(os.path.join(data, "access.csv"), out)
        if "--aliases" in sys.argv:
            aliases = [["alias", "id"]]
            for e in sorted(employees):
                aliases += [["IBAN " + e, e + "@corp.example"], [e + "@corp.example", e]]
            write(os.path.join(out, "aliases.csv"), aliases)
    elif mode == "resources":
        for name in ("communications.csv", "payments.csv"):
            shutil.copy(os.path.join(data, name), out)
        table = rows(os.path.join(data, "access.csv"))
        v, res = table[0].index("vendor"), table[0].index("resource")
        vendors = set()
        for i, r in enumerate(table[1:], 1):
            if r[v]:
                vendors.add(r[v])
                r[res] = "listing/%s/item-%d" % (r[v], i)
                r[v] = ""
        write(os.path.join(out, "access.csv"), [[x for j, x in enumerate(r) if j != v] for r in table])
        write(os.path.join(out, "resources.csv"), [["resource", "vendor"]] + [["listing/%s/*" % x, x] for x in sorted(vendors)])
    else:
        sys.exit("mode: split or resources")


if __name__ == "__main__":
    main()
