import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// The two inputs a reduced case adds (`spark/reduce.py`): an `origin` column on log rows and
/// `totals.csv`, the totals of access rows left out.
@Suite struct ReducedInputContractTests {
    @Test func anOriginColumnIsCitedInsteadOfFileAndLine() throws {
        let run = try IngestRun.of([
            "communications.csv":
                "from,to,timestamp,origin\na,b,2024-01-01,s3://logs/comms/part-7.csv:12\nb,a,2024-01-02,\n",
            "payments.csv": "from,to,amount,raw_origin\nv,x,10,payments.csv:99\n",
            "access.jsonl":
                #"{"employee": "e", "action": "view", "vendor": "v", "origin": "access/day=3/part-0.jsonl:5"}"# + "\n",
        ])
        #expect(run.rejections.isEmpty)
        #expect(run.events.origin(of: 0, in: .communication) == "s3://logs/comms/part-7.csv:12")
        #expect(run.events.origin(of: 1, in: .communication).hasSuffix("communications.csv:3"))
        #expect(run.events.origin(of: 0, in: .payment) == "payments.csv:99")
        #expect(run.events.origin(of: 0, in: .access) == "access/day=3/part-0.jsonl:5")
        #expect(run.reports.allSatisfy { $0.ignoredColumns.isEmpty })
    }

    @Test func totalsAddUpByMeasure() throws {
        let run = try IngestRun.of([
            "entities.csv": "id,kind\ne1,employee\n",
            "totals.csv": """
            measure,id,count
            jobs,e1,40
            unticketed_jobs,e1,2
            bulk_jobs,e1,5
            bulk_unticketed_jobs,e1,1
            jobs,e2,3
            jobs,e2,4
            accesses,v1,70
            accesses,v1,5
            other_accesses,*,300
            action_rows,view_account,12
            action_rows,export_contacts,1

            """,
        ])
        #expect(run.rejections.isEmpty)
        let totals = run.events.omittedAccess
        let e1 = run.entities.entity(forID: "e1")!, e2 = run.entities.entity(forID: "e2")!,
            v1 = run.entities.entity(forID: "v1")!
        #expect(totals.jobs[e1]?.vendor == 40 && totals.jobs[e1]?.vendorUnticketed == 2)
        #expect(totals.jobs[e1]?.bulk == 5 && totals.jobs[e1]?.bulkUnticketed == 1)
        #expect(totals.jobs[e2]?.vendor == 7)
        #expect(totals.accesses[v1] == 75)
        #expect(totals.otherAccesses == 300 && run.entities.entity(forID: "*") == nil)
        #expect(Set(totals.actions.map { run.events.labels.string($0) }) == ["view_account", "export_contacts"])
        // An id first seen in totals gets the kind of its measure.
        #expect(run.entities.kinds[Int(e2)] == .employee)
        #expect(run.entities.kinds[Int(v1)] == .vendor)
        #expect(run.events.access.rowCount == 0)
    }

    @Test func aBadTotalsRowIsRejectedWithItsReason() throws {
        let run = try IngestRun.of(["totals.csv": "measure,id,count\nhours,e1,3\njobs,e1,0\njobs,,4\njobs,e1,2\n"])
        #expect(run.rejections.map(\.reason.code) == ["unknown_measure", "bad_number", "missing_value"])
        #expect(run.rejections.map(\.line) == [2, 3, 4])
        #expect(run.events.omittedAccess.jobs.count == 1)
    }
}
