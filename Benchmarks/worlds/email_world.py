#!/usr/bin/env python3
"""email_world.py -- an independent test-world generator for broker-ring detection.

A marketplace's insiders are bribed through third-party *brokers*: a broker sells
confidential data (a rival's sales metrics, reviewer e-mails) or favours (deleting bad
reviews, restoring banned accounts) to *vendors* (clients) and pays *employees*
(insiders) to do the jobs.  This script writes a synthetic world of logs in which the
employees' internal communication is REAL: the SNAP timestamped e-mail of four
departments of a European research institution (email-Eu-core-temporal-Dept1..4,
see /work/shared/datasets/email-Eu-core-temporal-Dept/SOURCE.md).  Everything else
(vendors, externals, payments, access to vendor data, rings, decoys) is simulated on
top of it.

Usage
-----
    python3 email_world.py OUT --seed S --style timed|retainer|offbook|mixed --rings N
                           [--vendors 4000] [--externals 1500] [--decoys on|off]
                           [--scale 1.0] [--origin 2024-01-01] [--emails DIR]

  OUT          output folder; writes OUT/data/{entities,communications,payments,access}.csv
               and OUT/truth.csv
  --seed       random seed; the world is a deterministic function of all flags
  --style      how brokers pay insiders (see below); 'mixed' draws one style per ring
  --rings      number of rings; 0 gives a world with background + decoys and no ring
  --vendors    number of vendors (default 4000)
  --externals  number of *background* externals (customers and service firms, default
               1500); decoy actors and ring externals (brokers, mules, fronts) come on top
  --decoys     on (default) / off: the six kinds of innocent look-alikes listed below
  --scale      keep this fraction of the e-mail persons (default 1.0 = all 702 people
               and all 168,175 e-mails); workloads are not rescaled
  --origin     date that e-mail time 0 maps to (default 2024-01-01, UTC); the data spans
               ~803 days
  --emails     folder of the SNAP files (default /work/shared/datasets/email-Eu-core-temporal-Dept)

Output format (CSV with header)
-------------------------------
  data/entities.csv        id,kind,name,group  (kind employee|vendor|external; group =
                           department for employees, market category for vendors, empty
                           for externals)
  data/communications.csv  from,to,timestamp,channel
  data/payments.csv        from,to,amount,timestamp
  data/access.csv          employee,vendor,action,timestamp,ticket (empty ticket = none)
  truth.csv                entity_id,ring_id,role  (broker|insider|client|intermediary)
  decoys.csv               entity_id,decoy_id,kind,part -- diagnostics only (which
                           innocent look-alike each decoy actor belongs to); not truth
Timestamps are ISO 8601 UTC ("2024-03-05T10:20:30Z").  Every id is "u" + 7 random
digits, names are drawn from the same pools whatever the role, entity rows are sorted by
id and event rows by time, so neither ids, names nor file order reveal a role.

Background (legitimate) world
-----------------------------
* Employees = every (department, person) of the e-mail data; departments are named
  customer_support (Dept1), trust_safety (Dept2), analytics (Dept3), engineering (Dept4).
  Internal e-mails are copied as channel "email" at origin + t.
* Vendors sit in 15-30 market categories of very unequal size, each with a heavy-tailed
  popularity and an activity window.
* Most support / trust / analytics staff (and a few engineers) access vendor data in
  "cases": 1-4 rows on one vendor, same ticket, action drawn from a department-specific
  mix (view_account, edit_listing, refund, remove_review, reinstate_seller,
  view_buyer_contact, export_sales, ...).  Workloads are log-normal (a few employees do
  thousands of rows, many do a handful); each employee favours 1-3 categories and has its
  own honest unticketed rate (0.5-6.5 %).  Many cases start with a vendor (or customer)
  message to the employee and end with a reply.
* Externals: customers buy from vendors (payments + some messages), message friends,
  split bills; service firms are paid monthly by many vendors (heavy-tailed client
  books), pay/message partner firms, and some talk to a few employees.

Decoys (--decoys on) -- innocent patterns that resemble rings
-------------------------------------------------------------
 1 contractor agencies: paid monthly by 5-40 vendors, pay a contractor employee a
   monthly fee; the contractor serves the agency's clients with tickets (base rate).
 2 relatives: an external owns 1-2 vendors (vendor pays them), gives an employee irregular
   sums and talks a lot; the employee may touch that vendor (ticketed, base rate).
 3 flatmates: pay an employee a fixed sum monthly, chat; also ordinary shoppers.
 4 escalation agencies: paid by many vendors, message support staff about a client, the
   staff then open that client with a ticket (base rate) and reply.
 5 agents: 2-5 vendors pay a monthly commission; the agent messages one employee now and
   then, who sometimes opens one of the agent's vendors (ticketed).
 6 would-be brokers: cold-message vendors and employees; at most one-off replies, no
   payments with them, no abnormal access.

Rings (--rings N)
-----------------
Each ring lives 2-8 months and has
* 1 broker (an external with an ordinary life of its own); in ~20 % of rings the broker
  moves to a second account half-way (both accounts are role broker);
* 3-12 clients (vendors; ~30 % pay only once), mostly from 1-3 categories; a later ring
  sometimes re-uses an earlier ring's client; with a front company (25 % of rings, 55 %
  for offbook) each client pays through the front with prob. 0.6 and the front forwards
  85-95 % to the broker;
* 1-4 insiders: regular ones; "idle" recruits (25 % when there are several) who do only 1-2
  jobs but keep talking to the broker; "big" ones (20 %) whose ring rows are < 1 % of a
  large legitimate workload (their workload is raised if needed);
* an optional mule (25 % of paying rings): the broker pays the mule, who relays to the
  insider;
* jobs: every client payment buys 1-3 jobs; a job is 1-3 access rows by one insider on
  the client's own data (remove_review, reinstate_seller, ...; 45 %), on a RIVAL vendor
  of the client's category (export_sales, view_reviewer_emails, ...; 45 %), or a bulk
  export (export_* on 1-4 random vendors; 10 %).  A per-ring share (uniform 0-60 %) of
  jobs carry a fake ticket id in the same format as real ones.
Styles:
* timed    -- the client pays the broker, within days the broker (messages then) pays the
              insider, the insider does the job within days;
* retainer -- the broker pays each insider a fixed monthly sum regardless of jobs;
              clients pay when they like; jobs fall at arbitrary times;
* offbook  -- the broker never pays insiders in the logs (cash); broker<->insider
              messages are sustained in both directions; fronts are more common;
              no mules;
* mixed    -- each ring draws one of the three.
truth.csv lists every member once per ring: broker account(s) (broker), mule and front
(intermediary), insiders (insider), paying vendors (client).  Rival vendors whose data
was taken, and bulk-export victims, are NOT members.
"""
import argparse
import bisect
import csv
import datetime as dt
import math
import os
import sys
import time
from collections import defaultdict
import random

DAY = 86400
HOUR = 3600
MINUTE = 60
MONTH = 30 * DAY

DEPTS = {1: "customer_support", 2: "trust_safety", 3: "analytics", 4: "engineering"}
# share of each department that accesses vendor data at all
ACCESS_SHARE = {1: 0.9, 2: 0.85, 3: 0.7, 4: 0.12}
# probability that a case starts with a message from the vendor
VENDOR_INIT = {1: 0.40, 2: 0.25, 3: 0.05, 4: 0.05}
# probability that a case starts with a message from a customer
CUSTOMER_INIT = {1: 0.10, 2: 0.05, 3: 0.0, 4: 0.0}
DEPT_ACTIONS = {
    1: {"view_account": 35, "edit_listing": 12, "refund": 20, "view_buyer_contact": 8,
        "reinstate_seller": 3, "remove_review": 7, "view_orders": 15},
    2: {"view_account": 25, "remove_review": 18, "reinstate_seller": 10, "suspend_seller": 14,
        "view_buyer_contact": 6, "view_reviewer_emails": 5, "view_orders": 15,
        "edit_listing": 7},
    3: {"view_sales_metrics": 38, "export_sales": 22, "view_account": 15, "export_reviews": 8,
        "view_orders": 12, "export_buyer_contacts": 5},
    4: {"view_account": 45, "edit_listing": 20, "export_sales": 10, "view_orders": 20,
        "view_sales_metrics": 5},
}
OWN_ACTIONS = {"remove_review": 45, "reinstate_seller": 28, "edit_listing": 15, "refund": 7,
               "view_account": 5}
RIVAL_ACTIONS = {"export_sales": 30, "view_sales_metrics": 28, "view_reviewer_emails": 25,
                 "view_buyer_contact": 12, "export_reviews": 5}
BULK_ACTIONS = {"export_sales": 45, "export_reviews": 25, "export_buyer_contacts": 30}

CATEGORIES = ["electronics", "home_garden", "fashion", "beauty", "toys", "sports", "books",
              "automotive", "pet_supplies", "grocery", "health", "jewelry", "office", "music",
              "tools", "baby", "furniture", "crafts", "outdoor", "computers", "phones",
              "watches", "shoes", "bags", "kitchen", "lighting", "art", "collectibles",
              "gaming", "software"]

FIRST = ["Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
         "Kira", "Luca", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara",
         "Umar", "Vera", "Wim", "Xenia", "Yusuf", "Zoe", "Marco", "Lena", "Tomas", "Ada",
         "Igor", "Nora", "Oscar", "Petra", "Rafael", "Sofia", "Theo", "Ulla", "Victor",
         "Wanda", "Amir", "Bianca", "Chen", "Dana", "Emil", "Fatima", "Gustav", "Hana",
         "Ivan", "Julia", "Karim", "Lars", "Mila", "Nadia", "Omar", "Paula", "Rui", "Sven"]
LAST = ["Novak", "Berg", "Rossi", "Kowalski", "Silva", "Jansen", "Dubois", "Meyer", "Costa",
        "Horvat", "Nielsen", "Popescu", "Varga", "Moreau", "Schmidt", "Lindqvist", "Ortega",
        "Petrov", "Fischer", "Larsen", "Santos", "Weber", "Kaya", "Marin", "Hughes", "Brandt",
        "Russo", "Keller", "Laine", "Sousa", "Wagner", "Ivanova", "Nowak", "Garcia", "Klein",
        "Bauer", "Kovac", "Ferrari", "Lopez", "Muller", "Dimitrov", "Eriksen", "Haas",
        "Janssen", "Kral", "Leone", "Moretti", "Olsen", "Pereira", "Roth"]
CO_A = ["North", "Blue", "Silver", "Bright", "Oak", "Harbor", "Summit", "Pioneer", "Atlas",
        "Cedar", "Nova", "Delta", "Crown", "Maple", "Granite", "Coral", "Vertex", "Lumen",
        "Iron", "Meridian", "Apex", "Willow", "Sterling", "Orbit", "Falcon", "Rapid",
        "Urban", "Prime", "Golden", "Clear"]
CO_B = ["Gate", "Line", "Stone", "Field", "Point", "Bridge", "Wave", "Peak", "Path", "Works",
        "Hub", "Craft", "Way", "Port", "Light", "Mark", "Grove", "Rock", "Star", "View"]
CO_C = ["Ltd", "GmbH", "LLC", "Services", "Solutions", "Partners", "Group", "Consulting",
        "Trading", "Holdings", "Agency", "& Co", "Logistics", "Media", "Digital", "BV", "SRL"]
SHOP_C = ["Goods", "Store", "Shop", "Supply", "Outlet", "Market", "Emporium", "Depot",
          "Co", "Boutique", "Traders", "House", "Corner", "Direct", "Online"]


def weighted_table(d):
    keys = list(d)
    cum, s = [], 0.0
    for k in keys:
        s += d[k]
        cum.append(s)
    return keys, cum


class Profile:
    __slots__ = ("dept", "w0", "w1", "can_access", "base_rate", "workload", "focus",
                 "actions", "n_emails")


class World:
    def __init__(self, args):
        self.a = args
        self.r = random.Random(args.seed)
        self.origin = int(dt.datetime.strptime(args.origin, "%Y-%m-%d")
                          .replace(tzinfo=dt.timezone.utc).timestamp())
        self.wd0 = dt.datetime.strptime(args.origin, "%Y-%m-%d").weekday()
        self.ents = {}            # id -> [kind, name, group]
        self.comms = []           # (t, from, to, channel)
        self.pays = []            # (t, from, to, amount)
        self.acc = []             # (t, employee, vendor, action, ticket)
        self.truth = []           # (entity, ring, role)
        self.decoy_log = []       # (entity, decoy id, decoy kind, part) -> OUT/decoys.csv
        self.tickets = set()
        self.used_emp = set()     # employees reserved by rings / decoys
        self.ring_rows = defaultdict(int)
        self.T = 0
        self.action_tables = {d: weighted_table(a) for d, a in DEPT_ACTIONS.items()}
        self.own_t = weighted_table(OWN_ACTIONS)
        self.rival_t = weighted_table(RIVAL_ACTIONS)
        self.bulk_t = weighted_table(BULK_ACTIONS)

    # ------------------------------------------------------------------ helpers
    def new_id(self):
        while True:
            i = "u%07d" % self.r.randrange(10 ** 6, 10 ** 7)
            if i not in self.ents:
                return i

    def person_name(self):
        return "%s %s" % (self.r.choice(FIRST), self.r.choice(LAST))

    def company_name(self):
        r = self.r
        if r.random() < 0.3:
            return "%s %s" % (r.choice(LAST), r.choice(CO_C))
        return "%s%s %s" % (r.choice(CO_A), r.choice(CO_B).lower(), r.choice(CO_C))

    def external_name(self, company_p=0.5):
        return self.company_name() if self.r.random() < company_p else self.person_name()

    def add_entity(self, kind, name, group=""):
        i = self.new_id()
        self.ents[i] = [kind, name, group]
        return i

    def pick(self, table):
        keys, cum = table
        return keys[bisect.bisect_left(cum, self.r.random() * cum[-1])]

    # Events falling outside the e-mail data's time span [0, T] are dropped, not clipped
    # (clipping would pile monthly payments up on the last second).

    def office(self, t, p=1.0):
        """Move t to a weekday working hour of the same (or next working) day, with prob. p."""
        if self.r.random() >= p:
            return int(t)
        d = int(t // DAY)
        wd = (d + self.wd0) % 7
        if wd >= 5:
            d += 7 - wd
        return d * DAY + int(self.r.uniform(7.5, 18.5) * HOUR)

    def msg(self, a, b, t, ch="email"):
        if 0 <= t <= self.T:
            self.comms.append((int(t), a, b, ch))

    def pay(self, a, b, amount, t):
        if 0 <= t <= self.T:
            self.pays.append((int(t), a, b, round(max(amount, 0.01), 2)))

    def access(self, e, v, action, t, ticket):
        if 0 <= t <= self.T:
            self.acc.append((int(t), e, v, action, ticket))
            return True
        return False

    def new_ticket(self):
        while True:
            k = "T%07d" % self.r.randrange(10 ** 6, 10 ** 7)
            if k not in self.tickets:
                self.tickets.add(k)
                return k

    def poisson(self, lam):
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, int(round(self.r.gauss(lam, math.sqrt(lam)))))
        L, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.r.random()
            if p <= L:
                return k
            k += 1

    def exp_times(self, t0, t1, mean_gap):
        """Poisson process on [t0, t1] with the given mean gap (seconds)."""
        out, t = [], t0 + self.r.expovariate(1.0 / mean_gap)
        while t < t1:
            out.append(t)
            t += self.r.expovariate(1.0 / mean_gap)
        return out

    def monthly(self, t0, t1, jitter_days=2.0):
        """Roughly monthly instants on [t0, t1] on a fixed day of the month."""
        out, t = [], t0
        while t <= t1:
            out.append(t + self.r.uniform(-jitter_days, jitter_days) * DAY)
            t += MONTH + self.r.choice((0, 0, DAY, -DAY))
        return out

    # ------------------------------------------------------------------ employees
    def load_emails(self):
        r = self.r
        self.emp = {}             # (dept, node) -> id
        self.prof = {}
        first, last, count = {}, {}, defaultdict(int)
        rows = []
        for k in sorted(DEPTS):
            path = os.path.join(self.a.emails, "email-Eu-core-temporal-Dept%d.txt" % k)
            with open(path) as f:
                for line in f:
                    p = line.split()
                    if len(p) < 3:
                        continue
                    s, d, t = int(p[0]), int(p[1]), int(p[2])
                    rows.append((k, s, d, t))
        nodes = sorted({(k, s) for k, s, d, t in rows} | {(k, d) for k, s, d, t in rows})
        keep = set(nodes) if self.a.scale >= 1.0 else {n for n in nodes if r.random() < self.a.scale}
        for n in nodes:
            if n in keep:
                self.emp[n] = self.add_entity("employee", self.person_name(), DEPTS[n[0]])
        for k, s, d, t in rows:
            if (k, s) in keep and (k, d) in keep:
                a, b = self.emp[(k, s)], self.emp[(k, d)]
                self.comms.append((t, a, b, "email"))
                for x in (a, b):
                    first[x] = min(first.get(x, t), t)
                    last[x] = max(last.get(x, t), t)
                    count[x] += 1
                self.T = max(self.T, t)
        self.n_emails = len(self.comms)
        self.emps = [self.emp[n] for n in nodes if n in keep]
        self.emp_dept = {self.emp[n]: n[0] for n in nodes if n in keep}
        for e in self.emps:
            p = Profile()
            p.dept = self.emp_dept[e]
            p.w0 = first.get(e, 0)
            p.w1 = last.get(e, self.T)
            if p.w1 - p.w0 < 14 * DAY:        # tiny windows: give them a few weeks
                p.w1 = min(self.T, p.w0 + 30 * DAY)
            p.n_emails = count[e]
            p.can_access = r.random() < ACCESS_SHARE[p.dept]
            p.base_rate = 0.005 + 0.06 * r.betavariate(1.5, 4.0)
            span = (p.w1 - p.w0) / max(1, self.T)
            p.workload = int(min(8000, r.lognormvariate(4.0, 1.5)) * max(0.05, span)) + 1
            p.focus = []
            p.actions = self.action_tables[p.dept]
            self.prof[e] = p
        self.access_emps = [e for e in self.emps if self.prof[e].can_access]

    # ------------------------------------------------------------------ vendors, externals
    def make_vendors(self):
        r = self.r
        G = r.randint(15, 30)
        self.groups = r.sample(CATEGORIES, G)
        gw = [r.lognormvariate(0, 0.9) for _ in self.groups]
        self.vendors = []
        self.vgroup, self.vpop, self.vwin = {}, {}, {}
        self.by_group = defaultdict(list)
        nv = self.a.vendors
        for i in range(nv):
            # make sure every group gets at least two vendors
            g = self.groups[i % G] if i < 2 * G else r.choices(self.groups, weights=gw)[0]
            name = "%s %s %s" % (r.choice(CO_A), r.choice(CO_B), r.choice(SHOP_C)) \
                if r.random() < 0.7 else "%s's %s" % (r.choice(FIRST), r.choice(SHOP_C))
            v = self.add_entity("vendor", name, g)
            self.vendors.append(v)
            self.vgroup[v] = g
            self.vpop[v] = r.lognormvariate(0, 1.2)
            s = 0 if r.random() < 0.75 else r.uniform(0, 0.7 * self.T)
            e = self.T if r.random() < 0.85 else r.uniform(min(self.T, s + 90 * DAY), self.T)
            self.vwin[v] = (int(s), int(e))
            self.by_group[g].append(v)
        self.gtab = {}
        for g, vs in self.by_group.items():
            cum, s = [], 0.0
            for v in vs:
                s += self.vpop[v]
                cum.append(s)
            self.gtab[g] = (vs, cum)
        cum, s = [], 0.0
        for v in self.vendors:
            s += self.vpop[v]
            cum.append(s)
        self.alltab = (self.vendors, cum)
        self.gsize = {g: len(v) for g, v in self.by_group.items()}
        # employee focus categories
        for e in self.access_emps:
            self.prof[e].focus = r.sample(self.groups, r.randint(1, 3))

    def pick_vendor(self, table, t=None, tries=6):
        vs, cum = table
        v = None
        for _ in range(tries):
            v = vs[bisect.bisect_left(cum, self.r.random() * cum[-1])]
            if t is None:
                return v
            w = self.vwin[v]
            if w[0] <= t <= w[1]:
                return v
        return v

    def make_externals(self):
        r = self.r
        n = self.a.externals
        n_firm = max(2, int(round(n * 0.22)))
        self.customers, self.firms = [], []
        for i in range(n):
            if i < n_firm:
                self.firms.append(self.add_entity("external", self.company_name()))
            else:
                self.customers.append(self.add_entity("external", self.person_name()))
        self.buyers = defaultdict(list)   # vendor -> customers who bought there
        self.firm_w = [min(40.0, r.paretovariate(1.3)) for _ in self.firms]
        self.bg_externals = self.customers + self.firms

    # ------------------------------------------------------------------ legitimate access
    def case(self, e, v, t, n=None, actions=None, allow_init=True):
        """One legitimate case: 1-4 rows on vendor v, one ticket (or none at base rate)."""
        r, p = self.r, self.prof[e]
        if n is None:
            x = r.random()
            n = 1 if x < 0.5 else 2 if x < 0.75 else 3 if x < 0.9 else 4
        ticket = "" if r.random() < p.base_rate else self.new_ticket()
        tab = actions or p.actions
        if allow_init:
            x = r.random()
            if x < VENDOR_INIT[p.dept]:
                self.msg(v, e, t - r.uniform(5 * MINUTE, 2 * DAY), r.choice(("portal", "portal", "email")))
                if r.random() < 0.7:
                    self.msg(e, v, t + r.uniform(10 * MINUTE, 6 * HOUR), "email")
            elif x < VENDOR_INIT[p.dept] + CUSTOMER_INIT[p.dept] and self.customers:
                # a complaint: usually from someone who bought from this vendor
                b = self.buyers.get(v)
                c = r.choice(b) if b and r.random() < 0.8 else r.choice(self.customers)
                self.msg(c, e, t - r.uniform(5 * MINUTE, 3 * DAY), r.choice(("portal", "email")))
                if r.random() < 0.6:
                    self.msg(e, c, t + r.uniform(10 * MINUTE, 8 * HOUR), "email")
        tt = t
        for k in range(n):
            act = "view_account" if (k == 0 and n > 1 and r.random() < 0.4) else self.pick(tab)
            self.access(e, v, act, tt, ticket)
            tt += r.uniform(1, 20) * MINUTE
        return n

    def legit_access(self):
        r = self.r
        for e in self.access_emps:
            p = self.prof[e]
            rows = 0
            ftabs = [self.gtab[g] for g in p.focus]
            while rows < p.workload:
                t = self.office(r.uniform(p.w0, p.w1))
                tab = r.choice(ftabs) if r.random() < 0.7 else self.alltab
                v = self.pick_vendor(tab, t)
                rows += self.case(e, v, t)

    # ------------------------------------------------------------------ background externals
    def ordinary_life(self, x, t0, t1, contacts=(2, 8), payments=(1, 6), purchases=(0, 5)):
        """Messages/payments of external x with unrelated externals and small purchases."""
        r = self.r
        if t1 <= t0:
            return
        for _ in range(r.randint(*contacts)):
            y = r.choice(self.bg_externals)
            for t in self.exp_times(t0, t1, r.uniform(10, 60) * DAY):
                if r.random() < 0.5:
                    self.msg(x, y, t, r.choice(("email", "phone", "chat")))
                else:
                    self.msg(y, x, t, r.choice(("email", "phone", "chat")))
        for _ in range(r.randint(*payments)):
            y = r.choice(self.bg_externals)
            t = r.uniform(t0, t1)
            amt = r.lognormvariate(4.5, 1.0)
            if r.random() < 0.5:
                self.pay(x, y, amt, t)
            else:
                self.pay(y, x, amt, t)
        for _ in range(r.randint(*purchases)):
            t = r.uniform(t0, t1)
            v = self.pick_vendor(self.alltab, t)
            self.pay(x, v, r.lognormvariate(3.5, 0.9), t)

    def background_externals(self):
        r, T = self.r, self.T
        # customers: purchases, questions to vendors, friends
        for c in self.customers:
            c0 = r.uniform(0, 0.6 * T)
            c1 = r.uniform(c0 + 60 * DAY, T) if r.random() < 0.5 else T
            n = 1 + self.poisson(5)
            for _ in range(n):
                t = r.uniform(c0, c1)
                v = self.pick_vendor(self.alltab, t)
                if r.random() < 0.25:
                    self.msg(c, v, t - r.uniform(HOUR, 3 * DAY), r.choice(("email", "portal")))
                    if r.random() < 0.6:
                        self.msg(v, c, t - r.uniform(0, HOUR), "email")
                self.pay(c, v, r.lognormvariate(3.5, 0.9), t)
                self.buyers[v].append(c)
            for _ in range(r.choice((0, 0, 1, 1, 2, 3))):
                f = r.choice(self.customers)
                if f == c:
                    continue
                for t in self.exp_times(c0, c1, r.uniform(15, 90) * DAY):
                    a, b = (c, f) if r.random() < 0.5 else (f, c)
                    self.msg(a, b, t, r.choice(("phone", "chat", "email")))
                for _ in range(self.poisson(1.0)):
                    a, b = (c, f) if r.random() < 0.5 else (f, c)
                    self.pay(a, b, r.lognormvariate(3.2, 0.8), r.uniform(c0, c1))
            if self.firms and r.random() < 0.2:
                fm = r.choices(self.firms, weights=self.firm_w)[0]
                for _ in range(r.randint(1, 3)):
                    self.pay(c, fm, r.lognormvariate(3.0, 0.7), r.uniform(c0, c1))
        # vendors contract service firms (heavy-tailed client books), monthly invoices
        if self.firms:
            for v in self.vendors:
                w0, w1 = self.vwin[v]
                k = r.choices((0, 1, 2, 3), weights=(30, 40, 20, 10))[0]
                for fm in sorted(set(r.choices(self.firms, weights=self.firm_w, k=k))):
                    s = r.uniform(w0, max(w0, w1 - 60 * DAY))
                    e = min(w1, s + r.uniform(3, 26) * MONTH)
                    amt = r.lognormvariate(5.5, 0.8)
                    for t in self.monthly(s, e, 3):
                        self.pay(v, fm, amt * r.uniform(0.9, 1.1) if r.random() < 0.5 else amt, t)
                    for _ in range(self.poisson(2)):
                        t = r.uniform(s, e)
                        a, b = (v, fm) if r.random() < 0.5 else (fm, v)
                        self.msg(a, b, t, "email")
            # firm partnerships
            for fm in self.firms:
                for _ in range(r.choice((0, 1, 1, 2, 3))):
                    g = r.choice(self.firms)
                    if g == fm:
                        continue
                    for _ in range(self.poisson(3)):
                        self.pay(fm, g, r.lognormvariate(6.5, 1.0), r.uniform(0, T))
                    for _ in range(self.poisson(4)):
                        a, b = (fm, g) if r.random() < 0.5 else (g, fm)
                        self.msg(a, b, r.uniform(0, T), "email")
                # some firms talk to employees (partner managers, integrations)
                if r.random() < 0.3:
                    for e in r.sample(self.emps, min(len(self.emps), r.randint(1, 3))):
                        p = self.prof[e]
                        for _ in range(1 + self.poisson(3)):
                            t = self.office(r.uniform(p.w0, p.w1))
                            self.msg(fm, e, t, "email")
                            if r.random() < 0.7:
                                self.msg(e, fm, t + r.uniform(HOUR, 2 * DAY), "email")

    # ------------------------------------------------------------------ decoys
    def free_emp(self, access=True, depts=None, cover=None):
        pool = self.access_emps if access else self.emps
        cands = [e for e in pool if e not in self.used_emp
                 and (depts is None or self.prof[e].dept in depts)
                 and (cover is None or (self.prof[e].w0 <= cover[0] and self.prof[e].w1 >= cover[1]))]
        if not cands:
            cands = [e for e in pool if e not in self.used_emp] or list(pool)
        e = self.r.choice(cands)
        self.used_emp.add(e)
        return e

    def client_windows(self, clients, a0, a1):
        """Contract windows (start, end) per vendor inside [a0, a1] and the vendor's window."""
        r, out = self.r, {}
        for v in clients:
            w0, w1 = self.vwin[v]
            s0, s1 = max(a0, w0), min(a1, w1)
            if s1 - s0 < 40 * DAY:
                continue
            s = r.uniform(s0, s0 + 0.5 * (s1 - s0))
            e = min(s1, s + r.uniform(3, 24) * MONTH)
            out[v] = (s, e)
        return out

    def concentrated_vendors(self, k):
        gs = self.r.sample(self.groups, min(len(self.groups), self.r.randint(1, 3)))
        vs = set()
        while len(vs) < k:
            tab = self.gtab[self.r.choice(gs)] if self.r.random() < 0.7 else self.alltab
            vs.add(self.pick_vendor(tab))
        return sorted(vs)

    def log_decoy(self, kind, parts):
        did = "D%03d" % (len({d for _, d, _, _ in self.decoy_log}) + 1)
        for part, ents in parts:
            for x in ents:
                self.decoy_log.append((x, did, kind, part))

    def decoys(self):
        r, T = self.r, self.T
        f = self.a.vendors / 4000.0
        count = lambda base, lo: max(lo, int(round(base * f)))
        # 1 contractor agencies
        for _ in range(count(8, 2)):
            ag = self.add_entity("external", self.company_name())
            a0, a1 = r.uniform(0, 0.3 * T), r.uniform(0.7 * T, T)
            e = self.free_emp(depts=(1, 2, 4), cover=(a0 + 60 * DAY, a1 - 60 * DAY))
            p = self.prof[e]
            a0, a1 = max(a0, p.w0), min(a1, p.w1)
            if a1 - a0 < 60 * DAY:
                a0, a1 = p.w0, p.w1
            cw = self.client_windows(self.concentrated_vendors(r.randint(5, 40)), a0, a1)
            for v, (s, t1) in cw.items():
                fee = round(r.uniform(200, 1500), -1)
                for t in self.monthly(s, t1):
                    self.pay(v, ag, fee, t)
                for _ in range(self.poisson(1.5 * (t1 - s) / MONTH)):
                    t = self.office(r.uniform(s, t1))
                    if r.random() < 0.5:
                        self.msg(ag, e, t - r.uniform(HOUR, DAY), "email")
                    self.case(e, v, t, allow_init=False)
            fee = round(r.uniform(1500, 4000), -1)
            for t in self.monthly(a0 + r.uniform(0, 20) * DAY, a1):
                self.pay(ag, e, fee, t)
            for t in self.exp_times(a0, a1, 6 * DAY):
                a, b = (ag, e) if r.random() < 0.55 else (e, ag)
                self.msg(a, b, self.office(t), "email")
            self.ordinary_life(ag, 0, T, contacts=(1, 4), payments=(1, 5), purchases=(0, 0))
            self.log_decoy("contractor_agency", [("external", [ag]), ("employee", [e]), ("vendor", sorted(cw))])
        # 2 relatives owning a vendor
        for _ in range(count(12, 3)):
            rel = self.add_entity("external", self.person_name())
            e = self.free_emp(access=r.random() < 0.7)
            p = self.prof[e]
            owned = [self.pick_vendor(self.alltab) for _ in range(1 if r.random() < 0.7 else 2)]
            for v in sorted(set(owned)):
                w0, w1 = self.vwin[v]
                for t in self.exp_times(w0, w1, r.uniform(20, 60) * DAY):
                    self.pay(v, rel, r.lognormvariate(7.0, 0.7), t)
                if p.can_access and r.random() < 0.5:
                    for _ in range(r.randint(1, 4)):
                        t = self.office(r.uniform(max(w0, p.w0), max(max(w0, p.w0), min(w1, p.w1))))
                        self.case(e, v, t, allow_init=False)
            for _ in range(r.randint(3, 12)):
                self.pay(rel, e, r.lognormvariate(6.0, 0.9), r.uniform(p.w0, p.w1))
            for t in self.exp_times(p.w0, p.w1, r.uniform(2, 8) * DAY):
                a, b = (rel, e) if r.random() < 0.5 else (e, rel)
                self.msg(a, b, t, r.choice(("phone", "phone", "chat")))
            self.ordinary_life(rel, 0, T)
            self.log_decoy("relative", [("external", [rel]), ("employee", [e]), ("vendor", sorted(set(owned)))])
        # 3 flatmates: fixed monthly sum
        for _ in range(count(15, 3)):
            fm = self.add_entity("external", self.person_name())
            e = self.free_emp(access=r.random() < 0.8)
            p = self.prof[e]
            s = r.uniform(p.w0, max(p.w0, p.w1 - 6 * MONTH))
            t1 = min(p.w1, s + r.uniform(6, 24) * MONTH)
            amt = round(r.uniform(400, 950), -1) if r.random() < 0.7 else round(r.uniform(400, 950), 2)
            for t in self.monthly(s, t1, 1.5):
                self.pay(fm, e, amt, t)
            for t in self.exp_times(s, t1, r.uniform(5, 15) * DAY):
                a, b = (fm, e) if r.random() < 0.5 else (e, fm)
                self.msg(a, b, t, r.choice(("chat", "phone")))
            self.ordinary_life(fm, 0, T, purchases=(2, 8))
            self.log_decoy("flatmate", [("external", [fm]), ("employee", [e])])
        # 4 escalation agencies
        for _ in range(count(8, 2)):
            ag = self.add_entity("external", self.company_name())
            staff = [self.free_emp(depts=(1, 2)) for _ in range(r.randint(2, 6))]
            cw = self.client_windows(self.concentrated_vendors(r.randint(5, 30)), 0, T)
            for v, (s, t1) in cw.items():
                fee = round(r.uniform(150, 1200), -1)
                for t in self.monthly(s, t1):
                    self.pay(v, ag, fee, t)
                for _ in range(self.poisson(0.5 * (t1 - s) / MONTH)):
                    e = r.choice(staff)
                    p = self.prof[e]
                    t = self.office(r.uniform(max(s, p.w0), max(max(s, p.w0), min(t1, p.w1))))
                    self.msg(ag, e, t, r.choice(("email", "portal")))
                    ta = t + r.uniform(0.5 * HOUR, 2 * DAY)
                    self.case(e, v, ta, allow_init=False)
                    if r.random() < 0.8:
                        self.msg(e, ag, ta + r.uniform(10 * MINUTE, DAY), "email")
            self.ordinary_life(ag, 0, T, contacts=(1, 4), payments=(1, 5), purchases=(0, 0))
            self.log_decoy("escalation_agency", [("external", [ag]), ("employee", staff), ("vendor", sorted(cw))])
        # 5 agents with a small book
        for _ in range(count(20, 3)):
            ag = self.add_entity("external", self.external_name(0.4))
            e = self.free_emp(depts=(1, 2, 3))
            p = self.prof[e]
            book = self.concentrated_vendors(r.randint(2, 5))
            cw = self.client_windows(book, p.w0, p.w1)
            for v, (s, t1) in cw.items():
                amt = r.lognormvariate(5.0, 0.6)
                for t in self.monthly(s, t1):
                    self.pay(v, ag, amt * r.uniform(0.7, 1.3), t)
            for t in self.exp_times(p.w0, p.w1, r.uniform(30, 90) * DAY):
                t = self.office(t)
                self.msg(ag, e, t, r.choice(("email", "phone")))
                if r.random() < 0.5:
                    self.msg(e, ag, t + r.uniform(HOUR, 2 * DAY), "email")
                if cw and r.random() < 0.5:
                    self.case(e, r.choice(sorted(cw)), t + r.uniform(HOUR, 3 * DAY), allow_init=False)
            self.ordinary_life(ag, 0, T)
            self.log_decoy("agent", [("external", [ag]), ("employee", [e]), ("vendor", sorted(cw))])
        # 6 would-be brokers
        for _ in range(count(12, 3)):
            wb = self.add_entity("external", self.external_name(0.5))
            s = r.uniform(0, T - 9 * MONTH)
            t1 = s + r.uniform(2, 8) * MONTH
            for _ in range(r.randint(5, 25)):
                v = self.pick_vendor(self.alltab, s)
                t = r.uniform(s, t1)
                for k in range(r.randint(1, 2)):
                    self.msg(wb, v, t + k * r.uniform(3, 20) * DAY, r.choice(("email", "chat")))
                if r.random() < 0.15:
                    self.msg(v, wb, t + r.uniform(HOUR, 3 * DAY), "email")
            for _ in range(r.randint(2, 6)):
                e = r.choice(self.emps)
                t = r.uniform(s, t1)
                for k in range(r.randint(1, 3)):
                    self.msg(wb, e, t + k * r.uniform(2, 15) * DAY, r.choice(("email", "chat", "phone")))
                if r.random() < 0.15:
                    self.msg(e, wb, t + r.uniform(HOUR, 2 * DAY), r.choice(("email", "chat")))
            self.ordinary_life(wb, 0, T)
            self.log_decoy("would_be_broker", [("external", [wb])])

    # ------------------------------------------------------------------ rings
    def ring_job(self, e, client, kind, t, ticket_rate):
        r = self.r
        ticket = self.new_ticket() if r.random() < ticket_rate else ""
        t = self.office(t, 0.75)
        if kind == "rival":
            g = self.vgroup[client]
            vs, cum = self.gtab[g]
            v = client
            for _ in range(20):
                v = self.pick_vendor((vs, cum))
                if v != client:
                    break
            if v == client:
                kind = "own"
        if kind == "own":
            targets, tab = [client], self.own_t
        elif kind == "rival":
            targets, tab = [v], self.rival_t
        else:
            n = r.randint(1, 4)
            targets = [self.pick_vendor(self.gtab[self.vgroup[client]] if r.random() < 0.5 else self.alltab)
                       for _ in range(n)]
            tab = self.bulk_t
        tt = t
        for v in targets:
            for _ in range(1 if kind == "bulk" else r.choice((1, 1, 2, 3))):
                if self.access(e, v, self.pick(tab), tt, ticket):
                    self.ring_rows[e] += 1
                tt += r.uniform(1, 15) * MINUTE
        return tt

    def make_ring(self, rid, style, prior_clients):
        r, T = self.r, self.T
        dur = r.uniform(60, 240) * DAY
        start = r.uniform(45 * DAY, T - dur - 30 * DAY)
        end = start + dur
        ch = r.choice(("phone", "chat", "email"))
        chan = lambda: ch if r.random() < 0.8 else r.choice(("phone", "chat", "email"))
        # broker account(s)
        b1 = self.add_entity("external", self.external_name(0.35))
        accounts = [b1]
        switch = float("inf")
        if r.random() < 0.2:
            b2 = self.add_entity("external", self.external_name(0.35))
            accounts.append(b2)
            switch = start + dur * r.uniform(0.4, 0.6)
        B = lambda t: accounts[0] if t < switch else accounts[-1]
        self.ordinary_life(b1, 0, T if len(accounts) == 1 else min(T, switch + 30 * DAY))
        if len(accounts) == 2:
            self.ordinary_life(accounts[1], switch - 10 * DAY, T, contacts=(1, 4), payments=(0, 3))
        # clients, mostly from 1-3 categories, active over the ring's life
        gs = [g for g in self.groups if self.gsize[g] >= 3]
        focus = r.sample(gs, min(len(gs), r.randint(1, 3)))
        n_cl = r.randint(3, 12)
        clients = []
        if prior_clients and r.random() < 0.15:
            clients.append(r.choice(sorted(prior_clients)))
        tries = 0
        while len(clients) < n_cl and tries < 2000:
            tries += 1
            tab = self.gtab[r.choice(focus)] if r.random() < 0.8 else self.alltab
            vs, _ = tab
            v = r.choice(vs)
            w0, w1 = self.vwin[v]
            if v in clients or v in prior_clients or w0 > start or w1 < end:
                continue
            clients.append(v)
        # insiders
        n_in = r.choices((1, 2, 3, 4), weights=(30, 35, 20, 15))[0]
        cover = (start - 30 * DAY, end + 10 * DAY)
        insiders, itype = [], {}
        dept = None
        for k in range(n_in):
            kind = "regular"
            if n_in > 1 and k > 0 and r.random() < 0.25:
                kind = "idle"
            elif r.random() < 0.2:
                kind = "big"
            if kind == "big":
                cands = [e for e in self.access_emps if e not in self.used_emp
                         and self.prof[e].workload >= 600
                         and self.prof[e].w0 <= cover[0] and self.prof[e].w1 >= cover[1]]
                if cands:
                    e = r.choice(cands)
                    self.used_emp.add(e)
                else:
                    e = self.free_emp(cover=cover)
            else:
                depts = (dept,) if dept is not None and r.random() < 0.6 else None
                e = self.free_emp(depts=depts, cover=cover)
            dept = self.prof[e].dept
            insiders.append(e)
            itype[e] = kind
        # intermediaries
        mule = None
        if style != "offbook" and r.random() < 0.25:
            mule = self.add_entity("external", self.person_name())
            self.ordinary_life(mule, 0, T, contacts=(1, 5), payments=(1, 4))
        front, via_front = None, set()
        if r.random() < (0.55 if style == "offbook" else 0.25):
            front = self.add_entity("external", self.company_name())
            via_front = {c for c in clients if r.random() < 0.6} or {r.choice(clients)}
            self.ordinary_life(front, 0, T, contacts=(0, 3), payments=(1, 4), purchases=(0, 0))
        ticket_rate = r.uniform(0.0, 0.6)

        # client orders
        orders = []
        for c in clients:
            n = 1 if r.random() < 0.3 else r.randint(2, 7)
            c0 = r.uniform(start, start + 0.5 * dur)
            base = round(r.lognormvariate(math.log(1200), 0.6), -1)
            ts = sorted(r.uniform(c0, end - 5 * DAY) for _ in range(n))
            for t in ts:
                orders.append((t, c, base * r.uniform(0.8, 1.25) if r.random() < 0.5 else base))
            # first contact
            t0 = ts[0] - r.uniform(2, 20) * DAY
            self.msg(c, B(t0), t0, chan())
            self.msg(B(t0), c, t0 + r.uniform(HOUR, 2 * DAY), chan())
        orders.sort()
        # a new broker account announces itself to the clients still buying
        if len(accounts) == 2:
            for c in sorted({c for t, c, a in orders if t >= switch}):
                self.msg(accounts[1], c, switch + r.uniform(0, 5) * DAY, chan())

        # jobs: list of (order index, kind), then insider allocation
        jobs = []
        for i, (t, c, amt) in enumerate(orders):
            for _ in range(r.choices((1, 2, 3), weights=(70, 25, 5))[0]):
                x = r.random()
                jobs.append([i, "own" if x < 0.45 else "rival" if x < 0.9 else "bulk", None])
        active = [e for e in insiders if itype[e] != "idle"]
        idle = [e for e in insiders if itype[e] == "idle"]
        order_idx = list(range(len(jobs)))
        r.shuffle(order_idx)
        pos = 0
        for e in idle:
            for _ in range(r.randint(1, 2)):
                if pos < len(order_idx) - 1:     # leave at least one job for the others
                    jobs[order_idx[pos]][2] = e
                    pos += 1
        wts = [r.lognormvariate(0, 0.7) for _ in active]
        for j in jobs:
            if j[2] is None:
                j[2] = r.choices(active, weights=wts)[0]
        # every non-idle insider does at least one job
        for k, e in enumerate(active):
            if not any(j[2] == e for j in jobs):
                cand = [j for j in jobs if j[2] in active and sum(1 for y in jobs if y[2] == j[2]) > 1]
                if cand:
                    r.choice(cand)[2] = e
        by_order = defaultdict(list)
        for i, kind, e in jobs:
            by_order[i].append((kind, e))

        # recruitment chatter
        for e in insiders:
            t0 = start - r.uniform(5, 30) * DAY
            for k in range(r.randint(2, 5)):
                t = t0 + k * r.uniform(0.5, 4) * DAY
                self.msg(B(t), e, t, chan())
                if r.random() < 0.7:
                    self.msg(e, B(t), t + r.uniform(10 * MINUTE, DAY), chan())
        # sustained chatter: idle insiders keep talking; offbook everyone a lot
        for e in insiders:
            if style == "offbook":
                gap = r.uniform(3, 8) * DAY
            elif itype[e] == "idle":
                gap = r.uniform(6, 14) * DAY
            else:
                gap = r.uniform(15, 40) * DAY
            for t in self.exp_times(start, end + 10 * DAY, gap):
                a, b = (B(t), e) if r.random() < 0.5 else (e, B(t))
                self.msg(a, b, t, chan())

        def pay_insider(e, amt, t):
            if mule is not None:
                self.pay(B(t), mule, amt, t)
                t2 = t + r.uniform(0.1, 2) * DAY
                self.pay(mule, e, round(amt * r.uniform(0.85, 0.95), -1), t2)
                return t2
            self.pay(B(t), e, amt, t)
            return t

        # client payments (direct or via the front) and the jobs they buy
        for i, (t, c, amt) in enumerate(orders):
            if r.random() < 0.8:
                tm = t - r.uniform(0.2, 4) * DAY
                self.msg(c, B(tm), tm, chan())
                if r.random() < 0.7:
                    self.msg(B(tm), c, tm + r.uniform(10 * MINUTE, DAY), chan())
            if c in via_front:
                self.pay(c, front, amt, t)
                tf = t + r.uniform(1, 6) * DAY
                self.pay(front, B(tf), round(amt * r.uniform(0.85, 0.95), 2), tf)
            else:
                self.pay(c, B(t), amt, t)
            per_ins = defaultdict(list)
            for kind, e in by_order[i]:
                per_ins[e].append(kind)
            for e, kinds in per_ins.items():
                if style == "timed":
                    tb = t + r.uniform(0.1, 3) * DAY
                    if r.random() < 0.6:
                        tmm = tb - r.uniform(HOUR, DAY)
                        self.msg(B(tmm), e, tmm, chan())
                        if r.random() < 0.6:
                            self.msg(e, B(tmm), tmm + r.uniform(5 * MINUTE, 6 * HOUR), chan())
                    share = r.uniform(0.2, 0.5) * amt * len(kinds) ** 0.5
                    tp = pay_insider(e, round(share, -1) if r.random() < 0.6 else round(share, 2), tb)
                    tj = tp + r.uniform(0.1, 4) * DAY
                elif style == "retainer":
                    tj = r.uniform(max(start, t - 5 * DAY), min(end, t + 25 * DAY))
                    if r.random() < 0.3:
                        self.msg(B(tj), e, tj - r.uniform(HOUR, 2 * DAY), chan())
                else:  # offbook
                    tj = t + r.uniform(0.2, 8) * DAY
                    if r.random() < 0.8:
                        tmm = tj - r.uniform(HOUR, 2 * DAY)
                        self.msg(B(tmm), e, tmm, chan())
                        if r.random() < 0.8:
                            self.msg(e, B(tmm), tmm + r.uniform(5 * MINUTE, 8 * HOUR), chan())
                for kind in kinds:
                    tj = self.ring_job(e, c, kind, tj, ticket_rate) + r.uniform(0, 2) * DAY
                if r.random() < 0.4:
                    self.msg(e, B(tj), tj + r.uniform(HOUR, DAY), chan())
        # retainers: fixed monthly sum per insider
        if style == "retainer":
            for e in insiders:
                amt = round(r.uniform(500, 3000), -2) if itype[e] != "idle" else round(r.uniform(300, 1000), -2)
                for t in self.monthly(start + r.uniform(0, 25) * DAY, end, 1.5):
                    pay_insider(e, amt, t)

        members = [(b, "broker") for b in accounts]
        if mule:
            members.append((mule, "intermediary"))
        if front:
            members.append((front, "intermediary"))
        members += [(e, "insider") for e in insiders]
        members += [(c, "client") for c in clients]
        for ent, role in members:
            self.truth.append((ent, rid, role))
        prior_clients.update(clients)
        # big insiders: ring rows must stay < 1 % of the legitimate workload
        for e in insiders:
            if itype[e] == "big":
                p = self.prof[e]
                p.workload = max(p.workload, 101 * self.ring_rows[e] + 50)
        return dict(style=style, clients=len(clients), insiders=len(insiders),
                    accounts=len(accounts), mule=bool(mule), front=bool(front))

    # ------------------------------------------------------------------ output
    def write(self, out):
        data = os.path.join(out, "data")
        os.makedirs(data, exist_ok=True)
        origin = self.origin
        cache = {}

        def ts(t):
            d, s = divmod(t, DAY)
            day = cache.get(d)
            if day is None:
                day = time.strftime("%Y-%m-%dT", time.gmtime(origin + d * DAY))
                cache[d] = day
            h, s = divmod(s, HOUR)
            m, s = divmod(s, MINUTE)
            return "%s%02d:%02d:%02dZ" % (day, h, m, s)

        with open(os.path.join(data, "entities.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "kind", "name", "group"])
            for i in sorted(self.ents):
                w.writerow([i] + self.ents[i])
        with open(os.path.join(data, "communications.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["from", "to", "timestamp", "channel"])
            for t, a, b, c in sorted(self.comms):
                if a != b:
                    w.writerow([a, b, ts(t), c])
        with open(os.path.join(data, "payments.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["from", "to", "amount", "timestamp"])
            for t, a, b, x in sorted(self.pays):
                if a != b:
                    w.writerow([a, b, "%.2f" % x, ts(t)])
        with open(os.path.join(data, "access.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["employee", "vendor", "action", "timestamp", "ticket"])
            for t, e, v, act, k in sorted(self.acc):
                w.writerow([e, v, act, ts(t), k])
        with open(os.path.join(out, "truth.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["entity_id", "ring_id", "role"])
            for ent, rid, role in self.truth:
                w.writerow([ent, rid, role])
        with open(os.path.join(out, "decoys.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["entity_id", "decoy_id", "kind", "part"])
            for row in self.decoy_log:
                w.writerow(row)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--style", choices=("timed", "retainer", "offbook", "mixed"), default="mixed")
    ap.add_argument("--rings", type=int, default=10)
    ap.add_argument("--vendors", type=int, default=4000)
    ap.add_argument("--externals", type=int, default=1500)
    ap.add_argument("--decoys", choices=("on", "off"), default="on")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--origin", default="2024-01-01")
    ap.add_argument("--emails", default="/work/shared/datasets/email-Eu-core-temporal-Dept")
    a = ap.parse_args(argv)
    if a.vendors < 60:
        ap.error("--vendors must be at least 60")
    if a.externals < 20:
        ap.error("--externals must be at least 20")
    if not 0.0 < a.scale <= 1.0:
        ap.error("--scale must be in (0, 1]")
    t_start = time.time()
    w = World(a)
    w.load_emails()
    w.make_vendors()
    w.make_externals()
    styles = []
    prior = set()
    for k in range(a.rings):
        st = a.style if a.style != "mixed" else w.r.choice(("timed", "retainer", "offbook"))
        styles.append(w.make_ring("R%02d" % (k + 1), st, prior)["style"])
    if a.decoys == "on":
        w.decoys()
    w.background_externals()
    w.legit_access()
    w.write(a.out)
    kinds = defaultdict(int)
    for k, _, _ in w.ents.values():
        kinds[k] += 1
    st = ",".join("%s:%d" % (s, styles.count(s)) for s in ("timed", "retainer", "offbook") if s in styles)
    print("email_world seed=%d style=%s rings=%d%s decoys=%s | employees=%d vendors=%d externals=%d | "
          "comms=%d (emails=%d) payments=%d access=%d | truth_rows=%d | %.1fs -> %s"
          % (a.seed, a.style, a.rings, " (%s)" % st if st else "", a.decoys, kinds["employee"],
             kinds["vendor"], kinds["external"], len(w.comms), w.n_emails, len(w.pays), len(w.acc),
             len(w.truth), time.time() - t_start, a.out))


if __name__ == "__main__":
    main()
