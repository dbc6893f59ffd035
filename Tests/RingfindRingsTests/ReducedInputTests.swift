import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindRings

/// A reduced input — every access row of the employees a candidate broker deals with, and for
/// everybody else only the totals the chance model reads (`totals.csv`) — finds the same rings,
/// with the same evidence to the last digit, as the whole log (what `spark/reduce.py` relies on).
@Suite struct ReducedInputTests {
    private static func day(_ d: Double) -> String { Timestamp.iso8601(Int64(1_735_689_600_000 + d * 86_400_000)) }

    /// A broker paid by three vendors and through a front, paying and messaging e1, who works
    /// the clients' accounts without tickets; 20 staff with their own habits (ticketed views,
    /// sessions, untracked sweeps, exports naming no vendor, an action only they use).
    private func files() -> [String: String] {
        var rng = SplitMix64(seed: 11)
        var e = "id,kind,group\nb,external,\nfirm,external,\ne1,employee,\n"
        var p = "from,to,amount,timestamp\n", m = "from,to,timestamp\n",
            a = "employee,action,vendor,resource,timestamp,ticket\n"
        for v in 0..<300 { e += "v\(v),vendor,g\(v % 7)\n" }
        for s in 0..<20 {
            e += "s\(s),employee,\n"
            var t = rng.unit() * 10
            for _ in 0..<80 {
                t += rng.unit() * 2
                let ticket = rng.unit() < Double(s % 5 + 1) * 0.01 ? "" : "T-\(rng.below(1_000_000))"
                let vendor = "v\(rng.below(300))"
                switch rng.below(10) {
                case 0: a += "s\(s),export_contacts,,contacts,\(Self.day(t)),\(rng.unit() < 0.5 ? "" : ticket)\n"
                case 1:  // an untracked sweep of one action, minutes apart: one job
                    for k in 0..<3 {
                        a += "s\(s),view_sales_metrics,v\(rng.below(300)),,\(Self.day(t + Double(k) / 1440)),\n"
                    }
                case 2:  // a session on one account under one ticket
                    for k in 0..<2 {
                        a +=
                            "s\(s),\(k == 0 ? "view_account" : "edit_listing"),\(vendor),,\(Self.day(t + Double(k) / 1440)),\(ticket)\n"
                    }
                case 3: a += "s\(s),run_migration,,reviews-db,\(Self.day(t)),CHG-\(rng.below(100))\n"
                default: a += "s\(s),view_account,\(vendor),,\(Self.day(t)),\(ticket)\n"
                }
            }
        }
        for v in 1...3 {
            for month in 0..<5 { p += "v\(v),b,1500,\(Self.day(Double(month * 30 + v)))\n" }
        }
        for month in 0..<5 {
            p += "v4,firm,900,\(Self.day(Double(month * 30 + 2)))\nfirm,b,800,\(Self.day(Double(month * 30 + 3)))\n"
            p += "b,e1,400,\(Self.day(Double(month * 30 + 5)))\n"
            m += "b,e1,\(Self.day(Double(month * 30 + 4)))\ne1,b,\(Self.day(Double(month * 30) + 4.5))\n"
            for v in 1...4 { a += "e1,delete_review,v\(v),,\(Self.day(Double(month * 30 + 6 + v))),\n" }
            a += "e1,view_account,v\(20 + month),,\(Self.day(Double(month * 30 + 1))),T-e1-\(month)\n"
            a += "e1,export_contacts,,contacts,\(Self.day(Double(month * 30 + 12))),\n"
        }
        return ["entities.csv": e, "payments.csv": p, "communications.csv": m, "access.csv": a]
    }

    /// The whole log reduced as `spark/reduce.py` does: e1's rows kept (citing their raw lines),
    /// everybody else's as totals, counted with `Jobs` as the detector counts.
    private func reduced(_ full: IngestRun, raw: [String: String]) -> [String: String] {
        let access = full.events.access
        let index = EventIndex(events: full.events, entityCount: full.entities.count)
        let e1 = full.entities.entity(forID: "e1")!
        var kept = "employee,action,vendor,resource,timestamp,ticket,origin\n"
        let lines = raw["access.csv"]!.split(separator: "\n", omittingEmptySubsequences: false)
        for r in 0..<access.rowCount where access.source[r] == e1 {
            kept += lines[Int(access.line[r]) - 1] + ",raw/access.csv:\(access.line[r])\n"
        }
        var totals = "measure,id,count\n"
        var accesses: [String: Int] = [:], actions: [String: Int] = [:]
        for e in 0..<Int32(full.entities.count) where e != e1 {
            var counts = [0, 0, 0, 0]  // jobs, unticketed, bulk jobs, bulk unticketed
            var previous: Int? = nil
            for r in index.accessByEmployee.rows(of: e).map(Int.init) {
                defer { previous = r }
                if access.target[r] >= 0 { accesses[full.entities.id(access.target[r]), default: 0] += 1 }
                actions[full.events.labels.string(access.label[r]), default: 0] += 1
                if let previous,
                    Jobs.continues(r, after: previous, access: access, sessionGap: RingParameters().sessionGap)
                {
                    continue
                }
                let part = access.target[r] < 0 ? 2 : 0
                counts[part] += 1
                if access.ticket.isEmpty(r) { counts[part + 1] += 1 }
            }
            for (measure, n) in zip(["jobs", "unticketed_jobs", "bulk_jobs", "bulk_unticketed_jobs"], counts)
            where n > 0 {
                totals += "\(measure),\(full.entities.id(e)),\(n)\n"
            }
        }
        for (v, n) in accesses.sorted(by: { $0.key < $1.key }) { totals += "accesses,\(v),\(n)\n" }
        for (action, n) in actions.sorted(by: { $0.key < $1.key }) { totals += "action_rows,\(action),\(n)\n" }
        var files = raw
        files["access.csv"] = kept
        files["totals.csv"] = totals
        return files
    }

    @Test func aReducedInputFindsTheSameRingsWithTheSameEvidence() throws {
        let raw = files()
        let full = try IngestRun.of(raw)
        let small = try IngestRun.of(reduced(full, raw: raw))
        #expect(full.rejections.isEmpty && small.rejections.isEmpty)
        #expect(small.events.access.rowCount < full.events.access.rowCount / 10)
        let a = RingDetector().run(entities: full.entities, events: full.events)
        let b = RingDetector().run(entities: small.entities, events: small.events)
        #expect(!a.rings.isEmpty)
        #expect(a.candidates == b.candidates)
        #expect(a.rings.count == b.rings.count)
        for (x, y) in zip(a.rings, b.rings) {
            #expect(x.strength == y.strength)
            #expect(x.members.map { full.entities.id($0.entity) } == y.members.map { small.entities.id($0.entity) })
            #expect(x.members.map(\.role) == y.members.map(\.role))
            #expect(x.members.map(\.reasons) == y.members.map(\.reasons))
            for (s, t) in zip(x.signals, y.signals) {
                #expect(s.observed == t.observed && s.expected == t.expected && s.surprise == t.surprise, "\(s.kind)")
            }
        }
        // Without the totals the prior, the shares and the action kinds change, and so does the evidence.
        var withoutTotals = reduced(full, raw: raw)
        withoutTotals["totals.csv"] = nil
        let bare = try IngestRun.of(withoutTotals)
        let c = RingDetector().run(entities: bare.entities, events: bare.events)
        #expect(c.rings.map(\.strength) != a.rings.map(\.strength))
    }

    @Test func evidenceCitesTheRawRowAReducedRowCameFrom() throws {
        let raw = files()
        let full = try IngestRun.of(raw)
        let small = try IngestRun.of(reduced(full, raw: raw))
        let access = small.events.access
        #expect(access.origins.count == access.rowCount)
        for r in 0..<access.rowCount {
            let origin = small.events.origin(of: r, in: .access)
            #expect(origin.hasPrefix("raw/access.csv:"))
            let line = Int(origin.dropFirst("raw/access.csv:".count))!
            #expect(raw["access.csv"]!.split(separator: "\n")[line - 1].hasPrefix("e1,"))
        }
        // Rows without an origin are cited by file and line as before.
        #expect(small.events.origin(of: 0, in: .payment).hasSuffix("payments.csv:2"))
    }
}
