import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// The input contract: file kinds, aliases, kinds of entities, every rejection reason.
@Suite struct InputContractTests {
    @Test func headerAliasesAreCaseInsensitive() throws {
        let run = try IngestRun.of([
            "communications.csv": "Sender, RECIPIENT ,Time,Medium\na,b,2024-01-01,email\n",
            "payments.csv": "src,dst,Value,TS,CCY,N\nv,x,10,2024-01-01,EUR,3\n",
            "access.csv": "User_ID,Operation,Seller,Object,Date,Ticket-ID\ne,delete_review,v,reviews,2024-01-02,T1\n",
        ])
        #expect(run.rejections.isEmpty)
        #expect(run.pairs(.communication) == [["a", "b"]])
        #expect(run.pairs(.payment) == [["v", "x"]])
        #expect(run.events.payments.count == [3])
        #expect(run.pairs(.access) == [["e", "v"]])
        #expect(run.events.access.ticket[0] == "T1")
        #expect(run.events.resources.string(run.events.access.resource[0]) == "reviews")
    }

    @Test func kindsAreInferredFromWhereAnEntityAppears() throws {
        let run = try IngestRun.of([
            "entities.csv": "id,kind\nb1,broker\n",
            "payments.csv": "from,to,amount\nv1,b1,100\nb1,e1,50\nx1,e1,20\n",
            "access.csv": "employee,action,vendor\ne1,view,v1\n",
        ])
        func kind(_ id: String) -> EntityKind { run.entities.kinds[Int(run.entities.entity(forID: id)!)] }
        #expect(kind("b1") == .broker)
        #expect(kind("v1") == .vendor)
        #expect(kind("e1") == .employee)
        #expect(kind("x1") == .external)
        #expect(run.entities.kindOrigins[Int(run.entities.entity(forID: "b1")!)] == .declared)
        #expect(run.entities.kindOrigins[Int(run.entities.entity(forID: "e1")!)] == .inferred)
        #expect(run.entities.kindConflictCount == 0)
    }

    @Test func aDeclaredKindWinsButAConflictIsCounted() throws {
        let run = try IngestRun.of([
            "entities.csv": "id,kind\nv1,vendor\n",
            "access.csv": "employee,action,vendor\nv1,view,v2\n",
        ])
        #expect(run.entities.kinds[0] == .vendor)
        #expect(run.entities.kindConflictCount == 1)
    }

    @Test func accessMayNameAResourceInsteadOfAVendor() throws {
        let run = try IngestRun.of([
            "access.csv": "employee,action,vendor,resource\ne1,migrate,,reviews-db\ne1,view,v1,\n"
        ])
        #expect(run.pairs(.access) == [["e1", "-"], ["e1", "v1"]])
        #expect(run.reports[0].rowsWithoutVendor == 1)
    }

    @Test func everyRowIsAcceptedOrRejectedWithLineColumnAndReason() throws {
        let run = try IngestRun.of([
            "entities.csv": "id,kind,name\na,employee,A\na,vendor,again\n,vendor,no id\nc,alien,C\n",
            "communications.csv":
                "from,to,timestamp,count\na,b,2024-01-01,1\na,,2024-01-01,1\na,b,soon,1\na,b,2024-01-01,0\na,b\n",
            "payments.csv": "from,to,amount\na,b,12.50\na,b,-5\na,b,€5\na,b,\n",
            "access.csv": "employee,action,vendor,resource\ne,view,,\ne,,v,\n",
        ])
        let got = run.rejections.map {
            "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column) \($0.reason.code)"
        }
        #expect(
            got == [
                "entities.csv:3:1 duplicate_entity",
                "entities.csv:4:1 missing_value",
                "entities.csv:5:2 unknown_kind",
                "communications.csv:3:2 missing_value",
                "communications.csv:4:3 bad_timestamp",
                "communications.csv:5:4 bad_number",
                "communications.csv:6:3 wrong_field_count",
                "payments.csv:3:3 bad_number",
                "payments.csv:4:3 bad_number",
                "payments.csv:5:3 missing_value",
                "access.csv:2:3 missing_vendor_and_resource",
                "access.csv:3:2 missing_value",
            ])
        for report in run.reports {
            #expect(report.rowsRead == report.rowsAccepted + report.rowsRejected)
        }
        #expect(run.reports.map(\.rowsAccepted) == [1, 1, 1, 0])
        #expect(run.rejections[0].reason == .duplicateEntity(id: "a", firstLine: 2))
        #expect(run.rejections[0].description.hasSuffix("entities.csv:3:1: entity 'a' is already defined at line 2"))
    }

    @Test func eventsRememberTheirFileAndLine() throws {
        let run = try IngestRun.of(["communications.csv": "from,to\n\na,b\nc,d\n"])
        #expect(run.events.communications.line == [3, 4])
        #expect(run.events.origin(of: 1, in: .communication).hasSuffix("communications.csv:4"))
    }

    @Test func strictStopsAtTheFirstBadRow() throws {
        #expect {
            _ = try IngestRun.of(
                ["communications.csv": "from,to\na,b\nc,\n"], policy: RejectPolicy(strict: true, limit: .count(0)))
        } throws: { error in
            guard case IngestError.strictRejection(let rejection) = error else { return false }
            return rejection.line == 3 && rejection.column == 2
        }
    }

    @Test func tooManyRejectsFailsTheFile() throws {
        let text = "from,to\n" + String(repeating: "a,b\n", count: 98) + "a,\n,b\n"
        _ = try IngestRun.of(["communications.csv": text], policy: RejectPolicy(strict: false, limit: .percent(2)))
        #expect(throws: IngestError.self) {
            _ = try IngestRun.of(
                ["communications.csv": text], policy: RejectPolicy(strict: false, limit: .percent(1.5)))
        }
        #expect(throws: IngestError.self) {
            _ = try IngestRun.of(["communications.csv": text], policy: RejectPolicy(strict: false, limit: .count(1)))
        }
    }

    @Test func rejectLimitsParseCountsAndPercentages() {
        #expect(RejectPolicy.parseLimit("250") == .count(250))
        #expect(RejectPolicy.parseLimit("0.5%") == .percent(0.5))
        #expect(RejectPolicy.parseLimit("-1") == nil)
        #expect(RejectPolicy.parseLimit("150%") == nil)
        #expect(RejectPolicy.parseLimit("lots") == nil)
    }
}
