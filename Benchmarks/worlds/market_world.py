#!/usr/bin/env python3
"""
market_world.py -- an independent synthetic marketplace for testing broker-ring detection.

Written from a prose description only (no look at the detector's code).  Python 3, standard
library only, deterministic per --seed.

USAGE
    python3 market_world.py OUT --seed S --style timed|retainer|offbook|mixed --rings N
                            [--scale 1|3] [--decoys on|off]

    OUT/data/entities.csv        id,kind,name,group       (kind employee|vendor|external)
    OUT/data/communications.csv  from,to,timestamp,channel
    OUT/data/payments.csv        from,to,amount,timestamp
    OUT/data/access.csv          employee,vendor,action,timestamp,ticket   (empty ticket = none)
    OUT/truth.csv                entity_id,ring_id,role   (broker|insider|client|intermediary)

    --seed    integer seed; the whole world is a function of (seed, style, rings, scale, decoys)
    --style   how brokers pay insiders: timed (client pays -> broker pays insider within days ->
              job within days), retainer (fixed monthly sum per insider, jobs independent of it),
              offbook (cash: no broker->insider payments, only sustained two-way messages),
              mixed (every ring draws one of the three)
    --rings   number of rings (0 = background and decoys only; truth.csv is then header only)
    --scale   1 ~ 600 employees, 5000 vendors, 2000 externals, ~300k events over 12 months
              (calendar year 2023); k multiplies entities and event volumes by k
    --decoys  on (default) / off: the six innocent look-alike structures below

DESIGN (one calendar year, timestamps in UTC seconds, local hours per entity time zone)
  Calendar     weekdays vs weekends, public holidays, seasonality (summer dip for staff,
               Nov/Dec peak for shop traffic), per-employee vacations (1-3 blocks), joiners and
               leavers.  Employees work in their office time zone (EMEA / AMER / APAC teams).
  Employees    13 teams in 8 families (support, trust_safety, seller_ops, analytics, platform_dev,
               finance, legal, people_ops).  Internal chat/e-mail/call traffic follows a per-person
               contact list (mostly own team, some sister teams, a few random), Zipf-weighted,
               with heavy-tailed (log-normal) activity and reply chains.
  Access       support / trust & safety / seller ops / analytics (and a little dev) touch vendor
               accounts in ticketed sessions (1..n actions on one vendor under one ticket), with a
               per-employee honest no-ticket rate (1-8%, analytics/dev up to 12%), heavy-tailed
               workloads and a per-employee "book" of regular vendors (region- or category-
               specialised) plus popularity-weighted random vendors.  Trust & safety investigations
               and analytics / seller-ops report sweeps touch several vendors of one category under
               one ticket (so multi-vendor bulk exports happen legitimately too).  A share of support
               sessions is preceded by a vendor's portal/e-mail message and followed by a reply.
               Ticket numbers grow with time per queue (CS-, TS-, SO-, AN-, ENG-).
  Vendors      category/country groups with Zipf sizes; log-normal popularity drives support load.
               Vendors pay service firms (logistics, ads, accountants, payment, packaging) monthly or
               sporadically, pay freelancers, and exchange e-mails with them.
  Externals    individuals with a social graph (messages, small P2P payments), firms with payroll
               (fixed monthly salaries -- another innocent "retainer" shape), freelancers paid by
               several vendors, employees' personal contacts (friends who sometimes settle bills).
  Decoys (--decoys on; none of them is a ring)
    1 agencies paid by many vendors that also pay a contractor employee (monthly invoice) who
      serves the agency's clients with tickets (honest no-ticket rate applies);
    2 a relative who owns one or two vendors (owner draws) and pays an employee irregular gifts;
    3 flatmates paying an employee a fixed monthly rent share (some are freelancers paid by
      vendors);
    4 escalation agencies messaging support about their clients; support then opens those clients
      with tickets within hours;
    5 agents with a small book of vendors paying them commissions who sometimes e-mail an employee;
    6 cold-messaging would-be brokers who write to many vendors and some employees, never answered
      by employees (a vendor occasionally pays them once).
  Rings (each: one broker, optional second account, optional mule, optional front company)
    clients 3-15 vendors, mostly from 1-3 "niche" category/country groups; modes: once (one job),
            per-job payer, monthly subscriber; some pay via the ring's front (vendor -> front ->
            broker, minus a fee); in offbook rings some clients pay cash (messages only);
            occasionally a client is shared with an earlier ring.
    insiders 1-5 employees of access teams (the first always a "regular" workhorse, 5-20 jobs),
            "busy" ones taken from the heaviest 4% workloads and capped at 2-5 single-vendor jobs
            (ring work < 1% of what they do), "idle" recruits (1-2 jobs but sustained contact with
            the broker).  Insiders keep all their normal work.  Every client gets at least one job;
            clients buy 1-6 jobs (per-job payers) or ~0.25-0.9 jobs a month (subscribers).
    jobs    own-data favours (remove_review, reinstate_seller, edit_listing, update_fees ...),
            rival-data theft (the insider touches ANOTHER vendor of the client's group:
            view_sales_metrics, view_buyer_contact, view_reviews), or bulk exports (export_*,
            download_* on one rival or a sweep over the group).  Each ring draws a ticket rate in
            [0, 0.6]; its tickets are fake: re-used stale tickets of the insider or plausible fresh
            numbers.  Jobs happen mostly in the insider's working hours.
    money   timed / retainer / offbook as above; a mule (not in offbook rings) receives the broker's
            payment (plus a cut) and relays it to the insider(s), for retainers as one monthly lump
            split over several insiders.
    second account  in ~20% of rings the broker moves to a fresh account half-way; a few payments
            still reach the old account for a while.
    cover   brokers talk to and pay unrelated externals, chat with unrelated vendors (one may pay
            once); fronts pay an accountant and have some legitimate customers.
  Truth: brokers (all accounts), intermediaries (mule, front), insiders, clients.  Vendors whose data
  was stolen are victims, not members.

Ids are opaque and mixed-style for every kind (8-char alnum, letter+digits, hex, xxxx-xxxx); names
are ordinary person / shop / company names; neither ever contains "ring" or "broker".
"""
import argparse
import bisect
import csv
import datetime
import os
import random
import sys
import time

T0 = 1672531200          # 2023-01-01 00:00:00 UTC (a Sunday)
NDAYS = 365
DAY = 86400
HOUR = 3600
TEND = T0 + NDAYS * DAY

# --------------------------------------------------------------------------- vocabularies
FIRST = ["Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Kira", "Luca", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara",
         "Umar", "Vera", "Wen", "Xavier", "Yara", "Zoe", "Marta", "Tomasz", "Leila", "Omar",
         "Chloe", "Mateo", "Aisha", "Kenji", "Priya", "Lars", "Sofia", "Diego", "Hana", "Ivan",
         "Julia", "Karim", "Lena", "Milan", "Nora", "Oskar", "Petra", "Raj", "Sven", "Tiago",
         "Emma", "Noah", "Mia", "Leon", "Ewa", "Piotr", "Alice", "Marco", "Giulia", "Pierre"]
LAST = ["Novak", "Schmidt", "Rossi", "Garcia", "Kowalski", "Dubois", "Jensen", "Okafor",
        "Tanaka", "Silva", "Mueller", "Nowak", "Costa", "Moreau", "Lindqvist", "Popescu",
        "Haddad", "Kaya", "Ivanova", "Fischer", "Bauer", "Weber", "Martin", "Lopez", "Nguyen",
        "Chen", "Patel", "Singh", "Khan", "Sato", "Berg", "Horvat", "Varga", "Petrov",
        "Dimitrov", "Yilmaz", "Santos", "Ferreira", "Meyer", "Wagner", "Becker", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Hartmann", "Brown", "Smith",
        "Jones", "Taylor", "Wilson", "Evans", "Walker", "Murphy", "Kelly", "Ricci", "Conti"]
ADJ = ["Bright", "Urban", "Nordic", "Happy", "Golden", "Blue", "Green", "Swift", "Pure", "Smart",
       "Royal", "Little", "Wild", "Sunny", "Prime", "Classic", "Modern", "Cozy", "Silver", "Eco",
       "Red", "Lucky", "Alpine", "Coastal", "Crystal", "Velvet", "Iron", "Maple", "Cedar", "Oak"]
NOUN = ["Home", "Gear", "Style", "Kids", "Pets", "Tech", "Garden", "Books", "Beauty", "Sport",
        "Kitchen", "Tools", "Toys", "Fashion", "Living", "Crafts", "Audio", "Bikes", "Decor",
        "Outdoor", "Wear", "Nest", "Basket", "Corner", "Box", "Lab", "Works", "Studio", "Bazaar",
        "Depot"]
SHOP_SUF = ["", " Store", " Shop", " Goods", " Co", " Outlet", " Direct", " Supply", " Trade",
            " Market", " Online", " EU", " Plus"]
WORD = ["Atlas", "Vertex", "Harbor", "Summit", "Pioneer", "Meridian", "Beacon", "Nova", "Orion",
        "Keystone", "Crest", "Horizon", "Zenith", "Apex", "Cobalt", "Falcon", "Granite", "Lumen",
        "Polar", "Quantum", "Baltic", "Delta", "Aurora", "Cascade", "Northwind", "Redwood"]
FIRM_WORDS = {
    "logistics": ["Logistics", "Freight", "Express", "Fulfilment", "Shipping", "Cargo"],
    "ads": ["Media", "Ads", "Digital", "Marketing", "Reach"],
    "accounting": ["Accounting", "Tax Partners", "Bookkeeping", "Audit", "Advisory"],
    "payments": ["Pay", "Payments", "Finance", "Capital"],
    "packaging": ["Packaging", "Print", "Labels"],
    "generic": ["Trading", "Holdings", "Ventures", "Solutions", "Services", "Consulting",
                "Partners", "Group", "Import Export", "Commerce"],
    "agency": ["Growth", "Commerce", "Seller Services", "Marketplace Partners", "E-com Agency",
               "Media", "Consulting"],
}
LEGAL = ["", "", " Ltd", " GmbH", " LLC", " BV", " SRL", " AB", " Sp. z o.o.", " SAS"]
CATEGORIES = ["electronics", "fashion", "home", "toys", "beauty", "sports", "books", "automotive",
              "garden", "pet", "jewelry", "health", "grocery", "baby", "office", "music", "tools",
              "crafts", "outdoor", "gaming", "furniture", "shoes", "watches", "kitchen"]
COUNTRIES = ["US", "DE", "UK", "FR", "IT", "ES", "PL", "NL"]
EMEA = {"DE", "UK", "FR", "IT", "ES", "PL", "NL"}

# team, family, share of staff, office UTC offset (hours)
TEAMS = [("support_emea", "support", 0.14, 1), ("support_amer", "support", 0.11, -5),
         ("support_apac", "support", 0.07, 8), ("trust_safety", "trust_safety", 0.09, 1),
         ("trust_safety_amer", "trust_safety", 0.05, -5), ("seller_ops", "seller_ops", 0.09, 1),
         ("seller_ops_amer", "seller_ops", 0.05, -5), ("analytics", "analytics", 0.09, 1),
         ("platform_dev", "platform_dev", 0.10, 1), ("payments_dev", "platform_dev", 0.06, 1),
         ("finance", "finance", 0.06, 1), ("legal", "legal", 0.03, 1),
         ("people_ops", "people_ops", 0.06, 1)]
SISTER = {"support": ["trust_safety", "seller_ops"], "trust_safety": ["support", "legal"],
          "seller_ops": ["support", "analytics", "finance"], "analytics": ["seller_ops", "platform_dev"],
          "platform_dev": ["analytics", "platform_dev"], "finance": ["seller_ops", "legal"],
          "legal": ["trust_safety", "finance"], "people_ops": ["finance", "legal"]}
ACCESS_FACTOR = {"support": 1.0, "trust_safety": 0.9, "seller_ops": 0.8, "analytics": 0.7,
                 "platform_dev": 0.04}
TICKET_Q = {"support": ("CS", 1200000, 260), "trust_safety": ("TS", 380000, 70),
            "seller_ops": ("SO", 52000, 45), "analytics": ("AN", 7000, 6),
            "platform_dev": ("ENG", 91000, 30)}
ACTIONS = {
    "support": [("view_account", 30), ("view_order", 22), ("refund", 9), ("edit_listing", 5),
                ("view_buyer_contact", 6), ("view_reviews", 6), ("update_payout", 3),
                ("add_note", 14), ("view_sales_metrics", 2), ("reset_password", 3)],
    "trust_safety": [("view_account", 20), ("view_reviews", 18), ("remove_review", 9),
                     ("suspend_seller", 5), ("reinstate_seller", 4), ("view_buyer_contact", 4),
                     ("add_note", 14), ("view_listing", 14), ("flag_listing", 8),
                     ("view_sales_metrics", 2)],
    "seller_ops": [("view_account", 18), ("edit_listing", 14), ("view_sales_metrics", 16),
                   ("export_sales", 5), ("download_report", 6), ("update_fees", 6),
                   ("add_note", 10), ("view_listing", 11), ("onboarding_check", 8)],
    "analytics": [("view_sales_metrics", 30), ("export_sales", 22), ("download_report", 30),
                  ("view_account", 10), ("export_reviews", 5)],
    "platform_dev": [("view_account", 40), ("view_listing", 30), ("debug_session", 30)],
}
SWEEP_P = {"analytics": 0.45, "seller_ops": 0.07, "trust_safety": 0.06}
SWEEP_ACTIONS = {"analytics": ["export_sales", "download_report", "view_sales_metrics"],
                 "seller_ops": ["view_sales_metrics", "download_report", "edit_listing"],
                 "trust_safety": ["view_account", "view_reviews", "view_listing", "add_note"]}
# ring job actions: (family, job type) -> main actions
JOB_ACTIONS = {
    ("trust_safety", "own"): ["remove_review", "remove_review", "reinstate_seller"],
    ("support", "own"): ["edit_listing", "update_payout", "remove_review"],
    ("seller_ops", "own"): ["update_fees", "edit_listing", "reinstate_seller"],
    ("analytics", "own"): ["view_sales_metrics"],
    ("trust_safety", "rival"): ["view_reviews", "view_buyer_contact"],
    ("support", "rival"): ["view_buyer_contact", "view_buyer_contact", "view_reviews"],
    ("seller_ops", "rival"): ["view_sales_metrics", "view_sales_metrics", "view_account"],
    ("analytics", "rival"): ["view_sales_metrics"],
    ("trust_safety", "bulk"): ["download_report"],
    ("support", "bulk"): ["download_report"],
    ("seller_ops", "bulk"): ["export_sales", "download_report"],
    ("analytics", "bulk"): ["export_sales", "download_report", "export_reviews"],
}
CAPABILITY = {"own": {"trust_safety": 3.0, "seller_ops": 2.0, "support": 1.5, "analytics": 0.05},
              "rival": {"support": 3.0, "seller_ops": 2.5, "trust_safety": 1.5, "analytics": 1.0},
              "bulk": {"analytics": 3.0, "seller_ops": 3.0, "support": 0.4, "trust_safety": 0.3}}
ACCESS_FAMILIES = ["support", "trust_safety", "seller_ops", "analytics"]

SEASON_WORK = {1: 0.95, 2: 1.0, 3: 1.0, 4: 1.0, 5: 1.0, 6: 0.95, 7: 0.8, 8: 0.75, 9: 1.0,
               10: 1.0, 11: 1.08, 12: 0.88}
SEASON_SHOP = {1: 0.85, 2: 0.8, 3: 0.9, 4: 0.9, 5: 0.95, 6: 0.95, 7: 0.9, 8: 0.9, 9: 0.95,
               10: 1.05, 11: 1.4, 12: 1.5}
HOLIDAYS = {(1, 1), (4, 7), (4, 10), (5, 1), (5, 29), (7, 4), (9, 4), (11, 23), (12, 25), (12, 26)}
# local-hour weights
H_WORK = [0, 0, 0, 0, 0, 0, .2, 1, 4, 8, 9, 8, 5, 7, 8, 8, 6, 3, 1.5, 1, .7, .5, .3, .1]
H_BIZ = [.1, 0, 0, 0, 0, .1, .5, 2, 5, 7, 7, 7, 5, 6, 7, 7, 6, 4, 3, 2, 1.5, 1, .5, .2]
H_LIFE = [.3, .1, 0, 0, 0, 0, .3, 1, 1.5, 1, 1, 1, 2, 1.5, 1, 1, 1.5, 2.5, 3.5, 4, 4.5, 4, 2.5, 1]


def cumsum(ws):
    out, s = [], 0.0
    for w in ws:
        s += w
        out.append(s)
    return out


class Emp:
    __slots__ = ("idx", "id", "name", "team", "fam", "tz", "act", "work", "start", "end", "vac",
                 "unt", "bookp", "book", "book_cum", "spec", "tickets", "contacts", "contacts_cum",
                 "busy_rank")


class Ext:
    __slots__ = ("idx", "id", "name", "sub", "tz", "friends", "lo", "hi")


class World:
    def __init__(self, seed, style, nrings, scale, decoys):
        self.r = random.Random(seed)
        self.seed, self.style, self.nrings, self.scale, self.decoys = seed, style, nrings, scale, decoys
        self.comms, self.pays, self.acc = [], [], []
        self.truth = []
        self.used_ids = set()
        self.taken_emps = set()      # employees already wired to a decoy or ring
        self.calendar()

    # ------------------------------------------------------------------ primitives
    def msg(self, a, b, ts, ch):
        ts = int(ts)
        if T0 <= ts < TEND and a != b:
            self.comms.append((a, b, ts, ch))

    def pay(self, a, b, amt, ts):
        ts = int(ts)
        if T0 <= ts < TEND and a != b and amt > 0:
            self.pays.append((a, b, round(amt, 2), ts))

    def access(self, e, vid, action, ts, ticket):
        ts = int(ts)
        if T0 <= ts < TEND:
            self.acc.append((e.id, vid, action, ts, ticket or ""))

    def new_id(self):
        r = self.r
        alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
        while True:
            s = r.random()
            if s < 0.35:
                i = "".join(r.choices(alnum, k=8))
            elif s < 0.6:
                i = r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + str(r.randint(100000, 9999999))
            elif s < 0.8:
                i = "%010x" % r.getrandbits(40)
            else:
                i = "".join(r.choices(alnum, k=4)) + "-" + "".join(r.choices(alnum, k=4))
            if i not in self.used_ids and "ring" not in i.lower() and "broker" not in i.lower():
                self.used_ids.add(i)
                return i

    def person_name(self):
        return "%s %s" % (self.r.choice(FIRST), self.r.choice(LAST))

    def shop_name(self):
        r = self.r
        if r.random() < 0.2:
            return "%s's %s%s" % (r.choice(LAST), r.choice(NOUN), r.choice(SHOP_SUF))
        return "%s %s%s" % (r.choice(ADJ), r.choice(NOUN), r.choice(SHOP_SUF))

    def firm_name(self, kind):
        r = self.r
        base = r.choice(LAST) if r.random() < 0.4 else r.choice(WORD)
        return "%s %s%s" % (base, r.choice(FIRM_WORDS[kind]), r.choice(LEGAL))

    # ------------------------------------------------------------------ calendar / clocks
    def calendar(self):
        base = datetime.date(2023, 1, 1)
        work, shop, life = [], [], []
        self.weekday, self.month_start = [], []
        for d in range(NDAYS):
            dt = base + datetime.timedelta(days=d)
            if dt.day == 1:
                self.month_start.append(d)
            wd = dt.weekday()
            self.weekday.append(wd)
            hol = (dt.month, dt.day) in HOLIDAYS
            w = (1.0 if wd < 5 else (0.08 if wd == 5 else 0.04)) * SEASON_WORK[dt.month]
            work.append(w * (0.12 if hol else 1.0))
            shop.append((1.0 if wd < 5 else 0.8) * SEASON_SHOP[dt.month])
            life.append(1.0 if wd < 5 else 1.4)
        self.cum_work = [0.0] + cumsum(work)
        self.cum_shop = [0.0] + cumsum(shop)
        self.cum_life = [0.0] + cumsum(life)
        self.hw, self.hb, self.hl = cumsum(H_WORK), cumsum(H_BIZ), cumsum(H_LIFE)

    def pick_day(self, cum, lo=0, hi=NDAYS):
        lo, hi = max(0, lo), min(NDAYS, hi)
        if hi <= lo:
            return min(max(lo, 0), NDAYS - 1)
        u = self.r.uniform(cum[lo], cum[hi])
        d = bisect.bisect_right(cum, u) - 1
        return min(max(d, lo), hi - 1)

    def hour(self, cw):
        h = bisect.bisect_left(cw, self.r.random() * cw[-1])
        return min(h, 23) * HOUR + self.r.randrange(HOUR)

    def on_vac(self, e, d):
        for a, b in e.vac:
            if a <= d < b:
                return True
        return False

    def emp_ts(self, e, lo=0, hi=NDAYS):
        lo, hi = max(lo, e.start), min(hi, e.end)
        if hi <= lo:
            return None
        d = self.pick_day(self.cum_work, lo, hi)
        for _ in range(10):
            if not self.on_vac(e, d):
                break
            d = self.pick_day(self.cum_work, lo, hi)
        h = self.hour(self.hl if self.r.random() < 0.04 else self.hw)
        return T0 + d * DAY + h - e.tz

    def ext_ts(self, cum=None, hours=None, lo=0, hi=NDAYS, tz=0):
        d = self.pick_day(cum or self.cum_life, lo, hi)
        return T0 + d * DAY + self.hour(hours or self.hl) - tz

    def work_time_after(self, e, t, evening_p=0.15):
        """First plausible working moment of employee e at or after UTC time t (None if gone)."""
        r = self.r
        d = max(int((t - T0 + e.tz) // DAY), e.start, 0)
        for _ in range(40):
            if d >= min(e.end, NDAYS):
                return None
            if not self.on_vac(e, d) and (self.weekday[d] < 5 or r.random() < 0.12):
                break
            d += 1
        else:
            return None
        ts = T0 + d * DAY + self.hour(self.hl if r.random() < evening_p else self.hw) - e.tz
        if ts < t:
            ts = t + r.randint(600, 3 * HOUR)
        return ts

    def near(self, t, lo_h, hi_h):
        return t + self.r.uniform(lo_h, hi_h) * HOUR

    def day_of(self, t):
        return int((t - T0) // DAY)

    def ext_channel(self):
        return self.r.choices(("sms", "phone", "chat", "email"), (32, 30, 26, 12))[0]

    def biz_channel(self):
        return self.r.choices(("email", "chat", "phone"), (62, 24, 14))[0]

    def ticket(self, e, ts):
        q, base, rate = TICKET_Q[e.fam]
        d = max(0, self.day_of(ts))
        num = base + d * rate + self.r.randrange(rate)
        return "%s-%d" % (q, num)

    # ------------------------------------------------------------------ entities
    def build_entities(self):
        r, S = self.r, self.scale
        # vendors: category/country groups with Zipf sizes
        groups = [(c, k) for c in CATEGORIES for k in COUNTRIES]
        r.shuffle(groups)
        gw = cumsum([1.0 / (i + 1) ** 0.85 for i in range(len(groups))])
        nv = 5000 * S
        self.v_id, self.v_name, self.v_grp, self.v_cat, self.v_ctry, self.v_pop = [], [], [], [], [], []
        self.grp_members = {}
        self.cat_members = {}
        for i in range(nv):
            g = groups[bisect.bisect_left(gw, r.random() * gw[-1])]
            self.v_id.append(self.new_id())
            self.v_name.append(self.shop_name())
            self.v_grp.append("%s/%s" % g)
            self.v_cat.append(g[0])
            self.v_ctry.append(g[1])
            self.v_pop.append(r.lognormvariate(0, 1.2))
            self.grp_members.setdefault("%s/%s" % g, []).append(i)
            self.cat_members.setdefault(g[0], []).append(i)
        self.v_cum = cumsum(self.v_pop)

        # employees
        ne = 600 * S
        self.emps = []
        counts = [int(round(ne * t[2])) for t in TEAMS]
        counts[0] += ne - sum(counts)
        for (team, fam, _, tzh), n in zip(TEAMS, counts):
            for _ in range(n):
                e = Emp()
                e.idx = len(self.emps)
                e.id, e.name, e.team, e.fam = self.new_id(), self.person_name(), team, fam
                e.tz = tzh * HOUR
                e.act = r.lognormvariate(0, 0.9)
                e.start, e.end = 0, NDAYS
                u = r.random()
                if u < 0.08:
                    e.start = r.randint(20, 300)
                elif u < 0.15:
                    e.end = r.randint(60, 345)
                e.vac = []
                for _ in range(r.choice((1, 2, 2, 3))):
                    a = r.randint(0, NDAYS - 15)
                    e.vac.append((a, a + r.randint(4, 15)))
                e.unt = r.uniform(0.01, 0.08) if fam in ("support", "trust_safety", "seller_ops") \
                    else r.uniform(0.02, 0.12)
                e.work = ACCESS_FACTOR.get(fam, 0.0) * min(12.0, r.lognormvariate(0, 1.1)) * \
                    (e.end - e.start) / NDAYS
                e.bookp = r.uniform(0.45, 0.85)
                e.spec = r.sample(CATEGORIES, r.randint(1, 3))
                e.tickets = []
                e.busy_rank = 0
                self.emps.append(e)
        self.emp_cum = cumsum([e.act for e in self.emps])
        self.fam_emps = {}
        for e in self.emps:
            self.fam_emps.setdefault(e.fam, []).append(e)
        self.team_emps = {}
        for e in self.emps:
            self.team_emps.setdefault(e.team, []).append(e)
        acc_emps = [e for e in self.emps if e.work > 0 and e.fam in ACCESS_FAMILIES]
        for rank, e in enumerate(sorted(acc_emps, key=lambda x: -x.work)):
            e.busy_rank = rank
        self.acc_emps_sorted = sorted(acc_emps, key=lambda x: -x.work)

        # externals: fixed total, sub-types assigned by quota
        nx = 2000 * S
        D = S if self.decoys else 0
        quota = [("firm", 150 * S), ("agency1", 6 * D), ("agency4", 8 * D), ("agent", 25 * D),
                 ("relative", 12 * D), ("flatmate", 15 * D), ("cold", 10 * D)]
        # ring skeletons decide how many fresh (no-history) accounts rings need
        self.skeletons = []
        for k in range(self.nrings):
            st = self.style if self.style != "mixed" else r.choice(("timed", "retainer", "offbook"))
            sk = {"style": st, "two": r.random() < 0.2, "front": r.random() < 0.4,
                  "mule": st != "offbook" and r.random() < 0.27}
            self.skeletons.append(sk)
        nb = sum(1 + sk["two"] for sk in self.skeletons)
        nf = sum(sk["front"] for sk in self.skeletons)
        quota += [("ring_person", nb), ("ring_firm", nf)]
        used = sum(q for _, q in quota)
        if used > nx * 0.5:
            sys.exit("too many rings/decoys for the external pool")
        subs = []
        for s, q in quota:
            subs += [s] * q
        subs += ["person"] * (nx - len(subs))
        self.exts = []
        self.ext_by = {}
        firm_kinds = ["logistics"] * 4 + ["ads"] * 3 + ["accounting"] * 3 + ["payments"] + \
            ["packaging"] + ["generic"] * 2
        for s in subs:
            x = Ext()
            x.idx = len(self.exts)
            x.id, x.sub = self.new_id(), s
            x.tz = r.choice((0, 1, 1, 1, 2, -5, -5, 8)) * HOUR
            x.friends = []
            x.lo, x.hi = 0, NDAYS
            if s == "person":                   # people open and abandon accounts too
                u = r.random()
                if u < 0.12:
                    x.lo = r.randint(30, 300)
                elif u < 0.2:
                    x.hi = r.randint(60, 340)
            if s == "firm":
                fk = r.choice(firm_kinds)
                x.sub = "firm:" + fk
                x.name = self.firm_name(fk)
            elif s in ("agency1", "agency4"):
                x.name = self.firm_name("agency")
            elif s == "ring_firm":
                x.name = self.firm_name(r.choice(("generic", "generic", "ads", "logistics")))
            elif s == "ring_person" and r.random() < 0.3:
                x.name = self.firm_name("generic")      # a one-person "consultancy"
            elif s == "person" and r.random() < 0.04:
                x.name = self.firm_name("generic")      # small companies among the rest
            else:
                x.name = self.person_name()
            self.exts.append(x)
        r.shuffle(self.exts)       # so sub-types are not contiguous
        for i, x in enumerate(self.exts):
            x.idx = i
            self.ext_by.setdefault(x.sub.split(":")[0], []).append(x)
        self.firms = [x for x in self.exts if x.sub.startswith("firm:")]
        self.firm_pop = cumsum([r.paretovariate(1.3) for _ in self.firms])
        persons = self.ext_by.get("person", [])
        self.persons = persons
        nfree = int(len(persons) * 0.12)
        self.freelancers = persons[:nfree]
        self.taken_ext = set()

    # ------------------------------------------------------------------ helpers on vendors
    def rand_vendor(self):
        return bisect.bisect_left(self.v_cum, self.r.random() * self.v_cum[-1])

    def vendor_where(self, pred, tries=40):
        v = self.rand_vendor()
        for _ in range(tries):
            if pred(v):
                return v
            v = self.rand_vendor()
        return v

    def pick_from(self, members, k, exclude=()):
        """k distinct popularity-weighted vendors from a member list."""
        r = self.r
        cand = [v for v in members if v not in exclude]
        if len(cand) <= k:
            return list(cand)
        w = [self.v_pop[v] for v in cand]
        out, seen = [], set()
        cw = cumsum(w)
        for _ in range(k * 6):
            v = cand[bisect.bisect_left(cw, r.random() * cw[-1])]
            if v not in seen:
                seen.add(v)
                out.append(v)
                if len(out) == k:
                    break
        return out

    # ------------------------------------------------------------------ background: staff
    def gen_internal(self):
        r, S = self.r, self.scale
        emps = self.emps
        for e in emps:
            n = min(40, int(2 + r.paretovariate(1.4) * 3))
            mates = self.team_emps[e.team]
            contacts = []
            for _ in range(n):
                u = r.random()
                if u < 0.76 and len(mates) > 1:
                    c = r.choice(mates)
                elif u < 0.94:
                    fam = r.choice(SISTER[e.fam])
                    c = r.choice(self.fam_emps[fam])
                else:
                    c = r.choice(emps)
                if c is not e and c not in contacts:
                    contacts.append(c)
            if not contacts:
                contacts = [r.choice(emps)]
            e.contacts = contacts
            e.contacts_cum = cumsum([1.0 / (i + 1) ** 0.9 for i in range(len(contacts))])
        target = 86000 * S
        made = 0
        ecum = self.emp_cum
        while made < target:
            s = emps[bisect.bisect_left(ecum, r.random() * ecum[-1])]
            t = self.emp_ts(s)
            if t is None:
                continue
            c = s.contacts[bisect.bisect_left(s.contacts_cum, r.random() * s.contacts_cum[-1])]
            ch = r.choices(("chat", "email", "call"), (74, 23, 3))[0]
            a, b = s, c
            self.msg(a.id, b.id, t, ch)
            made += 1
            while r.random() < (0.55 if ch == "chat" else 0.3):
                t += r.expovariate(1 / (240 if ch == "chat" else 3600)) + 20
                a, b = b, a
                self.msg(a.id, b.id, t, ch)
                made += 1

    def build_books(self):
        r = self.r
        mean_w = sum(e.work for e in self.acc_emps_sorted) / max(1, len(self.acc_emps_sorted))
        for e in self.acc_emps_sorted + self.fam_emps.get("platform_dev", []):
            size = min(200, 8 + int(35 * e.work / mean_w)) if e.work > 0 else 0
            if e.fam == "support":
                if e.team.endswith("emea"):
                    pred = lambda v: self.v_ctry[v] in EMEA
                elif e.team.endswith("amer"):
                    pred = lambda v: self.v_ctry[v] == "US"
                else:
                    pred = lambda v: True
            else:
                spec = e.spec
                pred = lambda v, spec=spec: self.v_cat[v] in spec or r.random() < 0.25
            book = []
            for _ in range(size):
                v = self.vendor_where(pred)
                if v not in book:
                    book.append(v)
            e.book = book
            e.book_cum = cumsum([1.0 / (i + 1) ** 0.7 for i in range(len(book))])

    def session(self, e, v, t, ticket, n, first=None):
        r = self.r
        acts = ACTIONS[e.fam]
        names = [a for a, _ in acts]
        ws = [w for _, w in acts]
        for j in range(n):
            if j == 0 and first:
                a = first
            elif j == 0 and r.random() < 0.5 and e.fam != "analytics":
                a = "view_account"
            else:
                a = r.choices(names, ws)[0]
            self.access(e, self.v_id[v], a, t, ticket)
            t += r.randint(15, 900)
        return t

    def gen_access(self):
        r, S = self.r, self.scale
        pool = [e for e in self.emps if e.work > 0]
        W = sum(e.work for e in pool)
        total = 113000 * S
        for e in pool:
            target = int(round(total * e.work / W))
            n = 0
            while n < target:
                t = self.emp_ts(e)
                if t is None:
                    break
                if e.fam in SWEEP_P and r.random() < SWEEP_P[e.fam]:
                    cat = r.choice(e.spec)
                    members = self.cat_members[cat]
                    if r.random() < 0.6:
                        g = self.v_grp[r.choice(members)]
                        members = self.grp_members[g]
                    vs = self.pick_from(members, r.randint(3, 18 if e.fam == "analytics" else 6))
                    tk = None if r.random() < e.unt * (1.5 if e.fam == "analytics" else 1) \
                        else self.ticket(e, t)
                    acts = SWEEP_ACTIONS[e.fam]
                    a = r.choice(acts)
                    for v in vs:
                        self.access(e, self.v_id[v], a if r.random() < 0.8 else r.choice(acts), t, tk)
                        t += r.randint(4, 150)
                    if tk:
                        e.tickets.append((t, tk))
                    n += max(1, len(vs))
                    continue
                if e.book and r.random() < e.bookp:
                    v = e.book[bisect.bisect_left(e.book_cum, r.random() * e.book_cum[-1])]
                else:
                    v = self.rand_vendor()
                k = 1
                while k < 8 and r.random() < 0.55:
                    k += 1
                tk = None if r.random() < e.unt else self.ticket(e, t)
                if tk:
                    e.tickets.append((t, tk))
                if e.fam == "support" and r.random() < 0.22:
                    # the vendor wrote first; support answers after working the case
                    ch = r.choice(("portal", "portal", "email"))
                    self.msg(self.v_id[v], e.id, t - r.uniform(300, 20 * HOUR), ch)
                    t_end = self.session(e, v, t, tk, k)
                    if r.random() < 0.7:
                        self.msg(e.id, self.v_id[v], t_end + r.randint(30, 3600), ch)
                else:
                    self.session(e, v, t, tk, k)
                n += k
        # platform_dev has tiny work weights already included above

    def gen_vendor_support_msgs(self):
        r, S = self.r, self.scale
        sup = [e for e in self.fam_emps["support"] if e.work > 0]
        cw = cumsum([e.work for e in sup])
        owners = {}
        for e in sup:
            for v in e.book[:15]:
                owners.setdefault(v, []).append(e)
        for _ in range(9000 * S):
            v = self.rand_vendor()
            if v in owners and r.random() < 0.5:
                e = r.choice(owners[v])
            else:
                e = sup[bisect.bisect_left(cw, r.random() * cw[-1])]
            t = self.ext_ts(self.cum_shop, self.hb)
            ch = r.choice(("portal", "portal", "email"))
            self.msg(self.v_id[v], e.id, t, ch)
            if r.random() < 0.6:
                t2 = self.work_time_after(e, t + 600, 0.05)
                if t2:
                    self.msg(e.id, self.v_id[v], t2, ch)
                    if r.random() < 0.3:
                        self.msg(self.v_id[v], e.id, t2 + r.uniform(0.2, 30) * HOUR, ch)

    # ------------------------------------------------------------------ background: money
    def rand_firm(self, kind=None):
        r = self.r
        for _ in range(30):
            f = self.firms[bisect.bisect_left(self.firm_pop, r.random() * self.firm_pop[-1])]
            if kind is None or f.sub == "firm:" + kind:
                return f
        return f

    def gen_vendor_services(self):
        r = self.r
        base_amt = {"logistics": 180, "ads": 300, "accounting": 250, "payments": 90,
                    "packaging": 120, "generic": 200}
        for v in range(len(self.v_id)):
            if r.random() > 0.65:
                continue
            vid = self.v_id[v]
            scale_v = self.v_pop[v] ** 0.6
            for _ in range(r.choice((1, 1, 2, 2, 3))):
                f = self.rand_firm()
                kind = f.sub.split(":")[1]
                amt0 = base_amt[kind] * scale_v * r.lognormvariate(0, 0.5)
                start = r.randint(0, 200) if r.random() < 0.2 else 0
                if r.random() < 0.25:       # monthly invoice
                    dom = r.randint(0, 27)
                    fixed = kind == "accounting" and r.random() < 0.6
                    for ms in self.month_start:
                        if ms < start:
                            continue
                        d = min(NDAYS - 1, ms + dom + r.randint(-1, 2))
                        amt = amt0 if fixed else amt0 * r.lognormvariate(0, 0.3)
                        self.pay(vid, f.id, amt, T0 + d * DAY + self.hour(self.hb))
                else:
                    for _ in range(max(1, int(r.expovariate(1 / 2.5)))):
                        t = self.ext_ts(self.cum_shop, self.hb, lo=start)
                        self.pay(vid, f.id, amt0 * r.lognormvariate(0, 0.6), t)
                for _ in range(r.choice((0, 0, 1, 1, 2, 3))):
                    t = self.ext_ts(self.cum_work, self.hb, lo=start)
                    a, b = (vid, f.id) if r.random() < 0.5 else (f.id, vid)
                    self.msg(a, b, t, self.biz_channel())

    def gen_freelance(self, x, nclients, rng_jobs=(1, 5)):
        r = self.r
        for _ in range(nclients):
            v = self.rand_vendor()
            vid = self.v_id[v]
            amt0 = r.uniform(80, 1200)
            for _ in range(r.randint(*rng_jobs)):
                t = self.ext_ts(self.cum_shop, self.hb, lo=x.lo, hi=x.hi)
                self.msg(vid, x.id, t - r.uniform(1, 200) * HOUR, "email")
                self.pay(vid, x.id, amt0 * r.lognormvariate(0, 0.3), t)

    def gen_externals(self):
        r, S = self.r, self.scale
        persons = self.persons
        # social graph among individuals (preferential attachment-ish)
        pool = []
        for x in persons:
            k = r.randint(1, 6)
            for _ in range(k):
                y = r.choice(pool) if pool and r.random() < 0.6 else r.choice(persons)
                if y is not x and y not in x.friends:
                    x.friends.append(y)
                    y.friends.append(x)
                    pool.append(y)
            pool.append(x)
        social = [x for x in persons if x.friends]
        for _ in range(5200 * S):
            x = r.choice(social)
            y = r.choice(x.friends)
            lo, hi = max(x.lo, y.lo), min(x.hi, y.hi)
            if hi <= lo:
                continue
            t = self.ext_ts(tz=x.tz, lo=lo, hi=hi)
            ch = self.ext_channel()
            self.msg(x.id, y.id, t, ch)
            while r.random() < 0.55:
                t += r.expovariate(1 / 1800) + 30
                x, y = y, x
                self.msg(x.id, y.id, t, ch)
        for _ in range(5500 * S):
            x = r.choice(social)
            y = r.choice(x.friends)
            lo, hi = max(x.lo, y.lo), min(x.hi, y.hi)
            if hi <= lo:
                continue
            amt = round(r.lognormvariate(3.6, 0.9), 0 if r.random() < 0.4 else 2)
            self.pay(x.id, y.id, amt, self.ext_ts(tz=x.tz, lo=lo, hi=hi))
        # firm payroll and firm-to-firm bills
        for f in self.firms:
            if r.random() < 0.5:
                for _ in range(r.randint(1, 6)):
                    p = r.choice(persons)
                    sal = round(r.uniform(1400, 4200), 2)
                    dom = r.choice((24, 25, 26, 27))
                    for ms in self.month_start:
                        if p.lo <= ms < p.hi:
                            self.pay(f.id, p.id, sal, T0 + (ms + dom) * DAY + 9 * HOUR - f.tz)
            for _ in range(r.randint(0, 8)):
                g = self.rand_firm()
                self.pay(f.id, g.id, r.lognormvariate(6, 1), self.ext_ts(self.cum_work, self.hb))
                self.msg(f.id, g.id, self.ext_ts(self.cum_work, self.hb), "email")
        # freelancers paid by several vendors
        for x in self.freelancers:
            self.gen_freelance(x, r.randint(2, 10))
        # a few individuals receive one-off payments from vendors (buy-backs, refunds, prizes)
        for _ in range(700 * S):
            x = r.choice(persons)
            self.pay(self.v_id[self.rand_vendor()], x.id, r.lognormvariate(3.5, 0.8),
                     self.ext_ts(self.cum_shop, self.hb, lo=x.lo, hi=x.hi))

    def gen_personal(self):
        """Employees' friends and family outside the company: chats, small money transfers."""
        r = self.r
        persons = self.persons
        for e in self.emps:
            if r.random() > 0.35:
                continue
            for _ in range(r.choice((1, 1, 2, 3))):
                x = r.choice(persons)
                lo, hi = max(x.lo, e.start), min(x.hi, e.end)
                if hi <= lo:
                    continue
                n = r.randint(4, 40)
                for _ in range(n):
                    t = self.ext_ts(tz=e.tz, lo=lo, hi=hi)
                    a, b = (e.id, x.id) if r.random() < 0.5 else (x.id, e.id)
                    ch = r.choice(("sms", "phone", "chat", "chat"))
                    self.msg(a, b, t, ch)
                    if r.random() < 0.5:
                        self.msg(b, a, t + r.uniform(60, 4 * HOUR), ch)
                if r.random() < 0.2:
                    for _ in range(r.randint(1, 6)):
                        a, b = (e.id, x.id) if r.random() < 0.5 else (x.id, e.id)
                        self.pay(a, b, r.lognormvariate(3.5, 0.7), self.ext_ts(tz=e.tz, lo=lo, hi=hi))
        # colleagues settling lunch / gifts
        for _ in range(400 * self.scale):
            e = r.choice(self.emps)
            c = r.choice(e.contacts)
            self.pay(e.id, c.id, r.lognormvariate(2.8, 0.6), self.ext_ts(tz=e.tz))

    # ------------------------------------------------------------------ decoys
    def free_emp(self, fams, cond=None):
        r = self.r
        cands = [e for f in fams for e in self.fam_emps.get(f, [])
                 if e.idx not in self.taken_emps and (cond is None or cond(e))]
        e = r.choice(cands)
        self.taken_emps.add(e.idx)
        return e

    def clients_paying(self, x, n, monthly=True, lo=0):
        r = self.r
        cats = r.sample(CATEGORIES, 2)
        clients = []
        for _ in range(n):
            v = self.vendor_where(lambda v: self.v_cat[v] in cats or r.random() < 0.3)
            if v in clients:
                continue
            clients.append(v)
            amt = round(r.uniform(150, 1800), 0)
            start = max(lo, r.randint(-200, 250))
            dom = r.randint(0, 20)
            for ms in self.month_start:
                if ms >= start:
                    self.pay(self.v_id[v], x.id, amt * (1 if r.random() < 0.8 else r.uniform(1.1, 1.6)),
                             T0 + (ms + dom) * DAY + self.hour(self.hb))
            for _ in range(r.randint(1, 8)):
                t = self.ext_ts(self.cum_work, self.hb)
                a, b = (x.id, self.v_id[v]) if r.random() < 0.6 else (self.v_id[v], x.id)
                self.msg(a, b, t, self.biz_channel())
        return clients

    def gen_decoys(self):
        r = self.r
        # (1) agency paying a contractor employee who serves the agency's clients with tickets
        for x in self.ext_by.get("agency1", []):
            clients = self.clients_paying(x, r.randint(15, 50))
            e = self.free_emp(("seller_ops", "support"), lambda e: e.work > 0 and e.start < 60)
            inv = r.uniform(1500, 4000)
            for ms in self.month_start:
                if e.start <= ms < e.end:
                    self.pay(x.id, e.id, inv * r.uniform(0.97, 1.03), T0 + (ms + 14 + r.randint(0, 3)) * DAY + 10 * HOUR)
            if r.random() < 0.5:
                self.pay(x.id, e.id, inv * r.uniform(0.3, 0.8), self.ext_ts(self.cum_work, self.hb, lo=300))
            for _ in range(r.randint(60, 180)):
                t = self.emp_ts(e)
                if t is None:
                    continue
                a, b = (x.id, e.id) if r.random() < 0.55 else (e.id, x.id)
                self.msg(a, b, t, r.choice(("email", "chat")))
            for _ in range(r.randint(30, 120)):
                t = self.emp_ts(e)
                if t is None:
                    continue
                v = r.choice(clients)
                tk = None if r.random() < e.unt else self.ticket(e, t)
                self.session(e, v, t, tk, r.randint(1, 4))
        # (2) relative who owns vendors and sends an employee money
        for x in self.ext_by.get("relative", []):
            e = self.free_emp(ACCESS_FAMILIES + ["platform_dev", "finance"])
            owned = [self.rand_vendor() for _ in range(r.choice((1, 1, 2)))]
            for v in owned:
                draw = r.uniform(500, 3000)
                for ms in self.month_start:
                    if r.random() < 0.8:
                        self.pay(self.v_id[v], x.id, draw * r.uniform(0.7, 1.3), T0 + (ms + r.randint(0, 10)) * DAY + self.hour(self.hb))
                for _ in range(r.randint(5, 25)):
                    self.msg(x.id, self.v_id[v], self.ext_ts(), self.biz_channel())
            for _ in range(r.randint(30, 120)):
                t = self.ext_ts(tz=e.tz)
                a, b = (x.id, e.id) if r.random() < 0.5 else (e.id, x.id)
                self.msg(a, b, t, r.choice(("sms", "phone", "phone", "chat")))
            for _ in range(r.randint(3, 8)):
                self.pay(x.id, e.id, r.choice((50, 100, 150, 200, 250, 300, 500)) * r.choice((1, 1, 1.0, 0.99)), self.ext_ts(tz=e.tz))
            for _ in range(r.randint(0, 2)):
                self.pay(e.id, x.id, r.lognormvariate(4, 0.6), self.ext_ts(tz=e.tz))
            if e.work > 0 and r.random() < 0.4:
                for _ in range(r.randint(1, 4)):
                    t = self.emp_ts(e)
                    if t:
                        tk = None if r.random() < e.unt + 0.1 else self.ticket(e, t)
                        self.session(e, r.choice(owned), t, tk, r.randint(1, 3))
        # (3) flatmate paying a fixed monthly rent share
        for x in self.ext_by.get("flatmate", []):
            e = self.free_emp(list(SISTER.keys()))
            rent = r.choice((350, 400, 450, 500, 550, 600, 650, 700, 800, 900))
            move_in = r.choice((0, 0, 0, r.randint(30, 200)))
            dom = r.randint(0, 2)
            for ms in self.month_start:
                if ms >= move_in:
                    self.pay(x.id, e.id, rent, T0 + (ms + dom + r.randint(0, 2)) * DAY + self.hour(self.hl) - e.tz)
            for _ in range(r.randint(20, 60)):
                t = self.ext_ts(tz=e.tz, lo=move_in)
                a, b = (x.id, e.id) if r.random() < 0.5 else (e.id, x.id)
                self.msg(a, b, t, r.choice(("sms", "chat")))
            for _ in range(r.randint(0, 5)):        # utilities the other way
                self.pay(e.id, x.id, r.lognormvariate(3.8, 0.4), self.ext_ts(tz=e.tz, lo=move_in))
            if r.random() < 0.4:
                self.gen_freelance(x, r.randint(2, 4))
        # (4) escalation agencies messaging support about their clients
        sup = [e for e in self.fam_emps["support"] if e.work > 0]
        for x in self.ext_by.get("agency4", []):
            clients = self.clients_paying(x, r.randint(10, 40))
            contacts = r.sample(sup, r.randint(2, 6))
            for _ in range(r.randint(20, 80)):
                e = r.choice(contacts)
                v = r.choice(clients)
                t = self.emp_ts(e)
                if t is None:
                    continue
                t_msg = t - r.uniform(0.3, 6) * HOUR
                self.msg(x.id, e.id, t_msg, "email")
                tk = None if r.random() < e.unt else self.ticket(e, t)
                t_end = self.session(e, v, t, tk, r.randint(1, 5))
                if r.random() < 0.75:
                    self.msg(e.id, x.id, t_end + r.uniform(0.1, 3) * HOUR, "email")
        # (5) agents with a small book of vendors, e-mailing an employee sometimes
        for x in self.ext_by.get("agent", []):
            cats = r.sample(CATEGORIES, 1)
            book = [self.vendor_where(lambda v: self.v_cat[v] in cats) for _ in range(r.randint(3, 8))]
            for v in book:
                for _ in range(r.randint(2, 6)):
                    self.pay(self.v_id[v], x.id, r.uniform(100, 800), self.ext_ts(self.cum_shop, self.hb))
                for _ in range(r.randint(1, 6)):
                    self.msg(x.id, self.v_id[v], self.ext_ts(self.cum_work, self.hb), self.biz_channel())
            e = r.choice(self.fam_emps["seller_ops"] + self.fam_emps["support"])
            for _ in range(r.randint(5, 15)):
                t = self.emp_ts(e)
                if t is None:
                    continue
                self.msg(x.id, e.id, t - r.uniform(0.5, 20) * HOUR, "email")
                if r.random() < 0.5:
                    self.msg(e.id, x.id, t, "email")
                if e.work > 0 and r.random() < 0.3:
                    tk = None if r.random() < e.unt else self.ticket(e, t)
                    self.session(e, r.choice(book), t + 600, tk, r.randint(1, 3))
        # (6) would-be brokers cold-messaging vendors and staff, never joined by staff
        for x in self.ext_by.get("cold", []):
            targets = [self.rand_vendor() for _ in range(r.randint(10, 40))]
            for v in targets:
                for _ in range(r.choice((1, 1, 2))):
                    self.msg(x.id, self.v_id[v], self.ext_ts(), self.biz_channel())
                if r.random() < 0.1:
                    self.msg(self.v_id[v], x.id, self.ext_ts(), self.biz_channel())
            if r.random() < 0.3:
                for v in r.sample(targets, r.randint(1, 2)):
                    self.pay(self.v_id[v], x.id, r.uniform(50, 400), self.ext_ts())
            acc = [e for f in ACCESS_FAMILIES for e in self.fam_emps[f]]
            for e in r.sample(acc, r.randint(3, 10)):
                for _ in range(r.choice((1, 1, 2))):
                    self.msg(x.id, e.id, self.ext_ts(tz=e.tz), r.choice(("chat", "email", "sms")))

    # ------------------------------------------------------------------ rings
    def ring_ticket(self, ring, e, t):
        r = self.r
        if r.random() >= ring["trate"]:
            return None
        if e.tickets and r.random() < 0.5:
            old = [tk for (ts, tk) in r.sample(e.tickets, min(25, len(e.tickets)))
                   if t - 40 * DAY < ts < t]
            if old:
                return r.choice(old)
        return self.ticket(e, t - r.uniform(0, 5) * DAY)

    def do_job(self, ring, ins, client, jtype, t):
        """Insider performs one job at (or after) t; returns completion time or None."""
        r = self.r
        e = ins["emp"]
        t = self.work_time_after(e, t, evening_p=0.2)
        if t is None or t >= TEND - HOUR:
            return None
        fam = e.fam
        grp = self.grp_members[self.v_grp[client]]
        rivals = [v for v in grp if v != client and v not in ring["client_set"]]
        if len(rivals) < 2:
            rivals = [v for v in self.cat_members[self.v_cat[client]]
                      if v != client and v not in ring["client_set"]]
        acts = JOB_ACTIONS[(fam, jtype)]
        tk = self.ring_ticket(ring, e, t)
        if jtype == "own":
            if r.random() < 0.5:
                self.access(e, self.v_id[client], "view_account", t, tk)
                t += r.randint(20, 400)
            for _ in range(r.choice((1, 1, 2, 3))):
                self.access(e, self.v_id[client], r.choice(acts), t, tk)
                t += r.randint(20, 600)
        elif jtype == "rival":
            for v in self.pick_from(rivals, r.choice((1, 1, 1, 2, 3))):
                if r.random() < 0.3:
                    self.access(e, self.v_id[v], "view_account", t, tk)
                    t += r.randint(10, 200)
                self.access(e, self.v_id[v], r.choice(acts), t, tk)
                t += r.randint(20, 500)
                ring["victims"].add(v)
        else:
            if r.random() < 0.5 or ins["type"] == "busy":
                vs = self.pick_from(rivals, 1)
            else:
                vs = self.pick_from(rivals, r.randint(4, 12))
            a = r.choice(acts)
            for v in vs:
                self.access(e, self.v_id[v], a, t, tk)
                t += r.randint(3, 120)
                ring["victims"].add(v)
        ins["jobs"] += 1
        return t

    def broker_at(self, ring, t, paying=False):
        if ring["switch"] is None:
            return ring["brokers"][0]
        d = self.day_of(t)
        if d < ring["switch"]:
            return ring["brokers"][0]
        if paying and d < ring["switch"] + 12 and self.r.random() < 0.35:
            return ring["brokers"][0]      # stragglers still paying the old account
        return ring["brokers"][1]

    def client_pays(self, ring, c, t, amt):
        """Client money reaches the broker; returns arrival time at the broker."""
        r = self.r
        if c["cash"]:
            return t
        if c["front"]:
            self.pay(c["vid"], ring["front"].id, amt, t)
            t2 = t + r.uniform(2, 80) * HOUR
            self.pay(ring["front"].id, self.broker_at(ring, t2).id, amt * r.uniform(0.9, 0.97), t2)
            return t2
        self.pay(c["vid"], self.broker_at(ring, t, paying=True).id, amt, t)
        return t

    def broker_pays(self, ring, ins, t, amt):
        r = self.r
        b = self.broker_at(ring, t).id
        if ins["mule"]:
            m = ring["mule"].id
            self.pay(b, m, amt * r.uniform(1.03, 1.12), t)
            t2 = t + r.uniform(1, 48) * HOUR
            self.pay(m, ins["emp"].id, amt, t2)
            return t2
        self.pay(b, ins["emp"].id, amt, t)
        return t

    def choose_insider(self, ring, jtype, t, force=False):
        """Pick who does the job: capability x type weight; caps respected unless force."""
        r = self.r
        d = self.day_of(t)
        cands, ws = [], []
        for ins in ring["insiders"]:
            e = ins["emp"]
            if d < ins["recruit"] or not (e.start <= d < e.end - 3):
                continue
            if ins["jobs"] >= ins["cap"] and not (force and ins["type"] == "regular"):
                continue
            w = CAPABILITY[jtype][e.fam] * {"idle": 0.4, "busy": 0.3, "regular": 1.0}[ins["type"]]
            cands.append(ins)
            ws.append(w)
        if not cands:
            return None if force else self.choose_insider(ring, jtype, t, True)
        return r.choices(cands, ws)[0]

    def sustained(self, a, b, lo, hi, per_week, chans=None):
        """Two-way chat between a and b from day lo to hi at about per_week conversations/week."""
        r = self.r
        n = int((hi - lo) / 7.0 * per_week * r.uniform(0.8, 1.2))
        for _ in range(n):
            t = self.ext_ts(lo=lo, hi=hi)
            x, y = (a, b) if r.random() < 0.5 else (b, a)
            ch = r.choice(chans) if chans else self.ext_channel()
            self.msg(x, y, t, ch)
            while r.random() < 0.6:
                t += r.expovariate(1 / 1200) + 30
                x, y = y, x
                self.msg(x, y, t, ch)

    def broker_cover(self, b, lo, hi):
        """Ordinary life of a broker account: unrelated externals and a few unrelated vendors."""
        r = self.r
        contacts = r.sample(self.persons, r.randint(6, 22)) + [self.rand_firm() for _ in range(r.randint(1, 6))]
        for x in contacts:
            self.sustained(b.id, x.id, lo, hi, r.uniform(0.05, 0.8))
            for _ in range(r.choice((0, 0, 1, 2, 4))):
                a, c = (b.id, x.id) if r.random() < 0.6 else (x.id, b.id)
                self.pay(a, c, r.lognormvariate(4.5, 1.0), self.ext_ts(lo=lo, hi=hi))
        for _ in range(r.randint(1, 4)):
            v = self.rand_vendor()
            for _ in range(r.randint(1, 6)):
                a, c = (b.id, self.v_id[v]) if r.random() < 0.6 else (self.v_id[v], b.id)
                self.msg(a, c, self.ext_ts(lo=lo, hi=hi), self.biz_channel())
            if r.random() < 0.25:
                self.pay(self.v_id[v], b.id, r.uniform(80, 600), self.ext_ts(lo=lo, hi=hi))

    def gen_ring(self, k, sk, prev_clients):
        r = self.r
        style = sk["style"]
        start = r.randint(5, 190)
        end = min(NDAYS - 4, start + r.randint(120, 330))
        fresh_p = [x for x in self.ext_by["ring_person"] if x.idx not in self.taken_ext]
        b1 = fresh_p[0]
        self.taken_ext.add(b1.idx)
        brokers = [b1]
        switch = None
        if sk["two"]:
            b2 = fresh_p[1]
            self.taken_ext.add(b2.idx)
            brokers.append(b2)
            switch = start + int((end - start) * r.uniform(0.4, 0.6))
        front = None
        if sk["front"]:
            front = [x for x in self.ext_by["ring_firm"] if x.idx not in self.taken_ext][0]
            self.taken_ext.add(front.idx)
        mule = None
        if sk["mule"]:
            mule = r.choice([x for x in self.persons if x.idx not in self.taken_ext
                             and x.lo <= start and x.hi >= end])
            self.taken_ext.add(mule.idx)
        ring = {"id": "R%d" % (k + 1), "style": style, "start": start, "end": end,
                "brokers": brokers, "switch": switch, "front": front, "mule": mule,
                "trate": r.uniform(0.0, 0.6), "victims": set()}

        # broker cover activity per account
        pre = max(0, start - r.randint(20, 150))
        if switch is None:
            self.broker_cover(b1, pre, NDAYS)
        else:
            self.broker_cover(b1, pre, min(NDAYS, switch + r.randint(0, 15)))
            self.broker_cover(brokers[1], switch - r.randint(0, 5), NDAYS)
        if front:
            acct = self.rand_firm("accounting")
            for ms in self.month_start:
                self.pay(front.id, acct.id, r.uniform(150, 400), T0 + (ms + 5) * DAY + 11 * HOUR)
            for _ in range(r.randint(1, 6)):
                x = r.choice(self.persons + self.firms)
                self.pay(x.id, front.id, r.lognormvariate(6, 0.8), self.ext_ts(self.cum_work, self.hb))
                self.msg(front.id, x.id, self.ext_ts(self.cum_work, self.hb), "email")

        # clients: mostly from 1-3 niche groups
        big_groups = [g for g, m in self.grp_members.items() if len(m) >= 8]
        niche = r.sample(big_groups, r.randint(1, 3))
        nclients = r.randint(3, 15)
        client_vs = []
        for _ in range(nclients * 3):
            if len(client_vs) >= nclients:
                break
            if r.random() < 0.75:
                g = self.grp_members[r.choice(niche)]
                v = g[bisect.bisect_left(cumsum([self.v_pop[x] ** 0.4 for x in g]), r.random() *
                                         sum(self.v_pop[x] ** 0.4 for x in g))]
            else:
                v = self.rand_vendor()
            if v not in client_vs:
                client_vs.append(v)
        if prev_clients and r.random() < 0.15:
            shared = r.choice(prev_clients)
            if shared not in client_vs:
                client_vs[-1] = shared
        ring["client_set"] = set(client_vs)
        clients = []
        for v in client_vs:
            mode = r.choices(("once", "per_job", "subscription"), (30, 45, 25))[0]
            clients.append({"vid": self.v_id[v], "v": v, "mode": mode,
                            "front": front is not None and r.random() < 0.6,
                            "cash": style == "offbook" and r.random() < 0.2,
                            "pref": r.choice(([5, 3, 1], [2, 5, 2], [1, 3, 4], [3, 3, 2])),
                            "start": r.randint(start, max(start, end - 25)), "jobs": 0})

        # insiders
        m = r.choices((1, 2, 3, 4, 5), (30, 30, 20, 12, 8))[0]
        if nclients > 9 and m == 1 and r.random() < 0.6:
            m = 2
        span = lambda e: e.start <= start and e.end >= end - 20
        pool = [e for e in self.acc_emps_sorted if e.idx not in self.taken_emps and span(e)]
        insiders = []
        top = pool[:max(5, len(pool) // 25)]      # the heaviest workloads: ring work < 1%
        for i in range(m):
            typ = r.choices(("regular", "busy", "idle"), (60, 20, 20))[0]
            if i == 0:
                typ = "regular"          # every ring has one ordinary workhorse
            src = top if typ == "busy" else pool
            src = [e for e in src if e.idx not in self.taken_emps]
            if i == 0:
                src = [e for e in src if e.fam != "analytics"] or src
            if not src:
                break
            e = r.choices(src, [e.work ** 0.5 for e in src])[0]   # ordinary staff, not the idlest
            self.taken_emps.add(e.idx)
            recruit = start if i == 0 else r.randint(start, start + int(0.35 * (end - start)))
            cap = {"idle": r.randint(1, 2), "busy": r.randint(2, 5), "regular": r.randint(5, 20)}[typ]
            insiders.append({"emp": e, "type": typ, "jobs": 0, "cap": cap,
                             "recruit": recruit, "mule": mule is not None and r.random() < 0.85,
                             "retainer": r.choice((300, 400, 500, 600, 750, 800, 1000, 1200, 1500, 2000))})
        ring["insiders"] = insiders

        # relationship traffic broker <-> insider
        for ins in insiders:
            e = ins["emp"]
            lo, hi = ins["recruit"], min(end + r.randint(0, 20), e.end, NDAYS)
            for b in brokers:
                blo, bhi = lo, hi
                if switch is not None:
                    blo, bhi = (lo, max(lo, switch)) if b is brokers[0] else (max(lo, switch), hi)
                if bhi <= blo:
                    continue
                first = T0 + blo * DAY + self.hour(self.hl) - e.tz
                self.msg(b.id, e.id, first, r.choice(("chat", "sms", "phone")))
                if ins["type"] == "idle" or style == "offbook":
                    rate = r.uniform(0.6, 2.0) if ins["type"] == "idle" else r.uniform(1.0, 3.0)
                else:
                    rate = r.uniform(0.1, 0.5)
                self.sustained(b.id, e.id, blo, bhi, rate)
            if style == "retainer":
                dom = r.randint(0, 25)
                for ms in self.month_start:
                    if lo <= ms + dom < hi:
                        t = T0 + (ms + dom + r.randint(-2, 2)) * DAY + self.hour(self.hl) - e.tz
                        if not ins["mule"]:
                            self.pay(self.broker_at(ring, t).id, e.id, ins["retainer"], t)
                        ins.setdefault("due", []).append((ms, t))
        if style == "retainer" and mule is not None:
            # one monthly lump to the mule, split to the insiders it serves
            for ms in self.month_start:
                dues = [(ins, t) for ins in insiders if ins["mule"] for (m0, t) in ins.get("due", []) if m0 == ms]
                if not dues:
                    continue
                t0 = min(t for _, t in dues) - r.uniform(6, 60) * HOUR
                lump = sum(ins["retainer"] for ins, _ in dues)
                self.pay(self.broker_at(ring, t0).id, mule.id, lump * r.uniform(1.04, 1.12), t0)
                for ins, t in dues:
                    self.pay(mule.id, ins["emp"].id, ins["retainer"], max(t, t0 + 3600))
        if mule is not None:
            self.sustained(self.broker_at(ring, T0 + (start + 1) * DAY).id, mule.id, start, end, r.uniform(0.3, 1.0))
            for ins in insiders:
                if ins["mule"]:
                    self.sustained(mule.id, ins["emp"].id, ins["recruit"], end, r.uniform(0.1, 0.4))

        # clients and their jobs
        for c in clients:
            lo = c["start"]
            if c["mode"] == "once":
                jobs = [lo + r.uniform(0, 10)]
            elif c["mode"] == "per_job":
                jobs = sorted(r.uniform(lo, end - 3) for _ in range(r.choice((1, 2, 2, 3, 3, 4, 5, 6))))
            else:
                fee = r.choice((250, 300, 400, 500, 750, 1000, 1500))
                dom = r.randint(0, 27)
                paid_until = end if r.random() < 0.7 else r.randint(lo + 30, max(lo + 31, end))
                for ms in self.month_start:
                    if lo <= ms + dom < min(paid_until, end):
                        t = T0 + (ms + dom) * DAY + self.hour(self.hb)
                        self.client_pays(ring, c, t, fee)
                n = max(1, int((min(paid_until, end) - lo) / 30.0 * r.uniform(0.25, 0.9)))
                jobs = sorted(r.uniform(lo, min(paid_until, end) - 2) for _ in range(n))
            for day in jobs:
                if not (start <= day < end):
                    continue
                jtype = r.choices(("own", "rival", "bulk"), c["pref"])[0]
                t_req = T0 + day * DAY + self.hour(self.hb) - DAY / 2
                ins = self.choose_insider(ring, jtype, t_req)
                if ins is None:
                    continue
                c["jobs"] += self.job_flow(ring, c, ins, jtype, t_req)
            if c["jobs"] == 0 and c["mode"] != "subscription":
                # make sure every client bought something while the ring was alive
                for _ in range(5):
                    day = r.uniform(max(c["start"], start + 1), end - 5)
                    t_req = T0 + day * DAY + self.hour(self.hb)
                    jtype = r.choices(("own", "rival", "bulk"), c["pref"])[0]
                    ins = self.choose_insider(ring, jtype, t_req, True)
                    if ins is not None and self.job_flow(ring, c, ins, jtype, t_req):
                        break

        # recruits that never got a job get one now
        for ins in insiders:
            if ins["jobs"] == 0 and clients:
                c = r.choice(clients)
                d = r.uniform(max(ins["recruit"], c["start"]), end - 3)
                jtype = r.choices(("own", "rival", "bulk"), c["pref"])[0]
                self.job_flow(ring, c, ins, jtype, T0 + d * DAY + self.hour(self.hb))

        # client <-> broker small talk beyond jobs
        for c in clients:
            if r.random() < 0.6:
                self.sustained(c["vid"], self.broker_at(ring, T0 + c["start"] * DAY).id, c["start"],
                               min(end, c["start"] + 60), r.uniform(0.1, 0.5), ("email", "chat", "phone"))

        # truth
        for b in brokers:
            self.truth.append((b.id, ring["id"], "broker"))
        for x in (mule, front):
            if x is not None:
                self.truth.append((x.id, ring["id"], "intermediary"))
        for ins in insiders:
            self.truth.append((ins["emp"].id, ring["id"], "insider"))
        for c in clients:
            self.truth.append((c["vid"], ring["id"], "client"))
        ring["clients"] = clients
        return ring

    def job_flow(self, ring, c, ins, jtype, t_req):
        r = self.r
        style = ring["style"]
        e = ins["emp"]
        b = self.broker_at(ring, t_req)
        price = r.lognormvariate(6.3, 0.5) * {"own": 1.0, "rival": 1.3, "bulk": 2.2}[jtype]
        price = round(price, -1) if r.random() < 0.6 else price
        bc = self.biz_channel()
        self.msg(c["vid"], b.id, t_req - r.uniform(2, 72) * HOUR, bc)
        self.msg(b.id, c["vid"], t_req - r.uniform(0.1, 2) * HOUR, bc)
        if c["mode"] == "subscription":
            t_arr = t_req
        else:
            t_arr = self.client_pays(ring, c, t_req, price)
        if style == "timed":
            t_b = t_arr + r.uniform(2, 72) * HOUR
            self.msg(self.broker_at(ring, t_b).id, e.id, t_b - r.uniform(0.2, 10) * HOUR, self.ext_channel())
            t_i = self.broker_pays(ring, ins, t_b, round(price * r.uniform(0.25, 0.5), r.choice((0, 2))))
            if r.random() < 0.1:
                t_go = t_i - r.uniform(4, 40) * HOUR          # occasionally works on credit
            else:
                t_go = t_i + r.uniform(3, 96) * HOUR
        else:
            t_go = t_arr + r.uniform(12, 15 * 24) * HOUR
            self.msg(self.broker_at(ring, t_go).id, e.id, t_go - r.uniform(1, 72) * HOUR, self.ext_channel())
        t_done = self.do_job(ring, ins, c["v"], jtype, t_go)
        if t_done is None:
            return 0
        if r.random() < 0.8:
            self.msg(e.id, self.broker_at(ring, t_done).id, t_done + r.uniform(0.1, 8) * HOUR, self.ext_channel())
        self.msg(self.broker_at(ring, t_done).id, c["vid"], t_done + r.uniform(1, 36) * HOUR, bc)
        return 1

    def gen_rings(self):
        prev = []
        self.rings = []
        for k, sk in enumerate(self.skeletons):
            ring = self.gen_ring(k, sk, prev)
            prev += [c["v"] for c in ring["clients"]]
            self.rings.append(ring)

    # ------------------------------------------------------------------ output
    def write(self, out):
        r = self.r
        os.makedirs(os.path.join(out, "data"), exist_ok=True)
        ents = [(e.id, "employee", e.name, e.team) for e in self.emps]
        ents += [(self.v_id[i], "vendor", self.v_name[i], self.v_grp[i]) for i in range(len(self.v_id))]
        ents += [(x.id, "external", x.name, "") for x in self.exts]
        r.shuffle(ents)
        for i, n, _, g in ents:
            for bad in ("ring", "broker"):
                assert bad not in i.lower() and bad not in n.lower() and bad not in g.lower(), (i, n, g)

        def dump(name, header, rows):
            with open(os.path.join(out, name), "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                w.writerows(rows)
        dump("data/entities.csv", ["id", "kind", "name", "group"], ents)
        self.comms.sort(key=lambda x: x[2])
        self.pays.sort(key=lambda x: x[3])
        self.acc.sort(key=lambda x: x[3])
        dump("data/communications.csv", ["from", "to", "timestamp", "channel"], self.comms)
        dump("data/payments.csv", ["from", "to", "amount", "timestamp"],
             [(a, b, "%.2f" % m, t) for a, b, m, t in self.pays])
        dump("data/access.csv", ["employee", "vendor", "action", "timestamp", "ticket"], self.acc)
        dump("truth.csv", ["entity_id", "ring_id", "role"], self.truth)
        return len(ents)


def main():
    ap = argparse.ArgumentParser(description="Synthetic marketplace with broker rings (see module docstring).")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--style", choices=("timed", "retainer", "offbook", "mixed"), default="mixed")
    ap.add_argument("--rings", type=int, default=10)
    ap.add_argument("--scale", type=int, default=1, help="1 or 3 (any positive integer works)")
    ap.add_argument("--decoys", choices=("on", "off"), default="on")
    a = ap.parse_args()
    if a.scale < 1 or a.rings < 0:
        ap.error("scale >= 1 and rings >= 0 required")
    t0 = time.time()
    w = World(a.seed, a.style, a.rings, a.scale, a.decoys == "on")
    w.build_entities()
    w.gen_internal()
    w.build_books()
    w.gen_access()
    w.gen_vendor_support_msgs()
    w.gen_vendor_services()
    w.gen_externals()
    w.gen_personal()
    if w.decoys:
        w.gen_decoys()
    w.gen_rings()
    n_ent = w.write(a.out)
    styles = ",".join(sorted({rg["style"] for rg in w.rings})) or "-"
    n_events = len(w.comms) + len(w.pays) + len(w.acc)
    print("market_world seed=%d style=%s(%s) scale=%d decoys=%s: %d entities, %d events "
          "(comms %d, payments %d, access %d), %d rings, %d truth rows, %.1fs -> %s"
          % (a.seed, a.style, styles, a.scale, a.decoys, n_ent, n_events, len(w.comms), len(w.pays),
             len(w.acc), len(w.rings), len(w.truth), time.time() - t0, a.out))


if __name__ == "__main__":
    main()
