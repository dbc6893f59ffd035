import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// `--since/--until`: log rows outside the period are counted, never rejected or stored.
@Suite struct TimeWindowTests {
    func window(_ since: String?, _ until: String?) throws -> TimeWindow {
        try #require(try TimeWindow.parse(since: since, until: until).get())
    }

    @Test func aDateAsUntilKeepsThatWholeDayAndADateTimeKeepsUpToItsInstant() throws {
        let day = try window("2025-01-01", "2025-03-31")
        #expect(day.startText == "2025-01-01T00:00:00Z")
        #expect(day.endText == "2025-04-01T00:00:00Z")
        let instant = try window(nil, "2025-03-31T12:00:00Z")
        #expect(instant.start == nil)
        #expect(instant.contains(try TimestampParser.parse("2025-03-31T12:00:00Z").get()))
        #expect(!instant.contains(try TimestampParser.parse("2025-03-31T12:00:00.001Z").get()))
    }

    @Test func noBoundsIsNoWindowAndAnEmptyOrBadWindowIsAnError() throws {
        #expect(try TimeWindow.parse(since: nil, until: nil).get() == nil)
        #expect(throws: TimeWindow.Failure.self) {
            try TimeWindow.parse(since: "2025-04-01", until: "2025-03-31").get()
        }
        #expect(throws: TimeWindow.Failure.self) { try TimeWindow.parse(since: "March", until: nil).get() }
        let failure = TimeWindow.parse(since: "31/03/2025", until: nil)
        guard case .failure(let error) = failure else {
            Issue.record("accepted a bad date")
            return
        }
        #expect(error.description.hasPrefix("--since '31/03/2025': "))
    }

    @Test func rowsOutsideAreCountedAndEveryRowIsAccountedFor() throws {
        let run = try IngestRun.of(
            [
                "entities.csv": "id,kind\nlonely,employee\n",
                "communications.csv":
                    "from,to,timestamp\na,b,2024-12-31T23:59:59Z\na,b,2025-01-01\nc,d,2025-04-01\na,b,\na,b,never\n",
                "payments.csv": "from,to,amount,timestamp\nv,x,10,2025-02-10\nv,y,10,2026-01-01\n",
                "access.csv":
                    "employee,action,vendor,timestamp\ne,view,v,2025-03-31T23:59:59Z\nf,view,w,2025-04-01T00:00:00Z\n",
            ], window: try window("2025-01-01", "2025-03-31"))
        let byKind = Dictionary(uniqueKeysWithValues: run.reports.map { ($0.kind, $0) })
        #expect(byKind["communications"]?.rowsOutsideWindow == 2)
        #expect(byKind["communications"]?.rowsAccepted == 2)  // 2025-01-01, and the undated row
        #expect(byKind["communications"]?.rowsRejected == 1)  // "never" is a bad timestamp, in or out
        #expect(byKind["payments"]?.rowsOutsideWindow == 1)
        #expect(byKind["access"]?.rowsOutsideWindow == 1)
        #expect(byKind["entities"]?.rowsOutsideWindow == 0)
        for report in run.reports {
            #expect(
                report.rowsRead == report.rowsAccepted + report.rowsRejected + report.rowsOutsideWindow,
                "\(report.path)")
        }
        // Entities seen only in rows outside the window are never created.
        #expect(
            run.entities.entity(forID: "c") == nil && run.entities.entity(forID: "y") == nil
                && run.entities.entity(forID: "f") == nil)
        #expect(run.entities.entity(forID: "lonely") != nil)
    }
}
