import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport

/// The background the evidence and decoy tests add their rows to: 300 vendors and 20 support
/// staff (`s0`…`s19`) who touch random vendors with tickets over 180 days, skipping the ticket on
/// about 3 % of jobs.
enum SupportStaffWorld {
    /// An instant `d` days after 2025-01-01, as the logs write it.
    static func day(_ d: Double) -> String { Timestamp.iso8601(Int64(1_735_689_600_000 + d * 86_400_000)) }

    /// A world whose rows the ingestor rejected: a test on it would test less than it says.
    struct RejectedRows: Error, CustomStringConvertible {
        var rejections: [RowRejection]
        var description: String { "the test world has \(rejections.count) rejected rows: \(rejections.prefix(3))" }
    }

    /// The background plus the given rows in each log, ingested. Access rows are
    /// `employee,action,vendor,timestamp,ticket`; a row with no vendor is a bulk job (an export)
    /// and gets the resource `export`. Throws when any row is rejected.
    static func make(
        seed: UInt64, entities: String = "", payments: String = "", messages: String = "",
        access: String = ""
    ) throws -> IngestRun {
        var rng = SplitMix64(seed: seed)
        var e = "id,kind\n" + entities, a = "employee,action,vendor,timestamp,ticket,resource\n"
        for line in access.split(separator: "\n") {
            a += line + (line.split(separator: ",", omittingEmptySubsequences: false)[2].isEmpty ? ",export\n" : ",\n")
        }
        for v in 0..<300 { e += "v\(v),vendor\n" }
        for s in 0..<20 {
            e += "s\(s),employee\n"
            for _ in 0..<120 {
                let ticket = rng.unit() < 0.03 ? "" : "T-\(rng.below(1_000_000))"
                a += "s\(s),view_account,v\(rng.below(300)),\(day(rng.unit() * 180)),\(ticket),\n"
            }
        }
        let run = try IngestRun.of([
            "entities.csv": e, "payments.csv": "from,to,amount,timestamp\n" + payments,
            "communications.csv": "from,to,timestamp\n" + messages, "access.csv": a,
        ])
        guard run.rejections.isEmpty else { throw RejectedRows(rejections: run.rejections) }
        return run
    }
}
