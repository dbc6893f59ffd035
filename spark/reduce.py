#!/usr/bin/env python3
"""Reduce raw ringfind logs to a case input that finds the same rings on one machine.

    python3 spark/reduce.py RAW_DIR REDUCED_DIR          # local[*]
    spark-submit spark/reduce.py RAW_DIR REDUCED_DIR     # on a cluster

RAW_DIR (any Spark-readable path: local, hdfs://, s3a://) holds the input contract's files:
`entities`, `communications`, `payments`, `access`, each as `NAME.csv`, `NAME.jsonl`,
`NAME.ndjson` or `NAME.parquet`, or as a folder `NAME/` of such part files (partitioned,
e.g. `access/day=2025-01-01/part-0.csv`). REDUCED_DIR gets, one CSV each:

- `entities.csv`: every entity a kept row or total names, with its resolved kind, in the
  order ringfind would have met it in the raw logs;
- `payments.csv`, `communications.csv`: the rows ring detection reads (around accounts that
  receive vendor money: their payments, and every message to or from them), unchanged, with
  `origin` = the raw `file:line`;
- `access.csv`: every access row of every employee such an account pays, relays to or
  messages (unchanged, with `origin`);
- `totals.csv` (`measure,id,count`): for the other employees' access rows, what the chance
  model reads — each employee's jobs and unticketed jobs (no ticket, or a reused one) on
  vendors' accounts and in bulk, the
  accesses of each vendor that pays a kept account, the accesses of all other vendors, the
  rows of each action.

See spark/README.md for why this loses nothing ring detection reads.
"""

import argparse
import csv
import io
import json
import os
import sys
import time

from pyspark import StorageLevel
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

KINDS = ["entities", "communications", "payments", "access"]
# ringfind's header names (InputSchema.swift), compared after normalising.
FIELDS = {
    "entities": {"id": ["id", "entity_id", "entity", "canonical", "canonical_id"],
                 "kind": ["kind", "type", "entity_type", "entity_kind"],
                 "name": ["name", "label", "display_name", "full_name"],
                 "group": ["group", "department", "dept", "team", "country", "unit"]},
    "communications": {"from": ["from", "source", "sender", "src", "from_id", "payer"],
                       "to": ["to", "target", "recipient", "dst", "to_id", "receiver", "payee"],
                       "timestamp": ["timestamp", "time", "ts", "date", "datetime", "date_time"],
                       "channel": ["channel", "medium"], "count": ["count", "n", "events"]},
    "payments": {"from": ["from", "source", "sender", "src", "from_id", "payer"],
                 "to": ["to", "target", "recipient", "dst", "to_id", "receiver", "payee"],
                 "amount": ["amount", "value", "sum"],
                 "timestamp": ["timestamp", "time", "ts", "date", "datetime", "date_time"],
                 "currency": ["currency", "ccy"], "count": ["count", "n", "events"]},
    "access": {"employee": ["employee", "employee_id", "user", "user_id", "staff", "actor"],
               "action": ["action", "operation", "op", "activity"],
               "vendor": ["vendor", "vendor_id", "seller", "seller_id", "merchant"],
               "resource": ["resource", "resource_id", "object"],
               "timestamp": ["timestamp", "time", "ts", "date", "datetime", "date_time"],
               "ticket": ["ticket", "ticket_id", "ticket_number", "justification", "case", "case_id"]},
}
SESSION_GAP_MS = 3_600_000  # RingParameters.sessionGap


class ReduceError(Exception):
    """A raw input the reduction cannot read faithfully; the message names the file."""


def normalise(header):
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def field_of(kind, header):
    key = normalise(header)
    for field, names in FIELDS[kind].items():
        if key in names:
            return field
    return None


def list_inputs(spark, raw_dir):
    """{kind: [(path, format)]} in ringfind's reading order (kind, CSV before JSON Lines, path)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    root = jvm.org.apache.hadoop.fs.Path(raw_dir)
    fs = root.getFileSystem(conf)
    if not fs.exists(root):
        raise ReduceError(f"{raw_dir}: no such folder")
    found = {k: [] for k in KINDS}
    for status in fs.listStatus(root):
        name = status.getPath().getName()
        stem, _, ext = name.rpartition(".")
        if status.isDirectory():  # a folder of part files: `access/` or Spark's `access.parquet/`
            stem = name if ext.lower() not in ("csv", "jsonl", "ndjson", "json", "parquet") else stem
        stem = stem.lower()
        if stem in ("aliases", "resources"):
            raise ReduceError(f"{name}: aliases and resources are not supported by the reduction yet; build the raw logs instead")
        if stem not in found:
            continue
        paths = []
        if status.isDirectory():
            it = fs.listFiles(status.getPath(), True)
            while it.hasNext():
                p = it.next().getPath().toString()
                base = p.rsplit("/", 1)[-1]
                if not base.startswith(("_", ".")):
                    paths.append(p)
        else:
            paths.append(status.getPath().toString())
        for p in paths:
            e = p.rsplit(".", 1)[-1].lower()
            fmt = {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl", "parquet": "parquet"}.get(e)
            if fmt is None:
                raise ReduceError(f"{p}: not CSV, JSON Lines or Parquet")
            found[stem].append((p, fmt))
    for k in found:
        found[k].sort(key=lambda pf: ({"csv": 0, "jsonl": 1, "parquet": 2}[pf[1]], pf[0]))
    return found, fs.makeQualified(root).toString()


ORIGIN_ROOT = [None]  # the raw folder's URI when origins are cited relative to it


def cited(path):
    """A path as evidence cites it: relative to the raw folder (default), or whole with local
    files without their `file:` scheme (--absolute-origins)."""
    root = ORIGIN_ROOT[0]
    if root and path.startswith(root + "/"):
        return path[len(root) + 1:]
    return path[len("file:"):] if path.startswith("file:") else path


def read_text_rows(spark, kind, path, fmt, file_index):
    """Rows of one CSV or JSON Lines file, as strings by field, with their 1-based line."""
    sc = spark.sparkContext
    lines = sc.textFile(path).zipWithIndex()
    fields = list(FIELDS[kind])
    extras_allowed = kind == "entities"
    if fmt == "csv":
        first = lines.filter(lambda li: li[0].strip() != "").first()
        header_line = first[0].lstrip("\ufeff").rstrip("\r")
        header = next(csv.reader([header_line]))
        header_index = first[1]
        slots = {}
        extras = []
        for i, h in enumerate(header):
            f = field_of(kind, h)
            if f is not None:
                if f in slots:
                    raise ReduceError(f"{cited(path)}:1: two columns for {f}")
                slots[f] = i
            elif extras_allowed and h.strip():
                extras.append((h.strip(), i))
        width = len(header)

        def parse(li):
            text, index = li
            if index <= header_index or text.strip() == "":
                return []
            text = text.rstrip("\r")
            try:
                values = next(csv.reader([text]))
            except Exception:
                values = None
            if values is None or len(values) != width:
                return [tuple([None] * (len(fields) + len(extras))) + (index + 1, False)]
            row = tuple(values[slots[f]].strip() if f in slots else "" for f in fields)
            row += tuple(values[i].strip() for _, i in extras)
            return [row + (index + 1, True)]
    else:
        extras = []

        def parse(li):
            text, index = li
            text = text.lstrip("\ufeff").strip()
            if not text:
                return []
            try:
                obj = json.loads(text)
            except Exception:
                obj = None
            if not isinstance(obj, dict):
                return [tuple([None] * len(fields)) + (index + 1, False)]
            mapped = {}
            for key, value in obj.items():
                f = field_of(kind, key)
                if f is not None and value is not None:
                    mapped[f] = value if isinstance(value, str) else json.dumps(value) if isinstance(value, (dict, list)) else (
                        "true" if value is True else "false" if value is False else repr(value) if isinstance(value, float) else str(value))
            return [tuple(mapped.get(f, "").strip() for f in fields) + (index + 1, True)]

    schema = T.StructType([T.StructField(f, T.StringType()) for f in fields]
                          + [T.StructField("x_" + name, T.StringType()) for name, _ in extras]
                          + [T.StructField("line", T.LongType()), T.StructField("ok", T.BooleanType())])
    df = spark.createDataFrame(lines.flatMap(parse), schema, verifySchema=False)
    return (df.withColumn("file", F.lit(file_index)).withColumn("origin", F.concat(F.lit(cited(path) + ":"), F.col("line").cast("string"))),
            ["x_" + name for name, _ in extras])


def read_parquet_rows(spark, kind, path, file_index):
    df = spark.read.parquet(path)
    fields = list(FIELDS[kind])
    columns, extras = {}, []
    for c in df.columns:
        f = field_of(kind, c)
        if f is not None:
            columns[f] = c
        elif kind == "entities":
            extras.append(c)
    out = df.select(*[F.trim(F.col(f"`{columns[f]}`").cast("string")).alias(f) if f in columns else F.lit("").alias(f) for f in fields],
                    *[F.col(f"`{c}`").cast("string").alias("x_" + c) for c in extras],
                    (F.col("_metadata.row_index") + 1).alias("line"))
    out = out.fillna("", subset=fields).withColumn("ok", F.lit(True)).withColumn("file", F.lit(file_index))
    return out.withColumn("origin", F.concat(F.lit(cited(path) + "#row "), F.col("line").cast("string"))), ["x_" + c for c in extras]


def read_kind(spark, kind, inputs, first_file_index):
    frames, extras = [], []
    for i, (path, fmt) in enumerate(inputs):
        if fmt == "parquet":
            df, ex = read_parquet_rows(spark, kind, path, first_file_index + i)
        else:
            df, ex = read_text_rows(spark, kind, path, fmt, first_file_index + i)
        frames.append(df)
        extras += [e for e in ex if e not in extras]
    if not frames:
        return None, []
    aligned = []
    for df in frames:
        for e in extras:
            if e not in df.columns:
                df = df.withColumn(e, F.lit(None).cast("string"))
        aligned.append(df.select(*(list(FIELDS[kind]) + extras + ["line", "ok", "file", "origin"])))
    out = aligned[0]
    for df in aligned[1:]:
        out = out.unionByName(df)
    return out, extras


def millis(column):
    """ringfind's timestamp as milliseconds (UTC), or null when absent or unreadable."""
    c = F.trim(column)
    unix = F.when(c.rlike(r"^[+-]?[0-9]+(\.[0-9]+)?$") & ~c.rlike(r"^[0-9]{8}$"),
                  F.floor(c.cast("decimal(38,9)") * 1000).cast("long"))
    iso = F.floor(F.unix_micros(F.try_to_timestamp(F.regexp_replace(c, ",", "."))) / 1000).cast("long")
    return F.when(c == "", F.lit(None).cast("long")).otherwise(F.coalesce(unix, iso))


def write_csv(df, columns, out_dir, name, spark):
    """One CSV file `out_dir/name`, rows in the frame's order (`order` column), RFC 4180 quoting."""
    tmp = f"{out_dir}/.tmp-{name}"
    (df.repartition(1).sortWithinPartitions("order").select(*columns)
       .write.mode("overwrite").option("header", True).option("escape", '"').option("emptyValue", "")
       .option("ignoreLeadingWhiteSpace", False).option("ignoreTrailingWhiteSpace", False).csv(tmp))
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    tmp_path = jvm.org.apache.hadoop.fs.Path(tmp)
    fs = tmp_path.getFileSystem(conf)
    part = [s.getPath() for s in fs.listStatus(tmp_path) if s.getPath().getName().startswith("part-")][0]
    target = jvm.org.apache.hadoop.fs.Path(f"{out_dir}/{name}")
    fs.delete(target, False)
    fs.rename(part, target)
    fs.delete(tmp_path, True)
    checksum = jvm.org.apache.hadoop.fs.Path(f"{out_dir}/.{name}.crc")  # a local file system's checksum file
    if fs.exists(checksum):
        fs.delete(checksum, False)


def reduce_logs(spark, raw_dir, out_dir, relative_origins=True):
    started = time.time()
    inputs, root = list_inputs(spark, raw_dir)
    if relative_origins:
        ORIGIN_ROOT[0] = root
    if not inputs["payments"] or not inputs["access"]:
        raise ReduceError(f"{raw_dir}: needs payments and access logs (without them ringfind finds no ring)")
    frames, extras, file_index = {}, {}, 0
    for kind in KINDS:
        frames[kind], extras[kind] = read_kind(spark, kind, inputs[kind], file_index)
        file_index += len(inputs[kind])
    for kind in KINDS:
        if frames[kind] is not None:
            frames[kind] = frames[kind].persist(StorageLevel.MEMORY_AND_DISK)
    bad = {k: df.filter(~F.col("ok")).count() for k, df in frames.items() if df is not None}
    if any(bad.values()):
        raise ReduceError("rows that are not valid CSV/JSON objects (ringfind would reject them; fix or drop them first): "
                          + ", ".join(f"{k}: {n}" for k, n in bad.items() if n))
    kind_rank = {k: i for i, k in enumerate(KINDS)}

    # Entities in ringfind's order (entities files first, then as met in the logs, row by row,
    # `from` before `to`, `employee` before `vendor`) and kinds (declared, else employee >
    # vendor > external by where the id appears).
    seen = []
    ent = frames["entities"]
    if ent is not None:
        ent = ent.filter(F.col("id") != "")
        seen.append(ent.select(F.col("id"), F.struct(F.lit(0).alias("k"), "file", "line", F.lit(0).alias("side")).alias("at"),
                               F.lower("kind").alias("declared"), F.lit(0).alias("inferred")))
    for kind, a, b, ra, rb in [("communications", "from", "to", 1, 1), ("payments", "from", "to", 1, 1),
                               ("access", "employee", "vendor", 3, 2)]:
        df = frames[kind]
        if df is None:
            continue
        for col, side, rank in [(a, 0, ra), (b, 1, rb)]:
            seen.append(df.filter(F.col(col) != "").select(
                F.col(col).alias("id"), F.struct(F.lit(kind_rank[kind]).alias("k"), "file", "line", F.lit(side).alias("side")).alias("at"),
                F.lit("").alias("declared"), F.lit(rank).alias("inferred")))
    appearances = seen[0]
    for df in seen[1:]:
        appearances = appearances.unionByName(df)
    entities = appearances.groupBy("id").agg(
        F.min("at").alias("at"), F.max(F.when(F.col("declared") != "", F.col("declared"))).alias("declared"),
        F.max("inferred").alias("inferred"))
    entities = entities.withColumn("kind", F.coalesce(F.col("declared"), F.when(F.col("inferred") == 3, "employee")
                                                      .when(F.col("inferred") == 2, "vendor").otherwise("external")))
    entities = entities.select("id", "kind", "at").localCheckpoint()
    kinds = entities.select("id", "kind")

    def with_kinds(df, a, b):
        return (df.join(kinds.withColumnRenamed("id", a).withColumnRenamed("kind", a + "_kind"), a, "left")
                  .join(kinds.withColumnRenamed("id", b).withColumnRenamed("kind", b + "_kind"), b, "left"))

    may_broker = ["external", "broker"]
    pay = with_kinds(frames["payments"], "from", "to").localCheckpoint()
    # Candidate brokers (RingDetector.assess): accounts (external or broker) with at least two
    # possible clients — vendors paying it, or paying another account that pays it (a front) —
    # and a possible contact — an employee it pays or messages (either way), or an account it
    # pays that pays an employee (a mule). Every candidate the detector can assess is among them.
    vendor_in = pay.filter((F.col("from_kind") == "vendor") & F.col("to_kind").isin(may_broker)).select(F.col("from").alias("vendor"), F.col("to").alias("account"))
    account_to_account = (pay.filter(F.col("from_kind").isin(may_broker) & F.col("to_kind").isin(may_broker) & (F.col("from") != F.col("to")))
                             .select(F.col("from").alias("front"), F.col("to").alias("account")).distinct())
    via_front = account_to_account.join(vendor_in.withColumnRenamed("account", "front").distinct(), "front").select("vendor", "account")
    two_clients = (vendor_in.union(via_front).groupBy("account").agg(F.countDistinct("vendor").alias("clients"))
                           .filter("clients >= 2").select("account"))
    pays_employee = pay.filter(F.col("from_kind").isin(may_broker) & (F.col("to_kind") == "employee")).select(F.col("from").alias("account")).distinct()
    reach = pays_employee.union(account_to_account.join(pays_employee.withColumnRenamed("account", "front"), "front").select("account"))
    if frames["communications"] is not None:
        # Messages make a tie only both ways (an unanswered candidate tests nobody and is no candidate).
        talk = with_kinds(frames["communications"], "from", "to")
        out_msgs = talk.filter(F.col("from_kind").isin(may_broker) & (F.col("to_kind") == "employee")).select(F.col("from").alias("account"), F.col("to").alias("employee")).distinct()
        in_msgs = talk.filter(F.col("to_kind").isin(may_broker) & (F.col("from_kind") == "employee")).select(F.col("to").alias("account"), F.col("from").alias("employee")).distinct()
        reach = reach.union(out_msgs.join(in_msgs, ["account", "employee"]).select("account"))
    brokers = two_clients.join(reach.distinct(), "account").select(F.col("account").alias("id")).localCheckpoint()
    bset = brokers.withColumn("is_b", F.lit(True))
    pay = (pay.join(bset.withColumnRenamed("id", "from").withColumnRenamed("is_b", "from_b"), "from", "left")
              .join(bset.withColumnRenamed("id", "to").withColumnRenamed("is_b", "to_b"), "to", "left")
              .fillna(False, subset=["from_b", "to_b"]))
    # Fronts (accounts paying a candidate) and mules (accounts a candidate pays).
    fronts = pay.filter(F.col("to_b") & F.col("from_kind").isin(may_broker) & (F.col("from") != F.col("to"))).select(F.col("from").alias("id")).distinct()
    mules = pay.filter(F.col("from_b") & F.col("to_kind").isin(may_broker) & (F.col("from") != F.col("to"))).select(F.col("to").alias("id")).distinct()
    pay = (pay.join(fronts.withColumn("to_front", F.lit(True)).withColumnRenamed("id", "to"), "to", "left")
              .join(mules.withColumn("from_mule", F.lit(True)).withColumnRenamed("id", "from"), "from", "left")
              .fillna(False, subset=["to_front", "from_mule"]))
    # What the detector reads of a candidate b: payments into b from vendors and from other
    # accounts (fronts), b's payments to employees and to other accounts (mules); a front's
    # vendor income (PassThrough.passesOnMost, funding); a mule's payments to employees (relays).
    into_b = F.col("to_b") & ((F.col("from_kind") == "vendor") | F.col("from_kind").isin(may_broker))
    out_of_b = F.col("from_b") & ((F.col("to_kind") == "employee") | F.col("to_kind").isin(may_broker))
    kept_pay = pay.filter(into_b | out_of_b | (F.col("to_front") & (F.col("from_kind") == "vendor"))
                          | (F.col("from_mule") & (F.col("to_kind") == "employee"))).localCheckpoint()
    comms = frames["communications"]
    if comms is not None:
        comms = with_kinds(comms, "from", "to")
        comms = (comms.join(bset.withColumnRenamed("id", "from").withColumnRenamed("is_b", "from_b"), "from", "left")
                      .join(bset.withColumnRenamed("id", "to").withColumnRenamed("is_b", "to_b"), "to", "left")
                      .fillna(False, subset=["from_b", "to_b"]))
        # Every message to or from a candidate: with employees (contacts), and with vendors (a
        # client that paid once and exchanged messages with the broker both ways is an associate,
        # and the payer a job is attributed to prefers such ties; RingAssembly.draft).
        kept_comms = comms.filter(F.col("from_b") | F.col("to_b")).localCheckpoint()
    else:
        kept_comms = None
    # Ties: employees a candidate pays, a mule of a candidate pays, or a candidate exchanges
    # messages with both ways. Only ties are tested and only ties become insiders; an employee
    # a candidate merely wrote to is never read beyond its count of contacts.
    contacts = kept_pay.filter((F.col("from_b") | F.col("from_mule")) & (F.col("to_kind") == "employee")).select(F.col("to").alias("employee"))
    if kept_comms is not None:
        outward = kept_comms.filter(F.col("from_b") & (F.col("to_kind") == "employee")).select(F.col("from").alias("b"), F.col("to").alias("employee"))
        inward = kept_comms.filter(F.col("to_b") & (F.col("from_kind") == "employee")).select(F.col("to").alias("b"), F.col("from").alias("employee"))
        contacts = contacts.union(outward.distinct().join(inward.distinct(), ["b", "employee"]).select("employee"))
    contacts = contacts.distinct().withColumn("contact", F.lit(True)).localCheckpoint()

    access = frames["access"].withColumn("ms", millis(F.col("timestamp")))
    access = access.withColumn("unreadable", (F.col("timestamp") != "") & F.col("ms").isNull())
    # An employee with a time this job cannot read is kept whole, so ringfind decides.
    unreadable = access.filter("unreadable").select("employee").distinct().withColumn("contact", F.lit(True))
    keep_whole = contacts.unionByName(unreadable).distinct()
    access = access.join(keep_whole, "employee", "left").fillna(False, subset=["contact"]).localCheckpoint()
    kept_access = access.filter("contact")
    omitted = access.filter(~F.col("contact") & (F.col("employee") != "") & (F.col("action") != "")
                            & ((F.col("vendor") != "") | (F.col("resource") != "")))
    # Jobs (RingfindRings/Jobs.swift), in the detector's order: by time (unknown first), then row.
    w = Window.partitionBy("employee").orderBy(F.col("ms").asc_nulls_first(), "file", "line")
    prev = lambda c: F.lag(c).over(w)
    continues = (prev("line").isNotNull() & (F.col("ticket") == prev("ticket"))
                 & ((F.col("ticket") != "") | (F.col("vendor") == prev("vendor"))
                    | ((F.col("action") == prev("action")) & F.col("ms").isNotNull() & prev("ms").isNotNull()
                       & (F.col("ms") - prev("ms") <= SESSION_GAP_MS))))
    # Reused tickets (RingfindRings/TicketReuse.swift): a ticket the employee already used, more
    # than the session gap before, on other accounts and never on this one; a job under one
    # counts as unticketed.
    by_ticket = Window.partitionBy("employee", "ticket").orderBy(F.col("ms").asc_nulls_first(), "file", "line")
    by_ticket_vendor = Window.partitionBy("employee", "ticket", "vendor").orderBy(F.col("ms").asc_nulls_first(), "file", "line")
    last_ms = F.lag("ms").over(by_ticket)
    reused = ((F.col("ticket") != "") & (F.col("vendor") != "") & F.lag("line").over(by_ticket).isNotNull()
              & (F.row_number().over(by_ticket_vendor) == 1) & F.col("ms").isNotNull() & last_ms.isNotNull()
              & (F.col("ms") - last_ms > SESSION_GAP_MS))
    jobs = omitted.withColumn("reused", reused).withColumn("start", ~continues).filter("start")
    bulk, unticketed = F.col("vendor") == "", (F.col("ticket") == "") | F.col("reused")
    per_employee = jobs.groupBy("employee").agg(
        F.sum(F.when(~bulk, 1).otherwise(0)).alias("jobs"), F.sum(F.when(~bulk & unticketed, 1).otherwise(0)).alias("unticketed_jobs"),
        F.sum(F.when(bulk, 1).otherwise(0)).alias("bulk_jobs"), F.sum(F.when(bulk & unticketed, 1).otherwise(0)).alias("bulk_unticketed_jobs"))
    measures = ["jobs", "unticketed_jobs", "bulk_jobs", "bulk_unticketed_jobs"]
    job_totals = per_employee.select("employee", F.explode(F.array(*[F.struct(F.lit(m).alias("measure"), F.col(m).cast("long").alias("count"))
                                                                    for m in measures])).alias("t")).select(
        F.col("t.measure").alias("measure"), F.col("employee").alias("id"), F.col("t.count").alias("count")).filter("count > 0")
    # Accesses: listed for vendors that pay a kept account (every possible client), lumped for the rest.
    listed = kept_pay.filter(F.col("from_kind") == "vendor").select(F.col("from").alias("vendor")).distinct().withColumn("listed", F.lit(True))
    by_vendor = omitted.filter(F.col("vendor") != "").groupBy("vendor").count().join(listed, "vendor", "left").fillna(False, subset=["listed"])
    vendor_totals = by_vendor.filter("listed").select(F.lit("accesses").alias("measure"), F.col("vendor").alias("id"), "count")
    other = by_vendor.filter(~F.col("listed")).agg(F.sum("count").alias("count")).select(
        F.lit("other_accesses").alias("measure"), F.lit("*").alias("id"), F.col("count").cast("long").alias("count")).filter("count > 0")
    action_totals = omitted.groupBy("action").count().select(F.lit("action_rows").alias("measure"), F.col("action").alias("id"), "count")
    order_of = {"jobs": 0, "unticketed_jobs": 1, "bulk_jobs": 2, "bulk_unticketed_jobs": 3}
    totals = (job_totals.join(entities.select(F.col("id"), F.col("at")), "id", "left")
                        .withColumn("order", F.struct(F.lit(0).alias("g"), "at", F.lit(0).alias("v"), F.lit("").alias("s"),
                                                      F.create_map(*[x for m, i in order_of.items() for x in (F.lit(m), F.lit(i))])[F.col("measure")].alias("m")))
                        .drop("at"))
    for g, df in [(1, vendor_totals), (2, other), (3, action_totals)]:
        totals = totals.unionByName(df.withColumn("order", F.struct(F.lit(g).alias("g"), F.lit(None).cast(entities.schema["at"].dataType).alias("at"),
                                                                    F.lit(0).alias("v"), F.col("id").alias("s"), F.lit(0).alias("m"))))

    # Entities to write: those of kept rows and totals, in the raw order.
    needed = kept_pay.select(F.col("from").alias("id")).union(kept_pay.select("to"))
    if kept_comms is not None:
        needed = needed.union(kept_comms.select("from")).union(kept_comms.select("to"))
    needed = needed.union(kept_access.select("employee")).union(kept_access.filter(F.col("vendor") != "").select("vendor"))
    needed = needed.union(job_totals.select("id")).union(vendor_totals.select("id")).distinct()
    out_entities = needed.join(entities, "id")
    ent_extra = extras["entities"]
    if ent is not None:
        declared = ent.select("id", "name", "group", *ent_extra).dropDuplicates(["id"])
        out_entities = out_entities.join(declared, "id", "left")
    else:
        out_entities = out_entities.withColumn("name", F.lit("")).withColumn("group", F.lit(""))
    out_entities = out_entities.withColumn("order", F.col("at"))
    ent_columns = ["id", "kind", "name", "group"] + ent_extra

    write_csv(out_entities.fillna(""), ent_columns, out_dir, "entities.csv", spark)
    row_order = F.struct("file", "line")
    if kept_comms is not None:
        write_csv(kept_comms.withColumn("order", row_order), ["from", "to", "timestamp", "channel", "count", "origin"], out_dir, "communications.csv", spark)
    write_csv(kept_pay.withColumn("order", row_order), ["from", "to", "amount", "timestamp", "currency", "count", "origin"], out_dir, "payments.csv", spark)
    write_csv(kept_access.withColumn("order", row_order), ["employee", "action", "vendor", "resource", "timestamp", "ticket", "origin"],
              out_dir, "access.csv", spark)
    write_csv(totals, ["measure", "id", "count"], out_dir, "totals.csv", spark)
    # Rename the entities extras back to their raw header names.
    if ent_extra:
        fix_header(spark, f"{out_dir}/entities.csv", {e: e[2:] for e in ent_extra})
    return time.time() - started


def fix_header(spark, path, renames):
    """Rewrites the first line of a small local or remote CSV (the entities' extra columns)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(conf)
    stream = fs.open(p)
    data = bytes(jvm.org.apache.commons.io.IOUtils.toByteArray(stream))
    stream.close()
    header, _, rest = data.partition(b"\n")
    names = next(csv.reader([header.decode()]))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([renames.get(n, n) for n in names])
    fs.delete(p, False)
    o = fs.create(p)
    o.write(bytearray(out.getvalue().encode() + rest))
    o.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw", help="folder of raw logs (any Spark-readable path)")
    parser.add_argument("reduced", help="output folder: a case input for `ringfind build`")
    parser.add_argument("--master", help="Spark master when run with python3 (default local[*]; spark-submit sets its own)")
    parser.add_argument("--absolute-origins", action="store_true",
                        help="cite raw rows by their whole path or URI (default: relative to RAW_DIR, e.g. access.csv:17)")
    parser.add_argument("--driver-memory", default="4g", help="driver heap when run with python3 (local mode); default 4g")
    parser.add_argument("--partitions", type=int, default=0,
                        help="shuffle partitions (default: Spark's setting under spark-submit, 4 × cores with python3)")
    args = parser.parse_args(argv)
    builder = (SparkSession.builder.appName("ringfind-reduce").config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.ansi.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.maxPlanStringLength", "100000"))
    if args.master:
        builder = builder.master(args.master)
    if "SPARK_SUBMIT_OPTS" not in os.environ and not os.environ.get("PYSPARK_SUBMIT_ARGS"):
        builder = builder.config("spark.driver.memory", args.driver_memory)  # python3 starts the JVM itself
    spark = builder.getOrCreate()
    if args.partitions or spark.sparkContext.master.startswith("local"):
        spark.conf.set("spark.sql.shuffle.partitions", str(args.partitions or 4 * spark.sparkContext.defaultParallelism))
    spark.sparkContext.setLogLevel("ERROR")
    try:
        seconds = reduce_logs(spark, args.raw, args.reduced, relative_origins=not args.absolute_origins)
    except ReduceError as error:
        print(f"reduce.py: error: {error}", file=sys.stderr)
        return 1
    print(f"reduced {args.raw} to {args.reduced} in {seconds:.1f} s")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
