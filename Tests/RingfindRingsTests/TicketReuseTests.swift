import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindRings

/// A ticket borrowed from an old case justifies nothing: a job under a ticket the employee
/// already used, days before, for other accounts counts as a job without one — against the
/// employee's own habits, so an employee whose honest cases span accounts and days is not
/// mistaken for one borrowing tickets.
@Suite struct TicketReuseTests {
    static func day(_ d: Double) -> String { SupportStaffWorld.day(d) }

    @Test func aTicketUsedAgainLaterOnAnAccountItNeverCoveredIsReused() throws {
        let t = { (days: Double) in Self.day(10 + days) }
        let run = try IngestRun.of([
            "access.csv": """
            employee,action,vendor,resource,timestamp,ticket
            e1,view_account,v1,,\(t(0)),T-1
            e1,edit_listing,v1,,\(t(3)),T-1
            e1,view_account,v2,,\(t(3.01)),T-1
            e1,delete_review,v3,,\(t(5)),T-1
            e1,delete_review,v3,,\(t(6)),T-1
            e1,export_reviews,,export,\(t(7)),T-1
            e2,view_account,v4,,\(t(8)),T-1
            e1,view_account,v5,,\(t(9)),T-2
            e1,view_account,v7,,\(t(7.02)),T-1
            e1,view_account,v8,,\(t(10)),T-1

            """
        ])
        let access = run.events.access
        let index = EventIndex(events: run.events, entityCount: run.entities.count)
        let reused = TicketReuse.find(
            access: access, index: index, entityCount: run.entities.count, sessionGap: RingParameters().sessionGap
        ).firstUse
        let marked = (0..<access.rowCount).filter { reused[$0] != nil }.map {
            "\(run.entities.id(access.source[$0])):\(access.target[$0] < 0 ? "bulk" : run.entities.id(access.target[$0]))"
        }
        // v1 again: the case followed up. v2 minutes after the ticket's last use: one sitting.
        // v3 two days later: reused (once: the second job is that account again). The export
        // covers no account, but it is a use: v7 half an hour after it is one sitting, v8 days
        // after is reused. e2's T-1 is another employee's ticket; v5 has its own.
        #expect(marked == ["e1:v3", "e1:v8"])
    }

    /// x, paid by three vendors, and e1 exchange messages; e1 works those vendors' accounts 12
    /// times, each under a ticket. Fresh tickets: routine, no ring. Tickets e1 used weeks before
    /// for other accounts: concealment, a ring, and the rows cited as `reused_ticket`.
    @Test func jobsUnderBorrowedTicketsAreConcealmentAsJobsWithoutOneAre() throws {
        func detection(reusing: Bool) throws -> (RingDetection, IngestRun) {
            var payments = "", access = ""
            for v in 1...3 { payments += "v\(v),x,800,\(Self.day(Double(v)))\n" }
            for j in 0..<60 { access += "e1,view_account,v\(100 + j),\(Self.day(Double(j))),T-\(j)\n" }
            for j in 0..<12 {
                let ticket = reusing ? "T-\(j * 3)" : "T-\(900 + j)"
                access += "e1,delete_review,v\(1 + j % 3),\(Self.day(70 + Double(j) * 5)),\(ticket)\n"
            }
            let run = try SupportStaffWorld.make(
                seed: 5, entities: "x,external\ne1,employee\n", payments: payments,
                messages: "x,e1,\(Self.day(65))\ne1,x,\(Self.day(66))\n", access: access)
            return (RingDetector().run(entities: run.entities, events: run.events), run)
        }
        #expect(try detection(reusing: false).0.rings.isEmpty)
        let (found, run) = try detection(reusing: true)
        let ring = try #require(found.rings.first)
        #expect(Set(ring.members(.insider).map { run.entities.id($0.entity) }) == ["e1"])
        let cited = ring.evidence.filter { $0.type == .access }
        #expect(cited.count == 12 && cited.allSatisfy { $0.signal == .reusedTicket })
        #expect(ring.reusedTicketRows == cited.map(\.row).sorted())
        let insider = try #require(ring.members(.insider).first)
        #expect(insider.reasons.contains { $0.contains("under one reused from another account") })
        // The first such job is cited with where its ticket was first used: T-0 on v100, day 0.
        #expect(
            insider.reasons.contains {
                $0 == "12 jobs under tickets first used for other accounts, e.g. ticket T-0 for v100 on "
                    + "\(Self.day(0)), then for v1 on \(Self.day(70))"
            })
    }

    /// Half of the 12 jobs under old tickets, by an employee who reopens every case days later
    /// on a second account (half of all their jobs): that employee's habit, not concealment.
    @Test func anEmployeeWhoseCasesAlwaysSpanAccountsIsHeldToThatHabit() throws {
        var payments = "", access = ""
        for v in 1...3 { payments += "v\(v),x,800,\(Self.day(Double(v)))\n" }
        for j in 0..<60 {
            access += "e1,view_account,v\(100 + j),\(Self.day(Double(j))),T-\(j)\n"
            access += "e1,view_account,v\(200 + j),\(Self.day(Double(j) + 2)),T-\(j)\n"
        }
        for j in 0..<12 {
            let ticket = j % 2 == 0 ? "T-\(j * 3)" : "T-\(900 + j)"
            access += "e1,delete_review,v\(1 + j % 3),\(Self.day(70 + Double(j) * 5)),\(ticket)\n"
        }
        let run = try SupportStaffWorld.make(
            seed: 5, entities: "x,external\ne1,employee\n", payments: payments,
            messages: "x,e1,\(Self.day(65))\ne1,x,\(Self.day(66))\n", access: access)
        #expect(RingDetector().run(entities: run.entities, events: run.events).rings.isEmpty)
    }
}
